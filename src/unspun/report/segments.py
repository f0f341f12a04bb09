"""Text cut into display segments, each with the highlight it gets: written once for every front end.

`segments` gives flat, non-overlapping runs (the HTML reports); `layered_segments` lets marks nest (a
changed word inside a matched sentence: the web page). Offsets are into the article's original text.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Article, Pair, Span

Mark = tuple[Span, str, str]
"""(span, css class, label) — one highlight to cut into the text."""

_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    """A run of text with the highlight it gets (None = plain)."""

    text: str
    css: str | None = None
    label: str = ""


def segments(text: str, marks: Sequence[Mark]) -> list[Segment]:
    """Cut `text` at the marked spans (non-overlapping after sorting; overlaps are clipped)."""
    out: list[Segment] = []
    cursor = 0
    for (start, end), css, label in sorted(marks, key=lambda m: m[0]):
        start, end = max(start, cursor), min(end, len(text))
        if end <= start:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], css, label))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def layered_segments(text: str, marks: Sequence[Mark]) -> list[dict[str, Any]]:
    """Cut `text` at every mark boundary; each piece lists the classes (and labels) covering it.

    Unlike `segments`, marks may nest (a changed word inside a matched sentence).
    """
    n = len(text)
    clipped = [((max(0, s), min(n, e)), css, label) for (s, e), css, label in marks if min(n, e) > max(0, s)]
    cuts = sorted({0, n} | {s for (s, _), _, _ in clipped} | {e for (_, e), _, _ in clipped})
    out: list[dict[str, Any]] = []
    for start, end in zip(cuts, cuts[1:]):
        classes: list[str] = []
        labels: list[str] = []
        for (s, e), css, label in clipped:
            if s <= start and end <= e:
                if css not in classes:
                    classes.append(css)
                if label and label not in labels:
                    labels.append(label)
        if out and out[-1]["classes"] == classes and out[-1]["labels"] == labels:
            out[-1]["text"] += text[start:end]
        else:
            out.append({"text": text[start:end], "classes": classes, "labels": labels})
    return out


def word_changes(a_text: str, a_span: Span, b_text: str, b_span: Span) -> tuple[list[Span], list[Span]]:
    """Spans of words that differ between two matched passages (a word-level diff, offsets absolute)."""
    a_tok = [(m.start() + a_span[0], m.end() + a_span[0], m.group().casefold())
             for m in _WORD.finditer(a_text[a_span[0]:a_span[1]])]
    b_tok = [(m.start() + b_span[0], m.end() + b_span[0], m.group().casefold())
             for m in _WORD.finditer(b_text[b_span[0]:b_span[1]])]
    sm = difflib.SequenceMatcher(None, [t[2] for t in a_tok], [t[2] for t in b_tok], autojunk=False)
    out_a: list[Span] = []
    out_b: list[Span] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            out_a.append((a_tok[i1][0], a_tok[i2 - 1][1]))
        if j2 > j1:
            out_b.append((b_tok[j1][0], b_tok[j2 - 1][1]))
    return out_a, out_b


def comparison_view(pair: Pair, a: Article, b: Article) -> dict[str, Any]:
    """Both texts as layered segments: matched passages (copy/paraphrase), changed words inside them, edits."""
    marks_a: list[Mark] = []
    marks_b: list[Mark] = []
    changed = 0
    for i, m in enumerate(pair.matches, 1):
        label = f"#{i} {m.kind} {m.score:.2f}"
        marks_a.append((m.a_span, m.kind, label))
        marks_b.append((m.b_span, m.kind, label))
        wa, wb = word_changes(a.text, m.a_span, b.text, m.b_span)
        changed += len(wa) + len(wb)
        marks_a += [(s, "changed", "") for s in wa]
        marks_b += [(s, "changed", "") for s in wb]
    for e in pair.edits:
        tag = f"edit-{e.kind}"
        if e.a_span:
            marks_a.append((e.a_span, tag, f"{e.kind}: {e.why}"))
        if e.b_span:
            marks_b.append((e.b_span, tag, f"{e.kind}: {e.why}"))
    from .side_by_side import build_view, view_to_dict

    return {
        "a_segments": layered_segments(a.text, marks_a),
        "b_segments": layered_segments(b.text, marks_b),
        "changed_words": changed,
        # the one side-by-side view (report/side_by_side.py) the HTML report and compare page show too
        "side_by_side": view_to_dict(build_view(a.text, b.text, pair.matches, pair.edits, a.id, b.id)),
    }
