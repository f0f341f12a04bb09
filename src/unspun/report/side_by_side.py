"""The one side-by-side view of two versions: aligned rows with changed words marked, colour by edit kind,
a count by kind and severity, and every edit with its sentence on both sides (`high` first).

The scan's HTML report, `unspun compare --html` and the web page all show this view: the two HTML pages
render `render_fragment(view)`, the web page draws `view_to_dict(view)` with text nodes only. Article
text is untrusted: the template autoescapes everything and nothing here is marked safe.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..records import Edit, Match, Span

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Piece:
    """A run of one row's text and the edit marking it (kind/severity None = unchanged)."""

    text: str
    kind: str | None = None
    severity: str | None = None
    why: str = ""


@dataclass(frozen=True)
class Row:
    """One line of the view: a sentence group of a beside its counterpart in b (either may be missing)."""

    a: tuple[Piece, ...]
    b: tuple[Piece, ...]
    a_span: Span | None
    b_span: Span | None
    status: str  # "matched" | "moved" | "removed" (a only) | "added" (b only)
    worst: str | None  # the most serious severity marked in the row


@dataclass(frozen=True)
class EditLine:
    """An edit with the sentence (matched group) it sits in on both sides, only that edit marked."""

    edit: Edit
    a: tuple[Piece, ...]
    b: tuple[Piece, ...]


@dataclass(frozen=True)
class SideBySide:
    """Everything the view shows, in the order it shows it."""

    a_id: str
    b_id: str
    counts: tuple[tuple[str, str, int], ...]  # (severity, kind, n), high first
    rows: tuple[Row, ...]
    edits: tuple[EditLine, ...]


def _pieces(text: str, span: Span, edits: Sequence[Edit], side: str) -> tuple[Piece, ...]:
    """Cut text[span] at the edits' spans on one side; where edits overlap the more serious one shows."""
    lo, hi = span
    owner: list[int | None] = [None] * (hi - lo)
    ranked = sorted(range(len(edits)), key=lambda k: -SEVERITY_ORDER.get(edits[k].severity, 3))
    for k in ranked:  # least serious first, so the most serious is written last and wins
        s = edits[k].a_span if side == "a" else edits[k].b_span
        if not s or s[1] <= lo or s[0] >= hi:
            continue
        for p in range(max(s[0], lo), min(s[1], hi)):
            owner[p - lo] = k
    out: list[Piece] = []
    start = 0
    for p in range(1, len(owner) + 1):
        if p == len(owner) or owner[p] != owner[start]:
            k = owner[start]
            piece_text = text[lo + start:lo + p]
            if k is None:
                out.append(Piece(piece_text))
            else:
                e = edits[k]
                out.append(Piece(piece_text, e.kind, e.severity, e.why))
            start = p
    return tuple(out)


def _worst(pieces: Sequence[Piece]) -> str | None:
    found = [p.severity for p in pieces if p.severity]
    return min(found, key=lambda s: SEVERITY_ORDER.get(s, 3)) if found else None


def _gaps(text: str, covered: Sequence[Span]) -> list[Span]:
    """Stretches of text (with letters in them) that no match covers."""
    out, cursor = [], 0
    for s, e in sorted(covered) + [(len(text), len(text))]:
        if s > cursor and any(ch.isalnum() for ch in text[cursor:s]):
            lead = len(text[cursor:s]) - len(text[cursor:s].lstrip())
            trail = len(text[cursor:s].rstrip())
            out.append((cursor + lead, cursor + trail))
        cursor = max(cursor, e)
    return out


