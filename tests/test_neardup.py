"""The corpus-scale near-duplicate stage: sketches, band buckets, verification and clusters."""
from __future__ import annotations

import json
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.config import NearDupConfig
from unspun.errors import ConfigError
from unspun.fingerprint import text_shingles
from unspun.dedup.neardup import (
    EXACT,
    NEAR,
    ORIGINAL,
    UNIQUE,
    assign_clusters,
    bucket_edges,
    dedup,
    dedup_articles,
)
from unspun.sketch import sketch_batch
from unspun.records import Article

WORDS = (
    "council harbour ferry budget vote mayor river bridge flood school nurse strike union port tariff "
    "wind storm coast rail station ticket price fuel grain farmer market court judge appeal report "
    "minister office hospital ward doctor patient league final goal keeper season coach stadium crowd"
).split()
FILLER = "the a of to in and that for on with as by at from was is were has had will".split()

STORY = (
    "The harbour council voted on Tuesday to keep the night ferry running through the winter, "
    "reversing a plan that would have cut the last crossing at nine o'clock. Mayor Ines Okafor said "
    "the decision would cost about 240,000 pounds a year, money the council will take from its "
    "reserve for road repairs. Shift workers at the port had collected more than 3,000 signatures "
    "against the cut, and a nurse from the island ward told the meeting she would have had to move. "
    "The operator, Strait Lines, said it would publish a new timetable next week and that fares "
    "would not change before April. Two councillors voted against, arguing that the reserve was "
    "meant for emergencies such as the flooding that closed the coast road last spring."
)


def random_text(rng: random.Random, n_words: int) -> str:
    words = [rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILLER) for _ in range(n_words)]
    return " ".join(words).capitalize() + "."


def jaccard(a: str, b: str) -> float:
    x, y = set(text_shingles(a, 3)), set(text_shingles(b, 3))
    return len(x & y) / len(x | y)


def test_copies_that_differ_only_in_case_quotes_and_spacing_share_the_exact_hash():
    curly = STORY.replace("o'clock", "o\u2019clock").replace(", ", ",  ").upper()
    reordered = " ".join(reversed(STORY.split(". ")))
    sk = sketch_batch([STORY, curly, reordered])
    assert sk.exact[0] == sk.exact[1]
    assert (sk.signatures[0] == sk.signatures[1]).all()
    assert sk.exact[0] != sk.exact[2]


def test_signature_agreement_estimates_shingle_jaccard():
    rng = random.Random(3)
    errors = []
    for _ in range(40):
        base = random_text(rng, 600).split()
        other = list(base)
        for _ in range(rng.randint(5, 120)):  # substitute random words: Jaccard from ~0.9 down to ~0.3
            other[rng.randrange(len(other))] = rng.choice(WORDS)
        a, b = " ".join(base), " ".join(other)
        sk = sketch_batch([a, b])
        errors.append((sk.signatures[0] == sk.signatures[1]).mean() - jaccard(a, b))
    errors = np.array(errors)
    assert abs(errors.mean()) < 0.03  # unbiased
    assert np.abs(errors).max() < 0.15  # 128 bins: standard error ~0.04


def test_short_and_empty_texts():
    sk = sketch_batch(["", "Two words", "...", "one two three"])
    assert sk.n_shingles.tolist() == [0, 1, 0, 1]
    assert (sk.signatures[0] == 0xFFFFFFFF).all()
    assert (sk.signatures[1] != 0xFFFFFFFF).all()  # densified from its single shingle


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=80), min_size=1, max_size=6), st.integers(0, 5))
def test_a_text_sketches_the_same_whatever_else_is_in_its_batch(texts, pad):
    rng = random.Random(pad)
    alone = [sketch_batch([t]) for t in texts]
    together = sketch_batch([random_text(rng, 5) for _ in range(pad)] + texts)
    for i, sk in enumerate(alone):
        assert (together.signatures[pad + i] == sk.signatures[0]).all()
        assert together.exact[pad + i] == sk.exact[0]
        assert together.n_shingles[pad + i] == sk.n_shingles[0]


def test_long_tokens_are_hashed_by_all_their_bytes():
    a = "see https://example.org/news/2024/harbour-ferry-night-crossing-kept for details"
    b = "see https://example.org/news/2024/harbour-ferry-night-crossing-axed for details"
    sk = sketch_batch([a, b])
    assert sk.exact[0] != sk.exact[1]


