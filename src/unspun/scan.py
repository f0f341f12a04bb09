"""The scan pipeline: read → clean → fingerprint → candidates → align → relation → stories.

Stages are plain functions; this module only wires them and reports progress.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .align import align
from .candidates import immutable_candidates, lsh_candidates
from .clean import clean_article
from .config import ScanConfig
from .fingerprint import SentenceFeatures, Signature, article_features, fingerprint
from .provenance import make_pair, relation, stories
from .records import Article, CleanArticle, Pair, ReadError, ScanResult

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called as work advances; total is 0 when unknown."""


@dataclass(frozen=True)
class Prepared:
    """A cleaned article with what later stages need from it."""

    clean: CleanArticle
    features: tuple[SentenceFeatures, ...]
    signature: Signature


def prepare(article: Article, config: ScanConfig) -> Prepared:
    """Clean, featurize and fingerprint one article (pure; safe to map over partitions)."""
    clean = clean_article(article, config.clean)
    features = article_features(clean)
    return Prepared(clean, features, fingerprint(clean, features, config.fingerprint))


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


def confirm(a: Prepared, b: Prepared, channels: Iterable[str], config: ScanConfig) -> Pair | None:
    """Align a candidate pair and return it as a Pair when the evidence supports a relation."""
    alignment = align(a.clean, b.clean, a.features, b.features, config.align)
    rel = relation(a.clean, b.clean, alignment, config.relation)
    return None if rel is None else make_pair(a.clean, b.clean, alignment, rel, channels)


def scan_articles(
    items: Iterable[Article | ReadError],
    config: ScanConfig | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Run the whole pipeline over articles (ReadErrors pass through to the result)."""
    config = config or ScanConfig()
    report = progress or (lambda stage, done, total: None)
    errors: list[ReadError] = []
    prepared: list[Prepared] = []
    for item in items:
        if isinstance(item, ReadError):
            errors.append(item)
            continue
        prepared.append(prepare(item, config))
        report("read", len(prepared), 0)

    candidates = candidate_pairs(prepared, config)
    report("candidates", len(candidates), len(candidates))
    pairs: list[Pair] = []
    for n, ((i, j), channels) in enumerate(sorted(candidates.items())):
        pair = confirm(prepared[i], prepared[j], channels, config)
        if pair is not None:
            pairs.append(pair)
        if n % 50 == 0 or n == len(candidates) - 1:
            report("align", n + 1, len(candidates))
    ids = [p.clean.id for p in prepared]
    return ScanResult(
        articles=tuple(p.clean for p in prepared),
        pairs=tuple(pairs),
        stories=stories(ids, pairs),
        errors=tuple(errors),
    )


def scan(
    sources: Iterable[str | os.PathLike[str]],
    config: ScanConfig | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan files and folders (any format `unspun.ingest` reads)."""
    from .ingest import read_sources

    return scan_articles(read_sources(sources), config, progress)
