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
            remote = dedup_dask(tmp_path, client=client, reducers=3)
            out = tmp_path / "out"
            written = dedup_dask(tmp_path, client=client, output=out)
    assert remote.rows == local.rows
    assert remote.n_edges == local.n_edges
    import pyarrow.parquet as pq

    table = pq.read_table(out).to_pylist()
    assert sorted((r["row"], r["id"], r["cluster"], r["relation"], r["original"]) for r in table) == [
        (r.row, r.id, r.cluster, r.relation, r.original) for r in local.rows
    ]
    assert written.n_edges == local.n_edges
