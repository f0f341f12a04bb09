"""The typesetting copy mark: no-break spaces and other typeset characters survive in a source and are lost,
never gained, by a copy written anew (`edits/typesetting.py`)."""
from __future__ import annotations

from unspun.edits.compare import compare
from unspun.edits.direction import combine, votes
from unspun.edits.typesetting import WEIGHT, typeset_count, typesetting_vote

NBSP, THIN, SOFT = "\u00a0", "\u2009", "\u00ad"

# A scraped news page: the publisher set no-break spaces between figures and units and after "Dr.".
SOURCE = (
    f"The Harbour Trust will spend £4.2{NBSP}million dredging the north channel this winter, after two cargo "
    f"ships ran aground on silt banks in October. Dr.{NBSP}Aisha Rahman, the trust's engineer, said the channel "
    f"had lost almost 1.5{NBSP}metres of depth since the last survey. Work starts on 12{NBSP}January and is "
    "expected to take eleven weeks, during which pilots will guide every vessel over 90 metres through the "
    "southern approach."
)
# A translation round trip of it: plain spaces throughout, names kept, a few grammar words changed.
ROUND_TRIP = (
    "The Harbour Trust will spend 4.2 million pounds to dredge the northern channel this winter, after two "
    "cargo ships ran aground on banks of silt in October. Dr. Aisha Rahman, engineer of the trust, said that the "
    "channel lost nearly 1.5 metres of depth since the last survey. The work begins on 12 January and should "
    "take eleven weeks, during which the pilots will guide each ship over 90 metres through the south approach."
)


def test_the_version_that_kept_its_typesetting_is_named_the_source_in_both_orders():
    assert typeset_count(SOURCE) == 4 and typeset_count(ROUND_TRIP) == 0
    forward, backward = typesetting_vote(SOURCE, ROUND_TRIP), typesetting_vote(ROUND_TRIP, SOURCE)
    assert forward is not None and forward[0] == WEIGHT and "a holds 4" in forward[1] and "b none" in forward[1]
    assert backward is not None and backward[0] == -WEIGHT and "b holds 4" in backward[1]
    # the evidence: where the first one is, with the invisible character named
    at = SOURCE.index(NBSP)
    assert f"first at {at} '{SOURCE[at - 12:at]}[U+00A0]{SOURCE[at + 1:at + 13]}'" in forward[1]


def test_silent_when_both_or_neither_hold_typeset_characters():
    assert typesetting_vote(ROUND_TRIP, ROUND_TRIP.replace("eleven", "11")) is None
    # a copy that kept one of the four (pasted in part) is not told apart by this mark
    kept_one = SOURCE.replace(NBSP, " ", 3)
    assert typeset_count(kept_one) == 1
    assert typesetting_vote(SOURCE, kept_one) is None


def test_one_character_gives_half_the_weight_and_every_kind_counts():
    one = ROUND_TRIP.replace("4.2 million", f"4.2{NBSP}million")
    half = typesetting_vote(one, ROUND_TRIP)
    assert half is not None and half[0] == WEIGHT / 2 and "a holds 1" in half[1]
    for char in (THIN, SOFT, "\u202f", "\u200b"):
        marked = ROUND_TRIP.replace("dredge", f"dre{char}dge").replace("1.5 metres", f"1.5{char}metres")
        assert typeset_count(marked) == 2
        vote = typesetting_vote(ROUND_TRIP, marked)
        assert vote is not None and vote[0] == -WEIGHT
    # plain whitespace is not typesetting
    assert typeset_count("Two\tlines,\nplain  spaces.\r\n") == 0


def test_the_pair_votes_carry_the_mark_and_it_names_the_source_the_other_votes_miss():
    c = compare(SOURCE, ROUND_TRIP)
    found = votes(c.a, c.b, c.edits, c.coverage_a, c.coverage_b, matches=c.matches)
    mark = [v for v in found if v.signal == "typesetting"]
    assert len(mark) == 1 and mark[0].weight == WEIGHT
    assert combine(found, 0.55).original == "a"
    # without it, the regenerated-text reading of the grammar-word edits names the round trip the source
    assert combine([v for v in found if v.signal != "typesetting"], 0.55).original == "b"
    back = compare(ROUND_TRIP, SOURCE)
    found_back = votes(back.a, back.b, back.edits, back.coverage_a, back.coverage_b, matches=back.matches)
    assert [v.weight for v in found_back if v.signal == "typesetting"] == [-WEIGHT]
    assert combine(found_back, 0.55).original == "b"
