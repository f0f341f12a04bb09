"""The direction votes' fast paths (issue 15) give what their plain definitions give: the pair's word swaps found
once, `_chosen` kept on each span, `rewrite_extent` in one pass over the edits, `article_clash` behind its letter-a
precheck, the details, names and lost capitals by set operations."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.edits.collocation import shared, span_word_count, span_words, word_count
from unspun.edits.compare import compare
from unspun.edits.direction import (
    _CONNECTIVES, _FIT_MIN_BITS, _HEAVY, _chosen, _word_swaps, context_fit_vote, grammar_edits, rewrite_extent, swapped_details,
    votes, word_swaps, wording_gaps,
)
from unspun.tokens import STOPWORDS, light_stem

SOURCE = (
    "Firefighters from the Dunmore station spent six hours on Tuesday tackling a blaze at a timber yard on Quarry "
    "Lane, where stacks of seasoned oak caught fire shortly after noon. The yard's owner, Marguerite Ellison, said "
    "the flames spread quickly because a dry easterly wind was blowing across the site. Nobody was hurt, but 40 "
    "residents of the nearby Linfield estate were asked to keep their windows shut. Crews used a high-volume pump "
    "drawing water from the canal, and a drone helped them find hot spots inside the smouldering piles. The cause "
    "is being investigated; Ellison said the yard would reopen on Monday."
)
# A garbled heavy rewrite: words swapped for odd ones, grammar words changed, a sentence cut.
GARBLED = (
    "Blaze-fighters of the Dunmore post used six hrs on Tuesday fighting a fire at one lumber yard on Quarry "
    "Lane, where piles of aged oak took flame soon past midday. The yard's proprietor, Marguerite Ellison, told "
    "the fires went fast since a parched eastern breeze was gusting over the location. No one got injured, yet 40 "
    "dwellers of the close Linfield estate got told to hold their panes closed. Teams utilised a big-capacity "
    "pump pulling liquid out of the waterway. The reason is under probe; Ellison said the yard will reopen Monday."
)
# A light thesaurus spin: a few content words swapped, one compound.
SPUN = (SOURCE.replace("tackling", "combating").replace("seasoned", "matured").replace("quickly", "swiftly")
        .replace("high-volume", "large-capacity").replace("smouldering", "glowing"))


def _fit_reference(text_a, text_b, edits):
    """`context_fit_vote`'s total as it was written before: one `np.add.reduce` per side of each swap."""
    sides = []
    for _, sa, sb in _word_swaps(text_a, text_b, edits):
        pa, pb = (sa.context, sb.context) if _chosen(sa.words) and _chosen(sb.words) else (sa.edges, sb.edges)
        if pa and pb:
            sides.append((pa, pb))
    if not sides:
        return None
    pmi = np.nan_to_num(shared().pmi_many([p for pa, pb in sides for p in (*pa, *pb)]), nan=0.0)
    total, k = 0.0, 0
    for pa, pb in sides:
        fa = np.add.reduce(pmi[k: k + len(pa)]) / len(pa)
        fb = np.add.reduce(pmi[k + len(pa): k + len(pa) + len(pb)]) / len(pb)
        k += len(pa) + len(pb)
        total += max(-4.0, min(4.0, float(fa - fb)))
    return total


def _extent_reference(text_a, text_b, edits):
    """`rewrite_extent` as it was written before: one `span_word_count` call per side of each edit."""
    na = word_count(text_a) or 1
    nb = word_count(text_b) or 1
    ca = sum(span_word_count(text_a, e.a_span) for e in edits if e.kind != "moved" and e.a_span)
    cb = sum(span_word_count(text_b, e.b_span) for e in edits if e.kind != "moved" and e.b_span)
    return (ca / na + cb / nb) / 2


def test_context_fit_sums_equal_one_reduce_per_swap():
    """The vote's weight to the last bit (one `np.add.reduceat` over all the runs had summed long runs in another
    order: the ai-rewrites votes differed in their last bits)."""
    for a, b in ((SOURCE, GARBLED), (GARBLED, SOURCE), (SOURCE, SPUN)):
        edits = compare(a, b).edits
        total = _fit_reference(a, b, edits)
        assert total is not None and total != 0
        vote = context_fit_vote(a, b, edits)
        if abs(total) < _FIT_MIN_BITS:
            assert vote is None
        else:
            assert vote is not None and vote[0] == max(-1.0, min(1.0, total / 10.0))
            assert f"{total:+.1f} bits" in vote[1]


def test_the_context_fit_vote_fires_on_the_garbled_rewrite():
    edits = compare(SOURCE, GARBLED).edits
    assert rewrite_extent(SOURCE, GARBLED, edits) >= _HEAVY
    vote = context_fit_vote(SOURCE, GARBLED, edits)
    assert vote is not None and vote[0] == max(-1.0, min(1.0, _fit_reference(SOURCE, GARBLED, edits) / 10.0))


