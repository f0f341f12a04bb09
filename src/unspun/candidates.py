"""Candidate pairs from two channels: LSH bands over MinHash, and shared rare immutables.

Candidates are proposals only; every one is confirmed by alignment before it is reported.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

from .config import CandidateConfig
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
    from scipy import sparse

    n = len(immutables)
    if n < 2:
        return set()
    max_df = max(config.min_immutable_df_cap, min(config.max_immutable_df_abs, int(config.max_immutable_df * n)))
    # Each item's id in first-seen order, and each entry's row, built in C (a per-item Python loop was ~0.5 s
    # of the candidate stage at 10k articles).
    flat = list(chain.from_iterable(immutables))
    if not flat:
        return set()
    vocab = {item: k for k, item in enumerate(dict.fromkeys(flat))}
    cols = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
    rows = np.repeat(np.arange(n), np.fromiter(map(len, immutables), dtype=np.int64, count=n))
    m = sparse.csr_matrix((np.ones(len(cols), dtype=np.int32), (rows, cols)), shape=(n, len(vocab)))
    df = np.asarray(m.sum(axis=0)).ravel()
    keep = np.flatnonzero((df >= 2) & (df <= max_df))
    m = m[:, keep].tocsr()
    shared = sparse.triu(m @ m.T, k=1).tocoo()
    sizes = np.array([max(len(x), 1) for x in immutables])
    smaller = np.minimum(sizes[shared.row], sizes[shared.col])
    ok = (shared.data >= config.min_shared_immutables) & (shared.data / smaller >= config.min_immutable_overlap)
    return set(zip(shared.row[ok].tolist(), shared.col[ok].tolist()))
