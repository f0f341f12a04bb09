#!/usr/bin/env python3
"""Time `unspun.compare` on two ~1,000-word articles (warm, median of N), with a difflib baseline.

    python benchmarks/edits/compare_speed.py [--runs 20]

The pair is built from the demo corpus: fund-original (~800 words) plus the start of a second demo
article make ~1,000 words; the rewrite is fund-spin-2 plus the same tail with a few words changed.
"""
from __future__ import annotations

import argparse
import statistics
import time
from difflib import SequenceMatcher
from pathlib import Path

from unspun import compare

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


def texts() -> tuple[str, str]:
    tail = (DEMO / "nurses-original.txt").read_text(encoding="utf-8")
    a = (DEMO / "fund-original.txt").read_text(encoding="utf-8") + "\n\n" + tail
    b = (DEMO / "fund-spin-2.txt").read_text(encoding="utf-8") + "\n\n" + tail.replace(" said ", " stated ")
    words_a = a.split()
    words_b = b.split()
    return " ".join(words_a[:1000]), " ".join(words_b[:1000])


def median_ms(fn, runs: int) -> float:
    fn()  # warm: imports, wordfreq tables, caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    a, b = texts()
    result = compare(a, b)
    ms = median_ms(lambda: compare(a, b), args.runs)
    base = median_ms(lambda: SequenceMatcher(None, a.split(), b.split(), autojunk=False).get_opcodes(), args.runs)
    print(f"words: a {len(a.split())}, b {len(b.split())}; edits {len(result.edits)}; matches {len(result.matches)}")
    print(f"compare() warm median of {args.runs}: {ms:.1f} ms (target < 100 ms)")
    print(f"baseline whole-text difflib word diff: {base:.1f} ms (compare is {ms / base:.1f}x)")
    from unspun.edits.spin import spin_score

    spin_ms = median_ms(lambda: spin_score(a), args.runs)
    print(f"spin_score() of one 1,000-word article, warm median: {spin_ms:.1f} ms ({spin_ms / base:.1f}x baseline)")


if __name__ == "__main__":
    main()
