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
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from xxhash import xxh3_64_intdigest

from . import db as store
from .lookup import MemoryLookup, Probe, find_candidates, immutable_keys
from ..candidates import band_keys
from ..config import ScanConfig
from ..edits.direction import story_verdict
from ..errors import ConfigError, UnspunError
from ..provenance import COPY_RELATIONS
from .stories import component, expected_stories, restory
from ..records import Article, Pair, ReadError, Story
from ..scan import Prepared, confirm, corpus_verdicts, prepare

Progress = Callable[[str, int, int], None]

@dataclass(frozen=True)
class IndexConfig:
    """How the index ingests and answers; the scan stages keep their own sub-configs in `scan`."""

    scan: ScanConfig = field(default_factory=ScanConfig)
    batch_size: int = 500  # articles per transaction: a crash redoes at most this many
    max_candidates: int = 50  # candidates confirmed per article, best-supported first
    in_memory: bool = False  # load postings into memory at open (servers); else query DuckDB
    claims: bool = False  # extract claims at add time and on request (needs unspun.claims and spaCy)
    prepared_cache: int = 4096  # re-cleaned indexed articles kept for confirming candidates
    # reads re-derive the scan's corpus-level verdicts (siblings, compilations, a story's original) over the copy-linked
    # component of what they show, up to this many articles; a bigger component is shown with each pair's own verdict
    verdict_component_max: int = 300


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
class Shown:
    """A component's pairs and stories with the scan's corpus-level verdicts (`Index._verdicts`)."""

    pairs: dict[frozenset[str], Pair]  # by the two article ids
    stories: dict[str, Story]  # by story name


def _ids(rows: dict[tuple[int, int], Pair]) -> dict[int, str]:
    """article n -> id, for every article the pairs name."""
    return {k: x for (a, b), p in rows.items() for k, x in ((a, p.a), (b, p.b))}


def _shown(pair: Pair, shown: Shown | None) -> Pair:
    """The stored pair with the verdict a scan gives it (relation, original and why); its evidence (matches, edits)
    as stored."""
    got = None if shown is None else shown.pairs.get(frozenset((pair.a, pair.b)))
    if got is None:
        return pair
    return replace(pair, relation=got.relation, original=got.original, original_confidence=got.original_confidence,
                   original_signals=got.original_signals)


