"""The scan on Dask distributed: the local scan's stage functions mapped over partitions and pair batches.

Partitions are runs of consecutive input files (`dedup.dask.plan_partitions`, sized for the scan's
per-article cost: about eight per worker thread). Each worker reads and prepares its partitions (`scan.prepare`: clean, features,
fingerprint) and keeps them; texts stay there. Candidates come from compact per-article data only
(signatures and a digest of the normalized text) in one worker task running the local engine's
`scan.candidate_pairs_from`. The pair stage (`scan.confirm`: align, relation, edits, direction) runs
in batches of candidate pairs; a batch receives only the prepared articles its pairs name, taken from
the partitions that hold them. The client gathers the confirmed pairs and the cleaned articles and
builds stories as the local engine does, so the result is the same, pair by pair.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .config import ScanConfig
from .dedup.dask import cluster_client, plan_partitions, worker_slots
from .edits.classify import SideCache
from .edits.collocation import use_cache_dir
from .errors import require
from .records import Article, ArticleSpin, CleanArticle, Pair, ReadError, Removed, ScanResult, Sentence
from .scan import (
    Prepared, Progress, article_spin, assemble, candidate_pairs_from, confirm, fewer_collections, prepare, text_key,
)

PAIRS_PER_BATCH = 200  # a batch aligns in about a second: large enough to hide task overhead
MIN_PAIRS_PER_BATCH = 25
MIN_SCAN_PARTITION_BYTES = 1 << 20
SPIN_ARTICLES = 500  # a spin task scores this many articles: ~1 s of CPU


@dataclass(frozen=True)
class ReadPart:
    """A partition's articles as read (before ids are made unique across the whole input)."""

    articles: tuple[Article, ...]
    errors: tuple[ReadError, ...]


def _read_files(paths: Sequence[str], columns) -> ReadPart:
    """The partition's files as read, without language identification: nothing this engine runs reads
    `Article.language` (it does not embed; `embed.assist.embeddable` would identify an unknown language
    itself). Measured on 20k synthetic news articles: identification was 18 of the 21 CPU-s of reading,
    and the local engine spends it serially in its parent process."""
    from .ingest import read_file

    arts: list[Article] = []
    errs: list[ReadError] = []
    for path in paths:
        for item in read_file(path, columns, identify_language=False):
            (errs if isinstance(item, ReadError) else arts).append(item)
    return ReadPart(tuple(arts), tuple(errs))


def _ids(part: ReadPart) -> tuple[tuple[str, ...], tuple[ReadError, ...]]:
    return tuple(a.id for a in part.articles), part.errors


def _prepare_part(part: ReadPart, renamed: dict[int, str], config: ScanConfig) -> tuple[Prepared, ...]:
    from dataclasses import replace

    arts = [replace(a, id=renamed[i]) if i in renamed else a for i, a in enumerate(part.articles)]
    with fewer_collections():
        return tuple(prepare(a, config) for a in arts)


def _candidate_inputs(prepared: Sequence[Prepared]) -> tuple[list, list[bytes]]:
    """What the candidate stage needs of each article: its signature and a digest of its text."""
    return [p.signature for p in prepared], [text_key(p.clean) for p in prepared]


def _candidates(inputs: Sequence[tuple[list, list[bytes]]], config: ScanConfig) -> list[tuple[int, int, frozenset[str]]]:
    signatures = [s for sig, _ in inputs for s in sig]
    keys = [k for _, key in inputs for k in key]
    found = candidate_pairs_from(signatures, keys, config)
    return [(i, j, frozenset(ch)) for (i, j), ch in sorted(found.items())]


def _take(prepared: Sequence[Prepared], local: Sequence[int]) -> dict[int, Prepared]:
    return {i: prepared[i] for i in local}


def _confirm_batch(
    items: Sequence[tuple[int, int, frozenset[str]]], bounds: np.ndarray, takes: Sequence[dict[int, Prepared]],
    parts: Sequence[int], config: ScanConfig,
) -> list[Pair | None]:
    """`scan.confirm` over a batch of pairs; `takes` hold the batch's articles from the parts named in `parts`."""
    use_cache_dir(config.cache_dir)  # a worker process gets the cache location with its tasks
    by_row: dict[int, Prepared] = {}
    for q, take in zip(parts, takes):
        by_row.update((int(bounds[q]) + i, p) for i, p in take.items())
    sides = SideCache()  # per batch: an article in several of the batch's pairs is tokenized once
    with fewer_collections():
        return [confirm(by_row[i], by_row[j], channels, config, sides=sides) for i, j, channels in items]


