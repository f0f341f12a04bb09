"""fingerprint: immutables (names, numbers, quotes), sentence features, shingles and MinHash."""
from __future__ import annotations

import numpy as np
from conftest import clean
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.config import FingerprintConfig
from unspun.fingerprint import (
    article_features,
    article_immutables,
    article_table,
    feature_table,
    fingerprint,
    number_key,
    sentence_features,
    sentence_immutables,
    sentence_key,
    shingles,
    specific_words,
    stem,
)
from unspun.tokens import EDIT_TOKEN, FEATURE_TOKEN, FEATURE_TOKEN_ASCII, WORD, WORD_ASCII, light_stem


def immutables(text: str) -> frozenset[str]:
    return sentence_features(text).immutables


# --- immutables --------------------------------------------------------------------------------------


def test_immutables_include_person_and_place_names_in_mid_sentence():
    imm = immutables("On Friday the council asked Mayor Denise Okafor to visit Hollins Creek.")
    assert {"p:denise", "p:okafor", "p:hollins", "p:creek", "p:friday"} <= imm


def test_immutables_skip_a_capitalized_common_word_at_the_start_of_a_sentence():
    imm = immutables("Construction is expected to begin next spring, engineer Priya Natarajan said.")
    assert "p:construction" not in imm
    assert {"p:priya", "p:natarajan"} <= imm


def test_immutables_keep_a_sentence_initial_name_followed_by_another_name():
    assert {"p:denise", "p:okafor"} <= immutables("Denise Okafor said the vote was overdue.")


def test_immutables_never_include_stopwords_even_when_capitalized():
    imm = immutables("The plant was built in 1974. They said It Was Fine.")
    assert not {"p:the", "p:they", "p:it", "p:was"} & imm


def test_immutables_normalize_thousands_separators_so_1200_matches_1_200():
    assert number_key("1,200") == number_key("1200") == "n:1200"
    assert "n:1200" in immutables("About 1,200 residents attended.")
    assert immutables("About 1,200 residents attended.") & immutables("Some 1200 people came.") == {"n:1200"}


def test_immutables_keep_decimals_and_years_distinct():
    imm = immutables("Bills rise by $6.40 a month from 2025, up 3.5 percent.")
    assert {"n:6.40", "n:2025", "n:3.5"} <= imm
    assert number_key("3.5") != number_key("35")


def test_immutables_include_quoted_strings_with_curly_or_straight_quotes_alike():
    curly = immutables("\u201cThis is the right project with the wrong financing,\u201d Castillo said.")
    straight = immutables('"This is the right project with the wrong financing," Castillo said.')
    quote = "q:this is the right project with the wrong financing"
    assert quote in curly and quote in straight


def test_immutables_ignore_very_short_quoted_words():
    assert not any(i.startswith("q:") for i in immutables('He called it "fine" and left.'))


def test_synonym_spun_sentence_keeps_the_immutables_of_the_original():
    original = (
        "The plant, which was built in 1974, serves roughly 61,500 households across the eastern half "
        "of Marion County, inspector Alma Reyes said."
    )
    spun = (
        "Roughly 61,500 homes throughout the eastern portion of Marion County are served by the facility, "
        "which was constructed in 1974, inspector Alma Reyes stated."
    )
    a, b = sentence_features(original), sentence_features(spun)
    assert {"n:1974", "n:61500", "p:marion", "p:county", "p:alma", "p:reyes"} <= a.immutables
    assert a.immutables <= b.immutables
    # the spinner changed the content words, so content overlap is much weaker than immutables overlap
    assert len(a.content & b.content) / len(a.content | b.content) < 0.6


def test_sentence_features_fold_quotes_and_dashes_before_extracting():
    a = sentence_features("Okafor\u2019s plan \u2014 worth $48 million \u2014 passed 7\u20132.")
    b = sentence_features("Okafor's plan - worth $48 million - passed 7-2.")
    assert a == b


def test_stem_lets_inflections_meet():
    assert stem("walked") == stem("walks") == stem("walking") == stem("walk")
    assert stem("policies") == stem("policy")


def test_article_features_has_one_entry_per_kept_sentence(story):
    ca = story["doubled_caption"]
    assert len(article_features(ca)) == len(ca.sentences)


