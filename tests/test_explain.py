"""Edit classification: each kind on hand-written sentences, plus the quality gate on benchmarks/edits."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path


from unspun import compare
from unspun.edits.classify import rank
from unspun.edits.tokenize import quote_regions
from unspun.records import Edit

ROOT = Path(__file__).resolve().parents[1]

BASE = (
    "The harbour board approved a plan on Monday to dredge the northern channel. "
    "The work will cost £4.5 million and take eleven weeks, according to chief engineer Agnes Whitlock. "
    '"We have waited far too long for this," said Whitlock. '
    "Shipping firms welcomed the decision, saying the silted channel had become a drop in the ocean of their problems. "
    "Fishing crews said they would not oppose the dredging."
)


def kinds(a: str, b: str) -> dict[str, list[Edit]]:
    out: dict[str, list[Edit]] = {}
    for e in compare(a, b).edits:
        out.setdefault(e.kind, []).append(e)
    return out


def test_synonym_swap_is_low_severity_and_nothing_else():
    b = BASE.replace("approved", "endorsed").replace("Shipping firms", "Shipping companies")
    found = kinds(BASE, b)
    assert set(found) == {"synonym"}
    assert all(e.severity == "low" for e in found["synonym"])


def test_number_written_as_word_is_not_a_change():
    found = kinds(BASE, BASE.replace("eleven weeks", "11 weeks"))
    assert "number_change" not in found


def test_changed_amount_is_number_change():
    found = kinds(BASE, BASE.replace("£4.5 million", "£45 million"))
    assert [e.a_text for e in found["number_change"]] == ["4.5"]
    assert found["number_change"][0].severity == "high"


def test_negation_removed_is_meaning_flip():
    found = kinds(BASE, BASE.replace("would not oppose", "would oppose"))
    assert found["meaning_flip"][0].a_text == "not"


def test_antonym_is_meaning_flip():
    found = kinds(BASE, BASE.replace("welcomed the decision", "condemned the decision"))
    assert "meaning_flip" in found


def test_name_corruption_and_name_to_common_word():
    found = kinds(BASE, BASE.replace("Agnes Whitlock", "Agnes Whitlocke"))
    assert found["name_change"][0].b_text == "Whitlocke"
    found = kinds(BASE, BASE.replace("said Whitlock", "said the whitlock"))
    assert "name_change" in found or "quote_altered" not in found


def test_change_inside_quotes_is_quote_altered_even_for_a_synonym():
    found = kinds(BASE, BASE.replace("far too long", "much too long"))
    assert [e.a_text for e in found["quote_altered"]] == ["far"]


def test_broken_fixed_expression():
    found = kinds(BASE, BASE.replace("drop in the ocean", "drop in the sea"))
    assert "idiom_broken" in found
    assert "drop in the ocean" in found["idiom_broken"][0].a_text


def test_dropped_and_added_sentences():
    b = BASE.replace(" Fishing crews said they would not oppose the dredging.", "") + (
        " A public meeting about the timetable is planned for the spring."
    )
    found = kinds(BASE, b)
    assert found["removed"][0].a_text.startswith("Fishing crews")
    assert found["added"][0].b_text.startswith("A public meeting")


def test_reordered_clauses_are_not_edits():
    a = "After a long debate, the council voted to close the library on Thursday."
    b = "The council voted to close the library on Thursday, after a long debate."
    assert compare(a + " " + BASE, b + " " + BASE).edits == ()


def test_spans_slice_to_edit_text_on_both_sides():
    b = BASE.replace("£4.5 million", "£5.4 million").replace("would not", "would").replace("Monday", "Tuesday")
    result = compare(BASE, b)
    assert result.edits
    for e in result.edits:
        if e.a_span:
            assert BASE[e.a_span[0]:e.a_span[1]] == e.a_text
        if e.b_span:
            assert b[e.b_span[0]:e.b_span[1]] == e.b_text


def test_most_serious_edits_come_first():
    low = Edit("synonym", (0, 1), (0, 1), "a", "b", "", "low")
    high = Edit("quote_altered", (5, 6), (5, 6), "a", "b", "", "high")
    mid = Edit("added", None, (9, 12), "", "x", "", "medium")
    assert rank([low, mid, high]) == [high, mid, low]


def test_quote_regions_handle_curly_straight_and_unclosed():
    text = 'He said "yes" and \u201cno\u201d.\n\u201cThis runs on'
    regions = quote_regions(text)
    assert [text[s:e] for s, e in regions] == ["yes", "no", "This runs on"]


def test_demo_fund_rewrites_find_the_planted_edits():
    demo = ROOT / "examples" / "demo"
    key = json.loads((ROOT / "examples" / "EXPECTED-demo-edits.json").read_text())
    original = (demo / "fund-original.txt").read_text()
    found = 0
    for item in key:
        if item["kind"] == "synonym":
            continue
        rewrite = (demo / f"{item['rewrite']}.txt").read_text()
        result = compare(original, rewrite, id_a="fund-original", id_b=item["rewrite"])
        start = original.index(item["a_text"])
        end = start + len(item["a_text"])
        hits = [e for e in result.edits if e.a_span and e.a_span[0] < end and start < e.a_span[1]
                and e.severity == "high"]
        found += bool(hits)
    assert found >= 5  # of the 6 planted meaning-changing edits (the $9.6m line is reported as removed)


def _load_runner():
    spec = importlib.util.spec_from_file_location("edits_run", ROOT / "benchmarks" / "edits" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Pinned slightly below what the rules achieve (docs/explain.md has the measured figures).
FLOORS = {
    "meaning_flip": (0.95, 0.90),
    "quote_altered": (0.95, 0.95),
    "number_change": (0.90, 0.90),
    "name_change": (0.90, 0.90),
    "idiom_broken": (0.85, 0.85),
    "added": (0.90, 0.90),
    "removed": (0.90, 0.90),
}


def test_quality_gate_on_labelled_edit_pairs():
    runner = _load_runner()
    out = runner.evaluate(runner.load(ROOT / "benchmarks" / "edits" / "data"))
    for kind, (p_floor, r_floor) in FLOORS.items():
        m = out["per_kind"][kind]
        assert m["precision"] >= p_floor, (kind, m)
        assert m["recall"] >= r_floor, (kind, m)
    assert out["direction"]["undated"]["accuracy"] >= 0.80
    assert out["spin_auc"] >= 0.60