def _moved(matches: Sequence[Match]) -> set[int]:
    """Indices (in a order) of matches off the longest run that keeps b's order: the ones that moved."""
    order = [m.b_span[0] for m in matches]
    n = len(order)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if order[j] < order[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    keep: set[int] = set()
    k = max(range(n), key=lambda i: best[i]) if n else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return set(range(n)) - keep


def _rows(text_a: str, text_b: str, matches: Sequence[Match], edits: Sequence[Edit]) -> list[Row]:
    ordered = sorted(matches, key=lambda m: m.a_span)
    moved = _moved(ordered)
    a_only = _gaps(text_a, [m.a_span for m in ordered])
    b_only = _gaps(text_b, [m.b_span for m in ordered])
    items: list[tuple[int, int, Row]] = []
    for n, m in enumerate(ordered):
        pa, pb = _pieces(text_a, m.a_span, edits, "a"), _pieces(text_b, m.b_span, edits, "b")
        items.append((m.a_span[0], 0, Row(pa, pb, m.a_span, m.b_span, "moved" if n in moved else "matched",
                                          _worst(pa + pb))))
    for span in a_only:
        pa = _pieces(text_a, span, edits, "a")
        items.append((span[0], 0, Row(pa, (), span, None, "removed", _worst(pa))))
    rows = [r for _, _, r in sorted(items, key=lambda t: (t[0], t[1]))]
    # A b-only stretch goes right after the row whose b text precedes it.
    for span in b_only:
        pb = _pieces(text_b, span, edits, "b")
        row = Row((), pb, None, span, "added", _worst(pb))
        after = max((k for k, r in enumerate(rows) if r.b_span and r.b_span[1] <= span[0]), default=-1,
                    key=lambda k: rows[k].b_span[1])
        rows.insert(after + 1, row)
    return rows


def _context(span: Span | None, groups: Sequence[Span]) -> Span | None:
    if span is None:
        return None
    for g in groups:
        if g[0] <= span[0] and span[1] <= g[1] and (span[1] > span[0] or g[0] < span[0] < g[1] or g == span):
            return g
    return span


def build_view(text_a: str, text_b: str, matches: Sequence[Match], edits: Sequence[Edit],
               a_id: str = "a", b_id: str = "b") -> SideBySide:
    """The view of two texts given their sentence matches and classified edits (spans index the texts)."""
    rows = _rows(text_a, text_b, matches, edits)
    groups_a = [r.a_span for r in rows if r.a_span]
    groups_b = [r.b_span for r in rows if r.b_span]
    ordered = sorted(edits, key=lambda e: (SEVERITY_ORDER.get(e.severity, 3), (e.a_span or e.b_span or (0, 0))[0]))
    lines = []
    for e in ordered:
        ca, cb = _context(e.a_span, groups_a), _context(e.b_span, groups_b)
        lines.append(EditLine(e, _pieces(text_a, ca, [e], "a") if ca else (),
                              _pieces(text_b, cb, [e], "b") if cb else ()))
    counts = Counter((e.severity, e.kind) for e in edits)
    ranked = sorted(counts.items(), key=lambda kv: (SEVERITY_ORDER.get(kv[0][0], 3), -kv[1], kv[0][1]))
    return SideBySide(a_id, b_id, tuple((s, k, n) for (s, k), n in ranked), tuple(rows), tuple(lines))


def _piece_dict(p: Piece) -> dict[str, Any]:
    return {"text": p.text, "kind": p.kind, "severity": p.severity, "why": p.why}


def view_to_dict(v: SideBySide) -> dict[str, Any]:
    """The view as JSON for the web page (the page draws it with text nodes only)."""
    return {
        "a": v.a_id, "b": v.b_id,
        "counts": [{"severity": s, "kind": k, "n": n} for s, k, n in v.counts],
        "rows": [{"status": r.status, "worst": r.worst, "a_span": list(r.a_span) if r.a_span else None,
                  "b_span": list(r.b_span) if r.b_span else None,
                  "a": [_piece_dict(p) for p in r.a], "b": [_piece_dict(p) for p in r.b]} for r in v.rows],
        "edits": [{"kind": x.edit.kind, "severity": x.edit.severity, "why": x.edit.why,
                   "a_text": x.edit.a_text, "b_text": x.edit.b_text,
                   "a": [_piece_dict(p) for p in x.a], "b": [_piece_dict(p) for p in x.b]} for x in v.edits],
    }


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("unspun", "report/templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def render_fragment(v: SideBySide, with_style: bool = True) -> str:
    """The view as an HTML fragment (with its <style> unless the page includes
    side_by_side_style.html once itself); report.html and compare.html include the same template."""
    env = _env()
    style = env.get_template("side_by_side_style.html").render() if with_style else ""
    return style + env.get_template("side_by_side.html").render(v=v)
