"""The cheap near-duplicate stage at corpus scale: normalize -> shingle -> MinHash -> LSH bands -> clusters.

A batch of texts becomes one lowercased byte buffer (punctuation blanked); one compiled pass over
it (`sketch.py` over `sketch_kernel`, numba) hashes tokens, chains word 3-gram shingles and keeps the minimum per
bin of a one-permutation MinHash (each shingle hashed once, binned by its top bits), with rotation
densification for empty bins (Shrivastava & Li, ICML 2014) — an unbiased Jaccard estimator like
classic MinHash at 1/K of the hashing cost. No Python work per token or per shingle. Band buckets
propose pairs, signature agreement confirms them (LSH gives candidates, never verdicts), connected
components make clusters.

The engine-independent pieces (`sketch.sketch_batch`, `band_rows`, `bucket_edges`, `verify_edges`,
`assign_clusters`) are what `dask.py` maps over Dask partitions, so both engines give
identical results.
"""
from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..candidates import band_keys
from ..config import NearDupConfig
from ..records import Article, ReadError
from ..sketch import Sketches, check_config, sketch_arrow, sketch_batch, tune_malloc

EXACT, NEAR, ORIGINAL, UNIQUE = "exact", "near-duplicate", "original", "unique"

@dataclass(frozen=True)
class Clusters:
    """Cluster assignment of rows (global input positions) that have at least one confirmed edge."""

    rows: np.ndarray  # int64[m], sorted
    cluster: np.ndarray  # int64[m]: smallest row of the cluster (first seen)
    original: np.ndarray  # int64[m]: row of the cluster's original
    relation: np.ndarray  # object[m]: ORIGINAL | EXACT | NEAR


@dataclass(frozen=True)
class DedupRow:
    """One output record: an article, its cluster and how it relates to the cluster's original."""

    id: str
    row: int  # position in the input (0-based, reading order)
    cluster: int  # row of the cluster's first-seen article; its own row when unique
    relation: str  # original | exact | near-duplicate | unique
    original: str  # id of the cluster's original (its own id when unique or original)


@dataclass(frozen=True)
class DedupResult:
    """Every article's row (input order), the items skipped while reading, and confirmed edges."""

    rows: tuple[DedupRow, ...]
    errors: tuple[ReadError, ...]
    n_edges: int


def band_rows(sk: Sketches, rows: np.ndarray, config: NearDupConfig = NearDupConfig()) -> tuple[np.ndarray, ...]:
    """The band index of a batch as flat (band, key, row) arrays; texts without shingles are left out."""
    keep = np.flatnonzero(sk.n_shingles > 0)
    keys = band_keys(sk.signatures[keep], config.bands)  # (m, bands)
    b = config.bands
    band = np.tile(np.arange(b, dtype=np.int16), keep.size)
    return band, keys.reshape(-1), np.repeat(np.asarray(rows, dtype=np.int64)[keep], b)


def bucket_edges(band: np.ndarray, key: np.ndarray, row: np.ndarray, window: int) -> np.ndarray:
    """Candidate pairs int64[e, 2] (a < b) from (band, key, row) triples; unique rows.

    Within a bucket (same band and key) members are ordered by row and each is paired with the
    bucket's first member and its `window` predecessors, so a bucket of m costs O(m * window)
    pairs, not O(m^2), and connected components still see every bucket as one group.
    """
    if row.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    order = bucket_order(band, key, row)
    band, key, row = band[order], key[order], row[order]
    new = np.ones(row.size, dtype=bool)
    new[1:] = (band[1:] != band[:-1]) | (key[1:] != key[:-1])
    group_start = np.maximum.accumulate(np.where(new, np.arange(row.size), 0))
    pairs = []
    first = row[group_start]
    sel = group_start != np.arange(row.size)
    pairs.append(np.stack([first[sel], row[sel]], axis=1))
    for d in range(1, window + 1):
        i = np.arange(d, row.size)
        same = group_start[i] == group_start[i - d]
        same &= (i - d) != group_start[i]  # already paired with the first member
        if not same.any():
            break
        pairs.append(np.stack([row[i - d][same], row[i][same]], axis=1))
    return unique_edges(np.concatenate(pairs))


