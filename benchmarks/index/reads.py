"""Read latency of the index's story, article and pair views, which re-derive the scan's corpus-level verdicts.

    python benchmarks/index/reads.py [--n 2000] [--reads 200]

Builds an index of N synthetic articles (`benchmarks/synth.py`, with edits), then times `Index.story`,
`Index.article_pairs` and `Index.pair` over the biggest stories first and a random sample of the rest, cold (the
prepared-article cache emptied before each read) and warm. Prints p50 / p90 / max per view and the components' sizes:
each read prepares the articles of the copy-linked component it shows and runs `scan.corpus_verdicts` over its pairs.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import synth  # noqa: E402

from unspun import Article  # noqa: E402
from unspun.store.index import Index, IndexConfig  # noqa: E402
from unspun.store.stories import component  # noqa: E402


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--reads", type=int, default=200)
    args = ap.parse_args()
    arts = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(args.n)]
    with tempfile.TemporaryDirectory() as tmp, Index(str(Path(tmp) / "ix.duckdb")) as ix:
        t = time.perf_counter()
        added = ix.add(arts)
        print(f"indexed {len(added.added)} articles, {added.pairs} pairs in {time.perf_counter() - t:.1f} s")
        stories = ix.stories(min_size=2, limit=500)
        rng = random.Random(0)
        picked = stories[:20] + rng.sample(stories[20:], min(len(stories) - 20, args.reads))
        con = ix._cursor()
        sizes = [len(component(con, [con.execute("SELECT n FROM articles WHERE id = ?", [s.articles[0]]).fetchone()[0]])[0])
                 for s in picked]
        print(f"{len(picked)} stories read (20 biggest + a sample); component sizes p50 {np.median(sizes):.0f}, "
              f"max {max(sizes)}")
        for label, cold in (("cold", True), ("warm", False)):
            times: dict[str, list[float]] = {"story": [], "article_pairs": [], "pair": []}
            for s in picked:
                if cold:
                    ix._cache.clear()
                    ix._shown.clear()
                times["story"].append(timed(ix.story, s.id))
                if cold:
                    ix._cache.clear()
                    ix._shown.clear()
                times["article_pairs"].append(timed(ix.article_pairs, s.articles[0]))
                if cold:
                    ix._cache.clear()
                    ix._shown.clear()
                times["pair"].append(timed(ix.pair, s.articles[0], s.articles[1]))
            for view, ts in times.items():
                ms = np.array(ts) * 1000
                print(f"{label:5s} {view:14s} p50 {np.median(ms):7.1f} ms  p90 {np.percentile(ms, 90):7.1f} ms  "
                      f"max {ms.max():7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
