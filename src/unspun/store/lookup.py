"""Candidate lookup for the index: postings (sorted uint64 keys -> article numbers), in memory or
prefetched from DuckDB, and `find_candidates`, the index's version of the scan's candidate channels
(LSH band keys, shared rare immutables, shared details, identical kept text).
"""
from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from xxhash import xxh3_64_intdigest

from . import db as store
from ..candidates import max_document_frequency
from ..config import CandidateConfig, ScanConfig

_BAND_SALT = np.uint64(0x9E3779B97F4A7C15)

__all__ = ["MemoryLookup", "Postings", "Probe", "combined_band_keys", "find_candidates", "immutable_keys"]


def immutable_keys(items: Iterable[str]) -> np.ndarray:
    return np.array(sorted({xxh3_64_intdigest(i.encode("utf-8", "surrogatepass")) for i in items}), dtype=np.uint64)


def combined_band_keys(keys: np.ndarray, bands: np.ndarray) -> np.ndarray:
    """One uint64 per (band, key), so all bands share one sorted postings array."""
    with np.errstate(over="ignore"):
        return keys.astype(np.uint64) ^ ((bands.astype(np.uint64) + np.uint64(1)) * _BAND_SALT)


# --------------------------------------------------------------------------------------------------
# Postings: sorted uint64 keys -> int64 article numbers


class Postings:
    """Sorted key/value arrays plus a small tail of recent additions, merged when it grows.

    Readers never lock: `add` replaces whole references (tail first read, then main, see `lookup`),
    so a concurrent reader sees the postings before or after an addition, duplicates at worst.
    """

    def __init__(self, keys: np.ndarray | None = None, values: np.ndarray | None = None, merge_at: int = 200_000):
        keys = np.zeros(0, np.uint64) if keys is None else np.asarray(keys, np.uint64)
        values = np.zeros(0, np.int64) if values is None else np.asarray(values, np.int64)
        order = np.argsort(keys, kind="stable")
        self._main = (keys[order], values[order])
        self._tail: dict[int, tuple[int, ...]] = {}
        self._tail_size = 0
        self._merge_at = merge_at
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._main[0]) + self._tail_size

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        with self._lock:
            tail = dict(self._tail)
            for k, v in zip(np.asarray(keys, np.uint64).tolist(), np.asarray(values, np.int64).tolist()):
                tail[k] = tail.get(k, ()) + (v,)
            self._tail = tail
            self._tail_size += len(keys)
            if self._tail_size >= self._merge_at:
                items = [(k, v) for k, vs in tail.items() for v in vs]
                tk = np.array([k for k, _ in items], np.uint64)
                tv = np.array([v for _, v in items], np.int64)
                keys_all = np.concatenate([self._main[0], tk])
                vals_all = np.concatenate([self._main[1], tv])
                order = np.argsort(keys_all, kind="stable")
                self._main = (keys_all[order], vals_all[order])
                self._tail = {}
                self._tail_size = 0

    def lookup(self, keys: np.ndarray) -> list[np.ndarray]:
        """The values posted under each key, in the order of `keys`."""
        tail = self._tail  # read the tail before main (see class docstring)
        main_keys, main_vals = self._main
        keys = np.asarray(keys, np.uint64)
        left = np.searchsorted(main_keys, keys, "left")
        right = np.searchsorted(main_keys, keys, "right")
        out = []
        for k, lo, hi in zip(keys.tolist(), left.tolist(), right.tolist()):
            extra = tail.get(k)
            vals = main_vals[lo:hi]
            out.append(np.concatenate([vals, np.array(extra, np.int64)]) if extra else vals)
        return out


# --------------------------------------------------------------------------------------------------
# Lookups: where candidate postings come from


@dataclass(frozen=True)
class Probe:
    """What the candidate lookup needs from one article."""

    band_keys: np.ndarray  # uint64[bands]
    immutable_keys: np.ndarray  # uint64
    norm_hash: int
    usable: bool  # has tokens at all (empty articles propose nothing)
    detail_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))  # `Signature.details`


