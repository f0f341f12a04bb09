"""From alignments to verdicts: the relation of a pair, and stories (groups of linked articles)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .align import Alignment
from .clean import normalize
from .cluster import cluster
from .config import ClusterConfig, RelationConfig
from .records import CleanArticle, Pair, Story

COPY_RELATIONS = frozenset({"exact", "near-duplicate", "rewrite"})
"""Relations that put two articles in one story; "same-story" (independent reports) does not."""
STORY_RELATIONS = COPY_RELATIONS | {"sibling"}
"""Relations that link articles into one story: copies, and siblings (two copies of one original)."""


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
    edges = [(p.a, p.b, p.score) for p in pairs if p.relation in STORY_RELATIONS]
    return tuple(Story(f"story-{n + 1}", tuple(g)) for n, g in enumerate(cluster(ids, edges, config)))


DERIVATION_MIN_INCLUSION = 0.45
"""A rewrite with little verbatim text must have its specific words (names, figures, uncommon words) mostly
found in the other text: chatbot rewrites keep >= 0.47 of them in 95 of 100 shared-set pairs, texts written
from the same headline alone reach 0.45 at most in 95 of 100 (benchmarks/ai_rewrites)."""
_VERBATIM = 0.1  # copy coverage above which shared wording is evidence enough
_PARALLEL = 0.75  # both sides matched at least this much: a sentence-by-sentence rewrite


def derived(a: CleanArticle, b: CleanArticle, pair: Pair) -> bool:
    """True when a paraphrase-only "rewrite" shows evidence of derivation: both texts matched sentence for
    sentence, or one side's details are contained in the other (`edits.information`). Same-topic texts
    share the topic's vocabulary, not its details or its sentence plan."""
    from .edits.information import information

    if pair.relation != "rewrite" or pair.copy_coverage >= _VERBATIM:
        return True
    if min(pair.coverage_a, pair.coverage_b) >= _PARALLEL:
        return True  # sentence-for-sentence paraphrase of all of both texts: the structure was copied
    info = information(a.article.text, b.article.text)
    return max(info.inclusion_a, info.inclusion_b) >= DERIVATION_MIN_INCLUSION


def demote_underived(pairs: Sequence[Pair], by_id: dict[str, CleanArticle]) -> list[Pair]:
    """Rewrites without evidence of derivation become "same-story" (reported, never a copy), without a
    direction: two texts on one topic are not one another's source."""
    out = []
    for p in pairs:
        if p.relation == "rewrite" and not derived(by_id[p.a], by_id[p.b], p):
            p = replace(p, relation="same-story", original=None, original_confidence=0.0,
                        original_signals=("specific words mostly not shared: no evidence that either text "
                                          "was made from the other",))
        out.append(p)
    return out


def mark_siblings(pairs: Sequence[Pair]) -> list[Pair]:
    """Two rewrites of one original are siblings. A rewrite or same-story pair (b, c) becomes "sibling", with
    no direction, when a third article is judged the original of both in rewrite pairs and wins more direction
    verdicts overall (times judged original minus times judged a copy) than either: the source of the group,
    so one wrongly directed pair inside the group cannot make a copy the other's original."""
    standing: dict[str, int] = {}
    linked: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    related: dict[str, set[str]] = {}  # any reported relation, copy or same-story
    for p in pairs:
        related.setdefault(p.a, set()).add(p.b)
        related.setdefault(p.b, set()).add(p.a)
        if p.relation not in COPY_RELATIONS:
            continue  # a same-story text is not a copy of the group's original
        linked.setdefault(p.a, set()).add(p.b)
        linked.setdefault(p.b, set()).add(p.a)
        if p.original is not None:
            copy = p.b if p.original == p.a else p.a
            if p.relation == "rewrite":  # a verbatim copy of the original is the original's text, not a sibling
                sources.setdefault(copy, set()).add(p.original)
            standing[p.original] = standing.get(p.original, 0) + 1
            standing[copy] = standing.get(copy, 0) - 1
    out = []
    for p in pairs:
        if p.relation not in ("rewrite", "same-story"):
            out.append(p)  # two verbatim copies stay near-duplicates of each other
            continue
        floor = max(standing.get(p.a, 0), standing.get(p.b, 0))
        # a copy pair may reach the original through a same-story link (that pair's alignment fell short)
        near = related if p.relation in COPY_RELATIONS else linked
        shared_links = (linked.get(p.a, set()) & near.get(p.b, set())) | (near.get(p.a, set()) & linked.get(p.b, set()))
        named = sources.get(p.a, set()) & sources.get(p.b, set())
        common = [x for x in shared_links & named if standing.get(x, 0) > floor]
        if common:
            src = max(sorted(common), key=lambda x: standing.get(x, 0))
            p = replace(p, relation="sibling", original=None, original_confidence=0.0,
                        original_signals=(f"both are linked to {src}, the group's original (judged the source in "
                                          f"most of its pairs): siblings, neither is the original",))
        out.append(p)
    return out
