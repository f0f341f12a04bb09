"""passages: sentence matches of long documents -> passages (near-merge, lone-match filter, summaries, copy fitting)."""
from __future__ import annotations

import pytest

from unspun.align import align_texts
from unspun.clean import split_sentences
from unspun.passages import (
    PassageConfig, align_passages, build_passages, find_summaries, grow_passage, merge_near, passage_similarity,
    trim_copy,
)
from unspun.records import Match


def m(a: tuple[int, int], b: tuple[int, int], score: float = 0.8, kind: str = "paraphrase") -> Match:
    return Match(a, b, kind, score, (a[0],), (b[0],))


# --- near-merge and filters ---------------------------------------------------------------------------


def test_matches_near_in_both_texts_merge_into_one_passage_in_either_order():
    ms = [m((0, 100), (500, 600)), m((120, 220), (380, 480)), m((240, 340), (620, 700))]  # b order 2, 1, 3
    (p,) = build_passages(ms)
    assert p.a_span == (0, 340) and p.b_span == (380, 700)
    assert p.a_sentences == (0, 120, 240)


def test_matches_far_apart_in_one_text_stay_separate_passages():
    ms = [m((0, 200), (0, 200)), m((220, 420), (5000, 5200))]
    ps = build_passages(ms, config=PassageConfig(max_gap=600))
    assert [p.b_span for p in ps] == [(0, 200), (5000, 5200)]


def test_lone_short_or_weak_match_is_dropped_but_a_long_strong_one_is_kept():
    weak = m((0, 300), (0, 300), score=0.5)
    short = m((5000, 5100), (5000, 5100), score=0.9)
    strong = m((10000, 10300), (10000, 10300), score=0.9)
    assert [p.a_span for p in build_passages([weak, short, strong])] == [(10000, 10300)]


def test_matches_below_min_score_are_ignored():
    ms = [m((0, 200), (0, 200), score=0.9), m((210, 400), (210, 400), score=0.39)]
    (p,) = build_passages(ms)
    assert p.a_span == (0, 200)


def test_passage_is_copy_only_when_every_match_is_and_score_is_length_weighted():
    ms = [m((0, 300), (0, 300), 1.0, "copy"), m((310, 410), (310, 410), 0.6)]
    (p,) = build_passages(ms)
    assert p.kind == "paraphrase"
    assert abs(p.score - (1.0 * 300 + 0.6 * 100) / 400) < 1e-3
    (q,) = build_passages([m((0, 300), (0, 300), 1.0, "copy"), m((310, 410), (310, 410), 0.95, "copy")])
    assert q.kind == "copy"


def test_groups_that_grow_into_each_other_are_folded():
    groups = merge_near(
        # the third match joins the second group and stretches it over the first one in both texts
        [m((0, 160), (0, 100)), m((150, 250), (3000, 3100)), m((260, 400), (120, 2990))],
        PassageConfig(max_gap=50),
    )
    assert len(groups) == 1 and len(groups[0]) == 3


# --- summaries -----------------------------------------------------------------------------------------


def test_a_short_run_matching_sentences_spread_over_a_short_source_is_one_summary_passage():
    ms = [m((1000, 1150), (100, 250)), m((1160, 1300), (2000, 2150)), m((1310, 1450), (4000, 4150))]
    assert len(find_summaries(ms, 4500)) == 1
    text_a = "." * 1000 + ("Wardens counted puffin nests on the cliffs. " * 11)[:450] + "." * 550
    text_b = " " + ("The puffin colony nests on cliffs; wardens counted them. " * 80)[:4498] + "\n"
    (p,) = build_passages(ms, text_a, text_b, PassageConfig(summary_whole_source=False))
    assert p.a_span == (1000, 1450) and p.b_span == (100, 4150)
    (whole,) = build_passages(ms, text_a, text_b)
    assert whole.a_span == (1000, 1450) and whole.b_span == (1, 4499)
    unrelated = " " + ("Ferry timetables change in spring and autumn. " * 100)[:4498] + "\n"
    assert find_summaries(ms, 4500, PassageConfig(), text_a, unrelated) == []  # b lacks the run's words