def _rows(table) -> list[tuple[int, int, int]]:
    return sorted(zip(table.hashes.tolist(), table.sentence.tolist(), table.kind.tolist()))


def _same_table(ca) -> None:
    """The compiled table (`article_table`) holds the rows of the per-sentence feature sets, once each."""
    old, new = feature_table(article_features(ca)), article_table(ca)
    assert _rows(new) == _rows(old) and len(new.hashes) == len(old.hashes)
    assert new.keys.tolist() == old.keys.tolist() and new.n_sentences == old.n_sentences == len(ca.sentences)
    assert fingerprint(ca).immutables == frozenset().union(*(f.immutables for f in article_features(ca)))


def test_the_compiled_feature_table_equals_the_per_sentence_one_for_every_fixture(story):
    # The pair stage aligns on `article_table`; any row it lost or added would change alignments silently.
    for ca in story.values():
        _same_table(ca)


def test_article_signature_collects_immutables_from_all_sentences(story):
    ca = story["original"]
    sig = fingerprint(ca, article_features(ca))
    assert {"p:okafor", "p:castillo", "p:natarajan", "n:61500", "n:1974", "n:48"} <= sig.immutables
    assert sig.minhash.dtype == np.uint32 and sig.minhash.shape == (FingerprintConfig().num_perm,)
    # n_tokens counts the vectorised stage's shingles; its tokenizer splits "$48"/"1,200" a little
    # differently from `tokens`, so the two counts agree to within a few percent
    expected = len(shingles(ca, FingerprintConfig().shingle_size))
    assert abs(sig.n_tokens - expected) <= 0.05 * expected


def test_signature_reads_the_same_immutables_with_or_without_the_sentence_features(story):
    # The scan's prepare step fingerprints without features (only the immutables are needed there); the
    # candidates it proposes must be the ones the full features would have proposed.
    for ca in story.values():
        with_features, without = fingerprint(ca, article_features(ca)), fingerprint(ca)
        assert without.immutables == with_features.immutables
        assert np.array_equal(without.minhash, with_features.minhash)


# --- shingles and MinHash ------------------------------------------------------------------------------


def test_shingles_are_word_trigrams_case_and_quote_insensitive():
    a = clean("\u201cWe Cannot wait,\u201d Okafor said.")
    b = clean('"we cannot WAIT," okafor said.')
    assert shingles(a, 3) == shingles(b, 3) == ["we cannot wait", "cannot wait okafor", "wait okafor said"]


def test_shingles_ignore_the_removed_caption_copy(story):
    assert shingles(story["doubled_caption"], 3) == shingles(story["original"], 3)


def test_shingles_of_a_text_shorter_than_the_shingle_size_is_one_shingle():
    assert shingles(clean("Vote passed."), 3) == ["vote passed"]
    assert shingles(clean("  "), 3) == []


# --- properties ----------------------------------------------------------------------------------------

_words = st.sampled_from(
    ["Okafor", "Denise", "council", "the", "voted", "1,200", "1200", "$6.40", "\u201cno way,\u201d", '"we cannot wait"',
     "Riverside", "\u2014", "said", "U.S.", "\u00e9t\u00e9", "\u00b2", "\u0663"]
)
_sentences = st.one_of(st.text(max_size=80), st.lists(_words, max_size=15).map(" ".join))


@settings(max_examples=100, deadline=None)
@given(_sentences)
def test_sentence_features_are_total_and_tagged(text):
    f = sentence_features(text)
    assert all(i[:2] in {"p:", "n:", "q:"} for i in f.immutables)
    assert all(" " in s for s in f.skeleton)
    assert sentence_features(text) == f  # pure: no hidden state


@settings(max_examples=100, deadline=None)
@given(_sentences)
def test_features_do_not_change_under_normalization_of_the_input(text):
    from unspun.clean import normalize

    assert sentence_features(normalize(text)) == sentence_features(text)


@settings(max_examples=200, deadline=None)
@given(_sentences)
def test_sentence_immutables_are_the_immutables_of_the_full_features(text):
    assert sentence_immutables(text) == sentence_features(text).immutables


