"""Direction votes that follow from how a copy was made: lost capitals, heavy rewrites losing words,
grammar-word edits marking a regenerated (translated) text, and a moved sentence not counted as rewording."""
from __future__ import annotations

from unspun.edits.casing import casing, casing_vote
from unspun.edits.compare import compare
from unspun.edits.direction import Vote, grammar_edits, length_vote, overruled, rewrite_extent, votes

SOURCE = (
    "Volunteers from Riverside Rescue pulled two kayakers from the Ouse on Sunday after their boat overturned "
    "near Hallam Weir. The pair had set off from the Old Mill Marina without life jackets, said crew leader "
    "Petra Novak, and spent about twenty minutes clinging to a fallen willow. Both were treated for cold at "
    "Northgate General and released that evening. Novak urged paddlers to check the river levels published by "
    "the Ouse Valley Trust before launching, because the water had risen a metre overnight."
)
# A round trip through another language: names rendered as common words, grammar words changed, shorter.
ROUND_TRIP = (
    "Volunteers of the river rescue took two kayakers from the Ouse on Sunday, after the boat turned over near "
    "the Hallam dam. The couple went out from the old mill marina without the life vests, said the leader "
    "Petra Novak, and held on a fallen tree for twenty minutes. Both were treated for the cold in Northgate "
    "General. Novak asked the paddlers to check the river levels of the Ouse valley trust before going out."
)


def test_a_copy_that_writes_names_in_lower_case_is_named_the_copy():
    found = casing(SOURCE, ROUND_TRIP)
    assert {"old", "mill", "marina"} <= set(found.lost_in_b)
    assert found.net >= 2
    forward, backward = casing_vote(SOURCE, ROUND_TRIP), casing_vote(ROUND_TRIP, SOURCE)
    assert forward is not None and forward[0] > 0 and "lower case" in forward[1]
    assert backward is not None and backward[0] == -forward[0]


def test_sentence_starts_and_a_single_case_change_do_not_vote():
    a = "Rain fell on Monday. Trains ran late, and the Station Cafe closed early."
    b = "Rain fell on Monday. Trains ran late, and the station Cafe closed early."
    assert casing_vote(a, b) is None  # one word is as often a typo as a lost name
    assert casing("Trains ran late.", "trains ran late.").net == 0  # the first word is not inside a sentence


def test_a_heavy_rewrite_with_fewer_words_is_the_copy():
    c = compare(SOURCE, ROUND_TRIP)
    assert rewrite_extent(SOURCE, ROUND_TRIP, c.edits) >= 0.25
    forward = length_vote(SOURCE, ROUND_TRIP, c.edits)
    assert forward is not None and forward.weight > 0
    back = compare(ROUND_TRIP, SOURCE)
    backward = length_vote(ROUND_TRIP, SOURCE, back.edits)
    assert backward is not None and backward.weight < 0


def test_a_light_spin_that_adds_words_gets_no_length_vote():
    spun = SOURCE.replace("pulled", "hauled").replace("most", "the majority of").replace(
        "urged", "implored all the").replace("overturned", "capsized completely")
    c = compare(SOURCE, spun)
    assert rewrite_extent(SOURCE, spun, c.edits) < 0.25
    assert length_vote(SOURCE, spun, c.edits) is None


def test_grammar_word_edits_are_counted_and_content_swaps_are_not():
    a = ("The council met in the town hall on Monday and agreed to close the old depot, where the drugs for the "
         "clinic are stored.")
    translated = ("The council met at the town hall on Monday and agreed to close an old depot, where the drug for "
                  "the clinic are stored.")
    assert grammar_edits(a, translated, compare(a, translated).edits) == 3  # "in" -> "at", "the" -> "an", plural
    spun = ("The council met in the town hall on Monday and agreed to shut the old warehouse, where the drugs for "
            "the clinic are kept.")
    assert grammar_edits(a, spun, compare(a, spun).edits) == 0  # a thesaurus leaves grammar alone


def test_a_spin_that_swaps_conjunctions_is_not_counted_as_regrammared():
    a = ("The mayor said the bridge would stay shut, but she hoped to reopen it soon. Traffic slowed while crews "
         "worked, because the river had risen after the storm. Residents complained again on Friday.")
    spun = ("The mayor said the bridge would stay shut, yet she hoped to reopen it soon. Traffic slowed as crews "
            "worked, since the river had risen once the storm. Residents complained once more on Friday.")
    assert grammar_edits(a, spun, compare(a, spun).edits) == 0  # five connective swaps, no article or preposition
    # The same text regenerated: articles, prepositions and an auxiliary changed, the connectives kept.
    regen = ("The mayor said a bridge would stay shut, but she hoped to reopen it soon. Traffic slowed while crews "
             "worked, because the river has risen after a storm. Residents complained again in Friday.")
    assert grammar_edits(a, regen, compare(a, regen).edits) >= 3


