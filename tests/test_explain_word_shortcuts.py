"""The explain word rules' per-word shortcuts (issue 15, stop 35, i15cls5) answer what the full rules answer.

`forms.form_reasons` (memoized, the two form tests sharing their spelling keys) is the general form tests;
`classify._inert` lets `_word_rules_of` skip the flip and polarity tests when no word of either run could take part
in them.
"""
from __future__ import annotations

import itertools

from unspun.clean import clean_article
from unspun.config import ExplainConfig
from unspun.edits import classify as c
from unspun.edits import forms
from unspun.records import Article

_OLD = (
    "The ministry declined to comment on the report, which critics called a disaster for Belarus. "
    "Officials said the rescue plan was not unfair and would help poor pensioners in France. "
    "The colour of the new trains was grey, all passengers were happy and the U.S. team won 3 games in May. "
    "It's the programme's first success, Russia's envoy said on Tuesday.")
_NEW = (
    "The ministry refused comment on the report, which critics hailed as a triumph for the Belarusian people. "
    "Officials said the rescue plan was unfair and would hurt rich pensioners in French towns. "
    "The color of the new trains was gray, no passengers were sad and the American team lost 4 games in June. "
    "It is the program's first failure, the Russian envoy said on Wednesday.")

_WORDS = sorted({w.strip(".,") for w in (_OLD + " " + _NEW).split()} | {
    "Colour", "COLOR", "it's", "don't", "do", "Bishop's", "bishop", "12", "1.2", "US", "U.S.", "America",
    "İzmir", "Izmir", "co-operate", "cooperate", "Italy", "Italian", "Belarus", "'s", "the", "of", "an"})


def _general(x: str, y: str):
    pa, pb = forms._parts([x]), forms._parts([y])
    ka, kb = list(map(forms.spelling_key, pa)), list(map(forms.spelling_key, pb))
    return forms._spelling_variant([x], [y], pa, pb, ka, kb), forms._name_form([x], [y], pa, pb, ka, kb)


def test_one_word_form_reasons_equal_the_general_form_tests():
    reasons = set()
    for x, y in itertools.product(_WORDS, repeat=2):
        forms._FORM_REASONS.clear()
        got = forms.form_reasons([x], [y])
        assert got == _general(x, y), (x, y)
        reasons.update(filter(None, got))
    assert {"British/American spelling variant", "same words, different letter case",
            "place name and its demonym"} <= reasons


def _full_word_rules(a, b, after, config):
    """`_word_rules_of` without the `_inert` shortcut: every test run."""
    words_a, words_b = [t.text for t in a], [t.text for t in b]
    form, named = forms.form_reasons(words_a, words_b)
    if form:
        return form, None, None
    one_sided = not a or not b
    clause = one_sided and len(a) + len(b) > config.max_inserted_flip_tokens
    negations = None if clause else (c._negations(a, after), c._negations(b, after))
    flip = None if clause else c.flip_reason(a, b, after, negations)
    if flip is None and not one_sided and negations == (0, 0):
        flip = c.polarity_reason(a, b, config.flip_min_valence)
    return None, flip, named or c.initialism(words_a, words_b)


def test_inert_runs_shortcut_gives_what_every_rule_gives():
    config = ExplainConfig()
    sa, sb = (c._Side(clean_article(Article(n, t, "t"))) for n, t in (("a", _OLD), ("b", _NEW)))
    inert = flips = 0
    for i in range(len(sa)):
        ta, tb = sa.tok(i), sb.tok(i)
        for lo, la, shift, lb in itertools.product(range(len(ta) + 1), range(3), (-2, -1, 0, 1, 2), range(3)):
            start = max(0, min(lo + shift, len(tb)))
            a, b = ta[lo:lo + la], tb[start:start + lb]
            after = ta[lo + la:lo + la + 1]
            want = _full_word_rules(a, b, after, config)
            assert c._word_rules_of(a, b, after, config) == want
            if c._inert(a, b):
                inert += 1
                assert want[1] is None
            flips += want[1] is not None
    assert inert > 100 and flips > 10  # both branches met
