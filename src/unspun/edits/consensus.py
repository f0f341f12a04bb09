"""Which text of a story holds what its copies share: the story-level reading of provenance.

Copies made from one source each change it in their own way (a spun word here, a dropped sentence there, a
paragraph moved), so text that two or more of them still share is the source's text: the source holds it,
and a copy lacks the parts it changed. A text that lacks runs of words most of the others hold cannot be
their common source. This is a centrality test, not a direction: in a chain (a -> b -> c) the middle text
lacks least, so the story's ranking reads it only when the pair votes do not settle the original.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

_WORD = re.compile(r"\w+")
RUN = 3  # words in a run: long enough to span the joins a moved paragraph breaks, short enough to survive a spin


def runs(text: str) -> frozenset[tuple[str, ...]]:
    """The text's runs of `RUN` consecutive words, case-folded (joins between sentences and paragraphs too)."""
    words = _WORD.findall(text.casefold())
    return frozenset(zip(*(words[k:] for k in range(RUN))))


def lacking(texts: Mapping[str, str]) -> dict[str, float]:
    """Each text's share of what the others share that it lacks: runs held by two or more texts, each weighted
    by its holders less one (a run three copies keep counts twice), over the total weight. 0 for the text that
    holds all of it; all 0 when no run is shared."""
    held = {x: runs(t) for x, t in texts.items()}
    counts = Counter(r for rs in held.values() for r in rs)
    shared = {r: n - 1 for r, n in counts.items() if n > 1}
    total = sum(shared.values())
    if not total:
        return dict.fromkeys(texts, 0.0)
    weight = shared.get
    return {x: (total - sum(weight(r, 0) for r in rs)) / total for x, rs in held.items()}