def test_bucket_edges_connect_every_bucket_member_with_bounded_pairs():
    rows = np.arange(50, dtype=np.int64)
    band = np.zeros(50, dtype=np.int16)
    key = np.where(rows < 40, 7, 9).astype(np.uint64)  # one bucket of 40, one of 10
    edges = bucket_edges(band, key, rows, window=2)
    assert (edges[:, 0] < edges[:, 1]).all()
    assert len(edges) <= 50 * 3
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    g = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(50, 50))
    n, labels = connected_components(g, directed=False)
    assert n == 2 and len(set(labels[:40])) == 1 and labels[40] != labels[0]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5), st.integers(0, 40)), min_size=1, max_size=120),
)
def test_bucket_order_equals_lexsort_by_band_key_row(entries):
    from unspun.dedup.neardup import bucket_order

    band = np.array([e[0] for e in entries], dtype=np.int16)
    key = np.array([e[1] * 0x9E3779B97F4A7C15 % (1 << 64) for e in entries], dtype=np.uint64)
    row = np.array([e[2] for e in entries], dtype=np.int64)
    order = bucket_order(band, key, row)
    expected = np.lexsort((row, key, band))
    # equal (band, key, row) entries are interchangeable; the sequence of entries must match
    assert [tuple(x) for x in np.stack([band[order], key[order].astype(object), row[order]], 1).tolist()] == [
        tuple(x) for x in np.stack([band[expected], key[expected].astype(object), row[expected]], 1).tolist()
    ]


def test_the_original_is_the_earliest_dated_member_else_the_first_seen():
    edges = np.array([[0, 3], [3, 5], [1, 2]], dtype=np.int64)
    nodes = np.array([0, 1, 2, 3, 5], dtype=np.int64)
    exact = np.array([1, 2, 2, 1, 9], dtype=np.uint64)
    published = [None, None, None, "2024-03-01", "2024-02-28"]
    cl = assign_clusters(edges, nodes, exact, published)
    by_row = {int(r): (int(c), int(o), rel) for r, c, o, rel in zip(cl.rows, cl.cluster, cl.original, cl.relation)}
    assert by_row[5] == (0, 5, ORIGINAL)  # earliest date wins over first seen
    assert by_row[0] == (0, 5, NEAR) and by_row[3] == (0, 5, NEAR)
    assert by_row[1] == (1, 1, ORIGINAL)  # no dates: first seen
    assert by_row[2] == (1, 1, EXACT)


