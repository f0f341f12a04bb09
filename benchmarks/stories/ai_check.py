"""Quick guard for the shared relation rule: on the ai-rewrites set, how many ChatGPT rewrites are still
found as copies (exact / near-duplicate / rewrite), and how many not-derived pairs are called copies.

    python benchmarks/stories/ai_check.py [--data DIR] [--cache DIR] [--no-embed] [--dump pairs.jsonl]

The full benchmark of that set (direction, siblings, baselines) is benchmarks/ai_rewrites/run.py; this
one only counts relations per label kind, so a relation change can be checked against both sets.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

COPY = {"exact", "near-duplicate", "rewrite"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data/ai-rewrites-wiki"))
    ap.add_argument("--cache", type=Path, help="embedding cache dir to keep between runs (default: cold)")
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--dump", type=Path)
    args = ap.parse_args()

    from unspun.config import EmbedConfig, ScanConfig
    from unspun.ingest import read_sources
    from unspun.scan import scan_articles

    labels = []
    for line in (args.data / "labels.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        a, b, label, kind, _ = line.split("\t")
        labels.append((a, b, label, kind))
    with tempfile.TemporaryDirectory(prefix="unspun-ai-cache-") as cold:
        config = ScanConfig(embed=EmbedConfig(enabled=not args.no_embed, cache_dir=str(args.cache or cold)))
        start = time.perf_counter()
        result = scan_articles(read_sources([args.data / "docs"]), config)
        seconds = time.perf_counter() - start
    found = {frozenset((p.a, p.b)): p for p in result.pairs}
    table: dict[str, Counter] = {}
    for a, b, label, kind in labels:
        p = found.get(frozenset((a, b)))
        table.setdefault(f"{label} {kind}", Counter())[p.relation if p else "none"] += 1
    print(f"scan {seconds:.1f} s ({'lexical' if args.no_embed else 'embeddings'})")
    for key, counts in sorted(table.items()):
        n = sum(counts.values())
        copies = sum(v for k, v in counts.items() if k in COPY)
        print(f"  {key:50} n={n:4}  as copy {copies / n:.3f}  {dict(sorted(counts.items()))}")
    pos = [c for k, c in table.items() if k.startswith("pos")]
    n_pos = sum(sum(c.values()) for c in pos)
    print(f"rewrites found (pos as copy): {sum(v for c in pos for k, v in c.items() if k in COPY) / n_pos:.3f}")
    if args.dump:
        kinds = {frozenset((a, b)): (label, kind) for a, b, label, kind in labels}
        with args.dump.open("w", encoding="utf-8") as fh:
            for p in result.pairs:
                label, kind = kinds.get(frozenset((p.a, p.b)), ("unlabelled", ""))
                fh.write(json.dumps({
                    "a": p.a, "b": p.b, "relation": p.relation, "score": p.score, "label": label, "kind": kind,
                    "coverage_a": p.coverage_a, "coverage_b": p.coverage_b, "copy_coverage": p.copy_coverage,
                    "matches": [[m.a_span, m.b_span, m.kind, m.score] for m in p.matches],
                }) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    main()