def test_a_run_whose_partners_mostly_form_one_source_passage_is_not_a_summary():
    ms = [m((0, 150), (100, 250)), m((160, 300), (260, 400)), m((310, 450), (410, 550)), m((460, 600), (4000, 4150))]
    assert find_summaries(ms, 4500) == []


def test_a_long_source_is_not_summarised_as_a_whole():
    ms = [m((1000, 1150), (100, 250)), m((1160, 1300), (20000, 20150)), m((1310, 1450), (40000, 40150))]
    assert find_summaries(ms, 45000) == []
    assert find_summaries(ms, 45000, PassageConfig(summary_max_source_chars=50000)) != []


# --- fitting verbatim passages -------------------------------------------------------------------------

_COPIED = (
    "The ferry to the outer islands now leaves twice a day, once at dawn and once at dusk. "
    "Fishermen say the evening crossing is rougher in winter because the wind turns around the cape."
)


def test_copy_passage_is_cut_to_the_copied_words_when_the_copy_starts_mid_sentence():
    text_a = "Our guide had warned us. " + _COPIED + " We took the morning boat."
    text_b = "Timetables changed in spring and now " + _COPIED[4:] + " Tickets cost four pounds."
    start_a = text_a.index("ferry")
    p = m((0, len(text_a)), (0, len(text_b)), 0.9)
    fitted = trim_copy(p, text_a, text_b, min_block=4, extend=0)
    assert text_a[fitted.a_span[0] : fitted.a_span[1]] == _COPIED[4:]
    assert fitted.a_span[0] == start_a
    assert text_b[fitted.b_span[0] : fitted.b_span[1]] == _COPIED[4:]


def test_copy_passage_grows_over_copied_words_its_sentences_missed():
    text_a = "Unrelated opening line here. " + _COPIED + " And another thing."
    text_b = "Something else entirely. " + _COPIED + " Tickets cost four pounds."
    second = _COPIED.index("Fishermen")
    a0, b0 = text_a.index(_COPIED) + second, text_b.index(_COPIED) + second
    p = m((a0, a0 + len(_COPIED) - second), (b0, b0 + len(_COPIED) - second), 1.0, "copy")
    fitted = trim_copy(p, text_a, text_b, min_block=4, extend=500)
    assert text_a[fitted.a_span[0] : fitted.a_span[1]].startswith("The ferry")
    assert text_b[fitted.b_span[0] : fitted.b_span[1]] == _COPIED


def test_paraphrase_passage_is_left_alone():
    text_a = "The boat to the far islands sails two times daily, at sunrise and at sunset."
    text_b = "Twice each day a ferry departs for the outer isles: first light and nightfall."
    p = m((0, len(text_a)), (0, len(text_b)), 0.5)
    assert trim_copy(p, text_a, text_b, extend=500) == p


def test_build_passages_on_real_alignment_recovers_a_copied_passage_inside_longer_texts():
    filler_a = " ".join(f"Item {i} of the market report covers grain prices in region {i}." for i in range(12))
    filler_b = " ".join(f"Section {i} describes the railway timetable for station {i * 7}." for i in range(12))
    text_a = filler_a + "\n\n" + _COPIED + "\n\n" + filler_a
    text_b = filler_b + " " + _COPIED + " " + filler_b
    ps = build_passages(align_texts(text_a, text_b), text_a, text_b)
    assert len(ps) == 1
    (p,) = ps
    assert text_a[p.a_span[0] : p.a_span[1]] == _COPIED
    assert text_b[p.b_span[0] : p.b_span[1]] == _COPIED


# --- passage-level evidence ----------------------------------------------------------------------------


