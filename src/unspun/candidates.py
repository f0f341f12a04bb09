"""Candidate pairs from two channels: LSH bands over MinHash, and shared rare immutables.

Candidates are proposals only; every one is confirmed by alignment before it is reported.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

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
    """Pairs sharing several rare immutables (names, numbers, quotes) — the channel for spun rewrites."""
    n = len(immutables)
    max_df = max(config.min_immutable_df_cap, min(config.max_immutable_df_abs, int(config.max_immutable_df * n)))
    postings: dict[str, list[int]] = defaultdict(list)
    for doc, items in enumerate(immutables):
        for item in items:
            postings[item].append(doc)
    shared: Counter[PairKey] = Counter()
    for docs in postings.values():
        if len(docs) < 2 or len(docs) > max_df:
            continue
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                shared[(a, b)] += 1
    pairs: set[PairKey] = set()
    for (a, b), count in shared.items():
        smaller = min(len(immutables[a]), len(immutables[b])) or 1
        if count >= config.min_shared_immutables and count / smaller >= config.min_immutable_overlap:
            pairs.add((a, b))
    return pairs
