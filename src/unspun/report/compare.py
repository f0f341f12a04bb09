"""Rendering of one `Comparison`: terminal (aligned sentences, changed words highlighted), HTML, JSON."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..edits.compare import Comparison
from ..records import Edit, Span
from .side_by_side import build_view
from .json import edit_to_dict, match_to_dict, vote_to_dict

STYLE = {"high": "bold white on red", "medium": "black on yellow", "low": "underline"}


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """The JSON shape of `unspun compare --json` (one pair, like `pairs[]` of a scan)."""
    return {
        "a": c.a.id,
        "b": c.b.id,
        "score": c.score,
        "coverage": {"a": c.coverage_a, "b": c.coverage_b},
        "original": c.original,
        "original_confidence": c.original_confidence,
        "original_signals": list(c.original_signals),
        "original_votes": [vote_to_dict(v) for v in c.original_votes],
        "matches": [match_to_dict(m) for m in c.matches],
        "edits": [edit_to_dict(e) for e in c.edits],
    }


def write_json(c: Comparison, path: str | Path) -> None:
    Path(path).write_text(json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=1), encoding="utf-8")


def _marks(edits: list[Edit], side: str) -> list[tuple[Span, str]]:
    out = []
    for e in edits:
        span = e.a_span if side == "a" else e.b_span
        if span and span[1] > span[0] and e.kind not in ("added", "removed"):
            out.append((span, e.severity))
    return out


def _highlight(text: str, span: Span, marks: list[tuple[Span, str]]) -> Text:
    out = Text(text[span[0]:span[1]])
    for (s, e), severity in marks:
        if s >= span[0] and e <= span[1]:
            out.stylize(STYLE[severity], s - span[0], e - span[0])
    return out


def aligned_rows(c: Comparison) -> list[tuple[Span | None, Span | None]]:
    """Sentence rows in reading order of a: matched pairs, a-only and b-only sentences."""
    rows: list[tuple[Span | None, Span | None]] = []
    used_b: set[int] = set()
    by_a = {i: m for m in c.matches for i in m.a_sentences[:1]}
    for i, s in enumerate(c.a.sentences):
        m = by_a.get(i)
        if m:
            rows.append((s.span, m.b_span))
            used_b.update(m.b_sentences)
        else:
            rows.append((s.span, None))
    rows.extend((None, s.span) for j, s in enumerate(c.b.sentences) if j not in used_b)
    return rows


def print_comparison(c: Comparison, console: Console, show_text: bool = True) -> None:
    """Aligned sentences with changed words highlighted, then the edits, most serious first."""
    edits = list(c.edits)
    ta, tb = c.a.article.text, c.b.article.text
    console.print(
        f"[bold]{c.a.id}[/] vs [bold]{c.b.id}[/]: score {c.score:.2f}, coverage {c.coverage_a:.0%} / "
        f"{c.coverage_b:.0%}, {len(edits)} edits; original: [bold]{c.original or 'unknown'}[/] "
        f"(confidence {c.original_confidence:.2f})"
    )
    if c.original_votes:  # both sides, weightiest first: what argued for the verdict and what against
        for v in c.original_votes[:8]:
            side = c.a.id if v.weight > 0 else c.b.id if v.weight < 0 else "neither"
            console.print(f"  [dim]vote {v.weight:+.3f} for {escape(side)} ({escape(v.kind)}):[/] {escape(v.why)}")
    else:
        for s in c.original_signals[:4]:
            console.print(f"  [dim]signal:[/] {s}")
    if show_text:
        table = Table(show_lines=True)
        table.add_column(c.a.id, ratio=1)
        table.add_column(c.b.id, ratio=1)
        ma, mb = _marks(edits, "a"), _marks(edits, "b")
        for sa, sb in aligned_rows(c):
            left = _highlight(ta, sa, ma) if sa else Text("(not in this version)", style="dim")
            right = _highlight(tb, sb, mb) if sb else Text("(not in this version)", style="dim")
            table.add_row(left, right)
        console.print(table)
    table = Table(title="Edits, most serious first", title_justify="left")
    for col in ("severity", "kind", c.a.id, c.b.id, "why"):
        table.add_column(col, overflow="fold")
    for e in edits:
        table.add_row(Text(e.severity, style=STYLE[e.severity]), e.kind, e.a_text, e.b_text, e.why)
    console.print(table)


def render_html(c: Comparison, title: str = "unspun compare") -> str:
    """Self-contained HTML: the one side-by-side view (report/side_by_side.py) of the two versions."""
    env = Environment(
        loader=PackageLoader("unspun", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    view = build_view(c.a.article.text, c.b.article.text, c.matches, c.edits, c.a.id, c.b.id)
    return env.get_template("compare.html").render(title=title, c=c, v=view)


def write_html(c: Comparison, path: str | Path) -> None:
    Path(path).write_text(render_html(c), encoding="utf-8")
