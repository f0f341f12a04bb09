#!/usr/bin/env python3
"""Direction (which version is the original) on undated pairs, per set, with a per-signal ablation.

    python benchmarks/edits/direction.py [--verbose]

Sets: the 45 undated pairs of `data/` (the rules were written while looking at them), the 24 spun pairs
of `heldout/` (written before tuning, never tuned on), the 12 plain human rewrites of `plain/` (written
before the information-loss signals, never tuned on), and the synthetic thesaurus spins of `synthetic.py`
(both orders). Accuracy counts "unknown" as wrong, as run.py does; coverage is the share decided.
Ablation: the same votes recombined without one signal ("-x") and with that signal alone ("x only").
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import spins  # noqa: E402

from unspun.config import ExplainConfig  # noqa: E402
from unspun.edits.direction import combine, votes  # noqa: E402
from unspun.edits.compare import compare  # noqa: E402


def undated(data: Path) -> list[tuple[str, str, str, str]]:
    """(id, a, b, want) for the pairs without dates (the original is a)."""
    out = []
    for p in sorted(data.glob("pair-*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        if not (d.get("original_published") or d.get("rewrite_published")):
            out.append((d["id"], d["original"], d["rewrite"], "a"))
    return out


def synthetic_pairs() -> list[tuple[str, str, str, str]]:
    out = []
    for pid, orig, spun, _ in spins():
        out += [(pid, orig, spun, "a"), (pid + "r", spun, orig, "b")]
    return out


def collect(rows):
    """(id, want, votes) per pair, votes computed once so that every ablation recombines them."""
    out = []
    for pid, a, b, want in rows:
        c = compare(a, b, id_a="a", id_b="b")
        out.append((pid, want, votes(c.a, c.b, c.edits, c.coverage_a, c.coverage_b, matches=c.matches)))
    return out


def score(collected, keep, threshold: float) -> tuple[float, float, float]:
    """(accuracy with unknown as wrong, coverage, precision of those decided) using only the votes whose
    signal passes `keep`."""
    ok = decided = 0
    for _, want, vs in collected:
        d = combine([v for v in vs if keep(v.signal)], threshold)
        decided += d.original is not None
        ok += d.original == want
    n = len(collected)
    return ok / n, decided / n, ok / decided if decided else float("nan")


def print_table(sets: dict, threshold: float, width: int = 26, precision: bool = False) -> None:
    """All signals, then each signal left out ("- x") and alone ("x only"), one column per set."""
    signals = sorted({v.signal for rows in sets.values() for _, _, vs in rows for v in vs})
    print(f"{'':<18}" + "".join(f"{name + f' (n={len(rows)})':>{width}}" for name, rows in sets.items()))
    configs = [("all signals", lambda s: True)]
    configs += [(f"- {x}", lambda s, x=x: s != x) for x in signals]
    configs += [(f"{x} only", lambda s, x=x: s == x) for x in signals]
    for label, keep in configs:
        cells = []
        for rows in sets.values():
            acc, cov, prec = score(rows, keep, threshold)
            cells.append(f"acc {acc:.3f} cov {cov:.3f}" + (f" prec {prec:.3f}" if precision else ""))
        print(f"{label:<18}" + "".join(f"{c:>{width}}" for c in cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    threshold = ExplainConfig().direction_min_confidence
    sets = {
        "data (undated)": collect(undated(HERE / "data")),
        "heldout": collect(undated(HERE / "heldout")),
        "plain": collect(undated(HERE / "plain")),
        "synthetic": collect(synthetic_pairs()),
    }
    print(f"unknown below confidence {threshold}; accuracy counts unknown as wrong; cov = share decided")
    print_table(sets, threshold)
    if args.verbose:
        for name, rows in sets.items():
            for pid, want, vs in rows:
                d = combine(vs, threshold)
                if d.original != want:
                    print(name, pid, "want", want, "got", d.original, d.confidence)
                    for v in vs:
                        print(f"    {v.signal:<12}{v.weight:+.2f} {v.why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
