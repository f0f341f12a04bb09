"""`roles.role_swaps` (the compiled units and pair tests of `roles_kernel`) gives what `roles.role_swaps_py`, the
Python definition, gives: on self-written news sentences and their rewrites, on generated versions, and after the
process's word ids are numbered afresh."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.edits import roles
from unspun.edits.roles import role_swaps, role_swaps_py
from unspun.edits.tokenize import proper_names, tokenize


def _tokens(text: str):
    return tokenize(text, (0, len(text)), proper_names(text, [(0, len(text))]))


_KWARGS = ({}, dict(min_gain=0.25, word_fit=0.5), dict(min_gain=0.0), dict(min_fit=0.0), dict(same_kind=False),
           dict(min_fit=2.0, min_gain=1.5))

# Written for this test: traded names, places, figures and dates, name runs next to punctuation, repeated words
# (not units), lists and appositions (not swaps), and rewrites that change the slots around the units.
_NEWS = (
    ("Northgate Rovers beat Eastfield Athletic 3-1 at Calder Park on Saturday, their manager said.",
     "Eastfield Athletic beat Northgate Rovers 3-1 at Calder Park on Saturday, their manager said."),
    ("The grant went to the Brennock Trust, not to the Ostley Foundation, according to the minutes.",
     "The grant went to the Ostley Foundation, not to the Brennock Trust, according to the minutes."),
    ("Prices rose 4.1 percent in June and 3.6 percent in July, the statistics office said on Wednesday.",
     "Prices rose 3.6 percent in June and 4.1 percent in July, the statistics office said on Wednesday."),
    ("The hearing moved from Monday to Thursday after the judge, Helen Marsh, fell ill.",
     "The hearing moved from Thursday to Monday after the judge (Helen Marsh) fell ill."),
    ("Councillor Amira Haddad replaced Councillor Tom Reilly as chair of the housing committee in 2021.",
     "Councillor Tom Reilly replaced Councillor Amira Haddad as chair of the housing committee in 2021."),
    ("Residents of Ashby, Corran and Fenwick - three villages on the river - were told to leave.",
     "Residents of Corran, Fenwick and Ashby, three villages on the river, were told to leave."),
    ("The union said the offer was rejected; the company said the offer was withdrawn.",
     "The company said the offer was rejected; the union said the offer was withdrawn."),
    ("\u201cWe exported 1,200 tonnes to Norway and 800 tonnes to Iceland,\u201d the director said.",
     "\u201cWe exported 800 tonnes to Norway and 1,200 tonnes to Iceland,\u201d the director told reporters."),
    ("Dr Lena Fischer, who led the trial at St Bride's, said the results were promising.",
     "The results were promising, said Dr Lena Fischer, who led the trial at St Bride's."),
)


def _same(a: str, b: str, **kw) -> list:
    ta, tb = _tokens(a), _tokens(b)
    got = role_swaps(ta, tb, a, b, **kw)
    assert got == role_swaps_py(ta, tb, a, b, **kw)
    assert role_swaps(ta, tb, **kw) == role_swaps_py(ta, tb, **kw)  # no texts: no punctuation slots
    return got


def test_kernel_equals_the_python_definition_on_news_sentences():
    for a, b in _NEWS:
        for kw in _KWARGS:
            _same(a, b, **kw)
            _same(b, a, **kw)
    found = [_same(a, b) for a, b in _NEWS]
    assert sum(map(bool, found)) >= 3  # traded teams and councillors, among others, are swaps
    assert found[0][0].x in ("Northgate Rovers", "Eastfield Athletic")


_WORDS = ("Ardmore", "Kilbride", "Brennock", "Trust", "the", "from", "to", "and", "in", "of", "on", "said",
          "beat", "fell", "rose", "4.1", "3.6", "percent", "June", "July", "Monday", ",", ";", "(", ")", "-",
          "council", "new", "old", "was", "three")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=24), st.randoms(use_true_random=False),
       st.sampled_from(range(len(_KWARGS))))
def test_kernel_equals_the_python_definition_on_generated_versions(words, rnd, k):
    a = " ".join(words)
    shuffled = list(words)
    if len(shuffled) > 2:  # a version: two words traded, one replaced
        i, j = rnd.sample(range(len(shuffled)), 2)
        shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
        shuffled[rnd.randrange(len(shuffled))] = rnd.choice(_WORDS)
    b = " ".join(shuffled)
    _same(a, b, **_KWARGS[k])


def test_word_ids_numbered_afresh_give_the_same_swaps(monkeypatch):
    monkeypatch.setattr(roles, "MEMO_MAX", 8)  # the id table is renumbered every few new words
    for a, b in _NEWS:
        _same(a, b)
    assert len(roles._WORD_IDS) < 8 + 40
