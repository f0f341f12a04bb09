"""Role swaps: the same names or figures trading places are found; reordered lists, adjuncts and date
formats are not swaps."""
from __future__ import annotations

from unspun.edits.tokenize import proper_names, tokenize
from unspun.edits.roles import role_swaps


def swaps(a: str, b: str):
    ta = tokenize(a, (0, len(a)), proper_names(a, [(0, len(a))]))
    tb = tokenize(b, (0, len(b)), proper_names(b, [(0, len(b))]))
    return role_swaps(ta, tb, a, b)


def test_buyer_and_seller_trading_places_is_a_swap_with_spans_in_both_texts():
    a = "Halvorsen Freight bought the Dunmore depot from Castlebridge Logistics in March."
    b = "Castlebridge Logistics bought the Dunmore depot from Halvorsen Freight in March."
    found = swaps(a, b)
    assert len(found) == 1
    s = found[0]
    assert {s.x, s.y} == {"Halvorsen Freight", "Castlebridge Logistics"}
    assert [a[i:j] for i, j in s.a_spans] == [s.x, s.y]
    assert {b[i:j] for i, j in s.b_spans} == {s.x, s.y}
    assert s.score >= 1.0


def test_route_reversed_is_a_swap():
    a = "The ferry now runs from Ardmore to Kilbride twice a day, the operator said."
    b = "The ferry now runs from Kilbride to Ardmore twice a day, the operator said."
    assert [(s.x, s.y) for s in swaps(a, b)] == [("Ardmore", "Kilbride")]


def test_figures_trading_places_is_a_swap():
    a = "Turnout rose to 64 percent in the northern districts and 58 percent in the southern ones."
    b = "Turnout rose to 58 percent in the northern districts and 64 percent in the southern ones."
    assert swaps(a, b)


def test_reordered_list_is_not_a_swap():
    a = "The council met representatives of Halvorsen Freight, Dunmore Port and Castlebridge Logistics on Tuesday."
    b = "The council met representatives of Castlebridge Logistics, Dunmore Port and Halvorsen Freight on Tuesday."
    assert swaps(a, b) == []


def test_reordered_adjuncts_are_not_a_swap():
    a = "She was born in Dunmore in 1962 and moved to Leeds to study law."
    b = "She was born in 1962 in Dunmore and moved to Leeds to study law."
    assert swaps(a, b) == []
    a = "He debated the mayor twice, once in Ardmore and once in Kilbride."
    b = "He twice debated the mayor, once in Kilbride and once in Ardmore."
    assert swaps(a, b) == []


def test_date_written_another_way_is_not_a_swap():
    a = "The depot closed on May 8, 2015, and reopened on June 12, 2016."
    b = "The depot closed on 8 May 2015, and reopened on 12 June 2016."
    assert swaps(a, b) == []


def test_identical_sentences_have_no_swap():
    a = "Halvorsen Freight bought the Dunmore depot from Castlebridge Logistics in March."
    assert swaps(a, a) == []
