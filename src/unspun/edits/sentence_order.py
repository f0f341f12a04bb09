"""Sentence order: of two versions that put the same sentences in a different order, which order was written.

A writer puts a sentence next to the one it follows from: it picks up that sentence's people, places and
subjects (local coherence, as in entity-grid models of text). A copy made by shuffling paragraphs or
sentences (a content farm dodging duplicate detection) puts sentences next to ones they have nothing to do
with. So over the matched sentences, the neighbours each version has and the other lacks are compared: the
version whose own new neighbours share more content words and names is the original. Neighbouring news
sentences share few words (mean overlap 0.02-0.2), so the two means are compared against their spread (a
two-sample t statistic), not by a fixed gap.

Costs one set intersection per reordered neighbour (the sentences' features are memoized). Fails when the
reordering is small (fewer than `_MIN_MOVED` neighbours each side: no vote), and on a rewrite that reorders
on purpose for a better flow (a chatbot): there the copy's order can be the more coherent one.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..fingerprint import sentence_features
from ..records import CleanArticle, Match

_MIN_MOVED = 2  # neighbours on each side that the other version does not have
_MIN_T = 1.0  # t statistic of the two sides' overlaps below which the orders are as coherent as each other
_FULL_T = 3.0  # a t this large gives the vote its full weight


@dataclass(frozen=True)
class OrderEvidence:
    """The more coherent side ("a" or "b"), each side's mean overlap over its own new neighbours, how many (the
    fewer side's count), and the t statistic that decided it."""

    side: str
    overlap_a: float
    overlap_b: float
    moved: int
    t: float


def order_evidence(a: CleanArticle, b: CleanArticle, matches: Sequence[Match]) -> OrderEvidence | None:
    """Compare the two versions' orders of their one-to-one matched sentences; None when they agree or the
    reordering is too small to judge."""
    links = sorted((m.a_sentences[0], m.b_sentences[0]) for m in matches
                   if len(m.a_sentences) == 1 and len(m.b_sentences) == 1)
    if len(links) < 2 * _MIN_MOVED:
        return None
    in_b = sorted(links, key=lambda link: link[1])
    next_a = {frozenset(p) for p in zip(links, links[1:])}
    next_b = {frozenset(p) for p in zip(in_b, in_b[1:])}
    only_a, only_b = next_a - next_b, next_b - next_a
    if len(only_a) < _MIN_MOVED or len(only_b) < _MIN_MOVED:
        return None
    xs = [_overlap(_words(a, x[0]), _words(a, y[0])) for x, y in map(sorted, only_a)]
    ys = [_overlap(_words(b, x[1]), _words(b, y[1])) for x, y in map(sorted, only_b)]
    t = _t(xs, ys)
    if abs(t) < _MIN_T:
        return None
    return OrderEvidence("a" if t > 0 else "b", _mean(xs), _mean(ys), min(len(xs), len(ys)), t)


def order_weight(evidence: OrderEvidence, full: float = 0.5) -> float:
    """The vote's weight for a as the original (negative for b), growing with the t statistic up to `full`."""
    return max(-1.0, min(1.0, evidence.t / _FULL_T)) * full


def _words(article: CleanArticle, i: int) -> frozenset[str]:
    return sentence_features(article.sentences[i].text).words


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    """Shared words over the smaller set's size: how much one sentence picks up from its neighbour."""
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _t(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Welch's t statistic of mean(xs) - mean(ys); 0 when it cannot be told (a side under two values, no spread)."""
    if len(xs) < 2 or len(ys) < 2:
        return 0.0
    mx, my = _mean(xs), _mean(ys)
    vx = sum((x - mx) ** 2 for x in xs) / (len(xs) - 1)
    vy = sum((y - my) ** 2 for y in ys) / (len(ys) - 1)
    se = (vx / len(xs) + vy / len(ys)) ** 0.5
    return (mx - my) / se if se else 0.0
