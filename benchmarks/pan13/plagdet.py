"""The PAN plagiarism-detection measures (Potthast et al., COLING 2010; PAN 2009-2015 evaluator).

An annotation (gold case or detection) is a passage of the suspicious text plus a passage of the
source text, within one document pair. Characters are counted in both documents: a case of 300 susp
chars and 320 source chars has 620 chars.

* A detection r *detects* a case s when both belong to the same pair and r overlaps s in the
  suspicious text AND in the source text (the evaluator's ``is_overlapping``).
* Macro recall (the PAN default and what the PAN 2013 overview reports):
  ``rec = mean over cases s of |s ∩ ∪{r : r detects s}| / |s|``.
  Macro precision is the same with the roles swapped (mean over detections). A detection that
  detects no case counts 0; a case that no detection touches counts 0.
* Micro recall/precision (the evaluator's ``--micro``): total chars of true detections (each detection
  clipped to the cases it detects, chars counted once) over total case chars / total detected chars.
* Granularity = mean number of detections per *detected* case (1 when nothing is detected).
* ``plagdet = F1(prec, rec) / log2(1 + gran)``.

Chars are unioned per (pair, side); the original evaluator unions per document name, which differs
only when one suspicious document appears in several pairs of the same evaluation.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

Interval = tuple[int, int]  # half-open [start, end)


@dataclass(frozen=True)
class Annotation:
    """A passage pair inside one (susp, src) document pair; lengths are in characters."""

    pair: tuple[str, str]
    this_offset: int
    this_length: int
    source_offset: int
    source_length: int

    @property
    def this(self) -> Interval:
        return (self.this_offset, self.this_offset + self.this_length)

    @property
    def source(self) -> Interval:
        return (self.source_offset, self.source_offset + self.source_length)

    @property
    def size(self) -> int:
        return self.this_length + self.source_length


@dataclass(frozen=True)
class Scores:
    plagdet: float
    precision: float  # macro
    recall: float  # macro
    granularity: float
    micro_precision: float
    micro_recall: float
    micro_plagdet: float
    n_cases: int
    n_detections: int


def _overlap(a: Interval, b: Interval) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def detects(r: Annotation, s: Annotation) -> bool:
    """PAN's is_overlapping: same pair, overlapping in both documents (symmetric)."""
    return r.pair == s.pair and _overlap(r.this, s.this) and _overlap(r.source, s.source)


def union_length(intervals: Iterable[Interval]) -> int:
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def _clip(i: Interval, to: Interval) -> Interval:
    return (max(i[0], to[0]), min(i[1], to[1]))


def _by_pair(anns: Iterable[Annotation]) -> dict[tuple[str, str], list[Annotation]]:
    index: dict[tuple[str, str], list[Annotation]] = defaultdict(list)
    for a in anns:
        index[a.pair].append(a)
    return index


def _valid(anns: Iterable[Annotation]) -> list[Annotation]:
    # An empty passage cannot be scored (its size would be a zero denominator); PAN submissions
    # with one were rejected, so we drop them.
    return [a for a in anns if a.this_length > 0 and a.source_length > 0]


def macro_recall(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> float:
    """Mean over `cases` of the share of each case's chars covered by the detections that detect it."""
    cases, detections = _valid(cases), _valid(detections)
    if not cases and not detections:
        return 1.0
    if not cases or not detections:
        return 0.0
    det_index = _by_pair(detections)
    total = 0.0
    for s in cases:
        rs = [r for r in det_index.get(s.pair, ()) if detects(r, s)]
        if not rs:
            continue
        covered = union_length(_clip(r.this, s.this) for r in rs) + union_length(_clip(r.source, s.source) for r in rs)
        total += covered / s.size
    return total / len(cases)


def macro_precision(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> float:
    return macro_recall(detections, cases)


def micro_recall_precision(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> tuple[float, float]:
    cases, detections = _valid(cases), _valid(detections)
    if not cases and not detections:
        return 1.0, 1.0
    if not cases or not detections:
        return 0.0, 0.0

    def chars(anns_by_pair: dict) -> int:
        return sum(
            union_length(a.this for a in anns) + union_length(a.source for a in anns) for anns in anns_by_pair.values()
        )

    case_index, det_index = _by_pair(cases), _by_pair(detections)
    true_this: dict[tuple[str, str], list[Interval]] = defaultdict(list)
    true_src: dict[tuple[str, str], list[Interval]] = defaultdict(list)
    for pair, cs in case_index.items():
        for s in cs:
            for r in det_index.get(pair, ()):
                if detects(r, s):
                    true_this[pair].append(_clip(r.this, s.this))
                    true_src[pair].append(_clip(r.source, s.source))
    detected = sum(union_length(v) for v in true_this.values()) + sum(union_length(v) for v in true_src.values())
    return detected / chars(case_index), detected / chars(det_index)


def granularity(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> float:
    cases, detections = _valid(cases), _valid(detections)
    if not detections:
        return 1.0
    det_index = _by_pair(detections)
    counts = [sum(detects(r, s) for r in det_index.get(s.pair, ())) for s in cases]
    hit = [n for n in counts if n > 0]
    return sum(hit) / len(hit) if hit else 1.0


def plagdet_score(rec: float, prec: float, gran: float) -> float:
    if (rec == 0 and prec == 0) or rec < 0 or prec < 0 or gran < 1:
        return 0.0
    return (2 * rec * prec / (rec + prec)) / math.log2(1 + gran)


def evaluate(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> Scores:
    rec = macro_recall(cases, detections)
    prec = macro_precision(cases, detections)
    gran = granularity(cases, detections)
    mrec, mprec = micro_recall_precision(cases, detections)
    return Scores(
        plagdet=plagdet_score(rec, prec, gran),
        precision=prec,
        recall=rec,
        granularity=gran,
        micro_precision=mprec,
        micro_recall=mrec,
        micro_plagdet=plagdet_score(mrec, mprec, gran),
        n_cases=len(_valid(cases)),
        n_detections=len(_valid(detections)),
    )
