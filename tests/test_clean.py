"""clean: normalization, sentence splitting with offsets, doubled-caption removal."""
from __future__ import annotations

import re

from conftest import clean, fixture_text
from hypothesis import example, given, settings
from hypothesis import strategies as st

from unspun.clean import _QUOTES, match_key, normalize, split_sentences
from unspun.config import CleanConfig


def sentence_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# --- normalize / match_key -------------------------------------------------------------------------


def test_normalize_folds_curly_quotes_to_straight():
    assert normalize("\u201cIt\u2019s done,\u201d she said.") == "\"It's done,\" she said."


def test_normalize_folds_en_and_em_dashes_and_minus_to_hyphen():
    assert normalize("2019\u20132021 \u2014 a rise of \u22123") == "2019-2021 - a rise of -3"


def test_normalize_turns_nbsp_and_thin_spaces_into_single_spaces():
    assert normalize("$6.40\u00a0a month,\u2009up\u202ffrom  $5 \n\n today ") == "$6.40 a month, up from $5 today"


def test_normalize_folds_fullwidth_characters():
    assert normalize("\uff21\uff22\uff23 News") == "ABC News"


def test_normalize_is_idempotent_on_a_real_article():
    once = normalize(fixture_text("original"))
    assert normalize(once) == once


def test_match_key_is_equal_for_a_caption_repeated_with_curly_vs_straight_apostrophe_and_spacing():
    first = "Workers inspect the city\u2019s oldest filtration tank at the Hollins Creek plant in March."
    second = "  Workers inspect the city's  oldest filtration\u00a0tank at the Hollins Creek plant in March. "
    assert match_key(first) == match_key(second)


def test_match_key_ignores_case_and_punctuation_but_not_words():
    assert match_key("PHOTO: Mayor Okafor -- at City Hall!") == match_key("photo mayor okafor at city hall")
    assert match_key("Mayor Okafor at City Hall") != match_key("Mayor Castillo at City Hall")


# --- split_sentences -------------------------------------------------------------------------------


def test_split_sentences_keeps_titles_and_honorifics_inside_the_sentence():
    text = "Mr. Castillo met Dr. Natarajan and Mrs. Okafor on Tuesday. They discussed the plant."
    assert sentence_texts(text) == [
        "Mr. Castillo met Dr. Natarajan and Mrs. Okafor on Tuesday.",
        "They discussed the plant.",
    ]


def test_split_sentences_keeps_country_abbreviations_and_dates_inside_the_sentence():
    text = "The U.S. Treasury and the U.K. regulator met on Oct. 14 in Geneva. No deal was reached."
    assert sentence_texts(text) == [
        "The U.S. Treasury and the U.K. regulator met on Oct. 14 in Geneva.",
        "No deal was reached.",
    ]


def test_split_sentences_keeps_initials_inside_the_sentence():
    text = "The novel by J. K. Rowling sold 4,000 copies. Sales were strong."
    assert sentence_texts(text) == ["The novel by J. K. Rowling sold 4,000 copies.", "Sales were strong."]


def test_split_sentences_splits_on_question_and_exclamation_marks():
    text = "Who pays for it? Residents do! The council agreed."
    assert sentence_texts(text) == ["Who pays for it?", "Residents do!", "The council agreed."]


def test_split_sentences_ends_a_sentence_after_a_closing_quote():
    text = "\u201cWe cannot wait any longer.\u201d Okafor left the chamber. \"It is done.\" Castillo shrugged."
    assert sentence_texts(text) == [
        "\u201cWe cannot wait any longer.\u201d",
        "Okafor left the chamber.",
        "\"It is done.\"",
        "Castillo shrugged.",
    ]


def test_split_sentences_ends_a_sentence_ending_in_the_word_no():
    text = "Castillo voted no. Okafor voted yes. The item is No. 5 on the agenda."
    assert sentence_texts(text) == ["Castillo voted no.", "Okafor voted yes.", "The item is No. 5 on the agenda."]


def test_split_sentences_does_not_split_decimals_or_prices():
    assert sentence_texts("Bills rise by $6.40 a month and 3.5 percent a year. That is all.") == [
        "Bills rise by $6.40 a month and 3.5 percent a year.",
        "That is all.",
    ]


def test_split_sentences_never_spans_paragraphs_even_without_final_punctuation():
    text = "Riverside council approves upgrade\nThe vote was 7-2\n\nConstruction starts in spring"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Riverside council approves upgrade",
        "The vote was 7-2",
        "Construction starts in spring",
    ]
    assert all("\n" not in text[s:e] for s, e in spans)


