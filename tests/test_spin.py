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

    from unspun.edits.collocation import Collocations

    used = Collocations().load()
    used.text_pair_pmi("heavy rain fell on the old bridge while the council met")
    fresh = Collocations().load()
    for text in (_SHARED_TEXT, "weighty rain fell on the old bridge", ""):
        assert np.array_equal(used.text_pair_pmi(text), fresh.text_pair_pmi(text), equal_nan=True)
    assert np.array_equal(used.pmi_many([("heavy", "rain"), ("weighty", "rain")]),
                          fresh.pmi_many([("heavy", "rain"), ("weighty", "rain")]), equal_nan=True)


# ---------------------------------------------------------------- fast paths equal the plain ones
from conftest import pair_pmi_by_strings  # noqa: E402
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
    """`tokenize._columns` (one `split`, offsets summed) gives what a match object per `EDIT_TOKEN` word gives."""
    from unspun.edits.tokenize import _columns
    from unspun.tokens import EDIT_TOKEN

    span = (min(start, len(text)), min(len(text), start + length))
    assert list(zip(*_columns(text, span))) == [(m.group(), *m.span()) for m in EDIT_TOKEN.finditer(text, *span)]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_pair_pmi_by_word_ids_equals_the_string_path(text):
    """`Collocations.text_pair_pmi` over process-wide word ids and row-keyed bigrams is bit-equal to the string
    lookups."""
    import numpy as np

    from unspun.edits.collocation import shared

    got, want = shared().text_pair_pmi(text), pair_pmi_by_strings(shared(), text)
    assert got.shape == want.shape and np.array_equal(got, want, equal_nan=True)


def test_pair_pmi_by_word_ids_on_news_text():
    """The same on realistic sentences (listed, unlisted and unknown-word pairs)."""
    import numpy as np

    from unspun.edits.collocation import shared

    for text in (_SHARED_TEXT, CLEAN, "Weighty rain fell on the old bridge; the council's vote was put off.",
                 "Zorblax quintuple-checked the 2,400 ballots in S\u00e3o Paulo at 10am."):
        assert np.array_equal(shared().text_pair_pmi(text), pair_pmi_by_strings(shared(), text), equal_nan=True)


# ---------------------------------------------------------------- round 7: the rules on fewer words
_NEWS_PIECES = st.sampled_from([
    "the", "of", "a", "an", "heavy", "rain", "Kestrell", "Kestrel", "kestrel", "Keeley", "Kiely", "Moyo", "Mayo",
    "Valdoria", "Valdorian", "Shoigu", "shogun", "forecasters", "Forecast", "U.S.", "NATO", "5G", "one", "One",
    "two", "million", "m", "third", "eleventh", "11th", "twenty-one", "2m", "3.5", "1,200", "$", "%", "Monday",
    "May", "don't", "O'Neill", "it\u2019s", "\u201cWe", "said.\u201d", '"It', "(The", "\u2014", ":", ".", ",",
    "Okafor's", "Nato\u2019s", "\u00c9cole", "na\u00efve", "tip", "top", "iceberg", "drop", "in", "ocean", "bite", "bullet", "bit", "bulls",
])
_NEWS = st.lists(st.tuples(_NEWS_PIECES, st.sampled_from([" ", " ", ". ", ", ", "\n", "  "])), max_size=60).map(
    lambda parts: "".join(p + sep for p, sep in parts))


def _sentence_spans(text):
    from unspun.clean import clean_article
    from unspun.records import Article

    return [s.span for s in clean_article(Article("a", text, "t")).sentences]


class _NoMemo(dict):
    """A word memo that knows nothing and keeps nothing: every word goes through every rule."""

    def get(self, key, default=None):
        return False

    def __setitem__(self, key, value):
        pass