@settings(max_examples=50, deadline=None)
@given(st.lists(_sentences, max_size=6).map("\n".join))
def test_fingerprint_has_the_configured_shape_for_any_text(text):
    ca = clean(text)
    sig = fingerprint(ca, article_features(ca))
    assert sig.minhash.shape == (FingerprintConfig().num_perm,)
    assert sig.n_tokens >= 0


def test_the_two_stemmers_differ_as_documented():
    # stem cuts to seven letters (sentence matching); light_stem drops one ending (fixed expressions)
    assert stem("international") == stem("internal")
    assert light_stem("international") != light_stem("internal")
    assert light_stem("moving") == light_stem("moves") == light_stem("move") == "mov"


def test_edit_and_feature_token_patterns_split_numbers_differently():
    text = "A two-year deal worth £4.5m, signed at 10:30."
    assert EDIT_TOKEN.findall(text) == ["A", "two-year", "deal", "worth", "£", "4.5m", "signed", "at", "10", "30"]
    assert FEATURE_TOKEN.findall(text) == ["A", "two", "year", "deal", "worth", "4.5", "m", "signed", "at", "10:30"]


_article_lines = st.one_of(_sentences, st.sampled_from(
    ["Okafor said. Denise Okafor agreed.", "Riverside Council voted 7-2 on the $6.40 fare.", "Advertisement",
     'She said "we cannot wait for the vote" and left.', "U.S. Sen. Castillo, 61, said no.", "I", "A B",
     "\u00c9t\u00e9 \u00e0 Montr\u00e9al, M\u00fcller said."]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_article_lines, max_size=8).map("\n".join))
def test_the_compiled_feature_table_equals_the_per_sentence_one_for_any_text(text):
    _same_table(clean(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(_article_lines, max_size=8).map("\n".join))
def test_article_immutables_are_the_union_of_the_sentence_features_immutables_for_any_text(text):
    # The signature reads them from word verdicts over the normalized text, one table lookup per token.
    ca = clean(text)
    assert article_immutables(ca) == frozenset().union(*(f.immutables for f in article_features(ca)))


def test_article_immutables_of_the_fixtures_are_their_sentences_immutables(story):
    for ca in story.values():
        assert article_immutables(ca) == frozenset().union(*(f.immutables for f in article_features(ca)))


_lookup_words = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
    st.sampled_from(["the", "said", "year", "council", "government", "percent", "okafor", "don't", "two-year",
                     "co-op", "rock'n'roll", "caf\u00e9", "US", "Said", "x", "zz", "internationally"]),
)


@settings(max_examples=300, deadline=None)
@given(_lookup_words, st.sampled_from([3.0, 4.0, 5.0]))
def test_zipf_below_is_wordfreqs_verdict_for_any_word(word, threshold):
    from unspun.tokens import zipf, zipf_below

    assert zipf_below(word, threshold) == (zipf(word) < threshold)


@settings(max_examples=200, deadline=None)
def _specific_words_per_word(text: str) -> frozenset[str]:
    """`specific_words` by the rule as it was written word by word, before each word's verdict was kept."""
    from unspun.fingerprint import DETAIL_WORD
    from unspun.tokens import zipf

    expected = set()
    for w in set(DETAIL_WORD.findall(text)):
        key = w.casefold().replace("\u2019", "'")
        if key[0].isdigit():
            expected.add(key)
        elif len(key) > 2 and zipf(key) < 5.0:
            expected.add(key[:-1] if key.endswith("s") and not key.endswith("ss") and len(key) > 4 else key)
    return frozenset(expected)


