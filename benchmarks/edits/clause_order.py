#!/usr/bin/env python3
"""Recount how often news fronts or trails each subordinate clause (the table in unspun.edits.clause_order).

    python benchmarks/edits/clause_order.py [--data /work/shared/data]

Counts, per word, sentences that start with it and have a comma (fronted) and sentences that use it after
their first word (trailing), in PolNeAR's 924 political news articles (sentences split by unspun) and in
MRPC's news sentences (deduplicated). Texts are read at run time; only the counts are in the library.
Prints both corpora apart (they should agree), the pooled counts beside the shipped table, and the
log-odds in bits that the direction vote uses.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "polnear"))

from loader import load_split  # noqa: E402

from unspun.edits.clause_order import ORDER_COUNTS  # noqa: E402
from unspun.clean import split_sentences  # noqa: E402

_INNER = re.compile(r"(?<=\s)([a-z]+)(?=\s)")


def count(sentences) -> dict[str, list[int]]:
    """word -> [fronted, trailing] sentence counts."""
    out = {w: [0, 0] for w in ORDER_COUNTS}
    for s in sentences:
        s = s.strip().lstrip("\"\u201c")
        first, _, rest = s.partition(" ")
        first = first.casefold().strip(",")
        if first in out and "," in s:
            out[first][0] += 1
        for w in set(_INNER.findall(" " + rest)):
            if w in out:
                out[w][1] += 1
    return out


def polnear_sentences(root: Path) -> list[str]:
    texts = [d.text for split in ("train", "dev") for d in load_split(split, root / "polnear" / "data")]
    return [t[a:b] for t in texts for a, b in split_sentences(t)]


def mrpc_sentences(root: Path) -> list[str]:
    out = set()
    for name in ("msr_paraphrase_train.txt", "msr_paraphrase_test.txt"):
        lines = (root / "mrpc" / name).read_text(encoding="utf-8-sig").splitlines()[1:]
        for line in lines:
            parts = line.split("\t")
            if len(parts) == 5:
                out.update(parts[3:5])
    return sorted(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    args = ap.parse_args()
    pol, mrpc = polnear_sentences(args.data), mrpc_sentences(args.data)
    cp, cm = count(pol), count(mrpc)
    print(f"PolNeAR {len(pol):,} sentences, MRPC {len(mrpc):,} sentences; share of clauses that trail")
    print(f"{'word':<10}{'PolNeAR':>10}{'MRPC':>8}{'pooled f/t':>14}{'shipped f/t':>14}{'bits':>7}")
    for w, shipped in ORDER_COUNTS.items():
        f, t = cp[w][0] + cm[w][0], cp[w][1] + cm[w][1]
        share = [c[1] / (sum(c) or 1) for c in (cp[w], cm[w])]
        print(f"{w:<10}{share[0]:>10.3f}{share[1]:>8.3f}{f'{f}/{t}':>14}{f'{shipped[0]}/{shipped[1]}':>14}"
              f"{math.log2((t + 1) / (f + 1)):>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
