#!/usr/bin/env python3
"""Do `high` edits mean "the meaning changed"? Measured on PAWS-Wiki word-scrambled sentence pairs.

    python benchmarks/edits/paws.py [--data TSV] [--limit N] [--raw] [--examples K] [--kind KIND]
    python benchmarks/edits/paws.py --data ../shared/data/mrpc/msr_paraphrase_train.txt   # real news pairs

PAWS pairs share almost all their words; label 1 = paraphrase, label 0 = meaning changed (often by
swapping two names or places). Rule, as in issue 14: a pair is called "meaning changed" when
`unspun.compare` gives it at least one `high` edit. Printed: the rate of `high` on label 1 (false
alarms, target <= 5%) and label 0 (hits, target >= 50%), the same per edit kind, balanced accuracy,
and examples of false highs and of missed meaning changes. MRPC files (news sentence pairs) load too:
there label 0 means "not a paraphrase" (often extra or missing detail), so only the label-1 rate (false
alarms on real news paraphrases) is comparable. The data is read at run time from
../shared/data (research use only; never copied into the repo).

By default the Penn-style tokenization of the files (" , ", "`` x ''", "-LRB-") is undone so the
text reads like prose; `--raw` feeds the file's text as is.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from unspun import compare

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "paws-wiki" / "dev.tsv"
if not DATA.exists():
    DATA = Path("/work/shared/data/paws-wiki/dev.tsv")

_DETOK = (
    (re.compile(r"``\s*(.*?)\s*''"), r'"\1"'),
    (re.compile(r"-LRB-\s*"), "("), (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"\(\s+"), "("), (re.compile(r"\s+\)"), ")"),
    (re.compile(r"\s+([,.;:!?%])"), r"\1"),
    (re.compile(r"\s+('s|n't|'re|'ve|'ll|'d|')\b"), r"\1"),
    (re.compile(r"\$\s+(?=\d)"), "$"),
)


def detokenize(text: str) -> str:
    """Undo PTB-style spacing so the sentence reads as prose (the way unspun meets real text)."""
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text.strip()


def load(path: Path, raw: bool, limit: int | None) -> list[tuple[str, str, str, int]]:
    """(id, sentence 1, sentence 2, label) rows of a PAWS file (id, s1, s2, label) or an MRPC file
    (label, id1, id2, s1, s2); a malformed line is an error naming the line."""
    rows = []
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if n == 1 and (parts[-1] == "label" or parts[0] == "Quality"):
                continue
            if len(parts) == 5 and parts[0] in ("0", "1"):  # MRPC: already prose, not PTB-tokenized
                rows.append((f"{parts[1]}-{parts[2]}", parts[3], parts[4], int(parts[0])))
            elif len(parts) == 4 and parts[3] in ("0", "1"):
                a, b = (parts[1], parts[2]) if raw else (detokenize(parts[1]), detokenize(parts[2]))
                rows.append((parts[0], a, b, int(parts[3])))
            else:
                raise SystemExit(f"{path}:{n}: expected 'id<TAB>s1<TAB>s2<TAB>0|1' (PAWS) or "
                                 "'0|1<TAB>id1<TAB>id2<TAB>s1<TAB>s2' (MRPC)")
            if limit and len(rows) >= limit:
                break
    return rows


def evaluate(rows, examples: int = 0, kind_filter: str | None = None) -> dict:
    """Counts per label: pairs with any high edit, pairs with a high edit of each kind; plus examples."""
    n = Counter()
    high = Counter()
    by_kind: dict[int, Counter] = {0: Counter(), 1: Counter()}
    shown: dict[str, list[str]] = defaultdict(list)
    for rid, a, b, label in rows:
        result = compare(a, b)
        n[label] += 1
        highs = [e for e in result.edits if e.severity == "high"]
        if highs:
            high[label] += 1
        for kind in {e.kind for e in highs}:
            by_kind[label][kind] += 1
        if label == 1 and highs and examples:
            kind = highs[0].kind
            if (kind_filter is None or kind == kind_filter) and len(shown[f"false high: {kind}"]) < examples:
                e = highs[0]
                shown[f"false high: {kind}"].append(
                    f"  [{rid}] {e.a_text!r} -> {e.b_text!r} ({e.why})\n     a: {a}\n     b: {b}")
        if label == 0 and not highs and examples:
            kinds = ",".join(sorted({e.kind for e in result.edits})) or "no edit"
            if kind_filter is None and len(shown["missed"]) < examples:
                shown["missed"].append(f"  [{rid}] edits: {kinds}\n     a: {a}\n     b: {b}")
    return {"n": n, "high": high, "by_kind": by_kind, "examples": shown}


def report(res: dict) -> None:
    n, high, by_kind = res["n"], res["high"], res["by_kind"]
    r1 = high[1] / n[1] if n[1] else 0.0
    r0 = high[0] / n[0] if n[0] else 0.0
    print(f"pairs: {n[1]} paraphrases (label 1), {n[0]} meaning changed (label 0)")
    print(f"high edit on paraphrases:     {high[1]:5d} = {r1:6.1%}  (target <= 5%)")
    print(f"high edit on non-paraphrases: {high[0]:5d} = {r0:6.1%}  (target >= 50%)")
    print(f"balanced accuracy: {(r0 + 1 - r1) / 2:.3f}  (chance 0.500)")
    kinds = sorted(set(by_kind[0]) | set(by_kind[1]), key=lambda k: -(by_kind[0][k] + by_kind[1][k]))
    print(f"\n{'kind (pairs with a high edit of it)':38s} {'label 1':>9s} {'label 0':>9s}")
    for k in kinds:
        print(f"{k:38s} {by_kind[1][k] / max(n[1], 1):9.1%} {by_kind[0][k] / max(n[0], 1):9.1%}")
    for title, lines in res["examples"].items():
        print(f"\n{title} ({len(lines)} shown)")
        print("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N pairs only")
    ap.add_argument("--raw", action="store_true", help="keep the file's PTB tokenization")
    ap.add_argument("--examples", type=int, default=0, help="print up to K examples per kind")
    ap.add_argument("--kind", default=None, help="only show false-high examples of this kind")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: not found (pass --data PATH to the PAWS-Wiki dev.tsv)")
    rows = load(args.data, args.raw, args.limit)
    t0 = time.perf_counter()
    res = evaluate(rows, args.examples, args.kind)
    report(res)
    print(f"\n{len(rows)} pairs in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