@given(st.one_of(st.text(max_size=150), _article_lines))
def test_specific_words_are_the_per_word_rule_for_any_text(text):
    assert specific_words(text) == _specific_words_per_word(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_token_patterns_find_what_the_unicode_ones_find_in_ascii_text(text):
    assert FEATURE_TOKEN_ASCII.findall(text) == FEATURE_TOKEN.findall(text)
    assert WORD_ASCII.findall(text) == WORD.findall(text)


def _compiled_tokens(text: str, details: bool) -> list[str]:
    """The tokens `fingerprint._ascii_ids` finds in ASCII text, read back through the ids it gave them."""
    from unspun.fingerprint import _ascii_ids, _HashIds

    seen: list[str] = []
    table = _HashIds()

    def id_of(tok: str) -> int:
        if tok not in seen:
            seen.append(tok)
        return seen.index(tok)

    first = [seen[i] for i in _ascii_ids(text, table, details, id_of).tolist()]
    again = [seen[i] for i in _ascii_ids(text, table, details, id_of).tolist()]  # now every token by its hash
    assert again == first
    return first


_ascii_text = st.text(alphabet="abcXYZ019'-.,:\n \"$", max_size=120)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_ascii_text, st.text(alphabet=st.characters(max_codepoint=127), max_size=120)))
def test_the_compiled_ascii_tokenizer_finds_the_regex_tokens(text):
    from unspun.fingerprint import _SPLIT_TOKEN, DETAIL_WORD

    assert _compiled_tokens(text, False) == _SPLIT_TOKEN.findall(text)
    assert _compiled_tokens(text, True) == DETAIL_WORD.findall(text)


def test_the_compiled_tokenizer_table_grows_without_losing_a_word():
    words = [a + b + c for a in "abcdefghijklmnop" for b in "abcdefghijklm" for c in "abcdefghijklmno"]
    assert len(words) > 3000  # past the first table's 4,096 slots at half load
    assert _compiled_tokens(" ".join(words), True) == words


@settings(max_examples=200, deadline=None)
@given(st.lists(_article_lines, min_size=1, max_size=8).map("\n".join))
def test_pair_facts_give_each_sentences_figures_and_names_hashed(text):
    from unspun.fingerprint import PairFacts, _hash
    from unspun.provenance import sentence_figures_and_names

    ca = clean(text)
    facts = PairFacts(ca)
    for k, sent in enumerate(ca.sentences):
        figures, names = sentence_figures_and_names(sent.text)
        assert facts.figures_and_names(k) == ({_hash(x, "i") for x in figures}, {_hash(x, "i") for x in names})
    assert facts.immutables() == {_hash(x, "i") for x in article_immutables(ca)}
    assert [facts.key(k) for k in range(len(ca.sentences))] == [sentence_key(s.text) for s in ca.sentences]


# The signature's immutables of ASCII sentences come from one compiled pass over the joined sentences (the rule
# of place per sentence, numbers and capitals looked up by hash) and one quote search over all of them: lines
# that open a quote another line closes, sentences opening with a name, a number or a capital alone, words
# glued to numbers, and non-ASCII sentences beside them (those take the per-sentence rules).
_immutable_pool = st.sampled_from(
    ['He said "the plan is', 'done" and "we will see about it" later.', '"Short" one.', "Okafor left.",
     "Okafor Hollins left.", "1,200 came. 3.5m", "2m Dollars", "Tuesday", "A", "I said it.", "The Mayor spoke.",
     "Don't Stop", "x'Y z", "Caf\u00e9 Okafor said \"nous verrons bient\u00f4t\" to Reyes.", "\u00c9mile Zola, 61.",
     "10:30 Meeting", "...", "Mr. Castillo (D) said no.", "a B", "B a"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_immutable_pool, _sentences), max_size=10).map("\n".join))
def test_the_compiled_signature_immutables_equal_the_per_sentence_rules(text):
    ca = clean(text)
    assert article_immutables(ca) == frozenset().union(*(f.immutables for f in article_features(ca)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=80))
def test_distinct_ids_are_the_nonzero_ids_once_each_in_order_of_first_sight(values):
    import numpy as np

    from unspun.feature_kernel import distinct_ids

    seen = np.zeros(41, np.bool_)
    got = distinct_ids(np.array(values, np.int64), seen).tolist()
    assert got == [v for v in dict.fromkeys(values) if v != 0]
    assert not seen.any()  # left clean for the next text


def test_specific_words_of_a_whole_article_are_the_per_word_rule(story):
    # A long ASCII text repeats its details (names, figures) many times: each is one specific word.
    for ca in story.values():
        text = ca.article.text + "\nThe Harbour Authority said 1,200 ferries ran; the Harbour Authority agreed."
        assert specific_words(text) == _specific_words_per_word(text)
