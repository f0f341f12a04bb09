"""The persistent index: schema migrations, incremental add, idempotence, stories, check."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conftest import fixture_text, make_article
from unspun.store import db as store
from unspun.store.index import Index, IndexConfig, parse_story_name
from unspun.store.lookup import MemoryLookup, Postings
from unspun.ingest import read_sources
from unspun.records import Article
from unspun.scan import scan_articles

DEMO = Path(__file__).parent.parent / "examples" / "demo"


def _partition(groups) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


def _index_stories(ix: Index) -> set[frozenset[str]]:
    return _partition(s.articles for s in ix.stories(min_size=1, limit=500))


@pytest.fixture(scope="module")
def demo_articles() -> list[Article]:
    return [a for a in read_sources([DEMO]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def demo_scan(demo_articles):
    return scan_articles(demo_articles)


@pytest.fixture()
def db(tmp_path) -> str:
    return str(tmp_path / "index.duckdb")


def test_migrations_are_named_recorded_and_applied_once(db):
    con = store.connect(db)
    applied = sorted([name for name, _ in store.MIGRATIONS] + [store._BACKFILLED])  # (the details' data backfill)
    assert store.applied_migrations(con) == applied
    assert store.migrate(con) == []  # nothing left to apply
    con.close()
    con = store.connect(db)  # reopening does not re-run them
    assert store.applied_migrations(con) == applied
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "signatures", "bands", "immutables", "pairs", "edits", "stories", "claims"} <= tables
    con.close()


def test_failed_migration_leaves_nothing_behind(db, monkeypatch):
    bad = store.MIGRATIONS + (("0099_broken", ("CREATE TABLE half_done(x INTEGER)", "THIS IS NOT SQL")),)
    monkeypatch.setattr(store, "MIGRATIONS", bad)
    with pytest.raises(Exception):
        store.connect(db)
    monkeypatch.setattr(store, "MIGRATIONS", bad[:-1])
    con = store.connect(db)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "half_done" not in tables
    assert "0099_broken" not in store.applied_migrations(con)
    con.close()


def test_index_finds_the_same_pairs_and_stories_as_a_scan(db, demo_articles, demo_scan):
    with Index(db, IndexConfig(batch_size=4)) as ix:
        result = ix.add(demo_articles)
        assert len(result.added) == len(demo_articles) and not result.duplicates
        # The index stores pairs batch by batch; its reads re-derive the corpus-level verdicts (siblings,
        # compilations, each story's original) over what they show, so they say what the scan says.
        stored = {frozenset((p.a, p.b)): (p.relation, p.original) for s in ix.stories() for p in ix.story(s.id).pairs}
        scanned = {frozenset((p.a, p.b)): (p.relation, p.original) for p in demo_scan.pairs}
        assert stored == scanned
        assert "sibling" in {r for r, _ in scanned.values()}  # the demo holds siblings: the test can fail
        assert _index_stories(ix) == _partition(s.articles for s in demo_scan.stories)
        originals = {frozenset(s.articles): s.original for s in demo_scan.stories if len(s.articles) > 1}
        assert {frozenset(s.articles): ix.story(s.id).story.original for s in ix.stories()} == originals
        for p in demo_scan.pairs:
            shown = {frozenset((q.a, q.b)): q for q in ix.article_pairs(p.a)}[frozenset((p.a, p.b))]
            assert (shown.relation, shown.original) == (p.relation, p.original)
            assert ix.pair(p.a, p.b)[0].relation == p.relation
        assert ix.verify() == []


def test_readding_is_idempotent_and_adding_in_parts_gives_the_same_stories(db, demo_articles, demo_scan):
    with Index(db, IndexConfig(batch_size=3)) as ix:
        first = ix.add(demo_articles[::2])
        second = ix.add(demo_articles)  # the first half again plus the rest
        assert len(first.added) + len(second.added) == len(demo_articles)
        assert {d[0] for d in second.duplicates} == {a.id for a in demo_articles[::2]}
        again = ix.add(demo_articles)
        assert again.added == () and len(again.duplicates) == len(demo_articles)
        assert ix.stats()["articles"] == len(demo_articles)
        assert _index_stories(ix) == _partition(s.articles for s in demo_scan.stories)
        assert ix.verify() == []


def test_a_changed_article_under_a_taken_id_is_kept_and_renamed(db):
    text = fixture_text("original")
    with Index(db) as ix:
        ix.add([make_article("story", text)])
        result = ix.add([make_article("story", text + "\n\nCorrection: the meeting is on Friday, not Thursday.")])
        assert result.added == ("story~2",)
        assert ix.article("story~2").text.endswith("not Thursday.")
        pairs = ix.article_pairs("story~2")
        assert [(p.a, p.b) for p in pairs] == [("story", "story~2")]
        assert ix.article_story("story") == ix.article_story("story~2")


def test_check_reports_a_spun_rewrite_with_evidence_and_stores_nothing(db):
    with Index(db) as ix:
        ix.add([make_article(n, fixture_text(n)) for n in ("original", "unrelated", "other_event")])
        result = ix.check(make_article("incoming", fixture_text("spun")))
        assert [h.article.id for h in result.hits] == ["original"]
        hit = result.hits[0]
        assert hit.pair.relation in {"rewrite", "near-duplicate"}
        assert hit.pair.a == "original" and hit.pair.b == "incoming"
        spun = fixture_text("spun")
        for m in hit.pair.matches:  # evidence: spans inside both texts
            assert 0 <= m.a_span[0] < m.a_span[1] <= len(fixture_text("original"))
            assert 0 <= m.b_span[0] < m.b_span[1] <= len(spun)
        assert ix.stats()["articles"] == 3
        assert ix.check(make_article("x", fixture_text("unrelated"))).hits[0].article.id == "unrelated"


def test_check_by_url_looks_up_the_indexed_article_and_excludes_it(db):
    with Index(db) as ix:
        ix.add([
            make_article("a", fixture_text("original"), url="https://a.example/story"),
            make_article("b", fixture_text("truncated"), url="https://b.example/copy"),
        ])
        result = ix.check_url("https://b.example/copy")
        assert [h.article.id for h in result.hits] == ["a"]
        assert ix.check_url("https://never.example/") is None


def test_loaded_and_prefetched_postings_propose_the_same_candidates(db, demo_articles):
    from unspun.store.lookup import find_candidates
    from unspun.scan import prepare

    with Index(db) as ix:
        ix.add(demo_articles)
        con = ix._cursor()
        loaded = MemoryLookup.load(con)
        probes = [ix._probe(prepare(a, ix.config.scan)) for a in demo_articles]
        batch = MemoryLookup.prefetch(con, probes, ix.config.scan.candidates)  # one fetch for many probes (as `add` does)
        some = 0
        for probe in probes:
            single = MemoryLookup.prefetch(con, [probe], ix.config.scan.candidates)  # as a one-shot `check` does
            want = find_candidates(probe, [loaded], loaded.n_articles, ix.config.scan, 50)
            assert find_candidates(probe, [single], single.n_articles, ix.config.scan, 50) == want
            assert find_candidates(probe, [batch], batch.n_articles, ix.config.scan, 50) == want
            some += len(want) > 1
        assert some >= 8  # the demo's copy groups are proposed


def test_prefetch_skips_oversized_posting_lists_exactly_like_the_full_lookup(db, demo_articles):
    """Tiny thresholds make many buckets/immutables too common; prefetch must not fetch them, and must
    still propose exactly what the full in-memory lookup proposes."""
    from unspun.config import CandidateConfig, ScanConfig
    from unspun.store.lookup import find_candidates
    from unspun.scan import prepare

    cc = CandidateConfig(max_bucket=2, min_immutable_df_cap=2, max_immutable_df_abs=2, min_shared_immutables=1)
    cfg = ScanConfig(candidates=cc)
    with Index(db) as ix:
        ix.add(demo_articles + [replace(a, id=a.id + "-dup") for a in demo_articles[:6]])
        con = ix._cursor()
        loaded = MemoryLookup.load(con)
        skipped = 0
        for a in demo_articles:
            probe = ix._probe(prepare(a, cfg))
            single = MemoryLookup.prefetch(con, [probe], cc)
            skipped += len(single.overfull_items) + len(single.overfull_bands)
            want = find_candidates(probe, [loaded], loaded.n_articles, cfg, 50)
            assert find_candidates(probe, [single], single.n_articles, cfg, 50) == want
        assert skipped > 0


def test_in_memory_lookup_sees_articles_added_after_open(db):
    with Index(db, IndexConfig(in_memory=True)) as ix:
        assert ix.check(make_article("q", fixture_text("truncated"))).hits == ()
        ix.add([make_article("original", fixture_text("original"))])
        assert [h.article.id for h in ix.check(make_article("q", fixture_text("truncated"))).hits] == ["original"]


def test_postings_merge_keeps_every_value():
    p = Postings(np.array([5, 1, 5], np.uint64), np.array([10, 11, 12]), merge_at=4)
    p.add(np.array([5, 7], np.uint64), np.array([13, 14]))
    assert sorted(p.lookup(np.array([5], np.uint64))[0].tolist()) == [10, 12, 13]
    p.add(np.array([7, 9], np.uint64), np.array([15, 16]))  # crosses merge_at: tail folded into main
    assert p._tail == {}
    got = p.lookup(np.array([5, 7, 9, 2], np.uint64))
    assert [sorted(g.tolist()) for g in got] == [[10, 12, 13], [14, 15], [16], []]
    assert len(p) == 7


def test_verify_notices_a_broken_story_table(db, demo_articles):
    with Index(db) as ix:
        ix.add(demo_articles)
        assert ix.verify() == []
        con = ix._cursor()
        con.execute("UPDATE stories SET story = article")  # split every story apart
        assert any("differ from the stories their pairs make" in p for p in ix.verify())


def test_story_names_from_requests_are_parsed_strictly():
    assert parse_story_name("story-12") == 12
    for bad in ("story-", "story-1x", "../story-1", "story--1", "Story-1", "story-" + "9" * 30):
        assert parse_story_name(bad) is None


def test_read_only_index_refuses_to_add(db):
    Index(db).close()
    with Index(db, read_only=True) as ix:
        with pytest.raises(Exception, match="read-only"):
            ix.add([make_article("x", "Some text here.")])


def test_empty_and_tiny_articles_are_stored_but_propose_nothing(db):
    with Index(db) as ix:
        ix.add([make_article("empty", "   "), make_article("empty2", "\n"), make_article("tiny", "Hi.")])
        assert ix.stats()["articles"] == 3
        assert ix.stats()["pairs"] == 0
        assert ix.check(make_article("q", " ")).hits == ()
        assert ix.verify() == []


def test_a_component_over_the_read_limit_shows_each_pair_as_stored_and_says_so(db, demo_articles, demo_scan):
    siblings = [p for p in demo_scan.pairs if p.relation == "sibling"]
    with Index(db, IndexConfig(batch_size=4, verdict_component_max=1)) as ix:
        ix.add(demo_articles)
        p = siblings[0]
        shown = {frozenset((q.a, q.b)): q for q in ix.article_pairs(p.a)}[frozenset((p.a, p.b))]
        assert shown.relation == "rewrite"  # as the batch confirmed it, no third text read
        story = ix.story(ix.article_story(p.a)).story
        assert "verdict_component_max" in story.original_signals[-1]


def test_an_added_original_makes_two_indexed_rewrites_siblings_on_the_next_read(db, demo_articles, demo_scan):
    # Verdicts read once are kept until the next batch: the original arriving later must still change them.
    sibling = next(p for p in demo_scan.pairs if p.relation == "sibling")
    source = next(s.original for s in demo_scan.stories if sibling.a in s.articles)
    with Index(db, IndexConfig(batch_size=4)) as ix:
        ix.add([a for a in demo_articles if a.id != source])
        before = ix.pair(sibling.a, sibling.b)[0]
        assert before.relation == "rewrite"  # two versions, no third text to read them by
        ix.add([a for a in demo_articles if a.id == source])
        after = ix.pair(sibling.a, sibling.b)[0]
        assert (after.relation, after.original) == ("sibling", None)
        assert ix.story(ix.article_story(source)).story.original == source


def test_check_calls_the_checked_article_a_sibling_of_a_copy_of_its_own_source(db, demo_articles, demo_scan):
    # A scan of the index plus the checked article would call it the sibling of the other rewrite, not its rewrite.
    sibling = next(p for p in demo_scan.pairs if p.relation == "sibling")
    with Index(db, IndexConfig(batch_size=4)) as ix:
        ix.add([a for a in demo_articles if a.id != sibling.b])
        checked = next(a for a in demo_articles if a.id == sibling.b)
        checked = replace(checked, url=checked.url or "https://news.example.org/checked")
        got = {h.article.id: h.pair for h in ix.check(checked).hits}
        scanned = {(p.a if p.b == sibling.b else p.b): p for p in demo_scan.pairs if sibling.b in (p.a, p.b)}
        assert got[sibling.a].relation == "sibling" and got[sibling.a].original is None
        for other, pair in got.items():
            assert (pair.relation, pair.original) == (scanned[other].relation, scanned[other].original)
        # by url, the stored copy excluded: the same verdicts, under the stored article's own id
        ix.add([checked])
        again = {h.article.id: h.pair for h in ix.check_url(checked.url).hits}
        assert {k: (p.relation, p.original) for k, p in again.items()} == {
            k: (p.relation, p.original) for k, p in got.items()}


def test_the_story_list_names_each_story_original_as_the_story_view_does(db, demo_articles, demo_scan):
    with Index(db, IndexConfig(batch_size=3)) as ix:
        ix.add(demo_articles[::2])
        ix.add(demo_articles[1::2])  # the second half re-groups and renames stories the first wrote
        listed = {frozenset(s.articles): s.original for s in ix.stories(limit=500)}
        viewed = {frozenset(s.articles): ix.story(s.id).story.original for s in ix.stories(limit=500)}
        assert listed == viewed and any(listed.values())
        # added in another order than the scan read them: of identical texts the first added is named
        scanned = {frozenset(s.articles): {s.original, *s.identical} for s in demo_scan.stories if len(s.articles) > 1}
        assert listed.keys() == scanned.keys() and all(listed[k] in scanned[k] for k in listed)
        names = {r[0] for r in ix._cursor().execute("SELECT story FROM story_originals").fetchall()}
        assert names <= {int(s.id[6:]) for s in ix.stories(min_size=2, limit=500)}  # no stale names
        assert ix.verify() == []
        ix._cursor().execute("INSERT INTO story_originals VALUES (99999, 'gone', [])")
        assert ix.verify() == ["1 story originals name stories that no longer exist"]


def test_an_index_made_before_story_originals_gets_them_as_its_list_is_read(db, demo_articles):
    with Index(db, IndexConfig(batch_size=4)) as ix:
        ix.add(demo_articles)
        expected = {s.id: s.original for s in ix.stories(limit=500)}
        ix._cursor().execute("DELETE FROM story_originals")  # as an index migrated to 0003 starts
    with Index(db, read_only=True) as ro:
        assert {s.id: s.original for s in ro.stories(limit=500)} == expected  # derived, not written
    with Index(db) as ix:
        assert ix._cursor().execute("SELECT count(*) FROM story_originals").fetchone()[0] == 0
        assert {s.id: s.original for s in ix.stories(limit=500)} == expected
        written = ix._cursor().execute("SELECT count(*) FROM story_originals").fetchone()[0]
        assert written == sum(1 for s in ix.stories(limit=500) if s.size > 1) and any(expected.values())


def test_the_index_finds_a_fluent_rewrite_through_its_details_as_a_scan_does(db):
    # A rewrite keeping its source's details in new word sequences, of a text with no names or figures:
    # neither MinHash nor immutables propose it (tests/test_candidates.py), the details channel does.
    from test_candidates import OWN_DETAILS, PARAPHRASE, SOURCE

    with Index(db) as ix:
        ix.add([make_article("source", SOURCE), make_article("guide", OWN_DETAILS)])
        result = ix.check(make_article("incoming", PARAPHRASE))
        assert [h.article.id for h in result.hits] == ["source"]
        assert result.hits[0].pair.relation == "rewrite" and result.hits[0].pair.channels == ("details",)
        ix.add([make_article("paraphrase", PARAPHRASE)])
        shown = ix.pair("source", "paraphrase")
        assert shown is not None and shown[0].relation == "rewrite" and shown[0].channels == ("details",)
        con = ix._cursor()
        assert store.detail_counts(con, [1])[0][1] > 5  # the details are stored with the article


def test_an_index_made_before_the_details_channel_gets_its_articles_details_at_the_next_open(db):
    from test_candidates import OWN_DETAILS, PARAPHRASE, SOURCE

    with Index(db) as ix:
        ix.add([make_article("source", SOURCE), make_article("guide", OWN_DETAILS)])
    con = store.connect(db)  # as an index of the tree before migration 0004 holds it: no detail rows
    con.execute("DELETE FROM details")
    con.execute("UPDATE signatures SET n_details = 0")
    con.execute("DELETE FROM migrations WHERE name = ?", [store._BACKFILLED])
    con.close()
    with Index(db) as ix:  # opening fills them in from the stored texts
        assert [h.article.id for h in ix.check(make_article("incoming", PARAPHRASE)).hits] == ["source"]
        con = ix._cursor()
        counts = dict(store.detail_counts(con, [1, 2]))
        assert counts[1] > 5 and counts[2] > 5
        assert con.execute("SELECT count(*) FROM details").fetchall()[0][0] == counts[1] + counts[2]


def test_an_index_made_before_the_details_channel_opened_read_only_still_checks(db):
    # A read-only open does not migrate: the lookups find no detail postings and the other channels work as before.
    from test_candidates import SOURCE

    with Index(db) as ix:
        ix.add([make_article("original", fixture_text("original")), make_article("source", SOURCE)])
    con = store.connect(db)
    con.execute("DROP TABLE details")
    con.execute("ALTER TABLE signatures DROP COLUMN n_details")
    con.execute("DELETE FROM migrations WHERE name LIKE '0004%'")
    con.close()
    for in_memory in (False, True):
        with Index(db, IndexConfig(in_memory=in_memory), read_only=True) as ix:
            hits = ix.check(make_article("incoming", fixture_text("spun"))).hits
            assert [h.article.id for h in hits] == ["original"]