def test_rewrite_extent_counts_span_words_as_span_word_count_does():
    for a, b in ((SOURCE, GARBLED), (GARBLED, SOURCE), (SOURCE, SPUN), (SPUN, SOURCE)):
        edits = compare(a, b).edits
        assert rewrite_extent(a, b, edits) == _extent_reference(a, b, edits)


def test_swaps_found_once_give_the_same_readers():
    for a, b in ((SOURCE, SPUN), (SOURCE, GARBLED)):
        edits = compare(a, b).edits
        swaps = word_swaps(a, b, edits)
        assert swaps == list(_word_swaps(a, b, edits)) and swaps
        assert all(sa.chosen == _chosen(sa.words) and sb.chosen == _chosen(sb.words) for _, sa, sb in swaps)
        assert wording_gaps(a, b, edits, swaps=swaps) == wording_gaps(a, b, edits)
        assert context_fit_vote(a, b, edits, swaps=swaps) == context_fit_vote(a, b, edits)
        assert swapped_details(a, b, edits, swaps=swaps) == swapped_details(a, b, edits)
    assert swapped_details(SOURCE, SPUN, compare(SOURCE, SPUN).edits)  # the spin's swapped words are found


def test_votes_read_the_swaps_once_and_give_the_same_votes_again():
    c = compare(SOURCE, GARBLED)
    first = votes(c.a, c.b, c.edits, matches=c.matches)
    assert first and votes(c.a, c.b, c.edits, matches=c.matches) == first


NAMED = (
    "Anne-Marie O'Connell, who chairs the Harbour Trust, said the Trust's 2,400 members voted on Thursday. "
    "\u201cWe heard from the Rivers and the Joneses,\u201d O\u2019Connell said; Councillor Reyes agreed. Talks with "
    "Notre-Dame Holdings resume in 2025, and the McAllisters will attend with 12 of the Trust's Fellows."
)


def test_details_are_the_figures_and_names_among_the_specific_words():
    from unspun.edits.information import details, names
    from unspun.fingerprint import specific_words

    for text in (SOURCE, GARBLED, SPUN, NAMED):
        found = names(text)
        plain = frozenset(w for w in specific_words(text) if w[0].isdigit() or w in found or w + "s" in found)
        assert details.__wrapped__(text) == plain
    assert {"2,400", "reye", "o'connell", "notre-dame", "mcallister"} <= details(NAMED)  # plurals dropped


def test_examples_are_sorted_by_the_memoized_key_as_by_the_plain_one():
    from unspun.edits.information import _examples, information
    from unspun.tokens import zipf

    info = information(SOURCE, GARBLED)
    for words, other in ((info.words_a, info.words_b), (info.words_b, info.words_a)):
        plain = tuple(sorted(words - other, key=lambda w: (not w[0].isdigit(), zipf(w), w))[:6])
        assert _examples(words, other) == plain and plain


def test_casing_forms_fold_each_distinct_word_as_folding_every_word_does():
    from unspun.edits import casing

    for text in (SOURCE, GARBLED, NAMED, SOURCE.lower(), "Rain fell on Monday, and the Station Cafe closed."):
        fold = str.casefold
        plain = (frozenset(map(fold, casing._MID_CAP.findall(text))), frozenset(map(fold, casing._MID_LOW.findall(text))),
                 frozenset(map(fold, casing._CAPITALISED.findall(text))))
        assert casing._forms.__wrapped__(text) == (plain[0], plain[2])
        assert all(casing._lower_mid(text, w) == (w in plain[1]) for w in plain[0] | plain[1] | plain[2])


def test_casing_finds_the_lost_capitals_as_the_set_definition_does():
    from unspun.edits import casing

    lowered = NAMED.replace("Harbour Trust", "harbour trust").replace("Councillor", "councillor").replace(
        "Fellows", "fellows;")
    for a, b in ((NAMED, lowered), (lowered, NAMED), (SOURCE, GARBLED.lower()), (NAMED, NAMED.lower())):
        fold = str.casefold
        cap_a, any_a = casing._forms(a)
        cap_b, any_b = casing._forms(b)
        low_a, low_b = (frozenset(map(fold, casing._MID_LOW.findall(t))) for t in (a, b))
        assert casing.casing(a, b) == casing.Casing(tuple(sorted((cap_a - any_b) & low_b)),
                                                    tuple(sorted((cap_b - any_a) & low_a)))
    assert casing.casing(NAMED, lowered).lost_in_b == ("councillor", "fellows", "harbour")  # "Trust's" is kept


def _names_plain(text):
    """`information.names` as it was written before: a match object and a slice per capitalised word."""
    from unspun.edits.information import _CAPITALISED, _SENTENCE_OPENERS

    out = set()
    for m in _CAPITALISED.finditer(text):
        before = text[max(0, m.start() - 3):m.start()].rstrip(" \t")
        if before and before[-1] not in _SENTENCE_OPENERS:
            out.add(m.group().casefold().replace("\u2019", "'"))
    return frozenset(out)


