"""The scan pipeline: read → clean → fingerprint → candidates → align → relation → stories.

Stages are plain functions; this module only wires them and reports progress.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import repeat

import numpy as np

from .align import align
from .edits.direction import story_original
from .edits.classify import SideCache, explain_pair
from .candidates import immutable_candidates, lsh_candidates
from .clean import clean_article
from .edits.collocation import shared as shared_collocations
from .config import ScanConfig
from .embed import Embedder, assist, check_available, lead_vectors, nearest_pairs
from .errors import MissingExtraError
from .events import attach_events, group_events
from .fingerprint import FeatureTable, Signature, article_features, feature_table, fingerprint
from .provenance import make_pair, relation, stories
from .records import Article, CleanArticle, Pair, ReadError, ScanResult, Story

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called as work advances; total is 0 when unknown."""


@dataclass(frozen=True)
class Prepared:
    """A cleaned article with what later stages need from it."""

    clean: CleanArticle
    table: FeatureTable
    signature: Signature


def prepare(article: Article, config: ScanConfig) -> Prepared:
    """Clean, featurize and fingerprint one article (pure; safe to map over partitions)."""
    clean = clean_article(article, config.clean)
    features = article_features(clean)
    return Prepared(clean, feature_table(features), fingerprint(clean, features, config.fingerprint))


def candidate_pairs(prepared: list[Prepared], config: ScanConfig) -> dict[tuple[int, int], set[str]]:
    """Index pairs proposed by any channel, with the channels that proposed each."""
    found: dict[tuple[int, int], set[str]] = {}
    usable = [i for i, p in enumerate(prepared) if p.signature.n_tokens > 0]
    if len(usable) < 2:
        return found
    sigs = np.stack([prepared[i].signature.minhash for i in usable])
    for a, b in lsh_candidates(sigs, config.candidates):
        found.setdefault((usable[a], usable[b]), set()).add("minhash")
    for a, b in immutable_candidates([prepared[i].signature.immutables for i in usable], config.candidates):
        found.setdefault((usable[a], usable[b]), set()).add("immutables")
    by_text: dict[str, int] = {}
    for i in usable:
        key = prepared[i].clean.norm_text.casefold()
        if key in by_text:
            found.setdefault((by_text[key], i), set()).add("exact")
        else:
            by_text[key] = i
    return found


def confirm(
    a: Prepared, b: Prepared, channels: Iterable[str], config: ScanConfig, semantic: np.ndarray | None = None,
    sides: SideCache | None = None,
) -> Pair | None:
    """Align a candidate pair and return it as a Pair when the evidence supports a relation.

    `semantic` optionally adds a sentence-pair score matrix (from embeddings) to the lexical one;
    `sides` reuses each article's explain tokens across the pairs it is in.
    """
    alignment = align(a.clean, b.clean, a.table, b.table, config.align, semantic)
    rel = relation(a.clean, b.clean, alignment, config.relation)
    if rel is None:
        return None
    pair = make_pair(a.clean, b.clean, alignment, rel, channels)
    return explain_pair(pair, a.clean, b.clean, config.explain, sides) if config.edits else pair


def _with_originals(groups: Sequence[Story], pairs: Sequence[Pair], prepared: Sequence[Prepared]) -> tuple[Story, ...]:
    """Stories with `original` set from dates or from the pairs' direction verdicts."""
    published = {p.clean.id: p.clean.article.published for p in prepared}
    return tuple(
        replace(s, original=story_original(s.articles, pairs, published)) if len(s.articles) > 1 else s
        for s in groups
    )


def _prepare_chunk(articles: Sequence[Article], config: ScanConfig) -> list[Prepared]:
    return [prepare(a, config) for a in articles]


class _Shared:
    """Read-only data handed to forked workers once, instead of pickling it with every task."""

    prepared: Sequence[Prepared] = ()
    sides: SideCache | None = None  # per-article explain tokens; each forked worker fills its own copy


def _share(prepared: Sequence[Prepared], sides: SideCache | None = None) -> None:
    _Shared.prepared = prepared
    _Shared.sides = sides


def _confirm_chunk(items: Sequence[tuple[int, int, frozenset[str]]], config: ScanConfig) -> list[Pair | None]:
    prepared = _Shared.prepared
    return [confirm(prepared[i], prepared[j], channels, config, sides=_Shared.sides) for i, j, channels in items]


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _map(workers: int, fn: Callable, chunks: Iterable, config: ScanConfig) -> Iterator:
    """map() over chunks, in forked processes when workers > 1 (results keep their order)."""
    if workers <= 1:
        yield from map(fn, chunks, repeat(config))
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(fn, chunks, repeat(config))


def _workers(config: ScanConfig, n_items: int) -> int:
    if n_items < config.parallel_min_articles:
        return 1
    return config.workers or os.cpu_count() or 1


