"""Peak memory and stage times of the whole scan (`scan_articles`) over N synthetic news articles.

Usage: python benchmarks/scale/scan_memory.py --n 20000 [--no-embed] [--workers 2] [--json out.json]

Builds the `benchmarks/synth.py` corpus (copies, noisy copies, spun rewrites), runs the scan with the
default config (embeddings on: the static model) or `--no-embed`, and prints the wall time of each stage
(from the progress callback), the parent's RSS when each stage starts (`/proc`), the peak RSS of the
parent and of the largest worker process (`resource`: fork-shared pages count in both), and the output's
size. The corpus is built before the first RSS reading, so "start" includes its texts.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import synth  # noqa: E402

from unspun.config import EmbedConfig, ScanConfig  # noqa: E402
from unspun.records import Article  # noqa: E402
from unspun.report.json import write_json  # noqa: E402
from unspun.scan import scan_articles  # noqa: E402


def rss_mb(pid: str = "self") -> float:
    """A process's resident set now (MB), from /proc (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children_rss_mb() -> list[float]:
    """RSS of this process's live child processes (the scan's workers), MB."""
    me = os.getpid()
    out = []
    for task in Path(f"/proc/{me}/task").iterdir():
        try:
            pids = (task / "children").read_text().split()
        except OSError:
            continue
        out.extend(rss_mb(pid) for pid in pids)
    return out


def sample(every: float, t0: float, stop: threading.Event) -> None:
    """Print parent and worker RSS every `every` seconds, so a run cut short still leaves its figures."""
    while not stop.wait(every):
        workers = children_rss_mb()
        print(f"    at {time.perf_counter() - t0:8.1f} s: parent {rss_mb():.0f} MB, workers "
              f"{', '.join(f'{w:.0f}' for w in workers) or '-'} MB", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=float, default=0, help="also print RSS every this many seconds")
    ap.add_argument("--json", help="also write the result's JSON here (to compare two versions' output)")
    args = ap.parse_args()
    docs = synth.corpus(args.n)
    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in docs]
    del docs
    embed = EmbedConfig(enabled=not args.no_embed)
    config = ScanConfig(embed=embed, workers=args.workers)
    start = rss_mb()
    print(f"{len(articles)} articles, embeddings {'off' if args.no_embed else embed.model}, "
          f"{args.workers} workers; parent RSS at start {start:.0f} MB", flush=True)
    stages: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage not in stages:
            stages[stage] = [now, now, rss_mb()]
            print(f"  {stage:<12} starts at {now - t0:8.1f} s, parent RSS {stages[stage][2]:.0f} MB", flush=True)
        stages[stage][1] = now

    t0 = time.perf_counter()
    stop = threading.Event()
    if args.sample:
        threading.Thread(target=sample, args=(args.sample, t0, stop), daemon=True).start()
    result = scan_articles(articles, config, progress)
    stop.set()
    wall = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    names = list(stages)
    print("stage wall (from its first report to the next stage's):")
    for k, name in enumerate(names):
        end = stages[names[k + 1]][0] if k + 1 < len(names) else t0 + wall
        print(f"  {name:<12} {end - stages[name][0]:8.1f} s")
    edits = sum(len(p.edits) for p in result.pairs)
    print(f"wall {wall:.1f} s = {len(articles) / wall:.1f} articles/s; {len(result.pairs)} pairs, {edits} edits, "
          f"{len(result.stories)} stories")
    print(f"peak RSS: parent {own:.0f} MB, largest worker {child:.0f} MB; "
          f"parent above start {(own - start) * 1024 / len(articles):.1f} KB/article")
    if args.json:
        write_json(result, args.json)


if __name__ == "__main__":
    main()
