"""Which version is the original: dates first, then textual signals, "unknown" when weak."""
from __future__ import annotations

import json
from pathlib import Path

from unspun import compare, scan
from unspun.config import ExplainConfig
from unspun.edits.collocation import edge_pairs, shared
from unspun.edits.direction import (
    Vote, context_pairs, lexical_words, combine, lone_date_vote, story_original, wording_gaps,
)
from unspun.records import Edit

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Councillor Maeve Dunleavy said the ferry timetable would be cut back over the winter. "
    "Dunleavy said the decision followed a fall in passenger numbers of about a third. "
    "Dunleavy added that the council would review the timetable again in March. "
    "Residents of the island said it was the tip of the iceberg."
)


def test_earlier_published_date_decides():
    result = compare(TEXT, TEXT.replace("cut back", "reduced"), id_a="x", id_b="y",
                     published_a="2024-03-02", published_b="2024-03-01")
    assert result.original == "y"
    assert result.original_confidence == 1.0
    assert "published" in result.original_signals[0]


def test_corrupted_name_and_broken_idiom_mark_the_copy():
    spun = TEXT.replace("Councillor Maeve Dunleavy", "Councillor Maeve Dunleary", 1).replace(
        "tip of the iceberg", "top of the iceberg")
    assert compare(TEXT, spun).original == "a"
    assert compare(spun, TEXT).original == "b"


def test_identical_texts_are_unknown():
    result = compare(TEXT, TEXT)
    assert result.original is None


def test_story_original_needs_agreement():
    class P:
        def __init__(self, a, b, original):
            self.a, self.b, self.original = a, b, original
            self.relation, self.original_confidence = "rewrite", 0.9 if original else 0.0

    pairs = [P("x", "y", "x"), P("x", "z", "x"), P("y", "z", None)]
    assert story_original(["x", "y", "z"], pairs, {}) == "x"
    assert story_original(["x", "y", "z"], [P("x", "y", "x"), P("y", "z", "z")], {}) is None
    assert story_original(["x", "y"], [], {"x": "2024-01-02", "y": "2024-01-01"}) == "y"


def test_demo_scan_originals_match_the_answer_key():
    expected = json.loads((ROOT / "examples" / "EXPECTED-demo.json").read_text())
    result = scan([ROOT / "examples" / "demo"])
    by_member = {a: s for s in result.stories for a in s.articles}
    decided = correct = 0
    for group in expected["groups"]:
        if not group.get("original") or len(group["articles"]) < 2:
            continue
        story = by_member[group["articles"][0]]
        acceptable = group.get("original_acceptable") or [group["original"]]
        if story.original is not None:
            decided += 1
            correct += story.original in acceptable
    assert decided >= 3
    assert correct == decided


def test_article_clash_after_a_swap_marks_the_copy():
    spun = TEXT.replace("a fall in passenger", "a evident fall in passenger")
    result = compare(TEXT, spun)
    assert result.original == "a"
    assert any("'a'/'an'" in s for s in result.original_signals)


def test_name_inside_a_longer_name_is_not_another_mention():
    spun = TEXT.replace("Dunleavy said the decision", "Dunleav said the decision")
    # "Dunleav" is a substring of "Dunleavy" in b's other mentions, but not a whole-word mention there.
    result = compare(TEXT, spun)
    assert result.original == "a"


def test_collocation_table_prefers_the_natural_pair():

    colloc = shared()
    assert colloc.pmi("heavy", "rain") > colloc.pmi("weighty", "rain")
    assert colloc.pmi("prime", "minister") > colloc.pmi("principal", "minister")
    assert colloc.pmi("heavy", "qzxv") is None  # a word the table does not know says nothing


def test_thesaurus_swaps_that_break_collocations_mark_the_copy():
    text = ("Heavy rain closed the main road into the town on Tuesday. The prime minister said interest rates "
            "would stay high for a while. Officials said the clean-up would take several weeks.")
    spun = (text.replace("Heavy rain", "Weighty rain").replace("prime minister", "principal minister")
            .replace("interest rates", "interest charges"))
    forward, backward = compare(text, spun), compare(spun, text)
    assert forward.original == "a" and backward.original == "b"
    assert any("fit their neighbours worse" in s for s in forward.original_signals)


