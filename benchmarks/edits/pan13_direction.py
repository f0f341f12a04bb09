#!/usr/bin/env python3
"""Direction on rewrites made by other hands: PAN13's obfuscated plagiarism cases (read at run time only).

    python benchmarks/edits/pan13_direction.py [--per-type 200] [--root /work/shared/data/pan13-train]

Each gold case is a source passage and the passage a plagiarist's program made from it: 03-random-obfuscation
(machine word shuffling, deletion and synonym replacement — the closest public proxy for a spinner) and
04-translation-obfuscation (machine-translation round trips). unspun never saw these texts while its
direction rules were written, so this is the held-out check that the signals point the right way on
rewrites it did not author. Every case is judged in both orders (source first and source second), so a
bias for either position scores 0.5. Prints accuracy (unknown counts as wrong), coverage and the same
per-signal ablation as direction.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "pan13"))

from direction import collect, score  # noqa: E402
from loader import DEFAULT_ROOT, iter_pairs  # noqa: E402

from unspun.config import ExplainConfig  # noqa: E402

TYPES = ("03-random-obfuscation", "04-translation-obfuscation")
_MAX_CHARS = 6000  # passages above ~1,000 words are rare; compare() is fast but the set is big


def cases(root: Path, kind: str, per_type: int) -> list[tuple[str, str, str, str]]:
    """(id, a, b, want) rows: every case of the first `per_type` pairs of `kind`, in both orders."""
    rows = []
    for pair in iter_pairs(root, (kind,), limit_per_type=per_type):
        for i, c in enumerate(pair.cases):
            src = pair.src_text[c.source_offset : c.source_offset + c.source_length]
            susp = pair.susp_text[c.this_offset : c.this_offset + c.this_length]
            if not src.strip() or not susp.strip() or max(len(src), len(susp)) > _MAX_CHARS:
                continue
            cid = f"{pair.ref.susp[:-4]}#{i}"
            rows += [(cid, src, susp, "a"), (cid + "r", susp, src, "b")]
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--per-type", type=int, default=200, help="pairs read per obfuscation type")
    args = ap.parse_args()
    if not args.root.is_dir():
        print(f"PAN13 corpus not found at {args.root} (pass --root)", file=sys.stderr)
        return 2
    threshold = ExplainConfig().direction_min_confidence
    sets = {kind[3:]: collect(cases(args.root, kind, args.per_type)) for kind in TYPES}
    signals = sorted({v.signal for rows in sets.values() for _, _, vs in rows for v in vs})
    print(f"unknown below confidence {threshold}; accuracy counts unknown as wrong; both orders of every case")
    print(f"{'':<18}" + "".join(f"{name + f' (n={len(rows)})':>34}" for name, rows in sets.items()))
    configs = [("all signals", lambda s: True)]
    configs += [(f"- {x}", lambda s, x=x: s != x) for x in signals]
    configs += [(f"{x} only", lambda s, x=x: s == x) for x in signals]
    for label, keep in configs:
        cells = []
        for rows in sets.values():
            acc, cov = score(rows, keep, threshold)
            right = sum(1 for _, want, vs in rows if _decided(vs, keep, threshold) == want)
            decided = sum(1 for _, _, vs in rows if _decided(vs, keep, threshold) is not None)
            prec = right / decided if decided else float("nan")
            cells.append(f"acc {acc:.3f} cov {cov:.3f} prec {prec:.3f}")
        print(f"{label:<18}" + "".join(f"{c:>34}" for c in cells))
    return 0


def _decided(vs, keep, threshold):
    from unspun.direction import combine

    return combine([v for v in vs if keep(v.signal)], threshold).original


if __name__ == "__main__":
    sys.exit(main())
