"""Is a change output-neutral? Write the scan JSON of a synthetic corpus and of the ai-rewrites set, or compare.

Usage (run once with the base tree's source, once with yours, then compare):
    PYTHONPATH=/base/src python benchmarks/scan_identical.py --n 3000 --out /tmp/base
    PYTHONPATH=$PWD/src  python benchmarks/scan_identical.py --n 3000 --out /tmp/mine --against /tmp/base
Each run writes `synthetic-N.json` and `ai-rewrites.json` (lexical scans, edits and spin on, embeddings off;
with `--embed` the default scan: static embeddings on as well) to `--out`; with `--against` it reports, per file, whether the bytes are equal and the first differing pair.
It also prints the CPU seconds (all processes) of each scan, so two trees run back to back give a ratio.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig, scan_articles  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402
from unspun.report.json import dumps, result_to_dict  # noqa: E402

AI_DATA = Path("/work/shared/data/ai-rewrites-wiki")


def cpu_seconds() -> float:
    """CPU time of this process and of the worker processes it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def ai_articles(data: Path) -> list[Article]:
    spec = importlib.util.spec_from_file_location("ai_run", Path(__file__).parent / "ai_rewrites" / "run.py")
    ai = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ai)
    _, ids = ai.pick_groups(ai.load_labels(data / "labels.tsv"), None)
    return ai.read_docs(data, ids)


def scan_to(name: str, articles: list[Article], out: Path, workers: int | None, embed: bool = False) -> None:
    settings: dict = {"embed": EmbedConfig() if embed else EmbedConfig(enabled=False)}
    if workers is not None:
        settings["workers"] = workers
    cfg = ScanConfig(**settings)
    c, w = cpu_seconds(), time.perf_counter()
    result = scan_articles(articles, cfg)
    print(f"{name}: {len(articles)} articles, {len(result.pairs)} pairs, "
          f"CPU {cpu_seconds() - c:.2f} s, wall {time.perf_counter() - w:.2f} s")
    (out / name).write_text(dumps(result_to_dict(result)), encoding="utf-8")


def first_difference(a: Path, b: Path) -> str:
    da, db = json.loads(a.read_text()), json.loads(b.read_text())
    for key in da:
        if da[key] != db.get(key):
            if isinstance(da[key], list):
                for k, (x, y) in enumerate(zip(da[key], db.get(key) or [])):
                    if x != y:
                        return f"{key}[{k}]: {json.dumps(x)[:300]} != {json.dumps(y)[:300]}"
            return f"{key} differs (lengths {len(da[key])} / {len(db.get(key) or [])})"
    return "keys differ"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--against", type=Path, help="a directory written by an earlier run to compare with")
    ap.add_argument("--workers", type=int, help="scan workers (default: the config's)")
    ap.add_argument("--skip-ai", action="store_true")
    ap.add_argument("--embed", action="store_true", help="the default scan (static embeddings on), not lexical")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    docs = synth.corpus(args.n)
    names = [f"synthetic-{args.n}.json"]
    scan_to(names[0], [Article(d.id, d.text, f"synthetic:{d.id}") for d in docs], args.out, args.workers, args.embed)
    if not args.skip_ai and (AI_DATA / "labels.tsv").exists():
        names.append("ai-rewrites.json")
        scan_to(names[1], ai_articles(AI_DATA), args.out, args.workers, args.embed)
    if args.against:
        for name in names:
            a, b = args.against / name, args.out / name
            same = a.read_bytes() == b.read_bytes()
            print(f"{name}: {'byte-identical' if same else 'DIFFERENT: ' + first_difference(a, b)}")


if __name__ == "__main__":
    main()
