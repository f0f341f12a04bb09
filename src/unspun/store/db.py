"""The DuckDB layer of the index: schema as named, transactional migrations, and plain queries.

One file holds everything (`unspun.duckdb`): articles, MinHash signatures and their LSH band keys,
immutables postings, confirmed pairs with their evidence, edits, story membership and claims.
Functions here take a DuckDB connection (or cursor) and plain values; the incremental logic lives in
`unspun.index`. Article rows are addressed by `n`, a dense integer assigned at insert time; `id` is
the article's name (unique too). Nothing is ever updated in place except story membership.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..records import Article, Edit, Pair
from ..report.json import match_from_dict, match_to_dict, vote_from_dict, vote_to_dict
from .opening import open_duckdb

Connection = Any  # duckdb.DuckDBPyConnection; duckdb is an optional extra, imported lazily

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "0001_initial",
        (
            """CREATE TABLE articles(
                n BIGINT PRIMARY KEY,
                id VARCHAR NOT NULL UNIQUE,
                content_hash VARCHAR NOT NULL UNIQUE,
                url VARCHAR NOT NULL,
                title VARCHAR NOT NULL,
                source VARCHAR NOT NULL,
                origin VARCHAR NOT NULL,
                published VARCHAR,
                text VARCHAR NOT NULL,
                norm_hash UBIGINT NOT NULL,
                batch BIGINT NOT NULL,
                added_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
            "CREATE INDEX articles_url ON articles(url)",
            "CREATE INDEX articles_norm ON articles(norm_hash)",
            """CREATE TABLE signatures(
                article BIGINT PRIMARY KEY,
                minhash BLOB NOT NULL,
                n_tokens INTEGER NOT NULL,
                n_immutables INTEGER NOT NULL,
                immutables VARCHAR[] NOT NULL)""",
            # one row per (article, band); `key` is the band's hash (candidates.band_keys)
            "CREATE TABLE bands(band SMALLINT NOT NULL, key UBIGINT NOT NULL, article BIGINT NOT NULL)",
            "CREATE INDEX bands_key ON bands(key)",
            "CREATE TABLE immutables(item UBIGINT NOT NULL, article BIGINT NOT NULL)",
            "CREATE INDEX immutables_item ON immutables(item)",
            """CREATE TABLE pairs(
                a BIGINT NOT NULL,
                b BIGINT NOT NULL,
                relation VARCHAR NOT NULL,
                score DOUBLE NOT NULL,
                coverage_a DOUBLE NOT NULL,
                coverage_b DOUBLE NOT NULL,
                copy_coverage DOUBLE NOT NULL,
                channels VARCHAR[] NOT NULL,
                original VARCHAR,
                original_confidence DOUBLE NOT NULL,
                original_signals VARCHAR[] NOT NULL,
                matches JSON NOT NULL,
                batch BIGINT NOT NULL,
                PRIMARY KEY (a, b))""",
            """CREATE TABLE edits(
                a BIGINT NOT NULL, b BIGINT NOT NULL, idx INTEGER NOT NULL, kind VARCHAR NOT NULL,
                a_start INTEGER, a_end INTEGER, b_start INTEGER, b_end INTEGER,
                a_text VARCHAR NOT NULL, b_text VARCHAR NOT NULL, why VARCHAR NOT NULL,
                severity VARCHAR NOT NULL)""",
            # story = the smallest article n of the connected component (no index: rows are re-pointed
            # when components merge, and DuckDB checks unique indexes eagerly within a transaction)
            "CREATE TABLE stories(article BIGINT NOT NULL, story BIGINT NOT NULL)",
            "CREATE TABLE story_moves(old BIGINT NOT NULL, root BIGINT NOT NULL)",  # scratch, empty between batches
            "CREATE TABLE claims(article BIGINT PRIMARY KEY, extractor VARCHAR NOT NULL, claims JSON NOT NULL)",
            """CREATE TABLE batches(
                n BIGINT PRIMARY KEY, articles INTEGER NOT NULL, pairs INTEGER NOT NULL,
                committed_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
        ),
    ),
    # every direction vote of a pair, both sides (`Pair.original_votes`); pairs stored before it read as none
    ("0002_pair_votes", ("ALTER TABLE pairs ADD COLUMN original_votes JSON NOT NULL DEFAULT '[]'",)),
    # each story's original as the scan names it, written by the batch that last touched the story (the list view
    # reads it; the story view derives it again); stories no batch has touched since have none
    ("0003_story_originals", (
        "CREATE TABLE story_originals(story BIGINT PRIMARY KEY, original VARCHAR, identical VARCHAR[] NOT NULL)",
    )),
    # the "details" candidate channel's postings (`fingerprint.detail_hashes`, `candidates.detail_candidates`);
    # `connect` fills them in for the articles stored before it (`backfill_details`)
    ("0004_details", (
        "CREATE TABLE details(item UBIGINT NOT NULL, article BIGINT NOT NULL)",
        "CREATE INDEX details_item ON details(item)",
        "ALTER TABLE signatures ADD COLUMN n_details INTEGER NOT NULL DEFAULT 0",
    )),
)


def connect(path: str, read_only: bool = False) -> Connection:
    """Open (creating if needed) the index file and bring its schema up to date.

    Offline (extension downloads off) and every unusable path is an InputError naming the file
    (`store/opening.py`)."""
    con = open_duckdb(path, read_only=read_only)
    if not read_only:
        migrate(con)
        applied = applied_migrations(con)
        if "0004_details" in applied and _BACKFILLED not in applied:
            backfill_details(con)
    return con


def migrate(con: Connection) -> list[str]:
    """Apply every migration not yet recorded, each in its own transaction; returns the names applied."""
    con.execute("CREATE TABLE IF NOT EXISTS migrations(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    done = {r[0] for r in con.execute("SELECT name FROM migrations").fetchall()}
    applied = []
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for sql in statements:
                con.execute(sql)
            con.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [name])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


_BACKFILLED = "0004_details_backfill"


def backfill_details(con: Connection, chunk: int = 5_000) -> int:
    """The detail postings of articles stored before migration 0004, from their stored text, recorded as done
    (`_BACKFILLED`) in the same transaction, so an interrupted backfill runs again at the next open (~0.1 ms an
    article): an index made before the details channel finds fluent rewrites of its old articles too. Returns
    how many articles were given details."""
    from ..fingerprint import detail_hashes

    done = 0
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM details")
        last = -1
        while True:
            rows = con.execute("SELECT n, text FROM articles WHERE n > ? ORDER BY n LIMIT ?", [last, chunk]).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            keys = [detail_hashes(text) for _, text in rows]
            ns = np.array([n for n, _ in rows], dtype=np.int64)
            _insert(con, "details", {"item": np.concatenate(keys).astype(np.uint64),
                                     "article": np.repeat(ns, [len(k) for k in keys])})
            done += len(rows)
        con.execute("UPDATE signatures SET n_details = c.n FROM (SELECT article, count(*) AS n FROM details "
                    "GROUP BY article) c WHERE signatures.article = c.article")  # an article's details are distinct
        con.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [_BACKFILLED])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return done


def applied_migrations(con: Connection) -> list[str]:
    return [r[0] for r in con.execute("SELECT name FROM migrations ORDER BY name").fetchall()]


# --------------------------------------------------------------------------------------------------
# Rows


@dataclass(frozen=True)
class ArticleRow:
    """A new article ready to insert, with everything the lookups need."""

    n: int
    article: Article
    content_hash: str
    norm_hash: int
    minhash: np.ndarray  # uint32[num_perm]
    n_tokens: int
    immutables: frozenset[str]
    immutable_keys: np.ndarray  # uint64, one per immutable
    band_keys: np.ndarray  # uint64[bands]
    detail_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))  # `Signature.details`


def _insert(con: Connection, table: str, columns: dict[str, Any]) -> None:
    """Bulk insert column arrays (numpy or object arrays) through a registered view."""
    if not len(next(iter(columns.values()))):
        return
    view = f"_new_{table}"
    con.register(view, columns)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM {view}")
    finally:
        con.unregister(view)


def _objects(values: Iterable[Any]) -> np.ndarray:
    items = list(values)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def insert_articles(con: Connection, rows: Sequence[ArticleRow], batch: int) -> None:
    """Articles, signatures, band keys and immutables postings of new articles (inside a transaction)."""
    if not rows:
        return
    ns = np.array([r.n for r in rows], dtype=np.int64)
    arts = [r.article for r in rows]
    _insert(con, "articles", {
        "n": ns,
        "id": _objects(a.id for a in arts),
        "content_hash": _objects(r.content_hash for r in rows),
        "url": _objects(a.url for a in arts),
        "title": _objects(a.title for a in arts),
        "source": _objects(a.source for a in arts),
        "origin": _objects(a.origin for a in arts),
        "published": _objects(a.published for a in arts),
        "text": _objects(a.text for a in arts),
        "norm_hash": np.array([r.norm_hash for r in rows], dtype=np.uint64),
        "batch": np.full(len(rows), batch, dtype=np.int64),
    })
    _insert(con, "signatures", {
        "article": ns,
        "minhash": _objects(r.minhash.astype("<u4").tobytes() for r in rows),
        "n_tokens": np.array([r.n_tokens for r in rows], dtype=np.int32),
        "n_immutables": np.array([len(r.immutable_keys) for r in rows], dtype=np.int32),
        "immutables": _objects(sorted(r.immutables) for r in rows),
        "n_details": np.array([len(r.detail_keys) for r in rows], dtype=np.int32),
    })
    bands = rows[0].band_keys.shape[0]
    _insert(con, "bands", {
        "band": np.tile(np.arange(bands, dtype=np.int16), len(rows)),
        "key": np.concatenate([r.band_keys for r in rows]).astype(np.uint64),
        "article": np.repeat(ns, bands),
    })
    sizes = [len(r.immutable_keys) for r in rows]
    _insert(con, "immutables", {
        "item": np.concatenate([r.immutable_keys for r in rows]).astype(np.uint64),
        "article": np.repeat(ns, sizes),
    })
    _insert(con, "details", {
        "item": np.concatenate([r.detail_keys for r in rows]).astype(np.uint64),
        "article": np.repeat(ns, [len(r.detail_keys) for r in rows]),
    })


def _first(result: Any) -> tuple | None:
    """The first row of a result, fetched to the end (DuckDB refuses new work on a connection that
    still holds an unfinished result)."""
    rows = result.fetchall()
    return rows[0] if rows else None


def _span(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span[0], span[1])


def insert_pairs(con: Connection, pairs: Sequence[tuple[int, int, Pair]], batch: int) -> None:
    """Confirmed pairs (a_n, b_n, pair) and the edits they carry (inside a transaction)."""
    if not pairs:
        return
    _insert(con, "pairs", {
        "a": np.array([a for a, _, _ in pairs], dtype=np.int64),
        "b": np.array([b for _, b, _ in pairs], dtype=np.int64),
        "relation": _objects(p.relation for _, _, p in pairs),
        "score": np.array([p.score for _, _, p in pairs], dtype=np.float64),
        "coverage_a": np.array([p.coverage_a for _, _, p in pairs], dtype=np.float64),
        "coverage_b": np.array([p.coverage_b for _, _, p in pairs], dtype=np.float64),
        "copy_coverage": np.array([p.copy_coverage for _, _, p in pairs], dtype=np.float64),
        "channels": _objects(list(p.channels) for _, _, p in pairs),
        "original": _objects(p.original for _, _, p in pairs),
        "original_confidence": np.array([p.original_confidence for _, _, p in pairs], dtype=np.float64),
        "original_signals": _objects(list(p.original_signals) for _, _, p in pairs),
        "original_votes": _objects(json.dumps([vote_to_dict(v) for v in p.original_votes]) for _, _, p in pairs),
        "matches": _objects(json.dumps([match_to_dict(m, sentences=True) for m in p.matches]) for _, _, p in pairs),
        "batch": np.full(len(pairs), batch, dtype=np.int64),
    })
    edits = [(a, b, i, e) for a, b, p in pairs for i, e in enumerate(p.edits)]
    if edits:
        _insert(con, "edits", {
            "a": np.array([a for a, _, _, _ in edits], dtype=np.int64),
            "b": np.array([b for _, b, _, _ in edits], dtype=np.int64),
            "idx": np.array([i for _, _, i, _ in edits], dtype=np.int32),
            "kind": _objects(e.kind for *_, e in edits),
            "a_start": _objects(_span(e.a_span)[0] for *_, e in edits),
            "a_end": _objects(_span(e.a_span)[1] for *_, e in edits),
            "b_start": _objects(_span(e.b_span)[0] for *_, e in edits),
            "b_end": _objects(_span(e.b_span)[1] for *_, e in edits),
            "a_text": _objects(e.a_text for *_, e in edits),
            "b_text": _objects(e.b_text for *_, e in edits),
            "why": _objects(e.why for *_, e in edits),
            "severity": _objects(e.severity for *_, e in edits),
        })


def update_stories(con: Connection, new_articles: Sequence[int], links: Sequence[tuple[int, int]]) -> None:
    """Give new articles a story and merge the stories that new links connect (inside a transaction).

    A story is named by the smallest article `n` in it, so the result depends only on the pair graph,
    never on the order articles or pairs arrived in.
    """
    involved = sorted({x for ab in links for x in ab} - set(new_articles))
    current: dict[int, int] = {n: n for n in new_articles}
    if involved:
        current.update(
            con.execute(
                "SELECT article, story FROM stories WHERE article IN (SELECT unnest(?::BIGINT[]))", [involved]
            ).fetchall()
        )
    parent = {s: s for s in set(current.values())}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(current[a]), find(current[b])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    moves = {s: find(s) for s in parent if find(s) != s}
    if moves:
        olds = sorted(moves)
        _insert(con, "story_moves", {
            "old": np.array(olds, dtype=np.int64), "root": np.array([moves[s] for s in olds], dtype=np.int64),
        })
        con.execute("UPDATE stories SET story = m.root FROM story_moves m WHERE stories.story = m.old")
        con.execute("DELETE FROM story_moves")
    if new_articles:
        _insert(con, "stories", {
            "article": np.array(new_articles, dtype=np.int64),
            "story": np.array([find(current[n]) for n in new_articles], dtype=np.int64),
        })


def record_batch(con: Connection, batch: int, articles: int, pairs: int) -> None:
    con.execute("INSERT INTO batches (n, articles, pairs) VALUES (?, ?, ?)", [batch, articles, pairs])


def put_claims(con: Connection, article: int, extractor: str, claims: list[dict[str, Any]]) -> None:
    con.execute(
        "INSERT INTO claims VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [article, extractor, json.dumps(claims)]
    )


# --------------------------------------------------------------------------------------------------
# Queries


def next_numbers(con: Connection) -> tuple[int, int]:
    """(next article n, next batch n)."""
    n = con.execute("SELECT coalesce(max(n), 0) + 1 FROM articles").fetchall()[0][0]
    b = con.execute("SELECT coalesce(max(n), 0) + 1 FROM batches").fetchall()[0][0]
    return int(n), int(b)


def known_hashes(con: Connection, hashes: Sequence[str]) -> dict[str, str]:
    """content_hash -> article id, for the hashes already indexed."""
    if not hashes:
        return {}
    rows = con.execute(
        "SELECT content_hash, id FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
        [list(hashes)],
    ).fetchall()
    return dict(rows)


def known_ids(con: Connection, ids: Sequence[str]) -> set[str]:
    """Which of `ids` (or their `id~N` renames) are taken."""
    if not ids:
        return set()
    rows = con.execute(
        "SELECT id FROM articles WHERE split_part(id, '~', 1) IN (SELECT split_part(unnest(?::VARCHAR[]), '~', 1))",
        [list(ids)],
    ).fetchall()
    return {r[0] for r in rows}


ARTICLE_COLUMNS = "n, id, url, title, source, origin, published, text"


@dataclass(frozen=True)
class StoredArticle:
    n: int
    article: Article


def _stored(row: tuple) -> StoredArticle:
    n, ident, url, title, source, origin, published, text = row
    return StoredArticle(n, Article(ident, text, origin, source, title, url, published))


def articles_by_n(con: Connection, ns: Sequence[int]) -> dict[int, StoredArticle]:
    if not ns:
        return {}
    rows = con.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE n IN (SELECT unnest(?::BIGINT[]))", [list(ns)]
    ).fetchall()
    return {r[0]: _stored(r) for r in rows}


def article_by_id(con: Connection, ident: str) -> StoredArticle | None:
    row = _first(con.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", [ident]))
    return None if row is None else _stored(row)


def article_by_url(con: Connection, url: str) -> StoredArticle | None:
    row = _first(con.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE url = ? ORDER BY n LIMIT 1", [url]
    ))
    return None if row is None else _stored(row)


def ids_of(con: Connection, ns: Sequence[int]) -> dict[int, str]:
    if not ns:
        return {}
    rows = con.execute("SELECT n, id FROM articles WHERE n IN (SELECT unnest(?::BIGINT[]))", [list(ns)]).fetchall()
    return dict(rows)


def _in_list(values: np.ndarray) -> str:
    """An SQL IN list of unsigned integers (formatted from ints, never from request text)."""
    return ", ".join(str(int(v)) for v in sorted({int(v) for v in values}))


_PROBE_LIMIT = 64  # up to this many keys: ART index probes (IN list); more: one hash join over the table


def _postings(
    con: Connection, table: str, columns: str, key: str, keys: np.ndarray, limit: int | None = None
) -> tuple[list[tuple], set[int]]:
    """Rows of `table` whose `key` is one of `keys`, and the keys skipped for having over `limit` rows
    (a posting list that long is skipped by the candidate lookup anyway: never materialize it).

    Few keys: one indexed point query per key, glued with UNION ALL (DuckDB does not probe its ART
    index for IN lists). Many keys (a batch being added): one semi-join over the table.
    """
    keys = np.unique(np.asarray(keys, dtype=np.uint64 if key != "article" else np.int64))
    if not len(keys):
        return [], set()
    cap = "" if limit is None else f" LIMIT {int(limit) + 1}"
    if len(keys) <= _PROBE_LIMIT:
        sql = " UNION ALL ".join(
            f"(SELECT {key} AS _k, {columns} FROM {table} WHERE {key} = {int(k)}{cap})" for k in keys.tolist()
        )
        rows = con.execute(sql).fetchall()
    else:
        view = f"_probe_{table}"
        con.register(view, {"k": keys})
        try:
            rows = con.execute(
                f"SELECT {key} AS _k, {columns} FROM {table} WHERE {key} IN (SELECT k FROM {view})"
            ).fetchall()
        finally:
            con.unregister(view)
    overfull: set[int] = set()
    if limit is not None:
        sizes: dict[int, int] = {}
        for r in rows:
            sizes[r[0]] = sizes.get(r[0], 0) + 1
        overfull = {k for k, n in sizes.items() if n > limit}
    return [r[1:] for r in rows if r[0] not in overfull], overfull


def band_postings(con: Connection, keys: np.ndarray, limit: int | None = None) -> tuple[list[tuple[int, int, int]], set[int]]:
    """(band, key, article) rows whose key is one of `keys`; keys with over `limit` rows are only named."""
    return _postings(con, "bands", "band, key, article", "key", keys, limit)


def immutable_postings(con: Connection, items: np.ndarray, limit: int | None = None) -> tuple[list[tuple[int, int]], set[int]]:
    return _postings(con, "immutables", "item, article", "item", items, limit)


def has_details(con: Connection) -> bool:
    """Migration 0004 is applied: an index made before it and opened read-only (so not migrated) has no detail
    postings, and its lookups read none (the details channel proposes nothing there). A catalog query (~1 ms): the
    index asks once when it opens, not per lookup."""
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'details'").fetchall()[0][0])


def detail_postings(con: Connection, items: np.ndarray, limit: int | None = None) -> tuple[list[tuple[int, int]], set[int]]:
    return _postings(con, "details", "item, article", "item", items, limit)


def detail_counts(con: Connection, ns: Sequence[int]) -> list[tuple[int, int]]:
    """(article, number of distinct details) for the given articles."""
    return _postings(con, "signatures", "article, n_details", "article", np.asarray(ns, dtype=np.int64))[0]


def exact_postings(con: Connection, norm_hashes: np.ndarray) -> list[tuple[int, int]]:
    """(norm_hash, article) rows for articles whose kept text hashes to one of `norm_hashes`."""
    return _postings(con, "articles", "norm_hash, n", "norm_hash", norm_hashes)[0]


def immutable_counts(con: Connection, ns: Sequence[int]) -> list[tuple[int, int]]:
    """(article, number of distinct immutables) for the given articles."""
    return _postings(con, "signatures", "article, n_immutables", "article", np.asarray(ns, dtype=np.int64))[0]


def count_articles(con: Connection) -> int:
    return int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])


def all_bands(con: Connection) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (band, key, article) row as numpy arrays, for the in-memory lookup."""
    d = con.execute("SELECT band, key, article FROM bands").fetchnumpy()
    return (np.asarray(d["band"], dtype=np.int64), np.asarray(d["key"], dtype=np.uint64),
            np.asarray(d["article"], dtype=np.int64))


def all_immutables(con: Connection) -> tuple[np.ndarray, np.ndarray]:
    d = con.execute("SELECT item, article FROM immutables").fetchnumpy()
    return np.asarray(d["item"], dtype=np.uint64), np.asarray(d["article"], dtype=np.int64)


def all_details(con: Connection) -> tuple[np.ndarray, np.ndarray]:
    d = con.execute("SELECT item, article FROM details").fetchnumpy()
    return np.asarray(d["item"], dtype=np.uint64), np.asarray(d["article"], dtype=np.int64)


def all_norm_hashes(con: Connection) -> tuple[np.ndarray, np.ndarray]:
    d = con.execute("SELECT norm_hash, n FROM articles").fetchnumpy()
    return np.asarray(d["norm_hash"], dtype=np.uint64), np.asarray(d["n"], dtype=np.int64)


PAIR_COLUMNS = (
    "p.a, p.b, x.id, y.id, p.relation, p.score, p.coverage_a, p.coverage_b, p.copy_coverage, p.channels, "
    "p.original, p.original_confidence, p.original_signals, p.matches, p.original_votes"
)


def _pair(row: tuple, edits: tuple[Edit, ...] = ()) -> tuple[int, int, Pair]:
    a, b, ida, idb, rel, score, cov_a, cov_b, copy_cov, channels, original, conf, signals, matches, votes = row
    return a, b, Pair(
        a=ida, b=idb, relation=rel, score=score, coverage_a=cov_a, coverage_b=cov_b,
        matches=tuple(match_from_dict(m) for m in json.loads(matches)), channels=tuple(channels),
        copy_coverage=copy_cov, edits=edits, original=original, original_confidence=conf,
        original_signals=tuple(signals), original_votes=tuple(vote_from_dict(v) for v in json.loads(votes)),
    )


def edits_of(con: Connection, a: int, b: int) -> tuple[Edit, ...]:
    rows = con.execute(
        "SELECT kind, a_start, a_end, b_start, b_end, a_text, b_text, why, severity FROM edits "
        "WHERE a = ? AND b = ? ORDER BY idx", [a, b],
    ).fetchall()
    return tuple(
        Edit(kind, None if s1 is None else (s1, e1), None if s2 is None else (s2, e2), ta, tb, why, sev)
        for kind, s1, e1, s2, e2, ta, tb, why, sev in rows
    )


def pair_between(con: Connection, n1: int, n2: int) -> tuple[int, int, Pair] | None:
    """The stored pair of two articles (either order), with its edits."""
    row = _first(con.execute(
        f"SELECT {PAIR_COLUMNS} FROM pairs p JOIN articles x ON x.n = p.a JOIN articles y ON y.n = p.b "
        "WHERE (p.a = ? AND p.b = ?) OR (p.a = ? AND p.b = ?)", [n1, n2, n2, n1],
    ))
    if row is None:
        return None
    return _pair(row, edits_of(con, row[0], row[1]))


def pairs_of_story(con: Connection, story: int) -> list[tuple[int, int, Pair]]:
    rows = con.execute(
        f"SELECT {PAIR_COLUMNS} FROM pairs p JOIN articles x ON x.n = p.a JOIN articles y ON y.n = p.b "
        "WHERE p.a IN (SELECT article FROM stories WHERE story = ?) ORDER BY p.a, p.b", [story],
    ).fetchall()
    return [_pair(r) for r in rows]


def pairs_of_article(con: Connection, n: int) -> list[tuple[int, int, Pair]]:
    rows = con.execute(
        f"SELECT {PAIR_COLUMNS} FROM pairs p JOIN articles x ON x.n = p.a JOIN articles y ON y.n = p.b "
        "WHERE p.a = ? OR p.b = ? ORDER BY p.score DESC", [n, n],
    ).fetchall()
    return [_pair(r) for r in rows]


def pairs_touching(con: Connection, ns: Sequence[int]) -> list[tuple[int, int, Pair]]:
    """Every stored pair with an article in `ns` (without edits), ordered by (a, b): the order they were found."""
    rows = con.execute(
        f"SELECT {PAIR_COLUMNS} FROM pairs p JOIN articles x ON x.n = p.a JOIN articles y ON y.n = p.b "
        "WHERE p.a IN (SELECT unnest(?::BIGINT[])) OR p.b IN (SELECT unnest(?::BIGINT[])) ORDER BY p.a, p.b",
        [list(ns), list(ns)],
    ).fetchall()
    return [_pair(r) for r in rows]


def stories_of(con: Connection, ns: Sequence[int]) -> dict[int, int]:
    """article n -> story n, for the articles of `ns` that have a story row."""
    rows = con.execute("SELECT article, story FROM stories WHERE article IN (SELECT unnest(?::BIGINT[]))",
                       [list(ns)]).fetchall()
    return {int(a): int(s) for a, s in rows}


def all_pair_links(con: Connection) -> list[tuple[int, int, str]]:
    return [tuple(r) for r in con.execute("SELECT a, b, relation FROM pairs").fetchall()]


def story_of(con: Connection, n: int) -> int | None:
    row = _first(con.execute("SELECT story FROM stories WHERE article = ?", [n]))
    return None if row is None else int(row[0])


def story_members(con: Connection, story: int) -> list[tuple[int, str, str, str]]:
    """(n, id, title, url) of a story's articles in index order."""
    return [tuple(r) for r in con.execute(
        "SELECT a.n, a.id, a.title, a.url FROM stories s JOIN articles a ON a.n = s.article "
        "WHERE s.story = ? ORDER BY a.n", [story],
    ).fetchall()]


def list_stories(con: Connection, min_size: int, limit: int, offset: int
                 ) -> list[tuple[int, int, list[str], str | None, bool]]:
    """(story, size, first article ids, original, whether the original was written) for stories with at least
    `min_size` articles, biggest first."""
    rows = con.execute(
        "SELECT g.story, g.size, g.ids, o.original, o.story IS NOT NULL FROM (SELECT s.story, count(*) AS size, "
        "list(a.id ORDER BY a.n)[1:10] AS ids FROM stories s JOIN articles a ON a.n = s.article GROUP BY s.story "
        "HAVING count(*) >= ?) g LEFT JOIN story_originals o ON o.story = g.story "
        "ORDER BY g.size DESC, g.story LIMIT ? OFFSET ?", [min_size, limit, offset],
    ).fetchall()
    return [(int(s), int(size), list(ids), original, bool(written)) for s, size, ids, original, written in rows]


def put_story_originals(con: Connection, gone: Sequence[int],
                        rows: Sequence[tuple[int, str | None, list[str]]]) -> None:
    """Drop the originals of the stories `gone` (renamed or re-grouped by the batch) and write `rows`
    (story, original, identical)."""
    if gone:
        con.execute("DELETE FROM story_originals WHERE story IN (SELECT unnest(?::BIGINT[]))", [list(gone)])
    if rows:
        con.executemany("INSERT OR REPLACE INTO story_originals VALUES (?, ?, ?)", [list(r) for r in rows])


def all_story_rows(con: Connection) -> list[tuple[int, int]]:
    return [tuple(r) for r in con.execute("SELECT article, story FROM stories").fetchall()]


def get_claims(con: Connection, n: int) -> tuple[str, list[dict[str, Any]]] | None:
    row = _first(con.execute("SELECT extractor, claims FROM claims WHERE article = ?", [n]))
    return None if row is None else (row[0], json.loads(row[1]))


def counts(con: Connection) -> dict[str, int]:
    """Row counts of the main tables."""
    out = {}
    for table in ("articles", "pairs", "edits", "claims", "batches"):
        out[table] = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    out["stories"] = int(con.execute("SELECT count(DISTINCT story) FROM stories").fetchall()[0][0])
    out["linked_stories"] = int(con.execute(
        "SELECT count(*) FROM (SELECT story FROM stories GROUP BY story HAVING count(*) > 1)"
    ).fetchall()[0][0])
    return out