class MemoryLookup:
    """Postings in numpy arrays: all of them (`load`, for a server, then kept up to date by
    `Index.add`), or only those a set of probes can reach (`prefetch`, a few indexed DuckDB queries)."""

    def __init__(self, bands: Postings, immutables: Postings, exact: Postings, imm_count: dict[int, int],
                 n_articles: int, overfull_bands: frozenset[int] = frozenset(),
                 overfull_items: frozenset[int] = frozenset(), details: Postings | None = None,
                 det_count: dict[int, int] | None = None, overfull_details: frozenset[int] = frozenset()) -> None:
        self.bands, self.immutables, self.exact = bands, immutables, exact
        self.details = Postings() if details is None else details
        self.imm_count = imm_count
        self.det_count = {} if det_count is None else det_count
        self.n_articles = n_articles
        # keys whose posting lists were too long to fetch (prefetch only): the lookup skips them
        self.overfull_bands, self.overfull_items = overfull_bands, overfull_items
        self.overfull_details = overfull_details

    @classmethod
    def empty(cls) -> MemoryLookup:
        return cls(Postings(), Postings(), Postings(), {}, 0)

    @classmethod
    def _from_rows(cls, band: np.ndarray, key: np.ndarray, article: np.ndarray, item: np.ndarray,
                   item_article: np.ndarray, norm: np.ndarray, norm_article: np.ndarray,
                   imm_count: dict[int, int], n_articles: int, detail: np.ndarray, detail_article: np.ndarray,
                   det_count: dict[int, int]) -> MemoryLookup:
        return cls(Postings(combined_band_keys(key, band), article), Postings(item, item_article),
                   Postings(norm, norm_article), imm_count, n_articles, details=Postings(detail, detail_article),
                   det_count=det_count)

    @classmethod
    def load(cls, con: store.Connection, details: bool = True) -> MemoryLookup:
        """Every posting; `details` False for an index without detail postings (`store.has_details`)."""
        band, key, article = store.all_bands(con)
        item, art = store.all_immutables(con)
        detail, detail_art = store.all_details(con) if details else (np.zeros(0, np.uint64), np.zeros(0, np.int64))
        nh, n = store.all_norm_hashes(con)
        return cls._from_rows(band, key, article, item, art, nh, n, _counts(art), len(nh), detail, detail_art,
                              _counts(detail_art))

    @classmethod
    def prefetch(cls, con: store.Connection, probes: Sequence[Probe], config: CandidateConfig,
                 details: bool = True) -> MemoryLookup:
        """The postings of every key the probes hold, fetched with a few indexed queries; posting
        lists longer than any threshold the lookup applies are named but not fetched. `details` False for an index
        without detail postings (`store.has_details`)."""
        usable = [p for p in probes if p.usable]
        keys = np.concatenate([p.band_keys for p in usable]) if usable else np.zeros(0, np.uint64)
        items = np.concatenate([p.immutable_keys for p in usable]) if usable else np.zeros(0, np.uint64)
        detail_keys = np.concatenate([p.detail_keys for p in usable]) if usable else np.zeros(0, np.uint64)
        norms = np.array([p.norm_hash for p in usable if p.norm_hash], np.uint64)
        df_cap = max(config.min_immutable_df_cap, config.max_immutable_df_abs)
        b, over_b = store.band_postings(con, keys, config.max_bucket)
        i, over_i = store.immutable_postings(con, items, df_cap)
        d, over_d = store.detail_postings(con, np.unique(detail_keys), df_cap) if details else ([], set())
        e = store.exact_postings(con, norms)
        counts = dict(store.immutable_counts(con, sorted({a for _, a in i})))
        det_counts = dict(store.detail_counts(con, sorted({a for _, a in d})))

        def col(rows: list[tuple], k: int, dtype: Any) -> np.ndarray:
            return np.array([r[k] for r in rows], dtype=dtype)

        found = cls._from_rows(
            col(b, 0, np.int64), col(b, 1, np.uint64), col(b, 2, np.int64), col(i, 0, np.uint64),
            col(i, 1, np.int64), col(e, 0, np.uint64), col(e, 1, np.int64), counts, store.count_articles(con),
            col(d, 0, np.uint64), col(d, 1, np.int64), det_counts,
        )
        found.overfull_bands, found.overfull_items = frozenset(over_b), frozenset(over_i)
        found.overfull_details = frozenset(over_d)
        return found

    def add(self, rows: Sequence[store.ArticleRow]) -> None:
        usable = [r for r in rows if r.n_tokens > 0]
        if usable:
            nb = usable[0].band_keys.shape[0]
            self.bands.add(
                np.concatenate([combined_band_keys(r.band_keys, np.arange(nb)) for r in usable]),
                np.repeat([r.n for r in usable], nb),
            )
            self.immutables.add(
                np.concatenate([r.immutable_keys for r in usable]),
                np.repeat([r.n for r in usable], [len(r.immutable_keys) for r in usable]),
            )
            for r in usable:
                self.imm_count[r.n] = len(r.immutable_keys)
            self.details.add(
                np.concatenate([r.detail_keys for r in usable]),
                np.repeat([r.n for r in usable], [len(r.detail_keys) for r in usable]),
            )
            for r in usable:
                self.det_count[r.n] = len(r.detail_keys)
        with_text = [r for r in rows if r.norm_hash]
        if with_text:
            self.exact.add(np.array([r.norm_hash for r in with_text], np.uint64), np.array([r.n for r in with_text]))
        self.n_articles += len(rows)

    def band_hits(self, keys: np.ndarray) -> list[np.ndarray | None]:
        """Articles in each band's bucket (None: a bucket too big to have been fetched)."""
        hits: list[np.ndarray | None] = list(self.bands.lookup(combined_band_keys(keys, np.arange(len(keys)))))
        if self.overfull_bands:
            hits = [None if k in self.overfull_bands else h for k, h in zip(keys.tolist(), hits)]
        return hits

    def immutable_hits(self, items: np.ndarray) -> list[np.ndarray | None]:
        return _hits(self.immutables, self.overfull_items, items)

    def immutable_sizes(self, ns: Iterable[int]) -> dict[int, int]:
        return {n: self.imm_count.get(n, 0) for n in ns}

    def detail_hits(self, items: np.ndarray) -> list[np.ndarray | None]:
        return _hits(self.details, self.overfull_details, items)

    def detail_sizes(self, ns: Iterable[int]) -> dict[int, int]:
        return {n: self.det_count.get(n, 0) for n in ns}

    def exact_hits(self, h: int) -> np.ndarray:
        return self.exact.lookup(np.array([h], np.uint64))[0]


