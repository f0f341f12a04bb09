"""What the pair stage reads of an article once (`fingerprint.PairFacts`) gives what the plain definitions give
per pair (issue 15: speed work must not change one verdict). Each test holds the plain definition as the
reference and compares on generated and news-like text, ASCII and not."""
from __future__ import annotations

import numpy as np
from conftest import clean
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.align import align
from unspun.clean import normalize
from unspun.fingerprint import (
    PairFacts, _detail_hash, _hash, article_features, detail_hashes, detail_inclusion, feature_table,
    sentence_features, specific_words,
)
from unspun.provenance import ordered_coverage

_WORDS = ["Okafor", "Denise", "council", "the", "voted", "1,200", "$6.40", "\u201cno way,\u201d", '"we cannot wait"',
          "Riverside", "\u2014", "said", "U.S.", "\u00e9t\u00e9", "M\u00fcller", "caf\u00e9", "Zo\u00eb\u2019s",
          "\u00b2", "\u0663", "\u212a", "STRASSE", "stra\u00dfe", "don\u2019t", "well-known", "ferries", "Ardmore",
          "pier", "42"]
_text = st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join).map(lambda s: s + "."),
                 max_size=8).map(" ".join)
_spacing = st.sampled_from([" ", "  ", "\t", "\n", " \u00a0", "\x1c"])


@settings(max_examples=200, deadline=None)
@given(_text, st.lists(_spacing, min_size=1, max_size=4), st.booleans())
def test_the_folded_hash_is_equal_wherever_the_folded_texts_are(text, spaces, upper):
    # the exact-copy test compares the folded texts only where the hashes are equal: a hash that differed for
    # equal folded texts would lose an "exact" verdict
    other = "".join(w + spaces[k % len(spaces)] for k, w in enumerate(text.split(" ")))
    other = other.upper() if upper else other
    a, b = PairFacts(clean(text)), PairFacts(clean(other))
    if normalize(text).casefold() == normalize(other).casefold():
        assert a.folded_hash() == b.folded_hash()
    folded = PairFacts(clean(normalize(text).casefold()))
    assert folded.folded_hash() == a.folded_hash()


def test_a_curly_quoted_text_and_its_plain_copy_have_one_folded_hash():
    curly = "\u201cWe Cannot wait,\u201d Okafor said \u2014 twice.\u00a0 The  vote is on."
    plain = '"we cannot wait," okafor said - twice. the vote is on.'
    assert normalize(curly).casefold() == normalize(plain).casefold()
    assert PairFacts(clean(curly)).folded_hash() == PairFacts(clean(plain)).folded_hash()
    assert PairFacts(clean(plain)).folded_hash() != PairFacts(clean(plain + " Again.")).folded_hash()


@settings(max_examples=200, deadline=None)
@given(_text, _text)
def test_details_and_their_inclusion_are_specific_words_hashed(text_a, text_b):
    assert detail_hashes(text_a).tolist() == sorted({_detail_hash(w) for w in specific_words(text_a)})
    a, b = PairFacts(clean(text_a)), PairFacts(clean(text_b))
    assert a.detail_inclusion(b) == detail_inclusion(text_a, text_b)


@settings(max_examples=200, deadline=None)
@given(_text, st.integers(0, 8), st.integers(0, 9))
def test_the_words_of_a_run_of_sentences_are_their_content_and_immutables_hashed(text, first, last):
    ca = clean(text)
    features = [sentence_features(s.text) for s in ca.sentences[first:last]]
    words = frozenset().union(*(f.content for f in features))
    names = frozenset().union(*(f.immutables for f in features))
    assert PairFacts(ca).words(first, last) == {_hash(w, "c") for w in words} | {_hash(w, "i") for w in names}


_SOURCE = ("The Riverside council voted 7-2 on Tuesday to close the Ardmore pier. Denise Okafor said the vote "
           "came after a survey of 1,200 residents. Repairs would cost $6.4 million, the report found. The pier "
           "opened in 1911 and carried ferries to Kilbride until 1998. Residents may appeal until May 8.")
_RETOLD = ("Ardmore pier will close after the Riverside council voted 7-2 on Tuesday, a decision Denise Okafor tied "
           "to a survey of 1,200 residents and to repairs the report put at $6.4 million. The pier, opened in 1911, "
           "carried ferries to Kilbride until 1998. Appeals are open until May 8.")


def test_ordered_coverage_reads_the_same_words_from_the_facts():
    for short, long in ((_RETOLD, _SOURCE), (_SOURCE, _RETOLD), ("M\u00fcller said no. " + _RETOLD, _SOURCE)):
        cs, cl = clean(short), clean(long)
        fs, fl = PairFacts(cs), PairFacts(cl)
        matches = align(cs, cl, fs, fl).matches
        for kept in (matches, matches[::2], matches[1:2]):
            assert ordered_coverage(cs, cl, kept, True, (fs, fl)) == ordered_coverage(cs, cl, kept, True)


def test_a_sentence_with_many_features_is_sorted_like_a_short_one():
    # `feature_kernel._sort` sorts in place by insertion up to 48 values and with np.sort past that; the rows
    # come sorted by sentence, kind and hash either way, and each sentence's figures and names are all there
    figures_and_names = " ".join(f"{k} {chr(65 + k % 26)}{chr(97 + k // 26)}" for k in range(50))
    words = " ".join(f"{chr(97 + k % 26)}{chr(97 + k // 26)}q" for k in range(50))
    ca = clean(f"So {figures_and_names} {words}. Short one.")
    facts = PairFacts(ca)
    table, ref = facts.table, feature_table(article_features(ca))
    order = np.lexsort((ref.hashes, ref.kind, ref.sentence))
    assert (table.kind[table.sentence == 0] == 2).sum() > 48 and (table.kind[table.sentence == 1] == 0).sum() > 48
    assert table.hashes.tolist() == ref.hashes[order].tolist()
    assert table.sentence.tolist() == ref.sentence[order].tolist() and table.kind.tolist() == ref.kind[order].tolist()
    figures, names = facts.figures_and_names(0)
    assert len(figures) == 50 and len(names) == 50