def _articles(rng: random.Random) -> list[Article]:
    arts = [Article("story", STORY, "t", published="2024-05-02")]
    arts.append(Article("story-copy", STORY.replace("The ", "the ").replace("  ", " "), "t", published="2024-05-01"))
    arts.append(Article("story-caption", STORY + "\n\nPhoto: the night ferry leaves the harbour.", "t", published="2024-05-03"))
    arts.append(Article("story-half", STORY[: len(STORY) // 2], "t"))
    arts += [Article(f"other-{i}", random_text(rng, 300), "t") for i in range(30)]
    return arts


def test_dedup_clusters_copies_and_names_the_earliest_as_original():
    result = dedup_articles(_articles(random.Random(5)))
    rows = {r.id: r for r in result.rows}
    assert rows["story-copy"].relation == ORIGINAL  # dated a day earlier than "story"
    assert rows["story"].relation == EXACT and rows["story"].original == "story-copy"
    assert rows["story-caption"].relation == NEAR and rows["story-caption"].cluster == rows["story"].cluster == 0
    assert rows["story-half"].relation == UNIQUE  # Jaccard ~0.5: a job for the alignment stage
    assert all(rows[f"other-{i}"].relation == UNIQUE for i in range(30))
    assert [r.row for r in result.rows] == list(range(len(result.rows)))


def test_threshold_decides_what_counts_as_near_duplicate():
    arts = _articles(random.Random(5))
    strict = {r.id: r.relation for r in dedup_articles(arts, NearDupConfig(threshold=0.99)).rows}
    assert strict["story-caption"] == UNIQUE and strict["story"] == EXACT


def test_bad_config_is_reported():
    with pytest.raises(ConfigError):
        sketch_batch(["x"], NearDupConfig(num_perm=100))
    with pytest.raises(ConfigError):
        sketch_batch(["x"], NearDupConfig(bands=7))


def test_dedup_reads_files_and_reports_bad_lines(tmp_path):
    rng = random.Random(9)
    with open(tmp_path / "a.jsonl", "w") as f:
        for a in _articles(rng)[:10]:
            f.write(json.dumps({"id": a.id, "body": a.text, "date": a.published}) + "\n")
        f.write("{not json\n")
    from unspun.ingest import ColumnMap

    result = dedup(tmp_path, columns=ColumnMap(text="body", published="date"))
    assert len(result.rows) == 10 and len(result.errors) == 1
    assert {r.id: r.relation for r in result.rows}["story-copy"] == ORIGINAL


def test_cli_dedup_writes_parquet(tmp_path):
    from typer.testing import CliRunner

    from unspun.cli import app

    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(STORY)
    (src / "b.txt").write_text(STORY.replace("Tuesday", "Tuesday evening"))
    (src / "c.txt").write_text(random_text(random.Random(1), 200))
    out = tmp_path / "out.parquet"
    res = CliRunner().invoke(app, ["dedup", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    table = pq.read_table(out).to_pylist()
    assert [(r["id"], r["relation"], r["original"]) for r in table] == [
        ("a", ORIGINAL, "a"), ("b", NEAR, "a"), ("c", UNIQUE, "c")
    ]
    assert CliRunner().invoke(app, ["dedup", str(src), "--engine", "spark"]).exit_code == 2


def test_parquet_columnar_path_gives_the_same_part_as_the_article_path(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from unspun.ingest import read_file
    from unspun.dedup.neardup import sketch_file, sketch_part

    texts = [
        "The harbour authority said on Monday that the ferry would resume service next week.",
        "",  # no text and no html: must come back as a ReadError naming row 2
        "Council members voted 7 to 2 to approve the new budget after a long debate on Tuesday.",
    ]
    path = tmp_path / "articles.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": texts, "published": ["2024-01-02", None, None]}), path)
    fast = sketch_file(path)
    slow = sketch_part(read_file(path))
    assert fast.ids == slow.ids == ("a", "c")
    assert fast.published == slow.published
    assert (fast.signatures == slow.signatures).all()
    assert [(e.line, e.reason) for e in fast.errors] == [(e.line, e.reason) for e in slow.errors]
    assert fast.errors[0].line == 2


def test_clean_parquet_batches_stay_arrow_and_match_the_article_path(tmp_path):
    """Batches whose texts are all usable are sketched from the arrow buffer in place; ids (also null
    ones), dates, signatures and exact hashes must equal the row-by-row path, non-ASCII included."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from unspun.ingest import read_file
    from unspun.ingest.parquet import read_parquet_columns
    from unspun.ingest.common import ColumnMap
    from unspun.dedup.neardup import sketch_file, sketch_part

    texts = [
        "The harbour authority said on Monday that the ferry would resume service next week.",
        "Le maire a déclaré « nous reconstruirons » — ÉCOLE fermée jusqu’à lundi.",
        "Council members voted 7 to 2 to approve the new budget after a long debate on Tuesday.",
        "“We will not be moved,” the union’s leader told reporters… STRASSE and Straße.",
        "Short one.",
    ]
    path = tmp_path / "clean.parquet"
    table = pa.table({"id": ["a", None, "c", "d", None], "text": texts, "published": [None, "2024-05-01", None, None, None]})
    pq.write_table(table, path)
    batches = list(read_parquet_columns(path, ColumnMap(), batch_rows=2))
    assert all(isinstance(b.texts, pa.Array) for b in batches)  # the in-place path was taken
    config = NearDupConfig(batch_size=2)
    fast = sketch_file(path, config=config)
    slow = sketch_part(read_file(path), config)
    assert fast.ids == slow.ids == ("a", "clean:2", "c", "d", "clean:5")
    assert fast.published == slow.published
    assert (fast.signatures == slow.signatures).all() and (fast.exact == slow.exact).all()


@pytest.mark.parametrize("large", [False, True])
def test_sketch_arrow_equals_sketch_batch_on_sliced_arrays(large):
    import pyarrow as pa

    from unspun.sketch import sketch_arrow

    texts = ["Plain ASCII words about a vote", "", "Curly “quotes” — déjà vu", "x", "İstanbul ΣΟΦΟΣ Straße"] * 3
    arr = pa.array(texts, type=pa.large_string() if large else pa.string()).slice(3, 9)
    a, b = sketch_arrow(arr), sketch_batch(arr.to_pylist())
    assert (a.signatures == b.signatures).all() and (a.exact == b.exact).all()
    assert (a.n_shingles == b.n_shingles).all() and a.n_shingles[arr.to_pylist().index("")] == 0


def test_similarity_over_row_indices_equals_similarity_over_gathered_copies():
    """The Dask verification compares rows of whole parts in blocks; it must score each pair exactly
    as the gathered copies would (same estimate, exact copies at 1.0), across block boundaries."""
    from unspun.dedup.neardup import similarity

    rng = np.random.default_rng(3)
    sig_a = rng.integers(0, 4, size=(50, 16), dtype=np.uint32)
    sig_b = rng.integers(0, 4, size=(40, 16), dtype=np.uint32)
    exact_a, exact_b = rng.integers(0, 3, 50).astype(np.uint64), rng.integers(0, 3, 40).astype(np.uint64)
    ra, rb = rng.integers(0, 50, 9000), rng.integers(0, 40, 9000)  # more pairs than one block (4096)
    want = similarity(sig_a[ra], sig_b[rb], exact_a[ra], exact_b[rb])
    assert np.array_equal(similarity(sig_a, sig_b, exact_a[ra], exact_b[rb], ra, rb), want)
    assert np.array_equal(similarity(sig_a[ra], sig_b, exact_a[ra], exact_b[rb], None, rb), want)
    assert 0 < (want == 1.0).sum() < want.size  # exact copies and partial agreement both occur
