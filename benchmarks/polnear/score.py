"""Exact and overlap F1 for Source, Cue and Content spans, averaged over annotators.

A predicted span (tuple of fragments) matches a gold span exactly when the fragments are equal after
trimming whitespace; it matches by overlap when they share a character (one-to-one, greedy).  A text
annotated by k annotators is scored against each annotation with weight 1/k, so every text counts once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from loader import Attribution, Document, Frags

ROLES = ("source", "cue", "content")

PUBLISHED = {  # exact-match F1 on PolNeAR (CofeNet, COLING 2022, Table 3)
    "CofeNet (BERT)": {"source": 83.2, "cue": 75.3, "content": 72.9},
    "rule baseline": {"source": 10.7, "cue": 22.8, "content": 5.6},
}
TARGET = {"source": 85.0, "cue": 80.0, "content": 75.0}  # issue 8, exact-match F1 on dev


def trim(text: str, frags: Frags) -> Frags:
    """Fragments without surrounding whitespace, sorted: the form exact matching compares."""
    out = []
    for a, b in frags:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(sorted(out))


def _overlaps(x: Frags, y: Frags) -> bool:
    return any(a < d and c < b for a, b in x for c, d in y)


@dataclass
class Counts:
    tp_exact: float = 0.0
    tp_overlap: float = 0.0
    pred: float = 0.0
    gold: float = 0.0

    def f1(self, exact: bool = True) -> tuple[float, float, float]:
        tp = self.tp_exact if exact else self.tp_overlap
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})


def score_document(doc: Document, pred: list[Attribution], scores: Scores) -> None:
    k = len(doc.annotations)
    for ann in doc.annotations:
        w = 1.0 / k
        for role in ROLES:
            g = [trim(doc.text, getattr(a, role)) for a in ann.attributions]
            g = [x for x in g if x]
            p = [trim(doc.text, getattr(a, role)) for a in pred]
            p = [x for x in p if x]
            c = scores.roles[role]
            c.pred += w * len(p)
            c.gold += w * len(g)
            gs = list(g)
            for x in p:
                if x in gs:
                    gs.remove(x)
                    c.tp_exact += w
            gs = list(g)
            for x in p:
                for y in gs:
                    if _overlaps(x, y):
                        gs.remove(y)
                        c.tp_overlap += w
                        break