def _full_rules(text, span, names):
    """`tokenize` with the per-word shortcuts off (`_plain`, `_wordlike`): every word through every rule,
    and `_add_names` over every word (the definition the shortcuts must reproduce)."""
    from unittest import mock

    from unspun.edits import tokenize as tk

    with mock.patch.object(tk, "_PLAIN", _NoMemo()), mock.patch.object(tk, "_WORDLIKE", _NoMemo()):
        words, starts, ends = tk._columns(text, span)
        found = set()
        tk._add_names(text, span[0], words, starts, range(len(words)), found)
        return found, tk._tokens(text, span, names, words, starts, ends, range(len(words)))


@settings(max_examples=400, deadline=None)
@given(_NEWS)
def test_rules_on_the_unplain_words_only_equal_every_rule_on_every_word(text):
    """`_tokens` and `_add_names` visiting only `_unplain` words, with `_wordlike` answering for the words
    without a value, give what every rule on every word gives (memos cold and warm)."""
    from unspun.edits import tokenize as tk

    for span in _sentence_spans(text) or [(0, len(text))]:
        names = tk.proper_names(text, [span]) | {"Moyo", "One"}
        want_names, want = _full_rules(text, span, names)
        for _ in range(2):
            assert tk.proper_names(text, [span]) == want_names
            assert tk.tokenize(text, span, names) == want


def test_unplain_tokenizer_on_news_text():
    """The same on realistic sentences, memos cleared first."""
    from unspun.edits import tokenize as tk

    tk._PLAIN.clear()
    tk._WORDLIKE.clear()
    for text in (_SHARED_TEXT, CLEAN):
        for span in _sentence_spans(text):
            names = tk.proper_names(text, [span])
            assert (names, tk.tokenize(text, span, names)) == _full_rules(text, span, names)


@settings(max_examples=300, deadline=None)
@given(_NEWS)
def test_swap_window_prefilter_drops_only_windows_without_a_hit(text):
    """`_swapped_idioms` with the pair-lookup prefilter equals the check of every window of >= 3 stems."""
    from unittest import mock

    from unspun.edits import spin
    from unspun.edits.tokenize import article_tokens

    words = spin._Words.of_tokens(article_tokens(text, _sentence_spans(text)))

    def every_window(keys):
        return [(k, i) for k in spin._LENGTHS if k >= spin._SWAP_MIN for i in range(len(keys) - k + 1)]

    fast = spin._swapped_idioms(text, words)
    with mock.patch.object(spin, "_swap_windows", every_window):
        assert spin._swapped_idioms(text, words) == fast