def test_names_equal_the_per_match_definition_on_news_text():
    from unspun.edits.information import names

    for text in (SOURCE, GARBLED, NAMED, "Ann met Bob.\nCarl and\tDee (Eve) \u201cFay\u201d said: Gus", "Bo", " Al x"):
        assert names(text) == _names_plain(text)
    assert {"harbour", "notre-dame", "o'connell"} <= names(NAMED) and not {"anne-marie", "councillor"} & names(NAMED)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(("A", "Ab", "ab", " ", "  ", "\t", ".", ",", "'", "\u2019", "-", "\u201c", "\u2018",
                                 "(", "\n", "Bo", "x", "9", "_", "\u00e9", ":", "Mc", "Dame", "Notre-", "\r")),
                max_size=14))
def test_names_equal_the_per_match_definition_on_any_text(parts):
    from unspun.edits.information import names

    text = "".join(parts)
    assert names(text) == _names_plain(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(("the", "of", "30", "2024", "said", "and", "not", "short-staffed", "vote", "1.5")),
                min_size=1, max_size=5))
def test_chosen_is_a_word_outside_the_grammar_words_and_figures(words):
    from unspun.edits.direction import _NOT_CHOSEN

    assert _chosen(words) == any(w not in _NOT_CHOSEN and not w.isdigit() for w in words)


def _clash_by_regex(text, span):
    """`article_clash` as it read before its letter-a precheck: the two regex calls alone."""
    from unspun.edits import words as w

    start, end = span
    word = w._LETTERS_AT.match(text[start:end])
    before = w._ARTICLE_BEFORE.search(text[max(0, start - 4):start])
    if not word or not before:
        return False
    low, art = word.group().casefold(), before.group(1).casefold()
    vowel = low[0] in "aeiou" and not low.startswith(w._VOWEL_SOUND_EXCEPTIONS) or low.startswith(w._SILENT_H)
    if len(low) == 1 or low.isupper():
        return False
    return (art == "a") == vowel


def test_the_article_precheck_passes_every_clash():
    from unspun.edits.words import article_clash

    text = ("A apple fell, an banana rotted and AN Egg broke; a hour passed. The owl saw an owl and a unicorn; "
            "\u201ca elephant\u201d, (an dog) An Ox A Ant, a\tuser and an\nidiot.")
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 12) + 1):
            assert article_clash(text, (start, end)) == _clash_by_regex(text, (start, end))
    assert sum(article_clash(text, (i, i + 5)) for i in range(len(text) - 5)) >= 5


def test_names_memo_stays_bounded_and_gives_the_same_names(monkeypatch):
    from unspun.edits import information

    text = ("Officials in Harare said on Monday that Chief Engineer Ruth Moyo had resigned. \u201cWe expected it,\u201d "
            "said Tendai Chikore of the Water Board; the minister, Farai Ncube, declined to comment (see Annex B).")
    before = information.names(text)
    monkeypatch.setattr(information, "_INSIDE", information._InsideSentence())
    monkeypatch.setattr(information, "_INSIDE_MAX", 3)
    assert information.names(text) == before
    assert {"moyo", "chikore", "ncube", "harare"} <= before and "officials" not in before
    assert len(information._INSIDE) <= 3


def _grammar_reference(text_a, text_b, edits):
    """`grammar_edits` as it was written before: `span_words` of every edit's two sides."""
    n = 0
    for e in edits:
        if e.kind == "moved":
            continue
        wa = span_words(text_a, e.a_span) if e.a_span else []
        wb = span_words(text_b, e.b_span) if e.b_span else []
        if not wa and not wb:
            continue
        if all(w in STOPWORDS for w in (*wa, *wb)):
            n += not (wa and wb and all(w in _CONNECTIVES for w in (*wa, *wb)))  # a spinner's connective swap
        elif len(wa) == len(wb) == 1 and wa != wb and light_stem(wa[0]) == light_stem(wb[0]):
            n += 1
    return n


def test_grammar_edits_read_from_the_swapped_spans_count_as_span_words_do():
    """The swaps' words come from `_span` (memoized by `word_swaps`), the other edits' from `span_words`."""
    counts = []
    for a, b in ((SOURCE, GARBLED), (GARBLED, SOURCE), (SOURCE, SPUN), (SPUN, SOURCE)):
        edits = compare(a, b).edits
        for warm in (False, True):
            if warm:
                word_swaps(a, b, edits)
            counts.append(grammar_edits(a, b, edits))
            assert counts[-1] == _grammar_reference(a, b, edits)
    assert max(counts) >= 2  # the garbled rewrite changed grammar words ("from" -> "of", "a" -> "one")
