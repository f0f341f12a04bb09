"""From alignments to verdicts: the relation of a pair, and stories (groups of linked articles)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from .align import Alignment
from .clean import normalize
from .config import RelationConfig
from .records import CleanArticle, Pair, Story


def relation(a: CleanArticle, b: CleanArticle, alignment: Alignment, config: RelationConfig) -> str | None:
    """exact | near-duplicate | rewrite, or None when the alignment does not support a link.

    Containment uses the better-covered side, so a truncated copy still counts as a copy.
    """
    if a.norm_text and normalize(a.article.text).casefold() == normalize(b.article.text).casefold():
        return "exact"
    containment = max(alignment.coverage_a, alignment.coverage_b)
    enough_sentences = len(alignment.matches) >= min(
        config.min_matched_sentences, len(a.sentences), len(b.sentences)
    )
    if not enough_sentences:
        return None
    if a.norm_text and a.norm_text.casefold() == b.norm_text.casefold():
        return "near-duplicate"  # same kept text; only scraper noise differed
    if alignment.copy_coverage >= config.near_duplicate_copy_coverage:
        return "near-duplicate"
    if containment >= config.rewrite_coverage and alignment.score >= config.min_pair_score * min(
        1.0, 2 * min(alignment.coverage_a, alignment.coverage_b)
    ):
        return "rewrite"
    return None


def make_pair(
    a: CleanArticle, b: CleanArticle, alignment: Alignment, rel: str, channels: Iterable[str]
) -> Pair:
    """A Pair record carrying the alignment as evidence."""
    score = 1.0 if rel == "exact" else alignment.score
    return Pair(
        a=a.id,
        b=b.id,
        relation=rel,
        score=score,
        coverage_a=alignment.coverage_a,
        coverage_b=alignment.coverage_b,
        matches=alignment.matches,
        channels=tuple(sorted(channels)),
        copy_coverage=alignment.copy_coverage,
    )


def stories(ids: Sequence[str], pairs: Iterable[Pair]) -> tuple[Story, ...]:
    """Connected components of the confirmed-pair graph; every article lands in exactly one story."""
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        if p.relation == "same-story":
            continue
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    return tuple(Story(f"story-{n + 1}", tuple(g)) for n, g in enumerate(ordered))