def _name_variants_per_pair(tokens, name_counts, key_counts):
    """The former `_name_variants`: a fuzzy score per common word and rare name, in Python."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from unspun.edits.spin import Suspect, _derived, _inflected
    from unspun.tokens import zipf

    names = list(name_counts)
    folded = [n.casefold() for n in names]
    once = [n for n in names if name_counts[n] == 1]
    near = process.cdist([n.casefold() for n in once], folded, scorer=fuzz.ratio, dtype=np.float64,
                         score_cutoff=70) if once and names else np.zeros((0, 0))
    row = {n: r for r, n in enumerate(once)}
    rare = {}
    for n, f in zip(names, folded):
        if zipf(f) < 3.0:
            rare.setdefault(n[:1].casefold(), []).append((n, f))
    out = []
    for t in tokens:
        if t.name and name_counts[t.key] == 1:
            key, low = t.key, t.key.casefold()
            twin = next((names[c] for c in np.flatnonzero(near[row[key]] >= 70)
                         if folded[c] != low and len(names[c]) >= 3 and len(key) >= 3 and not _derived(names[c], key)
                         and (name_counts[names[c]] >= 2 or zipf(low) != zipf(folded[c]))), None)
            if twin:
                out.append(Suspect((t.start, t.end), t.text, f"name spelled '{twin}' elsewhere"))
        elif (not t.name and t.value is None and t.text[:1].islower() and len(t.key) >= 5
              and key_counts[t.key] == 1):
            twin = next((n for n, f in rare.get(t.key[:1], ()) if f != t.key
                         and fuzz.ratio(f, t.key) >= 78 and not _inflected(f, t.key)), None)
            if twin:
                out.append(Suspect((t.start, t.end), t.text, f"common word close to the name '{twin}'"))
    return out


@settings(max_examples=300, deadline=None)
@given(_NEWS)
def test_name_twins_from_one_nonzero_equal_a_score_per_pair(text):
    """`_name_variants` (score matrices read with one `nonzero`) equals the per-pair definition."""
    from collections import Counter

    from unspun.edits.spin import _commons, _name_variants, _Words
    from unspun.edits.tokenize import article_tokens

    tokens = article_tokens(text, _sentence_spans(text))
    names, keys = Counter(t.key for t in tokens if t.name), Counter(t.key for t in tokens)
    words = _Words.of_tokens(tokens)
    assert _name_variants(words, names, _commons(words, keys)) == _name_variants_per_pair(tokens, names, keys)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_NEWS, _TEXT))
def test_spin_columns_equal_the_article_tokens(text):
    """The spin score's columns (`article_columns`: the rules' tokens as columns, written over the words) are the
    tokens of `article_tokens`, field by field, for ASCII and other text (the split path's offsets included), and
    the rules' columns are `article_words`' rule tokens transposed (memos cold and warm)."""
    import numpy as np

    from unspun.edits import tokenize as tk
    from unspun.edits.spin import _Words
    from unspun.edits.tokenize import article_tokens, article_words

    spans = _sentence_spans(text) or [(0, len(text))]
    for cold in (True, False):
        if cold:
            tk._COLUMN_FACTS.clear()
        got, want = _Words.of(text, spans), _Words.of_tokens(article_tokens(text, spans))
        assert (got.text, got.start, got.end) == (want.text, want.start, want.end)
        assert all(a.dtype == np.int64 for a in got.offsets)
        assert (got.key, got.name, got.valued) == (want.key, want.name, want.valued)  # written from the rules'
        ruled = article_words(text, spans).ruled
        assert got.rules == tk.RuleColumns([n for n, _ in ruled], [t.key for _, t in ruled],
                                           [t.name for _, t in ruled], [t.value is not None for _, t in ruled])


@settings(max_examples=400, deadline=None)
@given(st.one_of(_NEWS, _TEXT))
def test_compiled_tallies_equal_the_python_passes(text):
    """`spin_kernel`'s pass over an article, ASCII or not (the plain words from their bytes, the rules' tokens from
    Python) gives the common words written once and the rare-word share of the Python passes, and never
    rules out an article whose idioms the Python check flags; the same with every token given from Python."""
    from collections import Counter

    from unspun.edits.spin import _commons, _rare_share, _swapped_idioms, _tally, _Words
    from unspun.edits.tokenize import article_tokens

    for text in (text, text.encode("ascii", "replace").decode() + " caf\u00e9 Caf\u00e9s \u00a34m na\u00efve-ish"):
        spans = _sentence_spans(text) or [(0, len(text))]
        for words in (_Words.of(text, spans), _Words.of_tokens(article_tokens(text, spans))):
            got = _tally(text, spans, words)
            if got is None:  # a rule-made key casefolding to ASCII from other letters
                assert any(not k.isascii() and k.casefold().isascii() for k in words.rules[1])
                continue
            commons, rare, idioms = got
            assert commons == _commons(words, Counter(words.key))
            assert rare == _rare_share(words)
            assert idioms or not _swapped_idioms(text, words)
    text = "The report reached the O\ufb03ce on Monday, Okafor said."  # a name's ligature casefolds to "ffi"
    spans = _sentence_spans(text)
    assert _tally(text, spans, _Words.of(text, spans)) is None


def test_compiled_tallies_on_news_text():
    """The same on realistic sentences with a swapped and an intact expression and a common word near a name."""
    from collections import Counter

    from unspun.edits.spin import _commons, _rare_share, _swapped_idioms, _tally, _Words

    for text in (_SHARED_TEXT, CLEAN.replace("tip of the iceberg", "top of the iceberg"),
                 CLEAN.replace("Kestrell said", "The kestrel said") + " It was a drop in the ocean."):
        spans = _sentence_spans(text)
        words = _Words.of(text, spans)
        commons, rare, idioms = _tally(text, spans, words)
        assert (commons, rare) == (_commons(words, Counter(words.key)), _rare_share(words))
        assert idioms or not _swapped_idioms(text, words)
    spun = CLEAN.replace("tip of the iceberg", "top of the iceberg")
    assert _tally(spun, _sentence_spans(spun), _Words.of(spun, _sentence_spans(spun)))[2]


@settings(max_examples=300, deadline=None)
@given(st.one_of(_NEWS, _TEXT))
def test_compiled_machine_style_equals_the_word_list_path(text):
    """`machine_style`'s tallies of an ASCII text (word counts, lexicon sum and machine-leaning words from one
    compiled pass: `sentence_kernel.lexicon_words`) equal the `words_of` path's, value for value."""
    from unspun.edits import machine_style as ms

    text = text.encode("ascii", "replace").decode() + " Crucial, significant; overall it's 3.5 IT'S-"
    words = ms.words_of(text)
    values = ms._features(text, words, ms._model.LEXICON)
    counts = {}
    for w in ms.words_of(ms.unquoted(text)):
        if w in ms._MACHINE_LEANING:
            counts[w] = counts.get(w, 0) + 1
    assert ms._tallies(text) == (values, len(words), counts)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_NEWS, _TEXT))
