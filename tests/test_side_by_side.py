"""The one side-by-side view: rows in reading order, edits marked in their sentences, counts high first,
untrusted text escaped."""
from __future__ import annotations

from unspun import compare
from unspun.report.side_by_side import build_view, render_fragment, view_to_dict

A = (
    "The harbour board approved a plan on Monday to dredge the northern channel. "
    "The work will cost £4.5 million and take eleven weeks, according to chief engineer Agnes Whitlock. "
    "Shipping firms welcomed the decision after months of delays at the quay. "
    "Fishing crews said they would not oppose the dredging."
)
B = (
    "The harbour board endorsed a plan on Monday to dredge the northern channel. "
    "The work will cost £45 million and take eleven weeks, according to chief engineer Agnes Whitlock. "
    "Shipping firms welcomed the decision after months of delays at the quay. "
    "Fishing crews said they would oppose the dredging."
)


def view_of(a: str, b: str):
    c = compare(a, b)
    return c, build_view(a, b, c.matches, c.edits)


def test_counts_list_high_severity_first_and_add_up_to_the_edits():
    c, v = view_of(A, B)
    assert sum(n for _, _, n in v.counts) == len(c.edits)
    severities = [s for s, _, _ in v.counts]
    assert severities[0] == "high" and severities == sorted(severities, key={"high": 0, "medium": 1, "low": 2}.get)


def test_rows_keep_reading_order_and_rebuild_each_sentence():
    _, v = view_of(A, B)
    assert [r.status for r in v.rows] == ["matched"] * 4
    assert "".join(p.text for p in v.rows[1].a) == A.split(". ")[1] + "."
    marked = [p for p in v.rows[1].b if p.kind]
    assert [(p.text, p.kind, p.severity) for p in marked] == [("45", "number_change", "high")]


def test_each_edit_line_shows_its_sentence_on_both_sides_high_first():
    _, v = view_of(A, B)
    assert v.edits[0].edit.severity == "high"
    line = next(x for x in v.edits if x.edit.kind == "number_change")
    assert "".join(p.text for p in line.a).startswith("The work will cost")
    assert [p.text for p in line.b if p.kind] == ["45"]
    assert [x.edit.severity for x in v.edits] == sorted((x.edit.severity for x in v.edits),
                                                        key={"high": 0, "medium": 1, "low": 2}.get)


def test_unmatched_sentences_are_rows_of_their_own():
    b = B + " Port officials expect the first dredgers to arrive from Rotterdam before the end of April."
    _, v = view_of(A, b)
    assert v.rows[-1].status == "added" and not v.rows[-1].a


def test_html_fragment_escapes_article_text_and_dict_carries_the_same_view():
    a = A + " Critics wrote <script>alert(1)</script> on the harbour wall."
    b = B + " Critics wrote <script>alert(2)</script> on the harbour wall."
    _, v = view_of(a, b)
    html = render_fragment(v)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="k-number_change s-high"' in html
    d = view_to_dict(v)
    assert len(d["rows"]) == len(v.rows) and d["edits"][0]["severity"] == "high"
    assert d["counts"][0]["severity"] == "high"
