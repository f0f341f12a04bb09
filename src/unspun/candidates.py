"""Candidate pairs from three channels: LSH bands over MinHash, shared rare immutables, shared details.

Candidates are proposals only; every one is confirmed by alignment before it is reported.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

from .config import CandidateConfig
from .count_kernel import item_slots
from .errors import ConfigError

PairKey = tuple[int, int]

_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(signatures: np.ndarray, bands: int) -> np.ndarray:
    """Hash each band of each signature to one uint64: shape (n_docs, bands)."""
    n, perms = signatures.shape
    if bands <= 0 or perms % bands:
        raise ConfigError(f"bands={bands} must divide num_perm={perms} (e.g. 32 for 128 permutations)")
    rows = perms // bands
    sig = signatures.astype(np.uint64).reshape(n, bands, rows)
    keys = np.zeros((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows):
            keys = (keys ^ sig[:, :, r]) * _MIX
            keys ^= keys >> np.uint64(29)
    return keys


def bucket_pairs(keys: np.ndarray, max_bucket: int) -> set[PairKey]:
    """Pairs of documents that share a bucket in any band; oversized buckets are skipped."""
    pairs: set[PairKey] = set()
    n = keys.shape[0]
    if n < 2:
        return pairs
    for band in range(keys.shape[1]):
        col = keys[:, band]
        order = np.argsort(col, kind="stable")
        sorted_keys = col[order]
        boundaries = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        starts = np.concatenate(([0], boundaries))
        ends = np.concatenate((boundaries, [n]))
        for s, e in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            if e - s > max_bucket:
                continue
            members = sorted(order[s:e].tolist())
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pairs.add((a, b))
    return pairs


def lsh_candidates(signatures: np.ndarray, config: CandidateConfig = CandidateConfig()) -> set[PairKey]:
    """Index pairs (i < j) whose MinHash signatures collide in at least one band."""
    if signatures.shape[0] < 2:
        return set()
    return bucket_pairs(band_keys(signatures, config.bands), config.max_bucket)


def immutable_candidates(
    immutables: Sequence[frozenset[str]], config: CandidateConfig = CandidateConfig()
) -> set[PairKey]:
    """Pairs sharing several rare immutables (names, numbers, quotes) — the channel for spun rewrites.

    Shared counts come from a sparse doc x immutable product, so the cost follows the number of
    co-occurrences of rare items, not the square of the corpus.
    """
    n = len(immutables)
    if n < 2:
        return set()
    # Each item's id in first-seen order, and each entry's row, built in C (a per-item Python loop was ~0.5 s
    # of the candidate stage at 10k articles).
    flat = list(chain.from_iterable(immutables))
    if not flat:
        return set()
    vocab = {item: k for k, item in enumerate(dict.fromkeys(flat))}
    cols = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
    sizes = np.fromiter(map(len, immutables), dtype=np.int64, count=n)
    return _sharing(cols, sizes, len(vocab), config.min_shared_immutables, config.min_immutable_overlap, config)


def detail_candidates(details: Sequence[np.ndarray], config: CandidateConfig = CandidateConfig()) -> set[PairKey]:
    """Pairs sharing several details (`fingerprint.detail_hashes`: figures, names and uncommon words) — the
    channel for fluent rewrites, which keep their source's details in new word sequences. The same sparse
    product as `immutable_candidates`, over hashes counted in one compiled pass (`count_kernel`)."""
    n = len(details)
    if n < 2:
        return set()
    sizes = np.fromiter(map(len, details), dtype=np.int64, count=n)
    if not sizes.any():
        return set()
    cols, df, n_items = item_slots(np.concatenate(details))  # each item's slot is its column
    return _sharing(cols, sizes, n_items, config.min_shared_details, config.min_detail_overlap, config, df)


def max_document_frequency(n: int, config: CandidateConfig) -> int:
    """The most documents of `n` an item may be in and still count for the immutables and details channels: a share
    of the corpus, capped, but never under the small-corpus floor (a story told by 10 articles keeps its names)."""
    return max(config.min_immutable_df_cap, min(config.max_immutable_df_abs, int(config.max_immutable_df * n)))


def _sharing(cols: np.ndarray, sizes: np.ndarray, n_items: int, min_shared: int, min_overlap: float,
             config: CandidateConfig, df: np.ndarray | None = None) -> set[PairKey]:
    """Pairs of documents (rows: `sizes[i]` entries each, their item ids in `cols`) sharing at least `min_shared`
    items and `min_overlap` of the smaller set, counting only items in 2 to max-df documents (too common an item
    is no evidence). Shared counts come from a sparse doc x item product, so the cost follows the co-occurrences
    of rare items, not the square of the corpus."""
    from scipy import sparse

    n = len(sizes)
    max_df = max_document_frequency(n, config)
    rows = np.repeat(np.arange(n), sizes)
    if df is not None:  # the items' document frequencies are known: only the entries of kept items enter the matrix
        kept = ((df >= 2) & (df <= max_df))[cols]
        rows, cols = rows[kept], cols[kept]
    m = sparse.csr_matrix((np.ones(len(cols), dtype=np.int32), (rows, cols)), shape=(n, n_items))
    if df is None:
        df = np.asarray(m.sum(axis=0)).ravel()
        m = m[:, np.flatnonzero((df >= 2) & (df <= max_df))].tocsr()
    shared = sparse.triu(m @ m.T, k=1).tocoo()
    smaller = np.minimum(np.maximum(sizes, 1)[shared.row], np.maximum(sizes, 1)[shared.col])
    ok = (shared.data >= min_shared) & (shared.data / smaller >= min_overlap)
    return set(zip(shared.row[ok].tolist(), shared.col[ok].tolist()))
