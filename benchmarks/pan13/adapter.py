"""Turn unspun's sentence matches into PAN detections (passage pairs).

`unspun.align.align_texts` returns one Match per aligned sentence pair. PAN cases are passages of
several sentences, and PAN's granularity punishes reporting one case as many pieces, so neighbouring
matches are merged here: a match joins the current passage when it is within `max_gap` chars of it in
the suspicious text AND within `max_gap` chars of its source span (either side, since unspun's
alignment is order-free). Lone short matches are dropped as chance (a repeated heading, a stock phrase).

This merge is benchmark-side for now; it may belong in the library (see docs/benchmarks-pan13.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

Span = tuple[int, int]


@dataclass(frozen=True)
class MergeConfig:
    # Defaults tuned on PAN13 train (grid in docs/benchmarks-pan13.md).
    max_gap: int = 600  # chars between matches in each text still merged into one passage
    min_score: float = 0.45  # matches below are ignored
    min_single_chars: int = 150  # a passage made of one match must be at least this long (susp side)
    min_single_score: float = 0.6  # ... and score at least this (lone weak matches are topical chance)
    min_passage_chars: int = 0  # any passage shorter than this (susp side) is dropped


@dataclass
class _Passage:
    a0: int
    a1: int
    b0: int
    b1: int
    n: int
    score: float


def _near(x0: int, x1: int, y0: int, y1: int, gap: int) -> bool:
    """Intervals [x0,x1) and [y0,y1) overlap or lie within `gap` chars of each other."""
    return y0 <= x1 + gap and x0 <= y1 + gap


def merge_matches(matches: Sequence[tuple[Span, Span, float]], config: MergeConfig = MergeConfig()) -> list[tuple[Span, Span]]:
    """Merge (a_span, b_span, score) sentence matches into (susp_span, src_span) passages."""
    ms = sorted((m for m in matches if m[2] >= config.min_score), key=lambda m: m[0])
    passages: list[_Passage] = []
    for (a0, a1), (b0, b1), score in ms:
        for p in reversed(passages[-3:]):  # recent passages only: the suspicious text is scanned in order
            if _near(p.a0, p.a1, a0, a1, config.max_gap) and _near(p.b0, p.b1, b0, b1, config.max_gap):
                p.a0, p.a1 = min(p.a0, a0), max(p.a1, a1)
                p.b0, p.b1 = min(p.b0, b0), max(p.b1, b1)
                p.n += 1
                p.score = max(p.score, score)
                break
        else:
            passages.append(_Passage(a0, a1, b0, b1, 1, score))
    # Growing passages can come to overlap each other; fold those together.
    changed = True
    while changed:
        changed = False
        passages.sort(key=lambda p: p.a0)
        out: list[_Passage] = []
        for p in passages:
            q = out[-1] if out else None
            if q and _near(q.a0, q.a1, p.a0, p.a1, 0) and _near(q.b0, q.b1, p.b0, p.b1, config.max_gap):
                q.a0, q.a1, q.b0, q.b1 = min(q.a0, p.a0), max(q.a1, p.a1), min(q.b0, p.b0), max(q.b1, p.b1)
                q.n += p.n
                changed = True
            else:
                out.append(p)
        passages = out
    result = []
    for p in passages:
        length = p.a1 - p.a0
        if length < config.min_passage_chars or (
            p.n == 1 and (length < config.min_single_chars or p.score < config.min_single_score)
        ):
            continue
        result.append(((p.a0, p.a1), (p.b0, p.b1)))
    return result
