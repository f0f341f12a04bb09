"""The Dask engine gives the same clusters as the local engine on the same input."""
from __future__ import annotations

import json
import random

import pytest

pytest.importorskip("distributed")

from test_neardup import STORY, random_text  # noqa: E402

from unspun.dedup.neardup import dedup  # noqa: E402


def _corpus(tmp_path) -> None:
    """Four JSONL files; copies of a few stories are spread across files (and one in a CSV)."""
    rng = random.Random(11)
    stories = [STORY] + [random_text(rng, 250) for _ in range(5)]
    docs = []
    for i, s in enumerate(stories):
        docs.append({"id": f"s{i}", "text": s, "published": f"2024-01-{10 + i:02d}"})
        docs.append({"id": f"s{i}-copy", "text": s.upper(), "published": f"2024-01-{5 + i:02d}"})
        docs.append({"id": f"s{i}-near", "text": s + " Read more on our site.", "published": None})
    docs += [{"id": f"u{i}", "text": random_text(rng, 200), "published": None} for i in range(40)]
    rng.shuffle(docs)
    for f in range(4):
        with open(tmp_path / f"part{f}.jsonl", "w") as out:
            for d in docs[f::4]:
                out.write(json.dumps(d) + "\n")
    with open(tmp_path / "extra.csv", "w") as out:
        out.write("id,text\nlate-copy,\"" + STORY.replace('"', '""') + "\"\n")


@pytest.mark.slow
def test_dask_engine_on_two_workers_equals_local_engine(tmp_path):
    from distributed import Client, LocalCluster

    from unspun.dedup.dask import dedup_dask

    _corpus(tmp_path)
    local = dedup(tmp_path)
    assert sum(r.relation != "unique" for r in local.rows) >= 19  # the test input has clusters to find
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            remote = dedup_dask(tmp_path, client=client, partition_bytes=1)  # one partition per file
            out = tmp_path / "out"
            written = dedup_dask(tmp_path, client=client, output=out)  # sized from the data: one partition
    assert remote.rows == local.rows
    assert remote.n_edges == local.n_edges
    import pyarrow.parquet as pq

    table = pq.read_table(out).to_pylist()
    assert sorted((r["row"], r["id"], r["cluster"], r["relation"], r["original"]) for r in table) == [
        (r.row, r.id, r.cluster, r.relation, r.original) for r in local.rows
    ]
    assert written.n_edges == local.n_edges


@pytest.mark.slow
def test_picked_pieces_are_taken_on_the_worker_holding_the_list():
    """A piece must not drag its whole list to another worker (measured: 312 of 387 MB moved at 1M)."""
    from distributed import Client, LocalCluster

    from unspun.dedup.dask import pick

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        workers = sorted(client.scheduler_info()["workers"])
        lists = [client.submit(list, range(k * 10, k * 10 + 3), workers=[w], pure=False) for k, w in enumerate(workers)]
        pieces = pick(client, lists, 3)
        assert client.gather([x for row in pieces for x in row]) == [0, 1, 2, 10, 11, 12]
        held = client.who_has([x for row in pieces for x in row])
        for w, row in zip(workers, pieces):
            assert all(set(held[x.key]) == {w} for x in row)
        assert all(x.key.startswith("list-piece-") for row in pieces for x in row)  # named after the source


def test_partitions_are_runs_of_consecutive_files_sized_from_the_data(tmp_path):
    from unspun.dedup.dask import plan_partitions

    files = []
    for i, size in enumerate([10, 10, 10, 30, 5, 5, 5]):
        path = tmp_path / f"f{i}.jsonl"
        path.write_bytes(b"x" * size)
        files.append(str(path))
    groups = plan_partitions(files, slots=1, partition_bytes=20)
    assert [x for g in groups for x in g] == files  # reading order kept, nothing dropped
    assert [len(g) for g in groups] == [2, 1, 1, 3]  # a big file stands alone; small ones are grouped
    assert len(plan_partitions(files, slots=4)) == 1  # small input: one partition, not one per file


@pytest.mark.slow
def test_scan_on_two_dask_workers_gives_the_local_pairs_and_stories(tmp_path):
    """The demo corpus (text, HTML and JSONL files) split into one partition per file."""
    from dataclasses import replace
    from pathlib import Path

    from distributed import Client, LocalCluster

    from unspun.config import EmbedConfig, ScanConfig
    from unspun.scan import scan
    from unspun.scan_dask import scan_dask

    demo = Path(__file__).resolve().parent.parent / "examples" / "demo"
    config = ScanConfig(embed=EmbedConfig(enabled=False))
    local = scan([demo], config)
    assert len(local.pairs) >= 8  # the corpus has copies, rewrites and spin to find
    stages = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            remote = scan_dask([demo], config, lambda stage, done, total: stages.append(stage), client=client,
                               partition_bytes=1)
    # sentences rebuilt from spans on the client: equal (the Dask engine does not identify languages)
    assert [replace(a, article=replace(a.article, language="")) for a in local.articles] == list(remote.articles)
    assert remote.spin == local.spin
    assert len(remote.pairs) == len(local.pairs)
    for mine, theirs in zip(remote.pairs, local.pairs):
        assert mine == theirs  # relation, score, matches with offsets, edits, direction: all of it
    assert remote.stories == local.stories
    assert remote.errors == local.errors
    assert "align" in stages


def test_cleaned_articles_travel_as_spans_and_come_back_equal():
    from unspun.clean import clean_article
    from unspun.records import Article, CleanArticle, Sentence
    from unspun.scan_dask import pack_cleans, unpack_cleans

    caption = "Photo: the harbour at dawn, as the ferry left."
    texts = [
        f"{caption}\nThe council voted on Monday to close the old harbour road.\n{caption}\nResidents said "
        "they had not been asked. The mayor did not reply.",
        "",
        "One short line that is a sentence of its own.",
    ]
    cleans = [clean_article(Article(f"a{i}", t, "test")) for i, t in enumerate(texts)]
    assert cleans[0].removed  # the doubled caption is set aside, and travels as a record
    assert unpack_cleans(pack_cleans(cleans)) == cleans
    odd = CleanArticle(cleans[2].article, (Sentence(0, (0, 3), "not the span's text"),), (), "x")
    with pytest.raises(ValueError):
        pack_cleans([odd])


@pytest.mark.slow
def test_cli_scan_engine_dask_writes_the_local_engines_pairs(tmp_path):
    from pathlib import Path

    from typer.testing import CliRunner

    from unspun.cli import app

    demo = str(Path(__file__).resolve().parent.parent / "examples" / "demo")
    runner = CliRunner()
    local = runner.invoke(app, ["scan", demo, "--no-embed", "-q", "--json", str(tmp_path / "local.json")])
    cache = tmp_path / "cache"
    remote = runner.invoke(app, ["scan", demo, "--no-embed", "-q", "--engine", "dask", "--workers", "2", "--cache-dir",
                                 str(cache), "--json", str(tmp_path / "dask.json")])
    assert local.exit_code == remote.exit_code == 0, remote.output
    # the worker processes (fresh ones, which parse the n-gram table) kept it where --cache-dir said
    assert [p.suffix for p in (cache / "collocations").iterdir()] == [".npz"]
    mine, theirs = (json.loads((tmp_path / f"{n}.json").read_text()) for n in ("dask", "local"))
    assert mine["pairs"] == theirs["pairs"] and len(mine["pairs"]) >= 8
    bad = runner.invoke(app, ["scan", demo, "--workers", "2"])
    assert bad.exit_code == 2 and "--engine dask" in bad.output