def scan_articles(
    items: Iterable[Article | ReadError],
    config: ScanConfig | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> ScanResult:
    """Run the whole pipeline over articles (ReadErrors pass through to the result).

    With `config.embed.enabled` and the `embed` extra installed, sentence embeddings add a candidate
    channel and help align leftover sentences; pass an `embedder` to reuse its model and cache.
    """
    config = config or ScanConfig()
    report = progress or (lambda stage, done, total: None)
    errors: list[ReadError] = []
    articles: list[Article] = []
    for item in items:
        if isinstance(item, ReadError):
            errors.append(item)
        else:
            articles.append(item)
            report("read", len(articles), 0)

    workers = _workers(config, len(articles))
    prepared: list[Prepared] = []
    for chunk in _map(workers, _prepare_chunk, _chunks(articles, 250), config):
        prepared.extend(chunk)
        report("fingerprint", len(prepared), len(articles))

    candidates = candidate_pairs(prepared, config)
    notes: list[str] = []
    leads = None
    if config.embed.enabled and len(prepared) > 1:
        try:
            check_available()
            embedder = embedder or Embedder(config.embed)
            report("embed", 0, len(prepared))
            leads = lead_vectors([p.clean for p in prepared], embedder, config.embed.lead_sentences)
            report("embed", len(prepared), len(prepared))
            for key in nearest_pairs(leads, config.embed.neighbours, config.embed.min_article_cosine):
                candidates.setdefault(key, set()).add("embedding")
        except MissingExtraError as exc:
            notes.append(f"embeddings unavailable, matched lexically only: {exc}")
    work = [(i, j, frozenset(ch)) for (i, j), ch in sorted(candidates.items())]
    pairs: list[Pair] = []
    done = 0
    sides = SideCache()  # the scan's per-article explain inputs, computed once per article
    pair_workers = workers if len(work) > 200 else 1
    if pair_workers > 1:
        shared_collocations().load()  # read the n-gram table once, before workers fork and inherit it
    _share(prepared, sides)  # forked workers inherit it; the sequential path reads it directly
    try:
        for chunk in _map(pair_workers, _confirm_chunk, _chunks(work, 100), config):
            pairs.extend(p for p in chunk if p is not None)
            done += len(chunk)
            report("align", done, len(work))
    finally:
        _share(())
    if leads is not None and embedder is not None:
        pairs = assist(
            [p.clean for p in prepared], [p.table for p in prepared], work, pairs, leads, embedder, config.embed,
            config.align,
            lambda i, j, channels, semantic: confirm(prepared[i], prepared[j], channels, config, semantic, sides),
        )
        embedder.flush()
    ids = [p.clean.id for p in prepared]
    found_stories = _with_originals(stories(ids, pairs), pairs, prepared)
    found_events, found_stories, kept = attach_events(_event_groups(prepared, leads, config, notes), found_stories, pairs)
    pairs = list(kept)
    claims = None
    if config.claims:
        from .claims.extract import claims_for_articles  # spaCy is only needed when claims are asked for

        report("claims", 0, len(articles))
        claims = claims_for_articles(articles, [_story_group(s, pairs) for s in found_stories], workers=config.workers)
        report("claims", len(articles), len(articles))
    return ScanResult(
        articles=tuple(p.clean for p in prepared),
        pairs=tuple(pairs),
        stories=found_stories,
        events=found_events,
        errors=tuple(errors),
        notes=tuple(notes),
        claims=claims,
    )


def _event_groups(
    prepared: Sequence[Prepared], leads: np.ndarray | None, config: ScanConfig, notes: list[str]
) -> list[list[str]]:
    """Articles grouped by event (events.py); none, with a note, past the dense-matrix limit."""
    if len(prepared) < 2:
        return [[p.clean.id for p in prepared]] if prepared else []
    if len(prepared) > config.events.max_articles:
        notes.append(f"no event grouping: {len(prepared)} articles > events.max_articles ({config.events.max_articles})")
        return []
    return group_events([p.clean for p in prepared], leads, config.events)


def _story_group(story: Story, pairs: Sequence[Pair]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(story id, article ids, provenance order) for claim linking: the story's original first, then
    articles judged the original of some pair; the rest are ordered by date by the linker."""
    members = set(story.articles)
    order = [story.original] if story.original else []
    for p in pairs:
        if p.original and p.a in members and p.original not in order:
            order.append(p.original)
    return story.id, story.articles, tuple(order)


def scan(
    sources: Iterable[str | os.PathLike[str]],
    config: ScanConfig | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan files and folders (any format `unspun.ingest` reads)."""
    from .ingest import read_sources

    return scan_articles(read_sources(sources), config, progress)
