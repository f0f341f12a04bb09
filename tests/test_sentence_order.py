"""Sentence order as a direction signal: a shuffled copy puts sentences next to ones they do not follow from."""
from __future__ import annotations

from unspun import compare
from unspun.edits.sentence_order import _t

# Three short threads (a dam, a school budget, a bus strike): each sentence picks up its neighbour's subject.
_THREADS = [
    [
        "The Harwell dam reservoir fell to 31 percent of capacity on Monday, the lowest level since 1976.",
        "Engineers at the Harwell dam began releasing less water into the Calder river to protect the reservoir.",
        "Farmers along the Calder river said the reduced flow had already left their irrigation channels dry.",
        "The irrigation channels feed about 240 farms, according to the county farming union.",
    ],
    [
        "The Westbrook school board approved a budget of 48 million dollars for the coming year.",
        "The budget includes money for 12 new teachers at Westbrook's two crowded primary schools.",
        "Parents at the primary schools had complained for months about classes of more than 35 pupils.",
        "Board chair Ines Okafor said the new teachers would start in September.",
    ],
    [
        "Bus drivers in Marlow walked out on Friday after talks over pay broke down.",
        "The Marlow drivers' union said pay had fallen behind inflation for three years.",
        "The transit authority offered the union a raise of 4 percent, which drivers rejected.",
        "The authority said no buses would run in Marlow until the strike ends.",
    ],
]
ORIGINAL = "\n\n".join(" ".join(thread) for thread in _THREADS)
# The copy keeps every sentence word for word but deals them out thread by thread: dam, school, bus, dam, ...
SHUFFLED = "\n\n".join(" ".join(_THREADS[t][i] for t in range(3)) for i in range(4))


def _order_votes(comparison):
    return [v for v in comparison.original_votes if v.kind == "sentence order"]


def test_a_shuffled_copy_is_told_from_the_original_by_its_incoherent_neighbours():
    forward = compare(ORIGINAL, SHUFFLED)
    backward = compare(SHUFFLED, ORIGINAL)
    assert [v.weight > 0 for v in _order_votes(forward)] == [True]  # a, the original, kept its order
    assert [v.weight < 0 for v in _order_votes(backward)] == [True]
    assert forward.original == "a" and backward.original == "b"
    assert "neighbouring sentences" in _order_votes(forward)[0].why


def test_the_same_order_casts_no_order_vote():
    reworded = ORIGINAL.replace("approved", "passed").replace("walked out", "went on strike")
    assert _order_votes(compare(ORIGINAL, reworded)) == []


def test_welch_t_is_signed_and_zero_without_spread_or_values():
    assert _t([0.5, 0.6, 0.4], [0.1, 0.0, 0.2]) > 3
    assert _t([0.1, 0.0, 0.2], [0.5, 0.6, 0.4]) < -3
    assert _t([0.3], [0.1, 0.2]) == 0.0
    assert _t([0.2, 0.2], [0.2, 0.2]) == 0.0
