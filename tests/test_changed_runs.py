"""`opcodes.changed_runs` (compiled) gives the runs `classify.changed_runs_py` (difflib's opcodes, the surplus
claims and the run split in Python) gives: on generated word lists and on self-written sentences and rewrites."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.edits.classify import changed_runs_py
from unspun.edits.opcodes import changed_runs
from unspun.edits.tokenize import proper_names, tokenize

_WORDS = ("the", "a", "council", "said", "voted", "on", "Tuesday", "to", "close", "clinic", "not", ",", ".", "12")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.lists(st.sampled_from(_WORDS), max_size=30),
       st.sampled_from((0, 1, 2, 5)))
def test_changed_runs_equal_the_python_definition(a, b, max_gap):
    assert changed_runs(a, b, max_gap) == changed_runs_py(a, b, max_gap)


# Written for this test: a clause moved, words replaced, a figure changed, a sentence cut short, one emptied.
_PAIRS = (
    ("The council voted on Tuesday to close the clinic, the mayor said.",
     "The mayor said the council voted on Tuesday to shut the clinic."),
    ("Sales fell 12 percent in the first quarter as demand for new cars slowed sharply.",
     "Sales dropped 21 percent in the first quarter, as demand for new cars slowed."),
    ("Rescuers reached the village after a six-hour climb, officials told reporters late on Sunday.",
     "Rescuers reached the village."),
    ("No one was hurt.", ""),
)


def _keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text, (0, len(text)), proper_names(text, [(0, len(text))]))]


def test_changed_runs_equal_the_python_definition_on_sentences():
    for a, b in _PAIRS:
        for x, y in ((a, b), (b, a)):
            assert changed_runs(_keys(x), _keys(y)) == changed_runs_py(_keys(x), _keys(y))
    assert changed_runs(_keys(_PAIRS[1][0]), _keys(_PAIRS[1][1]))  # the replaced words are runs