def test_split_sentences_respects_start_and_end_offsets():
    text = "Intro line.\nFirst one. Second one.\nOutro line."
    start = text.index("First")
    end = text.index("\nOutro")
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == ["First one.", "Second one."]


def test_split_sentences_spans_are_stripped_of_surrounding_whitespace():
    text = "   The vote passed.    Okafor smiled.   \n"
    for s, e in split_sentences(text):
        assert text[s:e] == text[s:e].strip()


# --- clean_article -----------------------------------------------------------------------------------


def test_clean_article_reports_a_doubled_caption_as_removed_duplicate_line():
    text = fixture_text("doubled_caption")
    ca = clean(text)
    first = "Workers inspect the city\u2019s oldest filtration tank at the Hollins Creek plant in March."
    second = "Workers inspect the city's  oldest filtration tank at the Hollins Creek plant in March."
    assert len(ca.removed) == 1
    removed = ca.removed[0]
    assert removed.kind == "duplicate_line"
    assert text[removed.span[0] : removed.span[1]] == second == removed.text
    assert removed.span[0] == text.index(second)
    assert text[removed.duplicate_of[0] : removed.duplicate_of[1]] == first
    assert removed.duplicate_of[0] == text.index(first)


def test_clean_article_excludes_the_removed_caption_copy_from_sentences():
    text = fixture_text("doubled_caption")
    ca = clean(text)
    removed = ca.removed[0]
    caption_sentences = [s for s in ca.sentences if "filtration tank" in s.text]
    assert len(caption_sentences) == 1
    assert caption_sentences[0].span == removed.duplicate_of
    assert all(not (s.span[0] < removed.span[1] and removed.span[0] < s.span[1]) for s in ca.sentences)


def test_clean_article_with_doubled_caption_keeps_the_same_text_as_the_original(story):
    assert story["doubled_caption"].norm_text == story["original"].norm_text
    assert story["original"].removed == ()


def test_clean_article_keeps_short_repeats_like_advertisement_as_ordinary_text():
    text = (
        "The council met on Tuesday to discuss the plant.\n"
        "Advertisement\n"
        "Residents packed the chamber for three hours.\n"
        "Advertisement\n"
        "The vote passed 7-2.\n"
    )
    ca = clean(text)
    assert ca.removed == ()
    assert [s.text for s in ca.sentences].count("Advertisement") == 2


def test_clean_article_removes_a_repeated_long_sentence_inside_paragraphs_as_duplicate_sentence():
    pull_quote = "Okafor said the city cannot keep asking families to boil water."
    text = f"The vote passed 7-2 on Tuesday. {pull_quote}\n\nCastillo voted against it. {pull_quote} The hearing is Oct. 14."
    ca = clean(text)
    assert [r.kind for r in ca.removed] == ["duplicate_sentence"]
    r = ca.removed[0]
    assert r.span[0] == text.rindex(pull_quote) and r.duplicate_of[0] == text.index(pull_quote)
    assert [s.text for s in ca.sentences].count(pull_quote) == 1


def test_clean_article_sentence_indices_are_consecutive_and_spans_slice_the_text(story):
    for ca in story.values():
        assert [s.index for s in ca.sentences] == list(range(len(ca.sentences)))
        for s in ca.sentences:
            assert ca.article.text[s.span[0] : s.span[1]] == s.text


def test_clean_article_drops_fragments_shorter_than_min_sentence_chars():
    ca = clean("The vote passed 7-2.\n--\nOkafor smiled.")
    assert [s.text for s in ca.sentences] == ["The vote passed 7-2.", "Okafor smiled."]


def test_clean_article_on_whitespace_only_text_has_no_sentences():
    ca = clean(" \n\t\n ")
    assert ca.sentences == () and ca.removed == () and ca.norm_text == ""


# --- properties ----------------------------------------------------------------------------------

