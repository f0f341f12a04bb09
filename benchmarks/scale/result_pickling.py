"""What the Dask scan moves from its workers to the client, pickled as before and as now, in CPU seconds.

Usage: python benchmarks/scale/result_pickling.py [--data /tmp/unspun-scale/news20000] [--files 4] [--runs 5]

Scans the first `--files` files of the synthetic news corpus (`bench.py --scan` makes it) with the local
engine, then times, interleaved (load on a shared machine hits both alike), median of `--runs`:
before = default pickling of the cleaned articles and the pairs (the records' constructor-based
`__reduce__` removed for the run); after = `scan_dask.pack_cleans` + the records' own pickling, and
the client's `unpack_cleans`. Dump is worker CPU, load is client CPU.
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import time
from pathlib import Path

import unspun.records as R
from unspun.config import EmbedConfig, ScanConfig
from unspun.scan import scan
from unspun.scan_dask import pack_cleans, unpack_cleans

CLASSES = (R.Removed, R.Sentence, R.CleanArticle, R.Match, R.Edit, R.Pair, R.Story, R.SpinSuspect, R.ArticleSpin)


def before(cleans, pairs) -> tuple[float, float, int]:
    own = {c: c.__dict__["__reduce__"] for c in CLASSES}
    for c in CLASSES:
        del c.__reduce__
    try:
        t0 = time.process_time()
        blob = pickle.dumps((cleans, pairs), protocol=5)
        t1 = time.process_time()
        back = pickle.loads(blob)
        t2 = time.process_time()
    finally:
        for c, f in own.items():
            c.__reduce__ = f
    assert back == (cleans, pairs)
    return t1 - t0, t2 - t1, len(blob)


def after(cleans, pairs) -> tuple[float, float, int]:
    t0 = time.process_time()
    blob = pickle.dumps((pack_cleans(cleans), pairs), protocol=5)
    t1 = time.process_time()
    packed, got = pickle.loads(blob)
    back = (unpack_cleans(packed), got)
    t2 = time.process_time()
    assert back == (cleans, pairs)
    return t1 - t0, t2 - t1, len(blob)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("/tmp/unspun-scale/news20000"))
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    files = sorted(args.data.glob("*.parquet"))[: args.files]
    result = scan(files, ScanConfig(embed=EmbedConfig(enabled=False), spin=False))
    cleans, pairs = list(result.articles), list(result.pairs)
    runs: dict[str, list] = {"before": [], "after": []}
    for _ in range(args.runs):
        runs["before"].append(before(cleans, pairs))
        runs["after"].append(after(cleans, pairs))
    print(f"{len(cleans)} cleaned articles, {len(pairs)} pairs; median of {args.runs} interleaved runs, CPU s")
    for name, rows in runs.items():
        dump, load = (statistics.median(r[k] for r in rows) for k in (0, 1))
        print(f"  {name:>6}: dump (workers) {dump:.3f} s, load (client) {load:.3f} s, {rows[0][2] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
