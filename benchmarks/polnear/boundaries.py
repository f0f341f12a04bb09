"""Where content and source spans go wrong when the cue is right: a boundary-error table.

    python benchmarks/polnear/boundaries.py [--split train] [--limit 300] [--show CLASS] [--n 12]

For every gold attribution (weighted 1/k as in run.py) whose cue the extractor found exactly, the
predicted content (and source) is compared with the gold one after trimming, and a wrong one is put
in one class: gold in two or more pieces where the prediction has one ("two pieces in gold"), the
reverse, same start but the end too early / too late, same end but the start too early / too late,
both ends off, disjoint.  It prints the count per class, and `--show CLASS` prints examples of one
class locally (gold and predicted span in context; PolNeAR text is never committed).  The classes
say which boundary convention is worth a rule; the counts are how many exact hits it could buy.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

from loader import load_split  # noqa: E402
from run import claims_to_polnear  # noqa: E402
from score import trim  # noqa: E402

from unspun.claims import ClaimExtractor  # noqa: E402

Frags = tuple[tuple[int, int], ...]
CLASSES = ("exact", "two pieces in gold", "pieces in prediction only", "end too early", "end too late",
           "start too early", "start too late", "both ends off", "disjoint", "none predicted")


def boundary_class(gold: Frags, pred: Frags) -> str:
    """The class of one predicted span against the gold one (both trimmed and sorted)."""
    if gold == pred:
        return "exact"
    if not pred:
        return "none predicted"
    g0, g1 = gold[0][0], gold[-1][1]
    p0, p1 = pred[0][0], pred[-1][1]
    if not (p0 < g1 and g0 < p1):
        return "disjoint"
    if len(gold) > 1 and len(pred) == 1:
        return "two pieces in gold"
    if len(pred) > 1 and len(gold) == 1:
        return "pieces in prediction only"
    if g0 == p0:
        return "end too early" if p1 < g1 else "end too late"
    if g1 == p1:
        return "start too early" if p0 < g0 else "start too late"
    return "both ends off"


def _show(text: str, gold: Frags, pred: Frags, cue: Frags) -> str:
    lo = min(x for x, _ in gold + pred + cue)
    hi = max(y for _, y in gold + pred + cue)
    g = " | ".join(text[a:b] for a, b in gold)
    p = " | ".join(text[a:b] for a, b in pred)
    return (f"  CUE [{' '.join(text[a:b] for a, b in cue)}]\n  GOLD [{g}]\n  PRED [{p}]\n"
            f"  CTX  {text[max(0, lo - 60):hi + 60]!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train", choices=["train", "dev"])
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--role", default="content", choices=["content", "source"])
    ap.add_argument("--show", default="", help="print examples of this class")
    ap.add_argument("--n", type=int, default=12)
    ap.add_argument("--skip", type=int, default=0, help="skip this many examples before printing")
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()
    docs = load_split(args.split)[: args.limit or None]
    preds = ClaimExtractor(n_process=args.processes).extract_many([d.text for d in docs])
    counts: dict[str, float] = defaultdict(float)
    seen = 0
    for d, claims in zip(docs, preds):
        by_cue = {trim(d.text, p.cue): p for p in claims_to_polnear(d.text, claims) if p.cue}
        w = 1.0 / len(d.annotations)
        for ann in d.annotations:
            for a in ann.attributions:
                p = by_cue.get(trim(d.text, a.cue))
                gold = trim(d.text, getattr(a, args.role))
                if p is None or not gold:
                    continue
                pred = trim(d.text, getattr(p, args.role))
                cls = boundary_class(gold, pred)
                counts[cls] += w
                if cls == args.show:
                    seen += 1
                    if args.skip < seen <= args.skip + args.n:
                        print(f"- {d.name}\n{_show(d.text, gold, pred, trim(d.text, a.cue))}")
    total = sum(counts.values())
    print(f"PolNeAR {args.split}[:{len(docs)}]: {total:.0f} gold {args.role} spans whose cue was found exactly")
    for cls in CLASSES:
        if counts[cls]:
            print(f"{cls:<28}{counts[cls]:8.1f}{100 * counts[cls] / total:7.1f}%")


if __name__ == "__main__":
    main()