_alphabet = st.sampled_from(
    list("abcXYZ019 .,;:!?\"'()[]-\n\t")
    + ["\u2019", "\u201c", "\u201d", "\u2014", "\u00a0", "\u2009", "\u00e9", "\u00b4", "\uff21", "\u2028", "Mr. ", "U.S. ", "J. "]
)
news_like = st.lists(_alphabet, max_size=120).map("".join)
any_text = st.one_of(st.text(max_size=150), news_like)
# Lines drawn from a small pool so duplicates (captions) actually occur.
_line_pool = st.sampled_from(
    [
        "Workers inspect the city\u2019s oldest tank in March.",
        "Workers inspect the city's  oldest tank in March.",
        "Advertisement",
        "The vote passed 7-2. Okafor smiled!",
        "Mr. Castillo said \u201cno.\u201d Dr. Natarajan agreed.",
        "",
        "   ",
        "a.",
    ]
)
pooled_text = st.lists(st.one_of(_line_pool, news_like), max_size=8).map("\n".join)


def _check_spans(text: str, config: CleanConfig) -> None:
    ca = clean(text, config=config)
    spans = [s.span for s in ca.sentences] + [r.span for r in ca.removed]
    for s, e in spans:
        assert 0 <= s < e <= len(text)
    for s in ca.sentences:
        assert text[s.span[0] : s.span[1]] == s.text
        # a sentence may only cross a single line break that hard-wrapped it mid-sentence
        for m in re.finditer(r"\n", s.text):
            assert "\n" not in s.text[m.end():].lstrip(" \t\r\f\v")[:1]
            assert s.text[m.end():].lstrip()[:1].islower()
    for r in ca.removed:
        assert text[r.span[0] : r.span[1]] == r.text
        assert 0 <= r.duplicate_of[0] < r.duplicate_of[1] <= r.span[0]
    assert [s.span for s in ca.sentences] == sorted(s.span for s in ca.sentences)
    assert [r.span for r in ca.removed] == sorted(r.span for r in ca.removed)
    ordered = sorted(spans)
    for (_, e1), (s2, _) in zip(ordered, ordered[1:]):
        assert e1 <= s2, "sentence/removed spans overlap"


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, pooled_text))
def test_match_key_is_the_word_runs_left_by_replacing_every_other_run_with_a_space(text):
    # match_key finds the word runs in one pass; it was defined as the runs of non-word characters
    # replaced by a space, then split on whitespace
    import re

    assert match_key(text) == " ".join(re.sub(r"[^\w]+", " ", normalize(text).casefold()).split())


@settings(max_examples=100, deadline=None)
@given(any_text)
def test_match_key_is_stable_under_normalize(text):
    assert match_key(normalize(text)) == match_key(text)


@settings(max_examples=150, deadline=None)
@given(st.one_of(any_text, pooled_text))
def test_clean_spans_are_in_bounds_sorted_non_overlapping_and_slice_to_their_text(text):
    _check_spans(text, CleanConfig())


@settings(max_examples=150, deadline=None)
@given(st.one_of(any_text, pooled_text))
def test_kept_sentences_and_removed_spans_cover_all_line_content(text):
    # min_sentence_chars=0 keeps every fragment, so nothing may silently disappear.
    config = CleanConfig(min_sentence_chars=0)
    ca = clean(text, config=config)
    covered = [False] * len(text)
    for s, e in [s.span for s in ca.sentences] + [r.span for r in ca.removed]:
        for k in range(s, e):
            covered[k] = True
    missing = [(k, text[k]) for k in range(len(text)) if not covered[k] and not text[k].isspace()]
    assert not missing


@settings(max_examples=100, deadline=None)
@given(st.one_of(any_text, pooled_text))
@example("0000000000000000000000000\n0000000000000000000000000\na")  # doubled line wrapped into a 1-letter line
def test_with_default_config_only_too_short_fragments_go_uncovered(text):
    config = CleanConfig()
    ca = clean(text, config=config)
    covered = [False] * len(text)
    for s, e in [s.span for s in ca.sentences] + [r.span for r in ca.removed]:
        for k in range(s, e):
            covered[k] = True
    for s, e in split_sentences(text):
        # A removed duplicate line inside a wrapped sentence leaves the rest of that sentence to be
        # judged alone: each uncovered run must then be only too-short fragments.
        k = s
        while k < e:
            if covered[k]:
                k += 1
                continue
            run = k
            while k < e and not covered[k]:
                k += 1
            for fs, fe in split_sentences(text, run, k):
                assert len(match_key(text[fs:fe])) < config.min_sentence_chars, (text[s:e], text[fs:fe])


