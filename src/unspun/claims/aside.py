"""Lines set aside from the article's running text: photo captions (a credit in the line, or a line
printed twice, as scraped pages repeat a caption under the image and in the gallery) and boilerplate.

Why: a pronoun two paragraphs after "A man walks past the Kremlin (Photo: Reuters)" still refers to
the last person quoted in the text, not to a name in the caption, and a doubled caption must not
yield a claim twice.  Cheap regex work over the whole text; no parse.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..records import Span

_LINE = re.compile(r"[^\n]+")
_CAPTION = re.compile(
    r"\((?:photo|image|picture|pictured|credit|file photo|video)\b[^)]{0,80}\)"
    r"|\b(?:photo|image|picture|photograph)(?:\s+credit)?\s*:"
    r"|\bgetty images\b|\bAP Photo\b|/(?:AFP|Reuters|EPA|AP)\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^\s*(?:advertisement|click here|sign up|subscribe|read more|related:|share this|follow us|"
    r"watch:|listen:|copyright|all rights reserved)\b",
    re.IGNORECASE,
)
_MAX_CAPTION = 300  # a longer line is running text even when it names a photographer


@dataclass(frozen=True)
class SetAside:
    """Spans of set-aside lines in text order, and which of them repeat an earlier line."""

    spans: tuple[Span, ...]
    repeats: tuple[Span, ...]

    def holds(self, pos: int) -> bool:
        return _inside(self.spans, pos)

    def repeated(self, pos: int) -> bool:
        return _inside(self.repeats, pos)


def _inside(spans: tuple[Span, ...], pos: int) -> bool:
    k = bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def set_aside(text: str) -> SetAside:
    """Caption and boilerplate lines of `text` (see the module docstring for what counts)."""
    seen: set[str] = set()
    spans: list[Span] = []
    repeats: list[Span] = []
    lines = [(m.span(), m.group().strip()) for m in _LINE.finditer(text)]
    counts: dict[str, int] = {}
    for _, key in lines:
        if len(key) >= 20:
            counts[key] = counts.get(key, 0) + 1
    for span, key in lines:
        if not key:
            continue
        doubled = counts.get(key, 0) > 1 and len(key) <= _MAX_CAPTION
        if doubled or (len(key) <= _MAX_CAPTION and _CAPTION.search(key)) or _BOILERPLATE.match(key):
            spans.append(span)
            if key in seen:
                repeats.append(span)
        seen.add(key)
    return SetAside(tuple(spans), tuple(repeats))
