"""A flipped up/down word that its own unchanged context contradicts marks the copy."""
from __future__ import annotations

from unspun import compare
from unspun.edits.contradiction import clashes, polarity

PRICES = (
    "Average rents in the Marrick district fell by 2.1 percent in the year to June, the sharpest annual "
    "decline since 2015, the letting agency Harlow & Finch said on Tuesday. Landlords blamed a wave of new "
    "flats completed along the canal. Tenants' groups said the fall would be welcome but small."
)
BIRDS = (
    "Wardens at Kelby Marsh counted 318 nesting avocets this spring, up from 205 two years ago, after "
    "the reed beds were cleared. The increase follows a decade of slow losses on the estuary. Volunteers "
    "will ring the chicks in July."
)


def _clash(original: str, spun: str):
    c = compare(original, spun, id_a="a", id_b="b")
    return clashes(c.a, c.b, c.edits), c


def test_polarity_reads_direction_words():
    assert polarity("rose") == 1
    assert polarity("fell sharply") == -1
    assert polarity("rose and fell") == 0
    assert polarity("said") == 0


def test_noun_naming_the_change_contradicts_the_flip():
    found, c = _clash(PRICES, PRICES.replace("fell by", "rose by"))
    assert [x.side for x in found] == ["b"]
    assert "decline" in found[0].why and "rose" in found[0].why
    assert c.original == "a"
    assert any("contradicts" in s for s in c.original_signals)


def test_figures_contradict_up_from():
    spun = BIRDS.replace("up from 205", "down from 205")
    found, c = _clash(BIRDS, spun)
    assert {x.side for x in found} == {"b"}
    assert any("318" in x.why for x in found)
    # the order of the two texts does not matter
    found_r, _ = _clash(spun, BIRDS)
    assert {x.side for x in found_r} == {"a"}


def test_consistent_flip_gives_no_clash():
    # Both the verb and the noun were flipped: each version is coherent, nothing to say.
    spun = PRICES.replace("fell by", "rose by").replace("sharpest annual decline", "sharpest annual rise").replace(
        "the fall would", "the rise would")
    found, _ = _clash(PRICES, spun)
    assert found == []


def test_indefinite_noun_is_not_read_as_the_same_change():
    # "a fall in demand" is another quantity: the rise in prices does not contradict it.
    text = ("Copper prices rose 4 percent on Monday despite a fall in demand from builders, traders in "
            "London said. Stocks held in warehouses were unchanged.")
    found, _ = _clash(text, text.replace("prices rose", "prices fell"))
    assert found == []


def test_phrasal_verbs_seasons_and_particles_name_no_change():
    assert polarity("fell", after=" short of hopes") == 0
    assert polarity("fall", after=".", before="in the ") == 0
    assert polarity("fall", after=" in prices", before="the ") == -1
    assert polarity("up", after=" the offer") == 0  # "took up the offer"
    assert polarity("up", after=" 4 percent") == 1


def test_rise_of_a_person_is_not_a_change_in_a_quantity():
    text = ("Turnout fell to 52 percent on Sunday, despite the rise of the Greens in Varnholm, the election "
            "office said. Counting finished before midnight.")
    found, _ = _clash(text, text.replace("Turnout fell", "Turnout rose"))
    assert found == []
