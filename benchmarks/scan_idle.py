"""How many core-seconds a scan leaves idle on two cores by its own structure, whatever else the machine runs.

Usage: python benchmarks/scan_idle.py [--n 10000] [--edits] [--rounds 3] [--base /base/src]
Runs the lexical scan of the synthetic corpus in a child process (this tree's `src`, alternated with `--base`'s
when given) and samples the child's process tree every 5 ms: how many of its threads are runnable (state R:
running or waiting for a core). `idle2` sums max(0, 2 - runnable) over the scan: the core-seconds a quiet
two-core box would leave unused (the parent's serial phases, a pool's last task). Wall and CPU move with the
machine's other load; this count does not (a process waiting for a core is still runnable), so it is the figure
to compare. `est` = (CPU + idle2) / 2 is the wall the scan would take alone on two cores.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def child(n: int, edits: bool, flag: str) -> None:
    """The timed scan (in the child): prints wall and CPU (children included); `flag` exists while it runs."""
    sys.path.insert(0, str(HERE))
    import synth

    from unspun import Article, ScanConfig, scan_articles
    from unspun.config import EmbedConfig

    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(n)]
    config = ScanConfig(embed=EmbedConfig(enabled=False), edits=edits)
    c0, t0 = os.times(), time.perf_counter()
    Path(flag).touch()
    scan_articles(articles, config)
    wall, c = time.perf_counter() - t0, os.times()
    Path(flag).unlink()
    cpu = c.user + c.system + c.children_user + c.children_system - (c0.user + c0.system + c0.children_user
                                                                      + c0.children_system)
    print(f"{wall:.2f} {cpu:.2f}", flush=True)


def _tree(pid: int) -> list[int]:
    out, k = [pid], 0
    while k < len(out):
        for t in _listdir(f"/proc/{out[k]}/task"):
            try:
                out += [int(x) for x in Path(f"/proc/{out[k]}/task/{t}/children").read_text().split()]
            except OSError:
                pass
        k += 1
    return out


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


def _runnable(pids: list[int]) -> int:
    n = 0
    for pid in pids:
        for t in _listdir(f"/proc/{pid}/task"):
            try:
                stat = Path(f"/proc/{pid}/task/{t}/stat").read_text()
            except OSError:
                continue
            n += stat[stat.rindex(")") + 2] == "R"
    return n


def measure(src: str, n: int, edits: bool) -> tuple[float, float, float]:
    """(wall, CPU, idle2) of one scan with PYTHONPATH=src."""
    flag = f"/tmp/scan_idle.{os.getpid()}.{time.monotonic_ns()}"
    args = [sys.executable, __file__, "--child", flag, "--n", str(n)] + (["--edits"] if edits else [])
    proc = subprocess.Popen(args, env=dict(os.environ, PYTHONPATH=src), stdout=subprocess.PIPE, text=True)
    idle, last, seen = 0.0, time.perf_counter(), False
    while proc.poll() is None:
        time.sleep(0.005)
        now = time.perf_counter()
        dt, last = now - last, now
        if not os.path.exists(flag):
            if seen:
                break  # the scan is over (the child's exit, freeing its heap, is not the scan's)
            continue
        seen = True
        idle += (2 - min(_runnable(_tree(proc.pid)), 2)) * dt
    wall, cpu = map(float, proc.communicate()[0].split())
    return wall, cpu, idle


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--edits", action="store_true", help="with edits (default: --no-edits)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--base", help="a base tree's src, alternated with this tree's")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.n, args.edits, args.child)
        return
    trees = [("this", str(HERE.parent / "src"))] + ([("base", args.base)] if args.base else [])
    for r in range(args.rounds):
        for label, src in trees[::-1] if r % 2 else trees:
            wall, cpu, idle = measure(src, args.n, args.edits)
            print(f"{label}: wall {wall:.2f} s, CPU {cpu:.2f} s, idle2 {idle:.2f} core-s, est {(cpu + idle) / 2:.2f} s "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main()
