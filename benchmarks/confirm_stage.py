"""CPU seconds of the pair-confirm stage (`scan._confirm_all`: align, relation, packing, in the scan's worker pool)
inside a whole scan of a synthetic corpus, and of the whole scan.

Usage: python benchmarks/confirm_stage.py [--n 10000] [--edits] [--workers 2] [--rounds 1] [--sample OUT.txt]
Runs `scan_articles` (embeddings off, spin off, edits off unless `--edits`) and times `scan._confirm_all` by
wrapping it: the CPU of this process and of the pool's workers, which are waited for when the pool closes at the
end of the stage (`os.times` counts a child once it is waited for). So the figure includes what each forked worker
pays itself (word tables, per-article facts, caches), which `pair_stage.py` (one process) does not show.
Run two trees in turn (PYTHONPATH=tree/src, the same script) for a ratio on a shared machine.
`--sample OUT` profiles the stage in one process instead (workers 1, the parent's loads done first as a pool's
parent does them): a SIGPROF sample per millisecond of CPU asked (the kernel's tick: ~4 ms here), written as the share of samples in each function
(inclusive) and on each line (self). CPU time, not wall, so other jobs on the machine do not skew it; a compiled
kernel's time lands on the first Python line run after it (often numba's `_numba_unpickle`).
"""
from __future__ import annotations

import argparse
import collections
import importlib
import os
import signal
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
    ap.add_argument("--sample", type=Path, help="write a CPU-time sampling profile of the stage (one process) here")
    args = ap.parse_args()
    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(args.n)]
    workers = 1 if args.sample else args.workers
    cfg = ScanConfig(embed=EmbedConfig(enabled=False), workers=workers, edits=args.edits, spin=False)
    spent: list[float] = []
    scan_module = importlib.import_module("unspun.scan")  # (`unspun.scan` the name is the function)
    inner = scan_module._confirm_all
    sampler = Sampler() if args.sample else None

    def timed(*a, **k):
        if sampler:
            scan_module._load_kernels(cfg)  # what a pool's parent loads before forking
            if cfg.edits:
                scan_module.shared_collocations().load()
            scan_module.load_details()
            sampler.start()
        t = cpu_seconds()
        out = inner(*a, **k)
        spent.append(cpu_seconds() - t)
        if sampler:
            sampler.stop(args.sample)
        return out

    scan_module._confirm_all = timed
    for _ in range(args.rounds):
        t = cpu_seconds()
        result = scan_articles(articles, cfg)
        print(f"{args.n} articles, {len(result.pairs)} pairs, edits {'on' if args.edits else 'off'}, "
              f"workers {workers}: confirm stage {spent[-1]:.2f} CPU-s, scan {cpu_seconds() - t:.2f} CPU-s",
              flush=True)


class Sampler:
    """Samples the Python stack every tick of this process's CPU time (`signal.ITIMER_PROF`, 1 ms asked)."""

    def __init__(self) -> None:
        self.inclusive: collections.Counter[str] = collections.Counter()
        self.lines: collections.Counter[str] = collections.Counter()
        self.total = 0

    def start(self) -> None:
        signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)

    def stop(self, out: Path) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        share = 100 / max(self.total, 1)
        rows = [f"{self.total} samples", "--- inclusive"]
        rows += [f"{share * n:6.1f}% {k}" for k, n in self.inclusive.most_common(60)]
        rows += ["--- self (line)"] + [f"{share * n:6.1f}% {k}" for k, n in self.lines.most_common(60)]
        out.write_text("\n".join(rows) + "\n")

    def _sample(self, signum, frame) -> None:
        self.total += 1
        seen = set()
        first = True
        while frame is not None:
            code = frame.f_code
            name = f"{code.co_filename.split('/src/')[-1]}:{code.co_name}"
            if first:
                self.lines[f"{name}:{frame.f_lineno}"] += 1
                first = False
            if name not in seen:
                self.inclusive[name] += 1
                seen.add(name)
            frame = frame.f_back


if __name__ == "__main__":
    main()
