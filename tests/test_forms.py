"""Form-only differences (spelling, case, hyphenation, demonyms, reordered titles, ordinals) are told
apart from real word changes."""
from __future__ import annotations

import pytest

from unspun.edits.forms import (
    demonym_pair, determiner_swap, name_form, ordinal_key, ordinal_value, pronoun_one, spelling_key,
    spelling_variant,
)


@pytest.mark.parametrize("gb, us", [
    ("paralysed", "paralyzed"), ("immobilisation", "immobilization"), ("defence", "defense"),
    ("colour", "color"), ("favourite", "favorite"), ("centre", "center"), ("travelled", "traveled"),
    ("catalogue", "catalog"), ("programme", "program"), ("grey", "gray"), ("organised", "organized"),
])
def test_british_and_american_spellings_share_a_key(gb, us):
    assert spelling_key(gb) == spelling_key(us)


@pytest.mark.parametrize("x, y", [("filled", "filed"), ("four", "for"), ("prise", "price"), ("rolled", "roled")])
def test_different_words_keep_different_keys(x, y):
    assert spelling_key(x) != spelling_key(y)


def test_spelling_variant_reasons():
    assert "British/American" in spelling_variant(["paralysed"], ["paralyzed"])
    assert "case" in spelling_variant(["City", "Council"], ["city", "council"])
    assert "hyphenation" in spelling_variant(["Fall", "Beil"], ["Fallbeil"])
    assert spelling_variant(["it's"], ["it", "is"]) == "contraction written out"
    assert spelling_variant(["paralysed"], ["injured"]) is None
    assert spelling_variant([], ["paralyzed"]) is None


@pytest.mark.parametrize("place, people", [
    ("Belarus", "Belarusian"), ("Germany", "German"), ("Russia", "Russian"), ("China", "Chinese"),
    ("Italy", "Italian"), ("Ukraine", "Ukrainian"), ("France", "French"), ("Netherlands", "Dutch"),
    ("Iraq", "Iraqi"),
])
def test_demonyms_pair_with_their_place(place, people):
    assert demonym_pair(place, people) and demonym_pair(people, place)


@pytest.mark.parametrize("x, y", [("Belarus", "Bulgarian"), ("Mark", "Marker"), ("Germany", "Germany"),
                                  ("Austria", "Australian")])
def test_unrelated_names_are_not_demonyms(x, y):
    assert not demonym_pair(x, y)


def test_name_form_reordered_title_and_demonym():
    assert name_form("Deputy Secretary General of FIBA Asia".split(),
                     "FIBA Asia deputy secretary general".split())
    assert name_form(["orchestra's", "Artistic", "Director"], "artistic director of the orchestra".split())
    assert name_form(["Belarus"], ["Belarusian"]) == "place name and its demonym"
    assert name_form(["Belarus"], ["Ukraine"]) is None
    assert name_form("Deputy Secretary General".split(), "Secretary General".split()) is None
    assert name_form(["Belarus", "capital"], ["Belarusian"]) is None  # a demonym pair, but a word left over


def test_ordinals_written_as_words_and_figures():
    assert ordinal_value("eleventh") == ordinal_value("11th") == 11
    assert ordinal_value("twenty-first") == 21
    assert ordinal_value("mid-fifteenth") == ordinal_value("mid-15th") == 15
    assert ordinal_value("eleven") is None and ordinal_value("first") is None
    assert [ordinal_key(n) for n in (1, 2, 3, 11, 12, 13, 21, 102)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "102nd"]


def test_one_as_pronoun_or_determiner_is_not_a_figure():
    assert pronoun_one("One", "", "such")
    assert pronoun_one("one", "as", "of")
    assert pronoun_one("one", "no", "knows")
    assert not pronoun_one("one", "killed", "soldier")
    assert determiner_swap(["one"], ["a"]) and not determiner_swap(["one"], ["two"])
    assert determiner_swap(["twice"], ["two", "times"]) and not determiner_swap(["twice"], ["three", "times"])
