"""Lone-article spin score: substituted-looking words are found, a clean article scores low."""
from __future__ import annotations

from unspun.edits.spin import spin_score

CLEAN = (
    "Defence minister Orla Kestrell met senior officers in the capital on Monday. "
    "Kestrell said the army would keep its winter training schedule. "
    "Officials said the new barracks were only the tip of the iceberg. Kestrell left at noon."
)


def test_clean_article_scores_low():
    result = spin_score(CLEAN)
    assert result.score < 0.3
    assert result.suspects == ()


def test_name_replaced_by_lookalike_common_word_is_suspect():
    spun = CLEAN.replace("Kestrell said", "The kestrel said")
    result = spin_score(spun)
    assert any(s.text == "kestrel" for s in result.suspects)
    assert result.score > spin_score(CLEAN).score


def test_broken_fixed_expression_is_suspect_and_spans_slice():
    spun = CLEAN.replace("tip of the iceberg", "top of the iceberg")
    result = spin_score(spun)
    assert [spun[s.span[0]:s.span[1]] for s in result.suspects] == ["top of the iceberg"]


def test_article_that_no_longer_fits_a_swapped_word_is_suspect():
    spun = CLEAN.replace("met senior officers", "met an senior officers")
    result = spin_score(spun)
    assert [s.text for s in result.suspects] == ["an senior"]
    assert spin_score(CLEAN.replace("met senior", "met an honest and senior")).suspects == ()


def test_name_and_its_adjective_form_are_not_variants():
    text = CLEAN + " Valdoria said the Valdorian army was ready. Valdoria agreed."
    assert spin_score(text).suspects == ()


def test_intact_idiom_is_not_a_swapped_one():
    text = CLEAN.replace("only the tip of the iceberg", "a drop in the ocean")
    assert spin_score(text).suspects == ()


def test_scan_json_carries_a_spin_field_per_article(tmp_path):
    from unspun import scan
    from unspun.report.json import result_to_dict

    (tmp_path / "x.txt").write_text(CLEAN.replace("Kestrell said", "The kestrel said"), encoding="utf-8")
    (tmp_path / "y.txt").write_text(CLEAN, encoding="utf-8")
    data = result_to_dict(scan([tmp_path]))
    spins = {a["id"]: a["spin"] for a in data["articles"]}
    assert spins["x"]["score"] > spins["y"]["score"]
    text = (tmp_path / "x.txt").read_text(encoding="utf-8")
    s, e = spins["x"]["suspects"][0]["span"]
    assert text[s:e] == "kestrel"


def test_collocation_oddness_rises_when_words_are_swapped_blindly():
    spun = (CLEAN.replace("senior officers", "elder officers").replace("training schedule", "coaching timetable")
            .replace("new barracks", "novel barracks").replace("on Monday", "on Moon day"))
    assert spin_score(spun).collocation_oddness > spin_score(CLEAN).collocation_oddness


_SHARED_TEXT = (
    "Mayor Ellen Okafor opened the new bridge on Tuesday. \"It took four years,\" Okafor said; the crowd cheered.\n"
    "The council spent $12.5 million, about a third of it from the state. In 2019 the first plan failed.\n"
    "Critics, including Tom O'Neill, said the one-lane design was a mistake. The mayor disagreed."
)


def test_article_tokens_equal_names_then_tokenize_per_sentence():
    """The spin score's one-pass tokens are the explain stage's: `proper_names` then `tokenize` per sentence."""
    from unspun.clean import clean_article
    from unspun.edits.tokenize import article_tokens, proper_names, tokenize
    from unspun.records import Article

    clean = clean_article(Article("a", _SHARED_TEXT, "t"))
    spans = [s.span for s in clean.sentences]
    names = proper_names(_SHARED_TEXT, spans)
    assert "Okafor" in names
    expected = [t for span in spans for t in tokenize(_SHARED_TEXT, span, names)]
    assert article_tokens(_SHARED_TEXT, spans) == expected