def test_machine_style_fast_words_and_features_equal_the_per_word_ones(text):
    """`words_of` lowering an ASCII text whole, and the figures share from the letter words' count, equal the
    per-word definitions (Unicode digits included: `\\d` matches them and they have no case)."""
    from unspun.edits import machine_lexicon
    from unspun.edits.machine_style import _WORD, raw_features, unquoted, words_of

    text += " \u0663\u0664 \uff11"  # Arabic-Indic and fullwidth digits
    words = [w.casefold().replace("\u2019", "'") for w in _WORD.findall(text)]
    assert words_of(text) == words
    assert words_of(text.replace("\u2019", "'").encode("ascii", "replace").decode()) == [
        w.casefold() for w in _WORD.findall(text.replace("\u2019", "'").encode("ascii", "replace").decode())]
    features, alpha = raw_features(text), [w for w in words if w[0].isalpha()]
    assert features["figures"] == sum(w[0].isdigit() for w in words) / max(1, len(words))
    lex = machine_lexicon.LEXICON
    own = [w for w in words_of(unquoted(text)) if w[0].isalpha()]  # the writer's words: quoted speech left out
    assert features["lexicon"] == sum(lex.get(w, 0.0) for w in own) / max(1, len(own))


def _oddness_by_pmi(colloc, text):
    """The former oddness: the share of non-NaN `text_pair_pmi` values <= 0."""
    import numpy as np

    fit = colloc.text_pair_pmi(text)
    fit = fit[~np.isnan(fit)]
    return float((fit <= 0).mean()) if len(fit) else 0.0


@settings(max_examples=300, deadline=None)
@given(st.one_of(_NEWS, _TEXT))
def test_oddness_from_the_counts_equals_the_share_of_pmi_at_most_zero(text):
    """`Collocations.text_oddness` (read from the counts, no logarithms) equals the share of scorable PMIs <= 0, under the
    default caps and under caps where the shortcut does not hold (the PMI path then)."""
    from unspun.edits.collocation import CollocationConfig, Collocations, shared

    text += " heavy rain fell on the weighty rain of the old bridge"
    assert shared().text_oddness(text) == _oddness_by_pmi(shared(), text)
    other = Collocations(CollocationConfig(unlisted_cap=1.0, listed_cap=0.5))
    other._uni, other._bi, other._words, other._top, other._bigrams = (
        shared()._uni, shared()._bi, shared()._words, shared()._top, shared()._bigrams)
    assert other.text_oddness(text) == _oddness_by_pmi(other, text)


