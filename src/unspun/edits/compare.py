"""Two versions of a story compared end to end: align, explain every edit, decide which came first.

The wiring of the edits family: `classify` finds and labels the edits, `direction` weighs them into a
verdict; this module calls both, so neither needs the other.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..align import align
from ..clean import clean_article
from ..config import AlignConfig, ExplainConfig
from ..records import Article, CleanArticle, DirectionVote, Edit, Match, Pair
from .classify import SideCache, explain
from .direction import decide


@dataclass(frozen=True)
class Comparison:
    """Two versions aligned and explained: sentence matches, classified edits, and the original."""

    a: CleanArticle
    b: CleanArticle
    matches: tuple[Match, ...]
    edits: tuple[Edit, ...]
    original: str | None  # id of the version judged the original, None when the evidence is weak
    original_confidence: float
    original_signals: tuple[str, ...]
    coverage_a: float
    coverage_b: float
    score: float
    original_votes: tuple[DirectionVote, ...] = ()  # every direction vote, both sides (`Pair.original_votes`)


def compare_articles(
    a: CleanArticle, b: CleanArticle, config: ExplainConfig | None = None, align_config: AlignConfig | None = None
) -> Comparison:
    """Align two cleaned articles, explain every edit and decide which is the original."""
    config = config or ExplainConfig()
    alignment = align(a, b, config=align_config or AlignConfig())
    edits = explain(a, b, alignment.matches, config)
    verdict = decide(a, b, edits, alignment.coverage_a, alignment.coverage_b, config,
                     matches=alignment.matches)
    original = {"a": a.id, "b": b.id}.get(verdict.original or "")
    return Comparison(a, b, alignment.matches, edits, original, verdict.confidence, verdict.signals,
                      alignment.coverage_a, alignment.coverage_b, alignment.score, verdict.votes)


def compare(
    text_a: str,
    text_b: str,
    *,
    id_a: str = "a",
    id_b: str = "b",
    published_a: str | None = None,
    published_b: str | None = None,
    config: ExplainConfig | None = None,
) -> Comparison:
    """Compare two raw texts: what changed between them (spans index `text_a`/`text_b`) and which came first."""
    ca = clean_article(Article(id_a, text_a, f"<{id_a}>", published=published_a))
    cb = clean_article(Article(id_b, text_b, f"<{id_b}>", published=published_b))
    return compare_articles(ca, cb, config)


def explain_pair(pair: Pair, a: CleanArticle, b: CleanArticle, config: ExplainConfig | None = None,
                 sides: SideCache | None = None) -> Pair:
    """The pair with its edits, original, confidence and signals filled in (exact copies have no edits).

    `sides` (a scan's `SideCache`) reuses each article's tokens across all the pairs it is in.
    """
    config = config or ExplainConfig()
    edits = () if pair.relation == "exact" else explain(a, b, pair.matches, config, sides)
    verdict = decide(a, b, edits, pair.coverage_a, pair.coverage_b, config, matches=pair.matches)
    original = {"a": a.id, "b": b.id}.get(verdict.original or "")
    return replace(pair, edits=edits, original=original, original_confidence=verdict.confidence,
                   original_signals=verdict.signals, original_votes=verdict.votes)