def _spins(prepared: Sequence[Prepared], lo: int, hi: int, cache_dir: str | None) -> list[ArticleSpin]:
    use_cache_dir(cache_dir)
    with fewer_collections():
        return [article_spin(p.clean) for p in prepared[lo:hi]]


@dataclass(frozen=True)
class PackedCleans:
    """A partition's cleaned articles as they travel to the client: each sentence as its span only.

    A sentence's text is its span of the article's text and its index its position (`clean.clean_article`),
    so neither needs to travel. Why: the client receives every cleaned article, and measured on 2,000
    synthetic news articles, default pickling took 0.12-0.2 s to dump (worker) and 0.18-0.24 s to load
    (client, which also hosts a LocalCluster's scheduler); packed, 0.02 s and 0.04-0.15 s, 35% fewer bytes.
    """

    articles: tuple[Article, ...]
    spans: np.ndarray  # int64[sentences, 2], article by article
    counts: np.ndarray  # int64[articles]: sentences per article
    removed: tuple[tuple[Removed, ...], ...]
    norm_texts: tuple[str, ...]


def pack_cleans(cleans: Sequence[CleanArticle]) -> PackedCleans:
    """`cleans` packed; raises ValueError for an article whose sentences are not its text's spans in order
    (only a hand-built CleanArticle can be such: the engine never sends one)."""
    for c in cleans:
        text = c.article.text
        if any(s.index != i or s.text != text[s.span[0] : s.span[1]] for i, s in enumerate(c.sentences)):
            raise ValueError(f"article {c.id!r}: sentences are not spans of its text in order")
    spans = np.array([s.span for c in cleans for s in c.sentences], dtype=np.int64).reshape(-1, 2)
    return PackedCleans(
        tuple(c.article for c in cleans), spans, np.array([len(c.sentences) for c in cleans], dtype=np.int64),
        tuple(c.removed for c in cleans), tuple(c.norm_text for c in cleans),
    )


def unpack_cleans(packed: PackedCleans) -> list[CleanArticle]:
    """The cleaned articles `pack_cleans` packed (equal to them)."""
    out: list[CleanArticle] = []
    flat = packed.spans.tolist()
    at = 0
    for article, n, removed, norm in zip(packed.articles, packed.counts.tolist(), packed.removed, packed.norm_texts):
        text = article.text
        sentences = tuple(Sentence(i, (s, e), text[s:e]) for i, (s, e) in enumerate(flat[at : at + n]))
        out.append(CleanArticle(article, sentences, removed, norm))
        at += n
    return out


def _cleans(prepared: Sequence[Prepared]) -> PackedCleans:
    return pack_cleans([p.clean for p in prepared])


def _unique_ids(ids: Sequence[str]) -> dict[int, str]:
    """Global positions whose id repeats an earlier one, with the `id~N` the local engine gives them."""
    from .ingest import unique_ids

    return {i: new for i, (old, new) in enumerate(zip(ids, unique_ids(ids))) if old != new}


def scan_dask(
    sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    config: ScanConfig | None = None,
    progress: Progress | None = None,
    *,
    client=None,
    scheduler: str | None = None,
    workers: int | None = None,
    columns=None,
    partition_bytes: int | None = None,
) -> ScanResult:
    """`scan.scan` with the per-article and per-pair stages on a Dask cluster; the same result.

    Uses `client`, else connects to `scheduler`, else starts a LocalCluster of `workers`
    single-threaded worker processes (default: one per core). Embeddings and claims are not run
    by this engine yet: with them asked for, the result carries a note saying so.
    """
    require("distributed", "scale", "The Dask engine")  # the missing-extra error before any work
    config = config or ScanConfig()
    use_cache_dir(config.cache_dir)  # the client's own assembly reads the table too
    with cluster_client(client, scheduler, workers) as active:
        return _run(active, sources, config, progress or (lambda stage, done, total: None), columns, partition_bytes)


