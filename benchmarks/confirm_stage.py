"""CPU seconds of the pair-confirm stage (`scan._confirm_all`: align, relation, packing, in the scan's worker pool)
inside a whole scan of a synthetic corpus, and of the whole scan.

Usage: python benchmarks/confirm_stage.py [--n 10000] [--edits] [--workers 2] [--rounds 1]
Runs `scan_articles` (embeddings off, spin off, edits off unless `--edits`) and times `scan._confirm_all` by
wrapping it: the CPU of this process and of the pool's workers, which are waited for when the pool closes at the
end of the stage (`os.times` counts a child once it is waited for). So the figure includes what each forked worker
pays itself (word tables, per-article facts, caches), which `pair_stage.py` (one process) does not show.
Run two trees in turn (PYTHONPATH=tree/src, the same script) for a ratio on a shared machine.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig, scan_articles  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and of the worker processes it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--edits", action="store_true", help="with the edit explanation and direction (default off)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(args.n)]
    cfg = ScanConfig(embed=EmbedConfig(enabled=False), workers=args.workers, edits=args.edits, spin=False)
    spent: list[float] = []
    scan_module = importlib.import_module("unspun.scan")  # (`unspun.scan` the name is the function)
    inner = scan_module._confirm_all

    def timed(*a, **k):
        t = cpu_seconds()
        out = inner(*a, **k)
        spent.append(cpu_seconds() - t)
        return out

    scan_module._confirm_all = timed
    for _ in range(args.rounds):
        t = cpu_seconds()
        result = scan_articles(articles, cfg)
        print(f"{args.n} articles, {len(result.pairs)} pairs, edits {'on' if args.edits else 'off'}, "
              f"workers {args.workers}: confirm stage {spent[-1]:.2f} CPU-s, scan {cpu_seconds() - t:.2f} CPU-s",
              flush=True)


if __name__ == "__main__":
    main()