@dataclass(frozen=True)
class StoryInfo:
    id: str
    size: int
    articles: tuple[str, ...]
    original: str | None = None  # as the last batch touching the story named it (`Index._story_originals`)


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
        self._shown: OrderedDict[int, Shown] = OrderedDict()  # article n -> its component's verdicts; emptied by add
        self._details = store.has_details(self._con)  # a read-only index made before migration 0004 has none
        self._memory = MemoryLookup.load(self._con, self._details) if self.config.in_memory else None
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
        return MemoryLookup.prefetch(con, probes, self.config.scan.candidates, self._details)

    def _probe(self, p: Prepared) -> Probe:
        usable = p.signature.n_tokens > 0
        keys = band_keys(p.signature.minhash[None, :], self.config.scan.candidates.bands)[0]
        return Probe(keys, immutable_keys(p.signature.immutables) if usable else np.zeros(0, np.uint64),
                     norm_hash(p), usable, p.signature.details if usable else np.zeros(0, np.uint64))

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
                immutable_keys=probe.immutable_keys, band_keys=probe.band_keys, detail_keys=probe.detail_keys,
            ))

        # candidates among the index and the batch articles before each one
        probes = [Probe(r.band_keys, r.immutable_keys, r.norm_hash, r.n_tokens > 0, r.detail_keys) for r in rows]
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
            # any new pair can change its component's verdicts (a same-story link can name a common source)
            touched = self._components(con, sorted({x for a, b, _ in confirmed for x in (a, b)}))
            gone = set(store.stories_of(con, sorted({m for members, _ in touched for m in members})).values())
            restory(con, sorted(linked | {r.n for r in rows}), self.config.scan.cluster)
            self._story_originals(con, touched, gone)
            for n, (name, cl) in (claims or {}).items():
                store.put_claims(con, n, name, cl)
            store.record_batch(con, batch, len(rows), len(confirmed))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        with self._cache_lock:
            self._shown.clear()  # new pairs can make siblings anywhere their components reach
        if self._memory is not None:
            self._memory.add(rows)
        return [r.article.id for r in rows], duplicates, len(confirmed)

    def _extractor(self, notes: list[str]) -> Any:
        if self._claims_extractor is None:
            try:
                from ..claims import ClaimExtractor
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
        from ..report.claims_json import claims_to_json

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
        told = self._checked(con, p, hits)
        hits = [(n, told[n]) for n, _ in hits]
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
        """The article's pairs, best first, with the verdicts a scan of the index's articles gives (`_verdicts`)."""
        con = self._cursor()
        stored = store.article_by_id(con, ident)
        if stored is None:
            return None
        shown = self._verdicts(con, stored.n)
        return [_shown(p, shown) for _, _, p in store.pairs_of_article(con, stored.n)]

    def stories(self, min_size: int = 2, limit: int = 50, offset: int = 0) -> list[StoryInfo]:
        """Stories biggest first, each with its original as written by the last batch that touched it. A story no
        batch has written one for (an index made before migration 0003) gets it derived here (`_verdicts`), and
        kept unless the index is read-only, so the list heals as it is read."""
        con = self._cursor()
        out, fresh = [], []
        for s, size, ids, original, written in store.list_stories(con, min_size, limit, offset):
            if not written and size > 1:
                shown = self._verdicts(con, s)  # a story is named after its smallest article, so s is a member
                found = None if shown is None else shown.stories.get(_story_name(s))
                original = None if found is None else found.original
                fresh.append((s, original, [] if found is None else list(found.identical)))
            out.append(StoryInfo(_story_name(s), size, tuple(ids), original))
        if fresh and not self.read_only:
            with self._write_lock:
                store.put_story_originals(self._cursor(), [], fresh)
        return out

    def story(self, name: str) -> StoryDetail | None:
        n = parse_story_name(name)
        if n is None:
            return None
        con = self._cursor()
        members = store.story_members(con, n)
        if not members:
            return None
        arts = store.articles_by_n(con, [m[0] for m in members])
        articles = tuple(arts[m[0]].article for m in members)
        ids = tuple(m[1] for m in members)
        shown = self._verdicts(con, members[0][0])
        pairs = tuple(_shown(p, shown) for _, _, p in store.pairs_of_story(con, n))
        if shown is not None:
            return StoryDetail(shown.stories.get(name, Story(name, ids)), articles, pairs)
        # Too big a component to re-read whole: the story's original from its own stored pairs, as they were judged.
        verdict = story_verdict(ids, pairs, {a.id: a.published for a in articles}, {a.id: a.text for a in articles})
        found = verdict.on(Story(name, ids))
        why = (f"its copy-linked articles number over {self.config.verdict_component_max} (verdict_component_max): "
               "pairs show their own verdicts, siblings and compilations are not marked")
        return StoryDetail(replace(found, original_signals=(*found.original_signals, why)), articles, pairs)

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
        return _shown(pair, self._verdicts(con, na)), first.article, second.article

    def _verdicts(self, con: Any, n: int) -> Shown | None:
        """The scan's corpus-level verdicts (`scan.corpus_verdicts`: compilations, siblings, each story's original)
        over the copy-linked component holding article n, re-read from its stored pairs and texts. A batch stores
        each pair as confirmed, but whether two rewrites are siblings, or a text a compilation, depends on pairs
        found later, so reads derive them: the index then says what a scan of its articles says. Every pair touching
        the component is read (a same-story link to a text outside it can name their common source), and every
        article those pairs name is prepared (cached). Kept per member until the next batch is added. None when the
        component is over `verdict_component_max`."""
        with self._cache_lock:
            cached = self._shown.get(n)
            if cached is not None:
                self._shown.move_to_end(n)
                return cached
        got = self._component(con, [n])
        if got is None:
            return None
        members, rows = got
        if not rows:
            return Shown({}, {})
        marked, told = self._told(con, members, rows, store.stories_of(con, sorted(members)))
        shown = Shown({frozenset((p.a, p.b)): p for p in marked}, {s.id: s for s in told})
        with self._cache_lock:  # every member reads the same component: a story page, then its pairs
            self._shown.update((m, shown) for m in members)
            while len(self._shown) > self.config.prepared_cache:
                self._shown.popitem(last=False)
        return shown

    def _component(self, con: Any, seeds: Sequence[int]) -> tuple[set[int], dict[tuple[int, int], Pair]] | None:
        """(the copy-linked component holding `seeds`, every stored pair touching it by (a, b)); None when it holds
        more than `verdict_component_max` articles (`stories.component`, which stops walking there)."""
        members, _ = component(con, seeds, self.config.verdict_component_max)
        if len(members) > self.config.verdict_component_max:
            return None
        return set(members), {(a, b): p for a, b, p in store.pairs_touching(con, members)}

    def _components(self, con: Any, seeds: Sequence[int]) -> list[tuple[list[int], dict[tuple[int, int], Pair]]]:
        """The copy-linked components holding `seeds`; each of at most `verdict_component_max` articles with every
        stored pair touching it, a bigger one with none. The structure comes from the copy links alone
        (`stories.component`, as `restory` reads them), so a huge component costs no pair rows."""
        members, links = component(con, seeds)
        if not members:
            return []
        at = {m: i for i, m in enumerate(members)}
        graph = coo_matrix((np.ones(len(links)), ([at[a] for a, _, _ in links], [at[b] for _, b, _ in links])),
                           shape=(len(members), len(members)))
        label = dict(zip(members, connected_components(graph, directed=False)[1].tolist()))
        parts: dict[int, list[int]] = {}
        for m in members:
            parts.setdefault(label[m], []).append(m)
        small = {m for part in parts.values() if len(part) <= self.config.verdict_component_max for m in part}
        touching: dict[int, dict[tuple[int, int], Pair]] = {r: {} for r in parts}
        for a, b, p in store.pairs_touching(con, sorted(small)) if small else ():
            for x in {a, b} & small:
                touching[label[x]][(a, b)] = p
        return [(part, touching[r]) for r, part in parts.items()]

    def _story_originals(self, con: Any, touched: Sequence[tuple[list[int], dict[tuple[int, int], Pair]]],
                         gone: set[int]) -> None:
        """Write the originals of the stories in the components a batch touched (read by `stories()`, the list), as
        `_verdicts` derives them; the names those components had before the batch are dropped first. Inside the
        batch's transaction. A component over `verdict_component_max` articles gets none."""
        small = [(members, rows) for members, rows in touched if 1 < len(members) <= self.config.verdict_component_max]
        story = store.stories_of(con, sorted({m for members, _ in touched for m in members}))
        out: list[tuple[int, str | None, list[str]]] = []
        for members, rows in small:
            _, told = self._told(con, members, rows, story)
            out += [(parse_story_name(s.id), s.original, list(s.identical)) for s in told if len(s.articles) > 1]
        store.put_story_originals(con, sorted(gone | set(story.values())), out)

    def _told(self, con: Any, members: Iterable[int], rows: dict[tuple[int, int], Pair], story: dict[int, int]
              ) -> tuple[list[Pair], tuple[Story, ...]]:
        """`corpus_verdicts` of a component: its pairs in (a, b) order, its members grouped by their stored stories
        (`story`: article n -> story n), every article the pairs name prepared (cached)."""
        ids = _ids(rows)
        prepared = self._prepared(con, sorted(ids))
        groups: dict[int, list[int]] = {}
        for m in sorted(members):
            groups.setdefault(story[m], []).append(m)
        stories = [Story(_story_name(s), tuple(ids[m] for m in group)) for s, group in sorted(groups.items())]
        return corpus_verdicts([prepared[m].clean for m in sorted(ids) if m in prepared],
                               [rows[k] for k in sorted(rows)], stories)

    def _checked(self, con: Any, probe: Prepared, hits: Sequence[tuple[int, Pair]]) -> dict[int, Pair]:
        """The checked article's pairs (by indexed n) with the verdicts a scan of the index plus that article gives:
        two hits one of which is the other's copy make the checked article the sibling of the copy, not its
        rewrite. Read over the components the hits reach (`_component`), the checked article added last; its pairs
        as confirmed when those are over `verdict_component_max` or it has one hit."""
        confirmed = dict(hits)
        got = self._component(con, sorted(confirmed)) if len(hits) > 1 else None
        if got is None:
            return confirmed
        _, rows = got
        ids = _ids(rows) | {n: p.a for n, p in hits}
        own = probe.clean.article.id
        alias = own if own not in ids.values() else f"{own}\x00checked"  # check_url: the stored copy is in the index
        checked = [replace(p, b=alias, original=alias if p.original == own else p.original) for _, p in hits]
        prepared = self._prepared(con, sorted(ids))
        cleans = [prepared[m].clean for m in sorted(ids) if m in prepared]
        mine = probe.clean if alias == own else replace(probe.clean, article=replace(probe.clean.article, id=alias))
        marked, _ = corpus_verdicts([*cleans, mine], [*(rows[k] for k in sorted(rows)), *checked])
        n_of = {x: n for n, x in ids.items()}
        out = {}
        for p in marked[len(rows):]:
            out[n_of[p.a]] = replace(confirmed[n_of[p.a]], relation=p.relation, original=own if p.original == alias
                                     else p.original, original_confidence=p.original_confidence,
                                     original_signals=tuple(x.replace(alias, own) for x in p.original_signals))
        return out

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
            from ..report.claims_json import claims_to_json

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
        recomputed over the whole index), each named after its smallest article, no orphan rows, no story original
        kept for a story that is gone."""
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
        stale = con.execute("SELECT count(*) FROM story_originals WHERE story NOT IN (SELECT story FROM stories)"
                            ).fetchall()[0][0]
        if stale:
            problems.append(f"{stale} story originals name stories that no longer exist")
        return problems