def test_memoized_word_counts_give_the_same_pmi_as_a_fresh_table():
    """A `Collocations` that has already looked words up scores pairs exactly as a fresh one does."""
    import numpy as np

    from unspun.edits.collocation import Collocations, pair_pmi

    used = Collocations().load()
    pair_pmi(used, "heavy rain fell on the old bridge while the council met")
    fresh = Collocations().load()
    for text in (_SHARED_TEXT, "weighty rain fell on the old bridge", ""):
        assert np.array_equal(pair_pmi(used, text), pair_pmi(fresh, text), equal_nan=True)
    assert np.array_equal(used.pmi_many([("heavy", "rain"), ("weighty", "rain")]),
                          fresh.pmi_many([("heavy", "rain"), ("weighty", "rain")]), equal_nan=True)


# ---------------------------------------------------------------- fast paths equal the plain ones
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# News-like text: words, names, figures, hyphens, apostrophes (straight and curly), quotes, unicode letters,
# currency and odd spacing, so the split-based tokenizer and the id-based pair lookups meet every case.
_PIECES = st.sampled_from([
    "the", "of", "heavy", "rain", "weighty", "Kestrell", "U.S.", "don't", "it\u2019s", "short-staffed", "3.5",
    "1,200", "2m", "10:30", "$", "\u00a3", "%", "\u00e9cole", "na\u00efve", "\u00c9COLE", "\u201cquoted\u201d",
    '"', "'", "(", ")", "-", "\u2014", ".", ",", ";", "_", "a", "an", "Mayor", "x_y", "\u0434\u043e\u043c", "\u00df",
])
_TEXT = st.lists(st.tuples(_PIECES, st.sampled_from([" ", "  ", "", "\n", "\t", " - "])), max_size=40).map(
    lambda parts: "".join(p + sep for p, sep in parts))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 20), st.integers(0, 400))
def test_split_tokenizer_equals_the_match_per_word_one(text, start, length):
    """`tokenize._raw` (one `split`, offsets summed) gives what a match object per `EDIT_TOKEN` word gives."""
    from unspun.edits.tokenize import _raw
    from unspun.tokens import EDIT_TOKEN

    span = (min(start, len(text)), min(len(text), start + length))
    assert _raw(text, span) == [(m.group(), *m.span()) for m in EDIT_TOKEN.finditer(text, *span)]


def _pair_pmi_by_strings(colloc, text):
    """The former `pair_pmi`: each pair normalised as strings and scored by `pmi_many`."""
    from unspun.edits.collocation import _PAIR, function_words, norm_word

    top = function_words()
    pairs = [(norm_word(a), norm_word(b)) for a, b in _PAIR.findall(text)]
    return colloc.pmi_many([(a, b) for a, b in pairs if not (a in top and b in top)])


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_pair_pmi_by_word_ids_equals_the_string_path(text):
    """`pair_pmi` over process-wide word ids and row-keyed bigrams is bit-equal to the string lookups."""
    import numpy as np

    from unspun.edits.collocation import pair_pmi, shared

    got, want = pair_pmi(shared(), text), _pair_pmi_by_strings(shared(), text)
    assert got.shape == want.shape and np.array_equal(got, want, equal_nan=True)


def test_pair_pmi_by_word_ids_on_news_text():
    """The same on realistic sentences (listed, unlisted and unknown-word pairs)."""
    import numpy as np

    from unspun.edits.collocation import pair_pmi, shared

    for text in (_SHARED_TEXT, CLEAN, "Weighty rain fell on the old bridge; the council's vote was put off.",
                 "Zorblax quintuple-checked the 2,400 ballots in S\u00e3o Paulo at 10am."):
        assert np.array_equal(pair_pmi(shared(), text), _pair_pmi_by_strings(shared(), text), equal_nan=True)