def test_hard_wrapped_lines_split_like_the_unwrapped_text():
    wrapped = "The council voted on Tuesday to close the\nbridge until repairs are done. Work starts in May.\n"
    flat = wrapped.replace("the\nbridge", "the bridge")
    assert [wrapped[s:e].replace("\n", " ") for s, e in split_sentences(wrapped)] == [
        flat[s:e] for s, e in split_sentences(flat)
    ]


def test_a_headline_line_is_not_joined_to_the_dateline_below_it():
    text = "Bridge closed after inspectors find corrosion\nLINDENFIELD, May 14 - The bridge closed."
    assert len(split_sentences(text)) == 2


def test_run_on_sentences_are_cut_at_clause_punctuation_within_the_limit():
    long = ", ".join(f"item number {i} on the list of things the committee reviewed" for i in range(12)) + "."
    spans = split_sentences(long, max_chars=200)
    assert len(spans) > 1
    assert all(e - s <= 200 for s, e in spans)
    assert all(long[s:e].endswith((",", ".")) for s, e in spans)


# --- the fast paths against the definitions they replace ----------------------------------------------

def _clean_as_defined(text: str, config: CleanConfig):
    """clean_article as it was first written: string match keys, each block split by `split_sentences`."""
    from unspun.clean import join_wrapped, line_spans
    from unspun.records import Article, CleanArticle, Removed, Sentence

    removed, seen_lines, kept_lines = [], {}, []
    for span in line_spans(text):
        key = match_key(text[span[0]:span[1]])
        first = seen_lines.get(key)
        if first is not None and len(key) >= config.min_duplicate_chars:
            removed.append(Removed("duplicate_line", span, text[span[0]:span[1]], first))
            continue
        seen_lines.setdefault(key, span)
        kept_lines.append(span)
    seen, sentences = {}, []
    for block in join_wrapped(text, kept_lines):
        for span in split_sentences(text, *block, max_chars=config.max_sentence_chars):
            body = text[span[0]:span[1]]
            key = match_key(body)
            if len(key) < config.min_sentence_chars:
                continue
            first = seen.get(key)
            if first is not None and len(key) >= config.min_duplicate_chars:
                removed.append(Removed("duplicate_sentence", span, body, first))
                continue
            seen.setdefault(key, span)
            sentences.append(Sentence(len(sentences), span, body))
    removed.sort(key=lambda r: r.span)
    article = Article("t", text, "test")
    return CleanArticle(article, tuple(sentences), tuple(removed), "\n".join(normalize(s.text) for s in sentences))


# ASCII text takes the hashed-key route: news-like lines, wrapped mid-sentence, repeated, with abbreviations.
_ascii_pool = st.sampled_from(
    [
        "Workers inspect the city's oldest tank in March, officials said.",
        "Workers  inspect the CITY'S oldest tank in March - officials said!",
        "Advertisement",
        "The vote passed 7-2. Okafor smiled! \"We won,\" she said.",
        "Mr. Castillo said no. Dr. Natarajan agreed, and U.S. Sen. J. Doe (D) left at 3 p.m. on Jan. 5.",
        "the council, which met on",
        "Tuesday, voted No. 5 down.",
        "and the mayor said",
        "",
        "   \t",
        "a.",
        "_x_ 1,200.5 $6.40 -- ok?",
    ]
)
_ascii_like = st.lists(st.sampled_from(list("abcXYZ019 .,;:!?\"'()[]-\n\t_") + ["Mr. ", "U.S. ", "J. ", "no. "]),
                       max_size=120).map("".join)
ascii_text = st.lists(st.one_of(_ascii_pool, _ascii_like), max_size=10).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(ascii_text, pooled_text, any_text),
       st.sampled_from([CleanConfig(), CleanConfig(min_duplicate_chars=3, max_sentence_chars=60)]))
def test_clean_article_equals_its_first_definition_for_any_text(text, config):
    # Keys hashed in one compiled pass (ASCII) and each paragraph split once must change nothing
    from unspun.clean import clean_article
    from unspun.records import Article

    assert clean_article(Article("t", text, "test"), config) == _clean_as_defined(text, config)


@settings(max_examples=150, deadline=None)
@given(st.one_of(ascii_text, pooled_text))
def test_a_hash_shared_by_different_keys_falls_back_to_the_keys(text):
    # Force every key to one hash: each hit is then checked against the keys and the article cleaned on them
    import numpy as np

    from unspun import clean as clean_module
    from unspun.records import Article

    original = clean_module._span_keys

    def collide(buf, starts, ends, hashes, lengths):
        original(buf, starts, ends, np.zeros_like(hashes), lengths)
        hashes[:] = 7

    clean_module._span_keys = collide
    try:
        assert clean_module.clean_article(Article("t", text, "test")) == _clean_as_defined(text, CleanConfig())
    finally:
        clean_module._span_keys = original