def find_candidates(
    probe: Probe, lookups: Sequence[Any], n_articles: int, config: ScanConfig, limit: int, exclude: int | None = None
) -> dict[int, set[str]]:
    """Indexed articles proposed for `probe` by any channel (best-supported first, at most `limit`)."""
    if not probe.usable:
        return {}
    cc = config.candidates
    band_hits: dict[int, int] = {}
    exact: set[int] = set()
    band_lists = [lk.band_hits(probe.band_keys) for lk in lookups]
    for b in range(len(probe.band_keys)):
        parts = [bl[b] for bl in band_lists]
        if any(x is None for x in parts) or sum(len(x) for x in parts) + 1 > cc.max_bucket:
            continue  # boilerplate bucket, as in bucket_pairs (None: known to be oversized)
        members = np.concatenate(parts) if len(parts) > 1 else parts[0]
        for n in members.tolist():
            band_hits[n] = band_hits.get(n, 0) + 1
    total = n_articles + 1
    max_df = max_document_frequency(total, cc)
    shared = _sharing(probe.immutable_keys, [lk.immutable_hits for lk in lookups],
                      [lk.immutable_sizes for lk in lookups], max_df, cc.min_shared_immutables,
                      cc.min_immutable_overlap)
    details = _sharing(probe.detail_keys, [lk.detail_hits for lk in lookups], [lk.detail_sizes for lk in lookups],
                       max_df, cc.min_shared_details, cc.min_detail_overlap)
    if probe.norm_hash:
        for lk in lookups:
            exact.update(lk.exact_hits(probe.norm_hash).tolist())
    found: dict[int, set[str]] = {}
    for n in band_hits:
        found.setdefault(n, set()).add("minhash")
    for n in shared:
        found.setdefault(n, set()).add("immutables")
    for n in details:
        found.setdefault(n, set()).add("details")
    for n in exact:
        found.setdefault(n, set()).add("exact")
    found.pop(exclude, None)
    if len(found) > limit:
        ranked = sorted(found, key=lambda n: (n not in exact, -band_hits.get(n, 0), -shared.get(n, 0),
                                              -details.get(n, 0), n))
        found = {n: found[n] for n in ranked[:limit]}
    return found


def _hits(postings: Postings, overfull: frozenset[int], items: np.ndarray) -> list[np.ndarray | None]:
    """The articles posted under each item (None: a list too long to have been fetched)."""
    hits: list[np.ndarray | None] = list(postings.lookup(items))
    if overfull:
        hits = [None if k in overfull else h for k, h in zip(items.tolist(), hits)]
    return hits


def _counts(articles: np.ndarray) -> dict[int, int]:
    """How many postings each article holds (its number of distinct items)."""
    if not len(articles):
        return {}
    ns, cnt = np.unique(articles, return_counts=True)
    return dict(zip(ns.tolist(), cnt.tolist()))


def _sharing(keys: np.ndarray, hits: Sequence[Any], sizes_of: Sequence[Any], max_df: int, min_shared: int,
             min_overlap: float) -> dict[int, int]:
    """Indexed articles sharing at least `min_shared` of the probe's items (`keys`) and `min_overlap` of the smaller
    set, counting only items posted under at most `max_df` articles with the probe (`candidates._sharing`'s rule,
    one article against the index): article -> items shared."""
    if not len(keys):
        return {}
    shared: dict[int, int] = {}
    lists = [hit(keys) for hit in hits]
    for i in range(len(keys)):
        parts = [il[i] for il in lists]
        if any(x is None for x in parts):
            continue
        size = sum(len(x) for x in parts)
        if not size or size + 1 > max_df:
            continue
        members = np.concatenate(parts) if len(parts) > 1 else parts[0]
        for n in np.unique(members).tolist():
            shared[n] = shared.get(n, 0) + 1
    if not shared:
        return {}
    sizes: dict[int, int] = {}
    for size_of in sizes_of:
        for n, s in size_of([n for n in shared if n not in sizes]).items():
            if s:
                sizes[n] = s
    mine = len(keys)
    return {n: s for n, s in shared.items()
            if s >= min_shared and s / max(1, min(mine, sizes.get(n, mine))) >= min_overlap}
