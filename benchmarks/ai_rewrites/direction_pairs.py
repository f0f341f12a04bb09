"""Direction on fluent chatbot rewrites, pair by pair (no scan): which signals name the original?

Usage: python benchmarks/ai_rewrites/direction_pairs.py [--data DIR] [--groups N] [-v]

Every labelled rewrite pair (pos: a is the original) is compared with `unspun.compare` in both orders, so
a bias for either position scores 0.5; sibling pairs (two rewrites of one original) must get no
direction. Prints the per-signal ablation of benchmarks/edits/direction.py (accuracy counts unknown as
wrong) and, for siblings, the share given a direction. The texts are read at run time only.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "edits"))
sys.path.insert(0, str(HERE))

from direction import print_table  # noqa: E402  (benchmarks/edits/direction.py)

from unspun.config import ExplainConfig  # noqa: E402
from unspun.edits.compare import compare  # noqa: E402
from unspun.edits.direction import combine, decide  # noqa: E402
from unspun.edits.fluent import fluent_votes  # noqa: E402
from unspun.edits import direction as direction_module  # noqa: E402

_spec = importlib.util.spec_from_file_location("ai_rewrites_run", HERE / "run.py")
_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_run)
DEFAULT, load_labels, pick_groups = _run.DEFAULT, _run.load_labels, _run.pick_groups


def collect(rows, text):
    """(id, want, votes) for both orders of every pos pair."""
    out = []
    for r in rows:
        for a, b, want, suffix in ((r["a"], r["b"], "a", ""), (r["b"], r["a"], "b", "r")):
            c = compare(text[a], text[b], id_a=a, id_b=b)
            vs = direction_module.votes(c.a, c.b, c.edits, c.coverage_a, c.coverage_b, matches=c.matches)
            if not any(v.signal == "information" for v in vs):  # phase 1: the new votes beside the old
                vs += [direction_module.Vote(*t) for t in fluent_votes(text[a], text[b])]
            out.append((r["a"] + r["b"] + suffix, want, vs))
    return out


def siblings(rows, text, threshold: float) -> tuple[float, list]:
    given = []
    for r in rows:
        c = compare(text[r["a"]], text[r["b"]], id_a=r["a"], id_b=r["b"])
        d = decide(c.a, c.b, c.edits, c.coverage_a, c.coverage_b, ExplainConfig(), matches=c.matches)
        if d.original is not None:
            given.append((r, d))
    return len(given) / max(1, len(rows)), given


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--groups", type=int, default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    labels, ids = pick_groups(load_labels(args.data / "labels.tsv"), args.groups)
    text = {i: (args.data / "docs" / f"{i}.txt").read_text(encoding="utf-8") for i in ids}
    threshold = ExplainConfig().direction_min_confidence
    sets = {}
    for kind in sorted({r["kind"] for r in labels if r["label"] == "pos"}):
        sets[kind.replace("chatgpt_", "")] = collect([r for r in labels if r["kind"] == kind], text)
    print(f"unknown below confidence {threshold}; accuracy counts unknown as wrong; both orders of every pair")
    print_table(sets, threshold, width=30)
    share, given = siblings([r for r in labels if r["label"] == "sib"], text, threshold)
    print(f"siblings given a direction (pair alone, no corpus): {share:.3f}")
    if args.verbose:
        for name, rows in sets.items():
            for pid, want, vs in rows:
                d = combine(vs, threshold)
                if d.original != want:
                    print(name, pid, "want", want, "got", d.original, d.confidence)
                    for v in vs:
                        print(f"    {v.signal:<14}{v.weight:+.2f} {v.why[:160]}")
        for r, d in given[:10]:
            print("sibling", r["a"], r["b"], "got", d.original, d.confidence, " | ".join(d.signals)[:200])
    return 0


if __name__ == "__main__":
    sys.exit(main())