LIGHT_SOURCE = (
    "After one year, the treatments are given every three weeks for an additional six months. If a patient is "
    "still in remission at eighteen months, treatment is discontinued. Only a few dogs reach the point where "
    "the vets can consider stopping. If a patient comes out of remission, the clinic can try to put it back "
    "into remission using new combinations of the same drugs. Unfortunately, the chances of obtaining a second "
    "remission are lower and the risk of side effects may be higher, the clinic's director said on Tuesday."
)
LIGHT_ROUND_TRIP = (
    "After a year, the treatments are given every three weeks for another six months. If a patient is "
    "still in remission at eighteen months, treatment should be discontinued. Only a few dogs reach the point where "
    "the vets can consider stopping. If a patient comes out of remission, the clinic can try to put it back "
    "into remission with new combinations of the same drug. Unfortunately, the chances of getting a second "
    "remission is lower and the risk of side effects may be higher, the clinic's director said on Tuesday."
)


def test_a_light_rewrite_that_changed_grammar_words_reads_as_regenerated():
    c = compare(LIGHT_SOURCE, LIGHT_ROUND_TRIP)
    assert rewrite_extent(LIGHT_SOURCE, LIGHT_ROUND_TRIP, c.edits) < 0.25
    assert grammar_edits(LIGHT_SOURCE, LIGHT_ROUND_TRIP, c.edits) >= 3
    wording = [v for v in votes(c.a, c.b, c.edits, c.coverage_a, c.coverage_b) if v.signal == "wording"]
    assert wording and wording[0].weight > 0  # the commoner words ("getting", "another") are the copy's
    assert "regenerated" in wording[0].why


def test_a_moved_sentence_is_not_counted_as_reworded_text():
    a = ("The bridge will close for repairs on Monday, the county said. Drivers will be sent through Elm Lane. "
         "Work is expected to take six weeks. A footpath will stay open throughout the works.")
    b = ("Work is expected to take six weeks. The bridge will shut for repairs on Monday, the county said. "
         "Drivers will be sent through Elm Lane. A footpath will stay open throughout the works.")
    c = compare(a, b)
    assert any(e.kind == "moved" for e in c.edits)
    assert rewrite_extent(a, b, c.edits) < 0.25  # one swapped word, not a heavy rewrite


def test_copy_marks_overrule_the_votes_that_depend_on_how_the_copy_was_made():
    marks = [Vote("length", 0.4, "b is shorter"), Vote("casing", 0.3, "b lost capitals")]
    found = [Vote("machine style", -0.6, "a reads like chatbot prose"), Vote("wording", 0.5, "b fits worse"),
             Vote("name", -0.5, "a name in b is a common word in a"), Vote("information", -0.3, "a lost details"),
             Vote("truncation", -0.6, "a looks truncated")]
    kept = {v.signal for v in overruled(found, marks)}
    # information is overruled too: in a heavy rewrite its details sit in swapped words, whose rarer side is
    # the copy's for a shuffler and the source's for a translator; truncation is not a word-level vote
    assert kept == {"wording", "truncation"}
    assert overruled(found, []) == found
    split = [Vote("length", 0.4, "b is shorter"), Vote("casing", -0.3, "a lost capitals")]
    assert {v.signal for v in overruled(found, split)} == {"truncation"}  # marks that disagree drop both sides


DOUBLED = " Both were treated for cold at Northgate General and released that evening."


def test_doubled_sentences_mark_a_light_copy_but_not_the_source_of_a_heavy_rewrite():
    # A light copy with a sentence doubled by a scraper: the doubling marks the copy.
    light = compare(SOURCE.replace("pulled", "hauled") + DOUBLED, SOURCE)
    assert light.a.removed and not light.b.removed
    found = votes(light.a, light.b, light.edits, light.coverage_a, light.coverage_b, matches=light.matches)
    assert [v.weight for v in found if v.signal == "captions"] == [-0.7]
    # The source's own repeated sentence, reworded away by a heavy rewrite: no vote against the source.
    heavy = compare(SOURCE + DOUBLED, ROUND_TRIP)
    assert heavy.a.removed and rewrite_extent(SOURCE + DOUBLED, ROUND_TRIP, heavy.edits) >= 0.25
    found = votes(heavy.a, heavy.b, heavy.edits, heavy.coverage_a, heavy.coverage_b, matches=heavy.matches)
    assert not any(v.signal == "captions" for v in found)
    assert heavy.original == "a"


def test_a_round_trip_is_judged_from_the_source_side_in_both_orders():
    forward = compare(SOURCE, ROUND_TRIP)
    backward = compare(ROUND_TRIP, SOURCE)
    assert forward.original == "a" and backward.original == "b"