def test_passage_similarity_ignores_word_order_and_weighs_rare_words_more():
    a = "The glacier retreated forty metres while hikers photographed the crevasse."
    shuffled = "While hikers photographed the crevasse, forty metres the glacier retreated."
    assert passage_similarity(a, shuffled) == pytest.approx(1.0)
    b = "People said the glacier crevasse was a good sight today."
    rare_shared = "The glacier crevasse was seen."  # two of b's words, both rare
    common_shared = "The people were good, it was seen."  # two of b's words, both common
    assert passage_similarity(b, rare_shared) > passage_similarity(b, common_shared)
    assert passage_similarity("", a) == 0.0


def test_passage_sharing_only_common_words_is_dropped_when_texts_are_given():
    text_a = "The new plan was discussed by the city board at the meeting on Monday. " * 3
    text_b = "A glacier crevasse opened under the hikers near the summit of the ridge. " * 3
    ms = [m((0, 70), (0, 72), 0.7), m((71, 141), (73, 145), 0.7)]
    assert len(build_passages(ms)) == 1  # without texts only the scores decide
    assert build_passages(ms, text_a, text_b) == []


def test_passage_far_below_the_pairs_best_is_dropped():
    best = [m((0, 300), (0, 300), 1.0, "copy"), m((310, 600), (310, 600), 1.0, "copy")]
    weak = [m((5000, 5200), (5000, 5200), 0.5), m((5210, 5400), (5210, 5400), 0.5)]
    assert [p.a_span for p in build_passages(best + weak)] == [(0, 600)]
    assert len(build_passages(weak)) == 1


def test_align_passages_finds_a_reordered_paraphrased_passage_between_long_texts():
    filler_a = " ".join(f"Item {i} of the market report covers grain prices in region {i}." for i in range(15))
    filler_b = " ".join(f"Section {i} describes the railway timetable for station {i * 7}." for i in range(15))
    para_a = (
        "Volunteers counted 412 nesting puffins on the northern cliffs of Skellig this June. "
        "The colony had shrunk for a decade because sand eels, their main prey, moved to colder water. "
        "Wardens now close the landing stage whenever the birds are feeding chicks."
    )
    para_b = (
        "Whenever the birds feed chicks, wardens now shut the landing stage. "
        "This June volunteers counted 412 puffins nesting on the northern Skellig cliffs. "
        "For a decade the colony had shrunk, because sand eels, its main prey, moved into colder water."
    )
    text_a = filler_a + "\n\n" + para_a + "\n\n" + filler_a
    text_b = filler_b + "\n\n" + para_b + "\n\n" + filler_b
    (p,) = align_passages(text_a, text_b)
    assert text_a[p.a_span[0] : p.a_span[1]] == para_a
    assert text_b[p.b_span[0] : p.b_span[1]] == para_b
    assert p.kind == "paraphrase" and len(p.a_sentences) == 3


def test_paraphrase_passage_grows_over_a_similar_edge_sentence_pair_but_not_an_unrelated_one():
    text_a = (
        "Ticket prices rose in May. The harbour ferry to Inishmore now sails at dawn. "
        "Islanders say the winter crossing is rough. Our cat sleeps all day."
    )
    text_b = (
        "Parking is free on Sundays. Since May, the Inishmore ferry from the harbour sails at first light. "
        "People on the island call the winter crossing rough. Bus timetables changed too."
    )
    sa, sb = split_sentences(text_a), split_sentences(text_b)
    assert len(sa) == len(sb) == 4
    p = m(sa[2], sb[2], 0.6)
    grown = grow_passage(p, text_a, text_b, sa, sb, min_similarity=0.25, max_sentences=2)
    assert grown.a_span == (sa[1][0], sa[2][1]) and grown.b_span == (sb[1][0], sb[2][1])
    assert grow_passage(p, text_a, text_b, sa, sb, min_similarity=0.99, max_sentences=2) == p