_ARTICLE_BITS = st.sampled_from(["a", "A", "an", "AN", "aN", "An", " ", "  ", "\n", "\t", "b", "x", "_", "1", "-", "'",
                                 ".", "ba", "na", "aa", "honest", "Hour", "FBI", "apple", "use", "one", "\u00e9",
                                 "\u212a", "\u017f", "\u00a0"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_ARTICLE_BITS, max_size=30).map("".join))
def test_article_matches_in_lowered_ascii_keep_the_case_blind_regex_clashes(text):
    """`_article_words` (an ASCII text lowered, a literal first letter, only the matches that can clash) gives
    spans `_ARTICLE` finds, in order, among them every one whose word clashes with its article."""
    from unspun.edits.spin import _ARTICLE, _article_words, _clash

    for t in (text, text.encode("ascii", "ignore").decode()):
        every = [(*m.span(), *m.span(2)) for m in _ARTICLE.finditer(t)]
        got = list(_article_words(t))
        assert got == [x for x in every if x in set(got)]
        assert [x for x in got if _clash(t, *x[2:])] == [x for x in every if _clash(t, *x[2:])]


_COLUMN_NEWS = (
    "First, the Smith-Jones family said Al-Jazeera had called at 10:30. Eleventh-hour talks in Port-au-Prince "
    "failed; the 11th round, the eleventh, cost $4.5m, or 12% of the budget. Twenty-one of them, a third, "
    "left. One said: \u201cOne more try.\u201d Mid-May, the U.S. envoy O'Neill met NATO's head in the 2nd week.",
    "\u201cWe'll see,\u201d said Ana\u00efs Dubois-Martin. Sales rose 12 per cent to \u00a34.2m in Q3 \u2014 "
    "half of it online; one-third came from well-known Third-party sellers, 2,400 of them, on 3 May 2021.",
)


def test_spin_columns_on_news_sentences():
    """`_Words.of`'s rule columns (`tokenize._rule_columns`: figures, ordinals and value-less hyphenated words read
    from per-word facts, number words and fractions by the full rules) are `article_tokens`' fields, memos cold and
    warm."""
    from unspun.edits import tokenize as tk
    from unspun.edits.spin import _Words
    from unspun.edits.tokenize import article_tokens

    for text in _COLUMN_NEWS:
        spans = _sentence_spans(text)
        for _ in range(2):
            tokens = article_tokens(text, spans)
            got = _Words.of(text, spans)
            assert got.rules.at == [n for n, _ in tk.article_words(text, spans).ruled]
            assert all((t.key, t.name, t.value) == (t.text, False, None) for n, t in enumerate(tokens)
                       if n not in got.rules.at)  # the others are plain
            want = [(t.key, t.name, t.value is not None) for t in map(tokens.__getitem__, got.rules.at)]
            assert list(zip(got.rules.keys, got.rules.names, got.rules.valued)) == want
            assert any(got.rules.valued) and any(got.rules.names)
        tk._COLUMN_FACTS.clear()


@settings(max_examples=300, deadline=None)
@given(st.one_of(_NEWS, _TEXT))
def test_rule_columns_equal_the_rule_tokens(text):
    """`tokenize._rule_columns` (keys and flags decided by per-word facts in C passes, the full rules for number
    words and fractions) gives `_rule_tokens`' tokens as columns, memos cold and warm, on random and realistic
    text."""
    from unspun.edits import tokenize as tk

    for t in (text, *_COLUMN_NEWS):
        spans = _sentence_spans(t) or [(0, len(t))]
        words, starts, ends, odd, names, offsets = tk._words(t, spans)
        if offsets is None:
            continue
        for _ in range(2):
            want = tk._rule_tokens(t, names, words, starts, ends, *odd)
            assert tk._rule_columns(t, names, words, *offsets, *odd) == tk.RuleColumns(
                [n for n, _ in want], [x.key for _, x in want], [x.name for _, x in want],
                [x.value is not None for _, x in want])
        tk._COLUMN_FACTS.clear()
