#!/usr/bin/env python3
"""Score `unspun.compare` on the hand-labelled edit pairs: per-kind precision/recall/F1 and direction.

    python benchmarks/edits/run.py [--data DIR] [--verbose]

Scoring (README "Suggested scoring"): a predicted edit matches a gold edit when their spans overlap on
either side (zero-width insertion points count when they fall inside the gold span).
- recall per kind: gold non-synonym edits of that kind overlapped by a prediction of the same kind;
- precision per non-synonym kind: predictions of that kind overlapping a gold edit of that kind;
  a prediction that overlaps nothing, or overlaps only synonyms/other kinds, counts against it;
- "detected" recall: a gold non-synonym edit overlapped by any high/medium-severity prediction;
- synonym P/R only on `synonyms_complete` pairs;
- direction accuracy: `original` must be "a" (the benchmark's original) — reported separately for undated
  pairs; "unknown" counts as wrong for accuracy and is also reported as coverage.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from unspun.config import ExplainConfig
from unspun.edits.direction import decide
from unspun.edits.compare import compare

DATA = Path(__file__).parent / "data"
KINDS = ("meaning_flip", "quote_altered", "number_change", "name_change", "idiom_broken", "added", "removed")


def _overlap(p, g) -> bool:
    if p is None or g is None:
        return False
    ps, pe = p
    gs, ge = g
    if pe == ps:  # insertion point
        return gs <= ps <= ge
    return ps < ge and gs < pe


def overlaps(pred, gold) -> bool:
    return _overlap(pred.a_span, gold.get("a_span")) or _overlap(pred.b_span, gold.get("b_span"))


def load(data: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(data.glob("pair-*.json"))]


def evaluate(pairs: list[dict], verbose: bool = False) -> dict:
    """Counts and rates for every kind plus direction; the quality-gate test calls this too."""
    tp_r, n_gold = Counter(), Counter()
    tp_p, n_pred = Counter(), Counter()
    detected = 0
    confusion = Counter()
    syn = Counter()
    direction = Counter()
    misses = defaultdict(list)
    curve: list[tuple[float, bool]] = []
    halves: dict[int, list[tuple[float, bool]]] = {0: [], 1: []}  # undated pairs by id parity (1 = odd)
    false_pos = defaultdict(list)
    for pair in pairs:
        comp = compare(
            pair["original"], pair["rewrite"], id_a="a", id_b="b",
            published_a=pair.get("original_published"), published_b=pair.get("rewrite_published"),
        )
        gold = pair["edits"]
        dated = bool(pair.get("original_published") or pair.get("rewrite_published"))
        key = "dated" if dated else "undated"
        direction[key, "n"] += 1
        direction[key, "correct"] += comp.original == "a"
        direction[key, "unknown"] += comp.original is None
        # The same vote without the "unknown" cut-off, for the coverage/accuracy curve.
        raw = decide(comp.a, comp.b, comp.edits, comp.coverage_a, comp.coverage_b,
                     ExplainConfig(direction_min_confidence=0.0), matches=comp.matches)
        if not dated:
            curve.append((raw.confidence if raw.original else 0.0, raw.original == "a"))
            halves[int(pair["id"][-3:]) % 2].append((raw.confidence if raw.original else 0.0, raw.original == "a"))
        for g in gold:
            if g["kind"] == "synonym":
                continue
            n_gold[g["kind"]] += 1
            hits = [p for p in comp.edits if overlaps(p, g)]
            if any(p.kind == g["kind"] for p in hits):
                tp_r[g["kind"]] += 1
            else:
                misses[g["kind"]].append((pair["id"], g["a_text"], g["b_text"], [(p.kind, p.a_text, p.b_text) for p in hits]))
            if any(p.severity in ("high", "medium") for p in hits):
                detected += 1
            for p in hits:
                confusion[g["kind"], p.kind] += 1
        for p in comp.edits:
            if p.kind == "synonym":
                continue
            n_pred[p.kind] += 1
            if any(overlaps(p, g) and g["kind"] == p.kind for g in gold):
                tp_p[p.kind] += 1
            else:
                false_pos[p.kind].append((pair["id"], p.a_text, p.b_text, p.why))
        if pair.get("synonyms_complete"):
            gsyn = [g for g in gold if g["kind"] == "synonym"]
            psyn = [p for p in comp.edits if p.kind == "synonym"]
            syn["gold"] += len(gsyn)
            syn["pred"] += len(psyn)
            syn["tp_r"] += sum(any(overlaps(p, g) for p in psyn) for g in gsyn)
            syn["tp_p"] += sum(any(overlaps(p, g) for g in gold) for p in psyn)
    if verbose:
        for kind in KINDS:
            for m in misses[kind]:
                print("MISS", kind, m)
            for f in false_pos[kind]:
                print("FP  ", kind, f)
    per_kind = {}
    for kind in KINDS:
        r = tp_r[kind] / n_gold[kind] if n_gold[kind] else 0.0
        p = tp_p[kind] / n_pred[kind] if n_pred[kind] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_kind[kind] = {"precision": p, "recall": r, "f1": f, "gold": n_gold[kind], "predicted": n_pred[kind]}
    per_kind["synonym"] = {
        "precision": syn["tp_p"] / syn["pred"] if syn["pred"] else 0.0,
        "recall": syn["tp_r"] / syn["gold"] if syn["gold"] else 0.0,
        "gold": syn["gold"], "predicted": syn["pred"],
    }
    s = per_kind["synonym"]
    s["f1"] = 2 * s["precision"] * s["recall"] / (s["precision"] + s["recall"]) if s["precision"] + s["recall"] else 0.0
    total_gold = sum(n_gold.values())
    dir_out = {}
    for key in ("undated", "dated"):
        n = direction[key, "n"]
        dir_out[key] = {
            "n": n,
            "accuracy": direction[key, "correct"] / n if n else 0.0,
            "unknown": direction[key, "unknown"] / n if n else 0.0,
        }
    dir_out["undated_curve"] = [
        (t, sum(c >= t for c, _ in curve) / len(curve) if curve else 0.0,
         (sum(ok for c, ok in curve if c >= t) / max(1, sum(c >= t for c, _ in curve))))
        for t in (0.5, 0.6, 0.7, 0.8, 0.9)
    ]
    # "unknown" threshold: fitted on odd-numbered undated pairs (maximize correct - wrong, ties -> higher),
    # reported on the even-numbered ones (held out).
    def at(rows, t):
        dec = [ok for c, ok in rows if c >= t]
        return sum(dec), len(dec) - sum(dec), len(rows)

    grid = [round(0.5 + 0.05 * k, 2) for k in range(10)]
    best = max(grid, key=lambda t: (at(halves[1], t)[0] - at(halves[1], t)[1], t))
    dir_out["calibration"] = {"threshold": best, "odd": at(halves[1], best), "even_held_out": at(halves[0], best)}
    from unspun.edits.spin import spin_score

    neg = [spin_score(p["original"]).score for p in pairs]
    pos = [spin_score(p["rewrite"]).score for p in pairs]
    spin_auc = sum((x > y) + 0.5 * (x == y) for x in pos for y in neg) / (len(pos) * len(neg)) if pairs else 0.0
    return {"per_kind": per_kind, "detected": detected / total_gold if total_gold else 0.0,
            "direction": dir_out, "confusion": confusion, "spin_auc": spin_auc}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    pairs = load(args.data)
    out = evaluate(pairs, args.verbose)
    print(f"{len(pairs)} pairs")
    print(f"{'kind':<15}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for kind, m in out["per_kind"].items():
        print(f"{kind:<15}{m['gold']:>6}{m['predicted']:>6}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}")
    print(f"non-synonym gold edits detected at high/medium severity (any kind): {out['detected']:.3f}")
    for key in ("undated", "dated"):
        d = out["direction"][key]
        print(f"direction ({key}, n={d['n']}): accuracy {d['accuracy']:.3f}, unknown {d['unknown']:.3f}")
    print("direction (undated) by confidence threshold: threshold, coverage, accuracy of those decided")
    for t, cov, acc in out["direction"]["undated_curve"]:
        print(f"  >= {t:.1f}: coverage {cov:.3f}, accuracy {acc:.3f}")
    cal = out["direction"]["calibration"]
    for name, (ok, bad, n) in (("odd (fitted)", cal["odd"]), ("even (held out)", cal["even_held_out"])):
        print(f"  threshold {cal['threshold']:.2f} fitted on odd pairs -> {name}: accuracy {ok / n:.3f}, "
              f"wrong {bad / n:.3f}, unknown {(n - ok - bad) / n:.3f} (n={n})")
    print(f"lone-article spin score, originals vs rewrites: AUC {out['spin_auc']:.3f}")
    print("confusion (gold -> predicted, overlapping):")
    for (g, p), c in sorted(out["confusion"].items()):
        if g != p:
            print(f"  {g} -> {p}: {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
