"""A persistent index of articles: incremental add, and "is this a copy of anything indexed?".

`Index.add` ingests articles in batches: each batch is cleaned and fingerprinted with the scan stages
(`scan.prepare`), its candidates are looked up among everything already indexed and inside the batch
(LSH band keys from `candidates.band_keys`, rare shared immutables, identical kept text), every
candidate is confirmed by alignment (`scan.confirm`), and the batch's articles, signatures, pairs,
edits, claims and story merges are written in ONE DuckDB transaction. A crash loses at most the batch
in flight, which the next run redoes; articles already stored are recognised by content hash.

`Index.check` runs the same lookup and confirmation for one article without storing it. Lookups go
either to DuckDB (indexed point queries: a one-shot CLI check) or to an in-memory copy of the band and
immutables postings loaded at open (a server: microseconds per lookup at a million articles).

One process may write to an index file at a time (DuckDB's rule). Within that process the Index is
thread-safe: adds are serialized, and each thread reads through its own cursor, so a check running
during an add sees either all or none of a batch.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from xxhash import xxh3_64_intdigest

from . import db as store
from ..candidates import band_keys
from ..config import CandidateConfig, ScanConfig
from ..errors import ConfigError, UnspunError
from ..provenance import COPY_RELATIONS
from .stories import expected_stories, restory
from ..records import Article, Pair, ReadError, Story
from ..scan import Prepared, confirm, prepare

Progress = Callable[[str, int, int], None]

_BAND_SALT = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class IndexConfig:
    """How the index ingests and answers; the scan stages keep their own sub-configs in `scan`."""

    scan: ScanConfig = field(default_factory=ScanConfig)
    batch_size: int = 500  # articles per transaction: a crash redoes at most this many
    max_candidates: int = 50  # candidates confirmed per article, best-supported first
    in_memory: bool = False  # load postings into memory at open (servers); else query DuckDB
    claims: bool = False  # extract claims at add time and on request (needs unspun.claims and spaCy)
    prepared_cache: int = 4096  # re-cleaned indexed articles kept for confirming candidates


@dataclass(frozen=True)
class AddResult:
    """What one `Index.add` did."""

    added: tuple[str, ...]  # ids as stored (a taken id is renamed id~N)
    duplicates: tuple[tuple[str, str], ...]  # (id given, id already indexed with the same content)
    errors: tuple[ReadError, ...]
    pairs: int
    batches: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckHit:
    """An indexed article the checked one copies or rewrites (pair.a = indexed, pair.b = checked)."""

    pair: Pair
    article: Article
    story: str


@dataclass(frozen=True)
class CheckResult:
    article: Article
    hits: tuple[CheckHit, ...]
    candidates: int  # how many indexed articles the lookup proposed (all confirmed or rejected)


@dataclass(frozen=True)
class StoryInfo:
    id: str
    size: int
    articles: tuple[str, ...]


@dataclass(frozen=True)
class StoryDetail:
    story: Story
    articles: tuple[Article, ...]
    pairs: tuple[Pair, ...]


@dataclass(frozen=True)
class ClaimsResult:
    article: str
    available: bool
    claims: tuple[dict[str, Any], ...]
    note: str = ""


def content_hash(article: Article) -> str:
    """Identity of an article in the index: the same id, url and text is the same article."""
    h = hashlib.sha256()
    for part in (article.id, article.url, article.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def norm_hash(prepared: Prepared) -> int:
    """Hash of the kept, case-folded text (0 when nothing was kept: never looked up)."""
    text = prepared.clean.norm_text.casefold()
    return xxh3_64_intdigest(text.encode("utf-8", "surrogatepass")) or 1 if text else 0


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


class MemoryLookup:
    """Postings in numpy arrays: all of them (`load`, for a server, then kept up to date by
    `Index.add`), or only those a set of probes can reach (`prefetch`, a few indexed DuckDB queries)."""

    def __init__(self, bands: Postings, immutables: Postings, exact: Postings, imm_count: dict[int, int],
                 n_articles: int, overfull_bands: frozenset[int] = frozenset(),
                 overfull_items: frozenset[int] = frozenset()) -> None:
        self.bands, self.immutables, self.exact = bands, immutables, exact
        self.imm_count = imm_count
        self.n_articles = n_articles
        # keys whose posting lists were too long to fetch (prefetch only): the lookup skips them
        self.overfull_bands, self.overfull_items = overfull_bands, overfull_items

    @classmethod
    def empty(cls) -> MemoryLookup:
        return cls(Postings(), Postings(), Postings(), {}, 0)

    @classmethod
    def _from_rows(cls, band: np.ndarray, key: np.ndarray, article: np.ndarray, item: np.ndarray,
                   item_article: np.ndarray, norm: np.ndarray, norm_article: np.ndarray,
                   imm_count: dict[int, int], n_articles: int) -> MemoryLookup:
        return cls(Postings(combined_band_keys(key, band), article), Postings(item, item_article),
                   Postings(norm, norm_article), imm_count, n_articles)

    @classmethod
    def load(cls, con: store.Connection) -> MemoryLookup:
        band, key, article = store.all_bands(con)
        item, art = store.all_immutables(con)
        nh, n = store.all_norm_hashes(con)
        counts: dict[int, int] = {}
        if len(art):
            ns, cnt = np.unique(art, return_counts=True)
            counts = dict(zip(ns.tolist(), cnt.tolist()))
        return cls._from_rows(band, key, article, item, art, nh, n, counts, len(nh))

    @classmethod
    def prefetch(cls, con: store.Connection, probes: Sequence[Probe], config: CandidateConfig) -> MemoryLookup:
        """The postings of every key the probes hold, fetched with a few indexed queries; posting
        lists longer than any threshold the lookup applies are named but not fetched."""
        usable = [p for p in probes if p.usable]
        keys = np.concatenate([p.band_keys for p in usable]) if usable else np.zeros(0, np.uint64)
        items = np.concatenate([p.immutable_keys for p in usable]) if usable else np.zeros(0, np.uint64)
        norms = np.array([p.norm_hash for p in usable if p.norm_hash], np.uint64)
        b, over_b = store.band_postings(con, keys, config.max_bucket)
        i, over_i = store.immutable_postings(
            con, items, max(config.min_immutable_df_cap, config.max_immutable_df_abs)
        )
        e = store.exact_postings(con, norms)
        counts = dict(store.immutable_counts(con, sorted({a for _, a in i})))

        def col(rows: list[tuple], k: int, dtype: Any) -> np.ndarray:
            return np.array([r[k] for r in rows], dtype=dtype)

        found = cls._from_rows(
            col(b, 0, np.int64), col(b, 1, np.uint64), col(b, 2, np.int64), col(i, 0, np.uint64),
            col(i, 1, np.int64), col(e, 0, np.uint64), col(e, 1, np.int64), counts, store.count_articles(con),
        )
        found.overfull_bands, found.overfull_items = frozenset(over_b), frozenset(over_i)
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
        hits: list[np.ndarray | None] = list(self.immutables.lookup(items))
        if self.overfull_items:
            hits = [None if k in self.overfull_items else h for k, h in zip(items.tolist(), hits)]
        return hits

    def immutable_sizes(self, ns: Iterable[int]) -> dict[int, int]:
        return {n: self.imm_count.get(n, 0) for n in ns}

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
    shared: dict[int, int] = {}
    exact: set[int] = set()
    band_lists = [lk.band_hits(probe.band_keys) for lk in lookups]
    for b in range(len(probe.band_keys)):
        parts = [bl[b] for bl in band_lists]
        if any(x is None for x in parts) or sum(len(x) for x in parts) + 1 > cc.max_bucket:
            continue  # boilerplate bucket, as in bucket_pairs (None: known to be oversized)
        members = np.concatenate(parts) if len(parts) > 1 else parts[0]
        for n in members.tolist():
            band_hits[n] = band_hits.get(n, 0) + 1
    if len(probe.immutable_keys):
        total = n_articles + 1
        max_df = max(cc.min_immutable_df_cap, min(cc.max_immutable_df_abs, int(cc.max_immutable_df * total)))
        imm_lists = [lk.immutable_hits(probe.immutable_keys) for lk in lookups]
        for i in range(len(probe.immutable_keys)):
            parts = [il[i] for il in imm_lists]
            if any(x is None for x in parts):
                continue
            size = sum(len(x) for x in parts)
            if not size or size + 1 > max_df:
                continue
            members = np.concatenate(parts) if len(parts) > 1 else parts[0]
            for n in np.unique(members).tolist():
                shared[n] = shared.get(n, 0) + 1
        if shared:
            sizes: dict[int, int] = {}
            for lk in lookups:
                for n, s in lk.immutable_sizes([n for n in shared if n not in sizes]).items():
                    if s:
                        sizes[n] = s
            mine = len(probe.immutable_keys)
            shared = {
                n: s for n, s in shared.items()
                if s >= cc.min_shared_immutables and s / max(1, min(mine, sizes.get(n, mine))) >= cc.min_immutable_overlap
            }
    if probe.norm_hash:
        for lk in lookups:
            exact.update(lk.exact_hits(probe.norm_hash).tolist())
    found: dict[int, set[str]] = {}
    for n in band_hits:
        found.setdefault(n, set()).add("minhash")
    for n in shared:
        found.setdefault(n, set()).add("immutables")
    for n in exact:
        found.setdefault(n, set()).add("exact")
    found.pop(exclude, None)
    if len(found) > limit:
        ranked = sorted(found, key=lambda n: (n not in exact, -band_hits.get(n, 0), -shared.get(n, 0), n))
        found = {n: found[n] for n in ranked[:limit]}
    return found


# --------------------------------------------------------------------------------------------------
# The index


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _story_name(n: int) -> str:
    return f"story-{n}"


def parse_story_name(name: str) -> int | None:
    """`story-17` -> 17; None for anything else (names come from requests: never trust them)."""
    if not name.startswith("story-") or not name[6:].isdigit() or len(name) > 26:
        return None
    return int(name[6:])


class Index:
    """An article index in one DuckDB file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str, config: IndexConfig | None = None, read_only: bool = False) -> None:
        self.config = config or IndexConfig()
        fp, cc = self.config.scan.fingerprint, self.config.scan.candidates
        if cc.bands <= 0 or fp.num_perm % cc.bands:
            raise ConfigError(f"bands={cc.bands} must divide num_perm={fp.num_perm}")
        if self.config.batch_size < 1:
            raise ConfigError("batch_size must be at least 1")
        self.path = str(path)
        self.read_only = read_only
        self._con = store.connect(self.path, read_only=read_only)
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._cursors: list[Any] = []
        self._cursors_lock = threading.Lock()
        self._cache: OrderedDict[int, Prepared] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._memory = MemoryLookup.load(self._con) if self.config.in_memory else None
        self._claims_extractor: Any = None

    # -- plumbing ----------------------------------------------------------------------------------

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._cursors_lock:
            for c in self._cursors:
                try:
                    c.close()
                except Exception:  # noqa: BLE001 - already closed
                    pass
            self._cursors.clear()
        self._con.close()

    def _cursor(self) -> Any:
        """This thread's own cursor: DuckDB connections are not shared between threads."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._con.cursor()
            self._local.cursor = cur
            with self._cursors_lock:
                self._cursors.append(cur)
        return cur

    def _lookup(self, con: Any, probes: Sequence[Probe]) -> MemoryLookup:
        """The postings these probes can reach: the server's in-memory copy, or fetched from DuckDB."""
        if self._memory is not None:
            return self._memory
        return MemoryLookup.prefetch(con, probes, self.config.scan.candidates)

    def _probe(self, p: Prepared) -> Probe:
        usable = p.signature.n_tokens > 0
        keys = band_keys(p.signature.minhash[None, :], self.config.scan.candidates.bands)[0]
        return Probe(keys, immutable_keys(p.signature.immutables) if usable else np.zeros(0, np.uint64),
                     norm_hash(p), usable)

    def _prepared(self, con: Any, ns: Sequence[int]) -> dict[int, Prepared]:
        """Cleaned and fingerprinted indexed articles, re-derived from their stored text (cached)."""
        out: dict[int, Prepared] = {}
        missing = []
        with self._cache_lock:
            for n in ns:
                p = self._cache.get(n)
                if p is None:
                    missing.append(n)
                else:
                    self._cache.move_to_end(n)
                    out[n] = p
        if missing:
            for n, stored in store.articles_by_n(con, missing).items():
                out[n] = prepare(stored.article, self.config.scan)
            with self._cache_lock:
                for n in missing:
                    if n in out:
                        self._cache[n] = out[n]
                while len(self._cache) > self.config.prepared_cache:
                    self._cache.popitem(last=False)
        return out

    # -- add ---------------------------------------------------------------------------------------

    def add(self, items: Iterable[Article | ReadError], progress: Progress | None = None) -> AddResult:
        """Ingest articles batch by batch, each batch in one transaction (see the module docstring)."""
        if self.read_only:
            raise UnspunError("this index was opened read-only; open it without read_only to add articles")
        report = progress or (lambda stage, done, total: None)
        added: list[str] = []
        duplicates: list[tuple[str, str]] = []
        errors: list[ReadError] = []
        notes: list[str] = []
        pairs_total = batches = seen = 0
        with self._write_lock:
            con = self._cursor()
            for chunk in _chunks(items, self.config.batch_size):
                errors.extend(x for x in chunk if isinstance(x, ReadError))
                arts = [x for x in chunk if isinstance(x, Article)]
                seen += len(arts)
                result = self._add_batch(con, arts, notes)
                added.extend(result[0])
                duplicates.extend(result[1])
                pairs_total += result[2]
                batches += bool(result[0])
                report("index", seen, 0)
        return AddResult(tuple(added), tuple(duplicates), tuple(errors), pairs_total, batches, tuple(dict.fromkeys(notes)))

    def _add_batch(
        self, con: Any, arts: list[Article], notes: list[str]
    ) -> tuple[list[str], list[tuple[str, str]], int]:
        hashes = [content_hash(a) for a in arts]
        known = store.known_hashes(con, list(set(hashes)))
        duplicates: list[tuple[str, str]] = []
        fresh: list[tuple[Article, str]] = []
        in_batch: dict[str, str] = {}
        for a, h in zip(arts, hashes):
            if h in known:
                duplicates.append((a.id, known[h]))
            elif h in in_batch:
                duplicates.append((a.id, in_batch[h]))
            else:
                in_batch[h] = a.id
                fresh.append((a, h))
        if not fresh:
            return [], duplicates, 0
        taken = store.known_ids(con, [a.id for a, _ in fresh])
        renamed: list[tuple[Article, str]] = []
        for a, h in fresh:
            ident, k = a.id, 1
            while ident in taken:
                k += 1
                ident = f"{a.id}~{k}"
            taken.add(ident)
            renamed.append((a if ident == a.id else replace(a, id=ident), h))

        next_n, batch = store.next_numbers(con)
        cfg = self.config.scan
        prepared = [prepare(a, cfg) for a, _ in renamed]
        rows: list[store.ArticleRow] = []
        for i, ((a, h), p) in enumerate(zip(renamed, prepared)):
            probe = self._probe(p)
            rows.append(store.ArticleRow(
                n=next_n + i, article=a, content_hash=h, norm_hash=probe.norm_hash,
                minhash=p.signature.minhash, n_tokens=p.signature.n_tokens, immutables=p.signature.immutables,
                immutable_keys=probe.immutable_keys, band_keys=probe.band_keys,
            ))

        # candidates among the index and the batch articles before each one
        probes = [Probe(r.band_keys, r.immutable_keys, r.norm_hash, r.n_tokens > 0) for r in rows]
        lookup = self._lookup(con, probes)
        local = MemoryLookup.empty()
        n_indexed = lookup.n_articles
        work: list[tuple[int, int, frozenset[str]]] = []
        for i, (row, probe) in enumerate(zip(rows, probes)):
            found = find_candidates(probe, [lookup, local], n_indexed + i, cfg, self.config.max_candidates)
            work.extend((n, row.n, frozenset(ch)) for n, ch in found.items())
            local.add([row])
        by_n = {r.n: p for r, p in zip(rows, prepared)}
        old = sorted({a for a, _, _ in work if a not in by_n})
        by_n.update(self._prepared(con, old))
        confirmed: list[tuple[int, int, Pair]] = []
        for a, b, channels in sorted(work, key=lambda w: (w[1], w[0])):
            if a in by_n and b in by_n:
                pair = confirm(by_n[a], by_n[b], channels, cfg)
                if pair is not None:
                    confirmed.append((a, b, pair))

        claims = self._batch_claims(rows, notes) if self.config.claims else None

        con.execute("BEGIN TRANSACTION")
        try:
            store.insert_articles(con, rows, batch)
            store.insert_pairs(con, confirmed, batch)
            linked = {x for a, b, p in confirmed if p.relation in COPY_RELATIONS for x in (a, b)}
            restory(con, sorted(linked | {r.n for r in rows}), self.config.scan.cluster)
            for n, (name, cl) in (claims or {}).items():
                store.put_claims(con, n, name, cl)
            store.record_batch(con, batch, len(rows), len(confirmed))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        if self._memory is not None:
            self._memory.add(rows)
        return [r.article.id for r in rows], duplicates, len(confirmed)

    def _extractor(self, notes: list[str]) -> Any:
        if self._claims_extractor is None:
            try:
                from ..claims.extract import ClaimExtractor
            except ImportError as exc:
                notes.append(f"claims not stored: unspun.claims is not available ({exc})")
                self._claims_extractor = False
                return None
            self._claims_extractor = ClaimExtractor()
        return self._claims_extractor or None

    def _batch_claims(self, rows: Sequence[store.ArticleRow], notes: list[str]) -> dict[int, tuple[str, list]] | None:
        ex = self._extractor(notes)
        if ex is None:
            return None
        from ..claims.extract import claims_to_json

        try:
            found = ex.extract_many([r.article.text for r in rows])
        except UnspunError as exc:
            notes.append(f"claims not stored: {exc}")
            self._claims_extractor = False
            return None
        return {r.n: (ex.model, claims_to_json(c)) for r, c in zip(rows, found)}

    # -- check -------------------------------------------------------------------------------------

    def check(self, article: Article, exclude_id: str | None = None) -> CheckResult:
        """Indexed articles that `article` copies or rewrites (or that copy it), with the evidence."""
        con = self._cursor()
        p = prepare(article, self.config.scan)
        exclude = None
        if exclude_id is not None:
            stored = store.article_by_id(con, exclude_id)
            exclude = stored.n if stored else None
        probe = self._probe(p)
        lookup = self._lookup(con, [probe])
        found = find_candidates(probe, [lookup], lookup.n_articles, self.config.scan, self.config.max_candidates, exclude)
        indexed = self._prepared(con, sorted(found))
        hits: list[tuple[int, Pair]] = []
        for n, channels in found.items():
            if n in indexed:
                pair = confirm(indexed[n], p, channels, self.config.scan)
                if pair is not None:
                    hits.append((n, pair))
        hits.sort(key=lambda x: (-x[1].score, x[0]))
        stories = {n: store.story_of(con, n) for n, _ in hits}
        return CheckResult(
            article=article,
            hits=tuple(CheckHit(pair, indexed[n].clean.article, _story_name(stories[n] or n)) for n, pair in hits),
            candidates=len(found),
        )

    def check_url(self, url: str) -> CheckResult | None:
        """Check an already indexed article, found by its url, against the rest (never fetches)."""
        stored = store.article_by_url(self._cursor(), url)
        return None if stored is None else self.check(stored.article, exclude_id=stored.article.id)

    # -- reads -------------------------------------------------------------------------------------

    def article(self, ident: str) -> Article | None:
        stored = store.article_by_id(self._cursor(), ident)
        return None if stored is None else stored.article

    def article_story(self, ident: str) -> str | None:
        con = self._cursor()
        stored = store.article_by_id(con, ident)
        if stored is None:
            return None
        s = store.story_of(con, stored.n)
        return _story_name(s if s is not None else stored.n)

    def article_pairs(self, ident: str) -> list[Pair] | None:
        con = self._cursor()
        stored = store.article_by_id(con, ident)
        return None if stored is None else [p for _, _, p in store.pairs_of_article(con, stored.n)]

    def stories(self, min_size: int = 2, limit: int = 50, offset: int = 0) -> list[StoryInfo]:
        rows = store.list_stories(self._cursor(), min_size, limit, offset)
        return [StoryInfo(_story_name(s), size, tuple(ids)) for s, size, ids in rows]

    def story(self, name: str) -> StoryDetail | None:
        n = parse_story_name(name)
        if n is None:
            return None
        con = self._cursor()
        members = store.story_members(con, n)
        if not members:
            return None
        arts = store.articles_by_n(con, [m[0] for m in members])
        pairs = store.pairs_of_story(con, n)
        return StoryDetail(
            Story(name, tuple(m[1] for m in members)),
            tuple(arts[m[0]].article for m in members),
            tuple(p for _, _, p in pairs),
        )

    def pair(self, a: str, b: str) -> tuple[Pair, Article, Article] | None:
        """The stored pair of two indexed articles (either order), with both articles."""
        con = self._cursor()
        sa, sb = store.article_by_id(con, a), store.article_by_id(con, b)
        if sa is None or sb is None:
            return None
        found = store.pair_between(con, sa.n, sb.n)
        if found is None:
            return None
        na, _, pair = found
        first, second = (sa, sb) if na == sa.n else (sb, sa)
        return pair, first.article, second.article

    def claims(self, ident: str, extract: bool = True) -> ClaimsResult | None:
        """Stored claims of an article; extracted (and stored) on first request when possible."""
        con = self._cursor()
        stored = store.article_by_id(con, ident)
        if stored is None:
            return None
        got = store.get_claims(con, stored.n)
        if got is not None:
            return ClaimsResult(ident, True, tuple(got[1]))
        if not extract or self.read_only or not self.config.claims:
            return ClaimsResult(ident, False, (), "claims were not extracted for this article "
                                "(claim extraction is off: add or serve with --claims)")
        notes: list[str] = []
        with self._write_lock:
            ex = self._extractor(notes)
            if ex is None:
                return ClaimsResult(ident, False, (), notes[0] if notes else "claim extraction is unavailable")
            from ..claims.extract import claims_to_json

            try:
                found = claims_to_json(ex.extract(stored.article.text))
            except UnspunError as exc:
                self._claims_extractor = False
                return ClaimsResult(ident, False, (), f"claim extraction is unavailable: {exc}")
            store.put_claims(self._cursor(), stored.n, ex.model, found)
        return ClaimsResult(ident, True, tuple(found))

    def stats(self) -> dict[str, Any]:
        con = self._cursor()
        return store.counts(con) | {"migrations": store.applied_migrations(con)}

    # -- consistency -------------------------------------------------------------------------------

    def verify(self) -> list[str]:
        """Problems found (empty when consistent): every article in exactly one story, stories equal to
        the ones the stored pairs make by the story definition `scan` uses (`provenance.story_groups`,
        recomputed over the whole index), each named after its smallest article, no orphan rows."""
        con = self._cursor()
        problems: list[str] = []
        ids = dict(con.execute("SELECT n, id FROM articles").fetchall())
        rows = store.all_story_rows(con)
        members: dict[int, int] = {}
        for article, story in rows:
            if article in members:
                problems.append(f"article {article} is in two stories")
            members[article] = story
        if set(members) != set(ids):
            problems.append(f"{len(set(ids) - set(members))} articles without a story, "
                            f"{len(set(members) - set(ids))} story rows without an article")
        expected = expected_stories(con, self.config.scan.cluster)
        if members != expected:
            wrong = sorted(n for n in expected if members.get(n) != expected[n])
            problems.append(f"stories of {len(wrong)} articles differ from the stories their pairs make "
                            f"(first: article {wrong[0] if wrong else '?'})")
        for table, col in (("signatures", "article"), ("bands", "article"), ("pairs", "a"), ("pairs", "b")):
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE {col} NOT IN (SELECT n FROM articles)"
            ).fetchall()[0][0]
            if orphans:
                problems.append(f"{orphans} rows of {table} point at missing articles")
        return problems