def test_thesaurus_swaps_mark_the_copy_in_both_orders():
    spun = (TEXT.replace("would be cut back over the winter", "would be slashed back over the wintertime")
            .replace("followed a fall", "trailed a descent"))
    assert compare(TEXT, spun).original == "a"
    assert compare(spun, TEXT).original == "b"
    assert any("rarer or fit their neighbours worse" in s for s in compare(TEXT, spun).original_signals)


def test_wording_gap_skips_pure_insertions_and_favours_the_natural_word():

    a = "Heavy rain flooded the town on Sunday."
    b = "Weighty rain flooded the whole town on Sunday."
    swap = Edit("synonym", (0, 5), (0, 7), "Heavy", "Weighty", "", "low")
    insertion = Edit("synonym", (20, 24), (22, 32), "town", "whole town", "", "low")
    gaps = wording_gaps(a, b, [swap, insertion])
    assert [e for _, e in gaps] == [swap]
    assert gaps[0][0] > 0  # "heavy rain" is likelier than "weighty rain": a looks original


def _load_direction_bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("edits_direction", ROOT / "benchmarks" / "edits" / "direction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_direction_quality_gate_on_heldout_and_benchmark_pairs():

    bench = _load_direction_bench()
    threshold = ExplainConfig().direction_min_confidence
    heldout = bench.collect(bench.undated(ROOT / "benchmarks" / "edits" / "heldout"))
    data = bench.collect(bench.undated(ROOT / "benchmarks" / "edits" / "data"))
    # Pinned a little below the measured 0.958 / 0.822 (docs/explain.md).
    assert bench.score(heldout, lambda s: True, threshold)[0] >= 0.9
    assert bench.score(data, lambda s: True, threshold)[0] >= 0.78


def test_lone_date_outweighs_a_weak_textual_lean():

    weak_for_b = [Vote("wording", -0.6, "b's words fit a little better")]
    assert combine(weak_for_b, 0.55).original == "b"
    assert combine([*weak_for_b, lone_date_vote("a")], 0.55).original == "a"
    assert combine([lone_date_vote("b")], 0.55).original == "b"


def test_confident_text_overturns_a_lone_date_on_the_copy():
    spun = (TEXT.replace("Councillor Maeve Dunleavy", "Councillor Maeve Dunleary", 1)
            .replace("tip of the iceberg", "top of the iceberg")
            .replace("a fall in passenger", "a evident fall in passenger"))
    result = compare(TEXT, spun, published_b="2024-05-01")
    assert result.original == "a"
    assert not any("published date" in s for s in result.original_signals)
    light = compare(TEXT, TEXT.replace("cut back", "reduced"), published_b="2024-05-01")
    assert light.original == "b"
    assert any("only b has a published date" in s for s in light.original_signals)


def test_grammar_word_swap_is_judged_on_its_fit_with_neighbours_only():

    original = "Most of the members voted to walk out on Monday, the union said."
    spun = "The majority of the members voted to walk out on Monday, the union said."
    c = compare(original, spun)
    gaps = {e.a_text: g for g, e in wording_gaps(original, spun, c.edits)}
    [(a_text, gap)] = gaps.items()
    edit = next(e for e in c.edits if e.a_text == a_text)
    assert a_text.casefold() == "most"
    colloc = shared()
    fit = sum(colloc.pmi_many(edge_pairs(original, edit.a_span))) - sum(colloc.pmi_many(edge_pairs(spun, edit.b_span)))
    # No word-frequency term and no reward for the longer phrase's inner pairs ("majority of").
    assert abs(gap - fit) < 1e-6


def test_hyphenated_compound_is_priced_as_one_word():

    text = "It will leave care homes short-staffed at the worst time."
    span = (text.index("short"), text.index("staffed") + len("staffed"))
    assert lexical_words(text, span) == ["short-staffed"]
    assert ("short", "staffed") not in context_pairs(text, span)
    assert ("homes", "short") in context_pairs(text, span)
