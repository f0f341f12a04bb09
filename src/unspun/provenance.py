"""From alignments to verdicts: the relation of a pair, and stories (groups of linked articles)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from .align import Alignment
from .clean import normalize
from .cluster import cluster
from .config import ClusterConfig, RelationConfig
from .records import CleanArticle, Pair, Story

COPY_RELATIONS = frozenset({"exact", "near-duplicate", "rewrite"})
"""Relations that put two articles in one story; "same-story" (independent reports) does not."""


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


def stories(
    ids: Sequence[str], pairs: Iterable[Pair], config: ClusterConfig = ClusterConfig()
) -> tuple[Story, ...]:
    """Groups of articles linked by copy/rewrite pairs (`cluster`: one hub cannot chain two groups).

    Every article lands in exactly one story; same-story pairs are reported but never merge stories.
    """
    edges = [(p.a, p.b, p.score) for p in pairs if p.relation in COPY_RELATIONS]
    return tuple(Story(f"story-{n + 1}", tuple(g)) for n, g in enumerate(story_groups(ids, edges, config)))


def story_groups(ids: Sequence, links: Iterable[tuple], config: ClusterConfig = ClusterConfig()) -> list[list]:
    """THE story definition, shared by `scan` and the index (`store/stories.py`): articles (in the
    order they were read or added) grouped by their copy/rewrite links (a, b, score) with `cluster`.
    A group's members depend only on its connected component, so the index re-groups only the
    components a batch touches and still agrees with a scan of the same articles."""
    return cluster(ids, links, config)