def bucket_order(band: np.ndarray, key: np.ndarray, row: np.ndarray) -> np.ndarray:
    """The order of `np.lexsort((row, key, band))`, at about a third of its cost.

    lexsort's stable passes over random 64-bit keys dominate the stage; instead: one quicksort by
    key, a radix pass by band (16-bit), then only the members of shared buckets (a minority) are
    re-sorted by row, through one int64 composite of (bucket number, row).
    """
    by_key = np.argsort(key)
    order = by_key[np.argsort(band[by_key].astype(np.int16, copy=False), kind="stable")]
    b, k = band[order], key[order]
    new = np.ones(order.size, dtype=bool)
    new[1:] = (b[1:] != b[:-1]) | (k[1:] != k[:-1])
    shared = ~new
    shared[:-1] |= ~new[1:]  # first members of buckets with a second member
    at = np.flatnonzero(shared)
    if at.size == 0:
        return order
    group = np.cumsum(new)[at]
    rows = row[order[at]].astype(np.int64)
    span = int(rows.max()) + 1
    if int(group[-1]) >= (1 << 62) // max(span, 1):  # the composite would overflow: exact fallback
        return np.lexsort((row, key, band))
    order[at] = order[at[np.argsort(group * span + rows)]]
    return order


def unique_edges(edges: np.ndarray) -> np.ndarray:
    """Sorted, de-duplicated int64[e, 2] pairs with a < b (self pairs dropped)."""
    if edges.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    edges = np.sort(edges.astype(np.int64), axis=1)
    edges = edges[edges[:, 0] != edges[:, 1]]
    if edges.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    width = int(edges.max()) + 1
    if width < (1 << 31):  # one int64 key per pair: a 1-D unique is much faster than axis=0
        flat = np.unique(edges[:, 0] * width + edges[:, 1])
        return np.stack([flat // width, flat % width], axis=1)
    return np.unique(edges, axis=0)


def confirmed(
    sig_a: np.ndarray, sig_b: np.ndarray, exact_a: np.ndarray, exact_b: np.ndarray,
    config: NearDupConfig = NearDupConfig(), rows_a: np.ndarray | None = None, rows_b: np.ndarray | None = None,
) -> np.ndarray:
    """Which candidate pairs (row by row of the arrays) have estimated Jaccard (signature agreement)
    at the threshold or share the exact hash: bool[e]. `rows_a` / `rows_b` as in `similarity`."""
    return similarity(sig_a, sig_b, exact_a, exact_b, rows_a, rows_b) >= config.threshold


def similarity(
    sig_a: np.ndarray, sig_b: np.ndarray, exact_a: np.ndarray, exact_b: np.ndarray,
    rows_a: np.ndarray | None = None, rows_b: np.ndarray | None = None,
) -> np.ndarray:
    """Estimated Jaccard of each pair: signature agreement, 1.0 for exact copies (float32[e]).

    With `rows_a` (or `rows_b`), pair i compares row `rows_a[i]` of `sig_a` (a whole part's
    signatures), gathered a small block at a time: a full gathered copy (512 bytes a pair at 128
    permutations) is fresh memory the kernel must fault in, which cost more than the comparison.
    """
    n = exact_a.shape[0]
    sim = np.empty(n, dtype=np.float32)
    gathered = rows_a is not None or rows_b is not None
    step = 1 << 12 if gathered else 1 << 16  # bounds the temporary (step x num_perm) arrays
    for i in range(0, n, step):
        a = sig_a[i : i + step] if rows_a is None else sig_a[rows_a[i : i + step]]
        b = sig_b[i : i + step] if rows_b is None else sig_b[rows_b[i : i + step]]
        sim[i : i + step] = (a == b).mean(axis=1)
    sim[exact_a == exact_b] = 1.0
    return sim


def verify_edges(
    edges: np.ndarray,
    sig_a: np.ndarray,
    sig_b: np.ndarray,
    exact_a: np.ndarray,
    exact_b: np.ndarray,
    config: NearDupConfig = NearDupConfig(),
) -> tuple[np.ndarray, np.ndarray]:
    """Keep candidate pairs whose estimated Jaccard (signature agreement) reaches the threshold.

    Returns (kept edges, their estimated Jaccard; 1.0 for exact copies).
    """
    sim = similarity(sig_a, sig_b, exact_a, exact_b)
    keep = sim >= config.threshold
    return edges[keep], sim[keep]


def assign_clusters(
    edges: np.ndarray, node_rows: np.ndarray, node_exact: np.ndarray, node_published: Sequence[str | None]
) -> Clusters:
    """Connected components over confirmed edges; each cluster's original is its earliest dated member
    (ISO dates compare as strings), else its first-seen member; members are exact or near copies of it.

    `node_rows` (sorted) lists every row appearing in `edges`, with its exact hash and published date.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = node_rows.shape[0]
    if m == 0:
        z = np.zeros(0, dtype=np.int64)
        return Clusters(z, z, z, np.zeros(0, dtype=object))
    a = np.searchsorted(node_rows, edges[:, 0])
    b = np.searchsorted(node_rows, edges[:, 1])
    graph = coo_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(m, m))
    _, label = connected_components(graph, directed=False)
    # rank by (no date last, date, row): the minimum per component is the original
    dated = np.array([p is not None and p != "" for p in node_published], dtype=bool)
    # only dated nodes need a rank (undated ones sort after them by ~dated); a hash-unique over
    # every node's date object was most of this step, which the Dask engine runs serially
    date_rank = np.zeros(m, dtype=np.int64)
    if dated.any():
        at = np.flatnonzero(dated)
        date_rank[at] = np.unique(np.array([node_published[i] for i in at.tolist()], dtype=object), return_inverse=True)[1].reshape(-1)
    order = np.lexsort((node_rows, date_rank, ~dated, label))
    first_of = np.zeros(label.max() + 1, dtype=np.int64)
    lab_sorted = label[order]
    starts = np.flatnonzero(np.r_[True, lab_sorted[1:] != lab_sorted[:-1]])
    first_of[lab_sorted[starts]] = order[starts]
    orig_node = first_of[label]
    cluster = np.full(label.max() + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(cluster, label, node_rows)
    relation = np.where(node_exact == node_exact[orig_node], EXACT, NEAR).astype(object)
    relation[orig_node == np.arange(m)] = ORIGINAL
    return Clusters(node_rows, cluster[label], node_rows[orig_node], relation)


# ---------------------------------------------------------------- partitions and the local engine


@dataclass(frozen=True)
class Part:
    """One partition (an input file) after sketching: what the engines keep per article.

    Texts are dropped batch by batch, so a part costs 4 * num_perm + ~60 bytes per article.
    """

    ids: tuple[str, ...]
    published: tuple[str | None, ...]
    signatures: np.ndarray  # uint32[n, num_perm]
    exact: np.ndarray  # uint64[n]
    n_shingles: np.ndarray  # int32[n]
    errors: tuple[ReadError, ...]

    def __len__(self) -> int:
        return len(self.ids)

    def __sizeof__(self) -> int:
        """Bytes held, as Dask's `sizeof` reads it (its fallback, `sys.getsizeof`, saw 56 bytes for a
        part of 125k articles, so the scheduler placed tasks as if parts cost nothing to move)."""
        arrays = self.signatures.nbytes + self.exact.nbytes + self.n_shingles.nbytes
        return arrays + 60 * len(self.ids)  # ids and dates: short Python strings, shared None


def batches(items: Iterable[Article | ReadError], size: int) -> Iterator[tuple[list[Article], list[ReadError]]]:
    """Group a stream of articles into lists of `size` (errors passed along), never holding more."""
    arts: list[Article] = []
    errs: list[ReadError] = []
    for item in items:
        if isinstance(item, ReadError):
            errs.append(item)
            continue
        arts.append(item)
        if len(arts) >= size:
            yield arts, errs
            arts, errs = [], []
    if arts or errs:
        yield arts, errs


def _part_from_batches(
    batches_: Iterable[tuple[Sequence[str], Sequence[str], Sequence[str | None], Sequence[ReadError]]],
    config: NearDupConfig,
) -> Part:
    """Sketch (ids, texts, published, errors) batches into one Part; texts are dropped batch by batch."""
    ids: list[str] = []
    published: list[str | None] = []
    sketches: list[Sketches] = []
    errors: list[ReadError] = []
    for batch_ids, texts, dates, errs in batches_:
        errors.extend(errs)
        if len(texts):
            sketches.append(sketch_batch(texts, config) if isinstance(texts, list) else sketch_arrow(texts, config))
            ids.extend(batch_ids)
            published.extend(dates)
    k = config.num_perm
    return Part(
        tuple(ids),
        tuple(published),
        np.concatenate([x.signatures for x in sketches]) if sketches else np.zeros((0, k), np.uint32),
        np.concatenate([x.exact for x in sketches]) if sketches else np.zeros(0, np.uint64),
        np.concatenate([x.n_shingles for x in sketches]) if sketches else np.zeros(0, np.int32),
        tuple(errors),
    )


def sketch_part(items: Iterable[Article | ReadError], config: NearDupConfig = NearDupConfig()) -> Part:
    """Sketch a stream of articles batch by batch into a Part (the map step of both engines)."""
    return _part_from_batches(
        (
            ([a.id for a in arts], [a.text for a in arts], [a.published for a in arts], errs)
            for arts, errs in batches(items, config.batch_size)
        ),
        config,
    )


def concat_parts(parts: Sequence[Part], config: NearDupConfig = NearDupConfig()) -> Part:
    """One Part of several, rows in the given order (a partition made of several input files)."""
    if len(parts) == 1:
        return parts[0]
    k = config.num_perm
    return Part(
        tuple(i for p in parts for i in p.ids),
        tuple(d for p in parts for d in p.published),
        np.concatenate([p.signatures for p in parts]) if parts else np.zeros((0, k), np.uint32),
        np.concatenate([p.exact for p in parts]) if parts else np.zeros(0, np.uint64),
        np.concatenate([p.n_shingles for p in parts]) if parts else np.zeros(0, np.int32),
        tuple(e for p in parts for e in p.errors),
    )


def sketch_file(
    path: str | os.PathLike[str], columns=None, config: NearDupConfig = NearDupConfig(), *, threads: bool = True
) -> Part:
    """Sketch one input file. Parquet takes a columnar path (no Article object per row); other
    formats stream through `ingest.read_file`. Both give the same Part for the same rows.
    `threads=False` decodes Parquet in this thread, not in Arrow's pool (see `dedup.dask`)."""
    from ..ingest import ColumnMap, detect_format, read_file
    from ..ingest.parquet import read_parquet_columns

    fmt, compression, _ = detect_format(os.fspath(path))
    if fmt != "parquet" or compression:
        return sketch_part(read_file(path, columns), config)
    columnar = read_parquet_columns(Path(os.fspath(path)), columns or ColumnMap(), config.batch_size, threads)
    return _part_from_batches(((b.ids, b.texts, b.published, b.errors) for b in columnar), config)


def part_bands(part: Part, offset: int, config: NearDupConfig = NearDupConfig()) -> tuple[np.ndarray, ...]:
    """The band index entries (band, key, row) of a part whose first article is input row `offset`."""
    sk = Sketches(part.signatures, part.exact, part.n_shingles)
    return band_rows(sk, np.arange(offset, offset + len(part), dtype=np.int64), config)


def output_columns(part: Part, offset: int, cl: Clusters, original_ids: dict[int, str]) -> dict[str, list]:
    """The output columns (id, row, cluster, relation, original) of one part's articles."""
    n = len(part)
    rows = np.arange(offset, offset + n, dtype=np.int64)
    pos = np.searchsorted(cl.rows, rows)
    pos_ok = np.minimum(pos, max(cl.rows.shape[0] - 1, 0))
    hit = (pos < cl.rows.shape[0]) & (cl.rows[pos_ok] == rows) if cl.rows.shape[0] else np.zeros(n, bool)
    cluster = np.where(hit, cl.cluster[pos_ok] if cl.rows.shape[0] else rows, rows)
    relation = [str(cl.relation[p]) if h else UNIQUE for p, h in zip(pos_ok.tolist(), hit.tolist())]
    original = [
        original_ids[int(cl.original[p])] if h else ident for p, h, ident in zip(pos_ok.tolist(), hit.tolist(), part.ids)
    ]
    return {"id": list(part.ids), "row": rows.tolist(), "cluster": cluster.tolist(), "relation": relation, "original": original}


def rows_from_columns(cols: dict[str, list]) -> Iterator[DedupRow]:
    for i, r, c, rel, o in zip(cols["id"], cols["row"], cols["cluster"], cols["relation"], cols["original"]):
        yield DedupRow(i, int(r), int(c), rel, o)


def dedup_parts(parts: Sequence[Part], config: NearDupConfig = NearDupConfig()) -> DedupResult:
    """Cluster near-duplicates across parts on this process (the local engine's reduce step)."""
    offsets = np.cumsum([0] + [len(p) for p in parts])
    errors = tuple(e for p in parts for e in p.errors)
    if offsets[-1] == 0:
        return DedupResult((), errors, 0)
    entries = [part_bands(p, int(o), config) for p, o in zip(parts, offsets)]
    edges = bucket_edges(*(np.concatenate([e[i] for e in entries]) for i in range(3)), config.window)
    del entries
    sigs = np.concatenate([p.signatures for p in parts])
    exact = np.concatenate([p.exact for p in parts])
    edges, _ = verify_edges(
        edges, sigs[edges[:, 0]], sigs[edges[:, 1]], exact[edges[:, 0]], exact[edges[:, 1]], config
    )
    del sigs
    published = [d for p in parts for d in p.published]
    ids = [i for p in parts for i in p.ids]
    nodes = np.unique(edges)
    cl = assign_clusters(edges, nodes, exact[nodes], [published[i] for i in nodes.tolist()])
    original_ids = {int(r): ids[int(r)] for r in np.unique(cl.original)}
    rows: list[DedupRow] = []
    for p, o in zip(parts, offsets):
        rows.extend(rows_from_columns(output_columns(p, int(o), cl, original_ids)))
    return DedupResult(tuple(rows), errors, int(edges.shape[0]))


def dedup_articles(items: Iterable[Article | ReadError], config: NearDupConfig = NearDupConfig()) -> DedupResult:
    """Near-duplicate clusters of one stream of articles on this process (rows in stream order)."""
    check_config(config)
    if config.tune_malloc:
        tune_malloc()
    return dedup_parts([sketch_part(items, config)], config)


def dedup(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    config: NearDupConfig = NearDupConfig(),
    columns=None,
) -> DedupResult:
    """Read `paths` (any format ingest reads, streamed file by file) and cluster near-duplicates here.

    Rows number the articles in reading order; ids are kept as each file gives them. The Dask
    engine (`distributed.dedup_dask`) returns the same rows for the same input.
    """
    from ..ingest import list_files

    check_config(config)
    if config.tune_malloc:
        tune_malloc()
    parts = []
    walk_errors = []
    for item in list_files(paths):
        if isinstance(item, ReadError):
            walk_errors.append(item)
        else:
            parts.append(sketch_file(item, columns, config))
    result = dedup_parts(parts, config)
    return DedupResult(result.rows, tuple(walk_errors) + result.errors, result.n_edges)


def write_parquet(rows: Iterable[DedupRow], path: str | os.PathLike[str]) -> None:
    """Write dedup records as one Parquet file (id, row, cluster, relation, original)."""
    rows = list(rows)
    write_columns(
        {
            "id": [r.id for r in rows],
            "row": [r.row for r in rows],
            "cluster": [r.cluster for r in rows],
            "relation": [r.relation for r in rows],
            "original": [r.original for r in rows],
        },
        path,
    )


def write_columns(cols: dict[str, list], path: str | os.PathLike[str]) -> None:
    from ..errors import require

    pa = require("pyarrow", "scale", "Writing Parquet output")
    pq = require("pyarrow.parquet", "scale", "Writing Parquet output")
    table = pa.table(
        {
            "id": pa.array(cols["id"], pa.string()),
            "row": pa.array(cols["row"], pa.int64()),
            "cluster": pa.array(cols["cluster"], pa.int64()),
            "relation": pa.array(cols["relation"], pa.string()),
            "original": pa.array(cols["original"], pa.string()),
        }
    )
    pq.write_table(table, path)