@settings(max_examples=300, deadline=None)
@given(st.one_of(ascii_text, pooled_text, any_text))
def test_line_spans_are_the_stripped_non_blank_lines(text):
    from unspun.clean import line_spans

    expected = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            expected.append((s, e))
    assert line_spans(text) == expected


# The compiled splitter reads ASCII bytes, or one stand-in byte per character of other text: the characters
# that matter (curly quotes, odd spaces, digits, one-letter words, lower case) and those it must refuse
# (a casefold holding ASCII: the Kelvin sign, long s, sharp s, ligatures, dotted capital I).
_unicode_pool = st.sampled_from(
    list("aZ0. !?\"'()[]\n\t") + ["Mr. ", "No. 5", "no. ", "U.S. ", "J. ", "e.g. ", "St. ", "\u201cA", "\u201d ",
                                  "\u2018", "\u2019", "\u00a0", "\u2009", "\u3000", "\u2028", "\x85", "\u00e9. ",
                                  "\u00c9", "\u00e7", "\u0661", "\u00b2", "\u0301", "\u01c5", "\u212a", "\u017f",
                                  "\u00df", "\ufb06", "\u0130", "\u00aa", "\uff21", "\u2014", "\u0915"])
unicode_text = st.lists(_unicode_pool, max_size=80).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(ascii_text, pooled_text, unicode_text, any_text), st.sampled_from([0, 40, 300]))
def test_the_compiled_sentence_splitter_equals_the_python_one_for_any_text(text, max_chars):
    from unspun.clean import _sentence_spans, block_sentences, join_wrapped, line_spans

    lines = line_spans(text)
    expected = [span for block in join_wrapped(text, lines) for span in block_sentences(text, block, max_chars)]
    assert _sentence_spans(text, lines, max_chars) == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(ascii_text, pooled_text, unicode_text))
def test_the_compiled_normalized_text_equals_normalize_per_sentence(text):
    from unspun.clean import _norm_text, clean_article
    from unspun.records import Article

    spans = [s.span for s in clean_article(Article("t", text, "test")).sentences]
    assert _norm_text(text, spans) == "\n".join(normalize(text[s:e]) for s, e in spans)


def test_a_character_whose_casefold_is_ascii_sends_the_text_to_the_python_splitter():
    from unspun.clean import _char_class, _stand_in

    assert _char_class("\u212a") == -1 and _char_class("\u00df") == -1  # Kelvin sign -> "k", sharp s -> "ss"
    assert _stand_in("Temperature rose 5 \u212a. It held.") is None
    assert _stand_in("Caf\u00e9 \u201cNo. 5\u201d opened.") is not None


@settings(max_examples=300, deadline=None)
@given(st.one_of(pooled_text, unicode_text, any_text, ascii_text))
def test_hashed_span_keys_group_spans_as_their_key_strings_do(text):
    # Spans of non-ASCII text are hashed from their bytes (ASCII spans) or their key strings: one scheme
    from unspun.clean import line_spans, span_keys

    spans = line_spans(text) + [s.span for s in clean(text).sentences]
    hashed, plain = span_keys(text, spans, True), span_keys(text, spans, False)
    assert [size for _, size in hashed] == [size for _, size in plain]
    for (h1, _), (k1, _) in zip(hashed, plain):
        for (h2, _), (k2, _) in zip(hashed, plain):
            assert (h1 == h2) == (k1 == k2)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, pooled_text, unicode_text,
                 st.text(alphabet=[chr(c) for c in _QUOTES] + list("ab1 _\u00e9\u2034\uff07"))))
def test_match_key_is_the_word_runs_of_the_normalized_text(text):
    # match_key skips normalize's quote, dash and space folding (none of those is or becomes a word character)
    assert match_key(text) == " ".join(re.findall(r"\w+", normalize(text).casefold()))


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, unicode_text, st.text(alphabet=[chr(c) for c in _QUOTES] + ["\u2214", "\U0001f600", "a"])))
def test_the_fold_table_as_a_list_maps_as_the_dict(text):
    from unspun.clean import _FOLD

    assert text.translate(_FOLD) == text.translate(_QUOTES)