def _run(client, sources, config: ScanConfig, report: Progress, columns, partition_bytes) -> ScanResult:
    from .ingest import list_files

    items = list_files(sources)
    errors = [x for x in items if isinstance(x, ReadError)]
    files = [str(x) for x in items if not isinstance(x, ReadError)]
    slots = worker_slots(client)
    if partition_bytes is None:  # a scan spends ~100x more per article than dedup: smaller partitions
        total = sum(os.path.getsize(f) for f in files if os.path.exists(f))
        partition_bytes = max(total // (8 * slots), MIN_SCAN_PARTITION_BYTES)
    groups = plan_partitions(files, slots, partition_bytes)
    read = client.map(_read_files, groups, columns=columns, pure=False)
    listed = client.gather(client.map(_ids, read))
    ids = [i for part_ids, _ in listed for i in part_ids]
    errors += [e for _, errs in listed for e in errs]
    bounds = np.cumsum([0] + [len(part_ids) for part_ids, _ in listed]).astype(np.int64)
    report("read", len(ids), 0)
    renamed = _unique_ids(ids)
    prepared = [
        client.submit(
            _prepare_part, r, {i - int(lo): n for i, n in renamed.items() if lo <= i < hi}, config, pure=False
        )
        for r, lo, hi in zip(read, bounds[:-1], bounds[1:])
    ]
    del read
    cleaned = client.map(_cleans, prepared)  # received while the pair stage runs, not after it
    # Spin scores need only each partition's cleaned articles. At a lower priority than everything
    # else, they fill the gaps where a worker would wait (the one candidates task, the client
    # submitting the pair batches) and, mostly, run while the client assembles stories: measured,
    # assembly was the engine's largest serial step when spins waited for it.
    spun = _submit_spins(client, prepared, np.diff(bounds).tolist(), config.cache_dir) if config.spin else []
    work = client.submit(_candidates, client.map(_candidate_inputs, prepared), config, pure=False).result()
    report("fingerprint", len(ids), len(ids))
    size = min(PAIRS_PER_BATCH, max(MIN_PAIRS_PER_BATCH, len(work) // (8 * slots)))  # >= 8 batches per slot
    batches, futures = _submit_batches(client, prepared, bounds, work, size, config)
    pairs, cleans = _collect(batches, futures, cleaned, len(work), report)
    notes = []
    if config.embed.enabled:
        notes.append("embeddings are not used by the Dask engine yet: matched lexically only")
    if config.claims:
        notes.append("claims are not extracted by the Dask engine yet: run the local engine for claims")
    result = assemble(cleans, pairs, tuple(errors), tuple(notes), config)
    if not config.spin:
        return result
    spins = {s.article: s for part in client.gather(spun) for s in part}
    return replace(result, spin=tuple(spins[c.id] for c in result.articles))


def _submit_spins(client, prepared: Sequence, sizes: Sequence[int], cache_dir: str | None) -> list:
    """Spin scores in slices of at most SPIN_ARTICLES of each partition's prepared articles, in order.

    Why slices: spins are the last tasks to finish; measured at 20k articles, one task per partition
    took up to 6.6 s, so a worker could still be scoring its last partition alone at the end."""
    return [
        client.submit(_spins, part, lo, min(lo + SPIN_ARTICLES, size), cache_dir, pure=False, priority=-1)
        for part, size in zip(prepared, sizes)
        for lo in range(0, size, SPIN_ARTICLES)
    ]


def _submit_batches(
    client, prepared, bounds: np.ndarray, work, size: int, config: ScanConfig
) -> tuple[list, list]:
    """Submit the pair stage in batches of `size` candidate pairs; each batch is sent only the
    prepared articles it names. Returns the batches and their futures."""
    batches = [work[i : i + size] for i in range(0, len(work), size)]
    futures = []
    for batch in batches:
        rows = np.unique(np.array([(i, j) for i, j, _ in batch], dtype=np.int64))
        part_of = np.searchsorted(bounds, rows, side="right") - 1
        parts = np.unique(part_of).tolist()
        # pure=False: a deterministic key would hash every argument (the batch, the config) on the client
        takes = [
            client.submit(_take, prepared[q], (rows[part_of == q] - bounds[q]).tolist(), pure=False) for q in parts
        ]
        futures.append(client.submit(_confirm_batch, batch, bounds, takes, parts, config, pure=False))
    return batches, futures


def _collect(batches, futures, cleaned, total: int, report: Progress) -> tuple[list[Pair], list[CleanArticle]]:
    """The confirmed pairs (candidate order) and the partitions' cleaned articles, received as they come."""
    from distributed import as_completed

    results: list = [None] * (len(futures) + len(cleaned))
    index = {f.key: k for k, f in enumerate(list(futures) + list(cleaned))}
    done = 0
    for future in as_completed(list(futures) + list(cleaned)):
        k = index[future.key]
        results[k] = future.result()
        if k < len(futures):
            done += len(batches[k])
            report("align", done, total)
    pairs = [p for chunk in results[: len(futures)] for p in chunk if p is not None]
    return pairs, [c for packed in results[len(futures) :] for c in unpack_cleans(packed)]
