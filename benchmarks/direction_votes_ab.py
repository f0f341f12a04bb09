"""Interleaved A/B of the direction votes' CPU (`edits.direction.votes`) between two source trees, in alternating rounds.

Usage: python benchmarks/direction_votes_ab.py BASE_SRC NEW_SRC [--n 2000 | --ai] [--rounds 10] [--calls PATH]
Records once (under BASE_SRC, one process, as `direction_votes.py`: every pair the pair stage decides, synthetic
`--n` articles or the ai-rewrites-wiki texts with `--ai`) into a pickle (`--calls`: kept at PATH, and reused when it is there), then starts one worker per tree that
loads it and runs `votes` over every recorded pair when told; the rounds alternate base/new (the first of each
round swapped every round), the per-text memos cleared before each. On a shared machine the paired ratios of
adjacent rounds are steadier than minima of separate runs. Prints each tree's rounds, min and median, the ratios
and both digests of the votes (equal digests: equal votes).
"""
from __future__ import annotations

import argparse
import hashlib
import math
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def record(n: int, ai: bool, out: str) -> None:
    """Pickle (a, b, edits, coverage_a, coverage_b, matches) of every pair the pair stage decides."""
    sys.path.insert(0, str(HERE))
    import direction_votes

    if not ai:
        calls = direction_votes.recorded(n)
    else:
        from scan_identical import AI_DATA, ai_articles

        calls = direction_votes.recorded_of(ai_articles(AI_DATA))
    with open(out, "wb") as f:
        pickle.dump(calls, f, protocol=5)


def work(path: str) -> None:
    """A worker: load the recorded pairs, print the votes' digest, then time one round per line read."""
    sys.path.insert(0, str(HERE))
    import direction_votes
    from unspun import ScanConfig
    from unspun.edits import direction, information
    from unspun.fingerprint import load_details
    from unspun.scan import _load_kernels

    with open(path, "rb") as f:
        calls = pickle.load(f)
    _load_kernels(ScanConfig())
    load_details()
    memos = [*direction_votes._MEMOS, *(m for m in (getattr(information, "_example_key", None),) if m is not None)]
    found = [direction.votes(a, b, e, ca, cb, None, m) for a, b, e, ca, cb, m in calls]
    print(hashlib.sha256(repr([(v.signal, v.weight, v.why) for vs in found for v in vs]).encode()).hexdigest()[:16],
          flush=True)
    for _ in sys.stdin:
        for memo in memos:
            memo.cache_clear()
        t = time.process_time()
        for a, b, e, ca, cb, m in calls:
            direction.votes(a, b, e, ca, cb, None, m)
        print(time.process_time() - t, flush=True)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        return work(sys.argv[2])
    if len(sys.argv) >= 2 and sys.argv[1] == "--record":
        return record(int(sys.argv[2]), sys.argv[3] == "ai", sys.argv[4])
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--ai", action="store_true")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--calls", help="a recording to reuse (kept): written here when missing, else read")
    args = ap.parse_args()
    trees = {"base": args.base, "new": args.new}
    with tempfile.TemporaryDirectory() as tmp:
        path = args.calls or os.path.join(tmp, "calls.pkl")
        if not os.path.exists(path):
            subprocess.run([sys.executable, __file__, "--record", str(args.n), "ai" if args.ai else "synthetic", path],
                           env=dict(os.environ, PYTHONPATH=args.base), check=True)
        procs = {k: subprocess.Popen([sys.executable, __file__, "--worker", path], env=dict(os.environ, PYTHONPATH=t),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for k, t in trees.items()}
        digests = {k: p.stdout.readline().strip() for k, p in procs.items()}
        times: dict[str, list[float]] = {k: [] for k in procs}
        for r in range(args.rounds):
            for k in ("base", "new") if r % 2 == 0 else ("new", "base"):
                procs[k].stdin.write("go\n")
                procs[k].stdin.flush()
                times[k].append(float(procs[k].stdout.readline()))
        for p in procs.values():
            p.stdin.close()
            p.wait()
    for k, v in times.items():
        print(f"{k}: {' '.join(f'{x:.2f}' for x in v)}; min {min(v):.3f}, median {statistics.median(v):.3f}; "
              f"digest {digests[k]}")
    paired = [b / n for b, n in zip(times["base"], times["new"])]
    print(f"base/new: min {min(times['base']) / min(times['new']):.3f}, median "
          f"{statistics.median(times['base']) / statistics.median(times['new']):.3f}, paired rounds geomean "
          f"{math.exp(sum(map(math.log, paired)) / len(paired)):.3f}; digests {'equal' if len(set(digests.values())) == 1 else 'DIFFER'}")


if __name__ == "__main__":
    main()
