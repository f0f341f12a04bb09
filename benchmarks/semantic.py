"""The semantic channel's routes side by side: cost and what each loses, in one run.

Usage: python benchmarks/semantic.py [--data DIR] [--groups N] [--routes lexical,static,minilm]
       [--distill]

Each route scans the chatbot-rewrite set (default ../shared/data/ai-rewrites-wiki; see
benchmarks/ai_rewrites/run.py) in its own process, so peak RSS is its own, and prints wall time, s per
1k articles, the ratio to the lexical scan measured in the same run, peak RSS, rewrites found,
precision of copy verdicts and headline-only texts called copies. Routes:
- lexical: `--no-embed`
- static: the default (`EmbedConfig()`): a word-piece table distilled once from the packaged MiniLM;
  the table is an installed artefact like MiniLM's weights, so its load is inside the timing but a
  first-use distillation is not (`--distill` times one into a temp dir, apart)
- minilm: `EmbedConfig.minilm()`, the transformer itself
Every embedding route starts with a cold vector cache (a private temp dir) and then rescans with the
same cache ("warm"): the second figure.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "ai_rewrites"))
from run import DEFAULT, load_labels, pick_groups, read_docs, score_scan  # noqa: E402

KEYS = ("rewrites found", "precision of copy verdicts", "headline-only texts called copies (all neg)")


def route_config(route: str, cache: str | None):
    from unspun import ScanConfig
    from unspun.config import EmbedConfig

    if route == "lexical":
        return ScanConfig(embed=EmbedConfig(enabled=False))
    if route == "minilm":
        return ScanConfig(embed=EmbedConfig.minilm(cache_dir=cache))
    return ScanConfig(embed=EmbedConfig(cache_dir=cache))


def child(route: str, data: Path, groups: int | None) -> dict:
    """Scan once cold (fresh temp cache) and once warm (same cache, same process); figures as JSON."""
    from unspun import scan_articles

    labels, ids = pick_groups(load_labels(data / "labels.tsv"), groups)
    articles = read_docs(data, ids)
    out: dict = {"articles": len(articles)}
    with tempfile.TemporaryDirectory() as cache:
        for run in ("cold", "warm") if route != "lexical" else ("cold",):
            t = time.perf_counter()
            result = scan_articles(articles, route_config(route, cache))
            out[f"{run} s"] = time.perf_counter() - t
            out.update({k: score_scan(result, labels)[k] for k in KEYS})
            if route != "lexical":
                from unspun.embed import forget_models

                forget_models()  # warm = vectors cached on disk, the model loaded again
    out["peak RSS MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def distill_seconds() -> float:
    from unspun.embed.static import load_table

    with tempfile.TemporaryDirectory() as models:
        t = time.perf_counter()
        load_table(models, 256)
        return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--groups", type=int, default=None, help="only the first N groups (faster)")
    ap.add_argument("--routes", default="lexical,static,minilm")
    ap.add_argument("--distill", action="store_true", help="also time one distillation of the static table")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.data, args.groups)))
        return
    rows = {}
    for route in args.routes.split(","):
        cmd = [sys.executable, __file__, "--child", route, "--data", str(args.data)]
        cmd += ["--groups", str(args.groups)] if args.groups else []
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows[route] = json.loads(done.stdout.strip().splitlines()[-1])
    base = rows.get("lexical", {}).get("cold s")
    n = next(iter(rows.values()))["articles"]
    print(f"{n} texts from {args.data}\n")
    print(f"{'route':10}{'cold s':>9}{'s/1k':>8}{'x lexical':>11}{'warm s':>9}{'RSS MB':>9}"
          f"{'found':>8}{'precision':>11}{'neg copied':>12}")
    for route, r in rows.items():
        ratio = f"{r['cold s'] / base:.2f}x" if base else "-"
        warm = f"{r['warm s']:.1f}" if "warm s" in r else "-"
        print(f"{route:10}{r['cold s']:>9.1f}{1000 * r['cold s'] / n:>8.1f}{ratio:>11}{warm:>9}"
              f"{r['peak RSS MB']:>9.0f}{r[KEYS[0]]:>8.3f}{r[KEYS[1]]:>11.3f}{r[KEYS[2]]:>12.3f}")
    if base and "static" in rows:
        print(f"\nlexical vs embeddings (default, cold cache): {rows['static']['cold s'] / base:.2f}x")
    if args.distill:
        print(f"one-time distillation of the static table: {distill_seconds():.0f} s")


if __name__ == "__main__":
    main()
