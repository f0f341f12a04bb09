"""Speed of `unspun scan` and of its near-duplicate stage beside datasketch MinHash+LSH, same docs, same run.

Usage: python benchmarks/scan_speed.py [--n 10000] [--skip-datasketch] [--no-embed] [--skip-ai] [--ai-data DIR]
Prints, in one run: the near-dup stage beside datasketch MinHash+LSH; the full scan lexical without edits
(`--no-embed --no-edits`), lexical with edits (`--no-embed`) and with embeddings on a cold cache (a private
temp dir), each with docs/s, precision/recall on the planted groups and its ratio to datasketch's
near-dup stage alone; then the ai-rewrites set (../shared/data/ai-rewrites-wiki, read at run time)
lexical vs embeddings with a cold cache (recall of the ChatGPT rewrites, precision of copy verdicts);
and peak RSS. `--no-embed` skips both embedding runs.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig, scan_articles  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402
from unspun.candidates import lsh_candidates  # noqa: E402
from unspun.fingerprint import sketch_config  # noqa: E402
from unspun.sketch import sketch_batch  # noqa: E402

AI_DATA = Path("/work/shared/data/ai-rewrites-wiki")


def peak_rss_mb() -> tuple[float, float]:
    """Peak RSS (MB) of this process and of the largest forked worker it waited for."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def unspun_near_dup(texts: list[str], cfg: ScanConfig) -> set[tuple[int, int]]:
    """normalize -> shingle -> MinHash -> LSH bands, as the scan's MinHash channel does it."""
    sigs = sketch_batch(texts, sketch_config(cfg.fingerprint)).signatures
    return lsh_candidates(sigs, cfg.candidates)


def datasketch_near_dup(texts: list[str], size: int, threshold: float = 0.5) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = []
    for i, t in enumerate(texts):
        words = t.lower().split()
        m = MinHash(num_perm=128)
        m.update_batch([" ".join(words[k : k + size]).encode() for k in range(len(words) - size + 1)])
        lsh.insert(i, m)
        hashes.append(m)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def truth_pairs(docs: list[synth.SynthDoc]) -> set[tuple[int, int]]:
    groups: dict[int, list[int]] = {}
    for i, d in enumerate(docs):
        groups.setdefault(d.group, []).append(i)
    return {p for g in groups.values() for p in combinations(g, 2)}


def recall(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> float:
    return len(found & truth) / max(len(truth), 1)


def scan_runs(docs: list[synth.SynthDoc], truth: set[tuple[int, int]], embed: bool, cache: str) -> dict[str, float]:
    """The full scan over the synthetic corpus in each mode; prints speed, precision/recall; returns times."""
    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in docs]
    index = {d.id: i for i, d in enumerate(docs)}
    runs = [
        ("relations only (--no-embed --no-edits --no-spin)",
         ScanConfig(embed=EmbedConfig(enabled=False), edits=False, spin=False)),
        ("lexical, no edits (--no-embed --no-edits)", ScanConfig(embed=EmbedConfig(enabled=False), edits=False)),
        ("lexical with edits (--no-embed)", ScanConfig(embed=EmbedConfig(enabled=False))),
    ]
    if embed:
        runs.append(("with embeddings, cold cache (default)", ScanConfig(embed=EmbedConfig(cache_dir=cache))))
    times = {}
    for label, run_cfg in runs:
        if run_cfg.embed.enabled:
            times["model load"] = load_model(run_cfg)
        t = time.perf_counter()
        result = scan_articles(articles, run_cfg)
        times[label] = t_scan = time.perf_counter() - t
        found = {tuple(sorted((index[p.a], index[p.b]))) for p in result.pairs}
        precision = len(found & truth) / max(len(found), 1)
        n_edits = sum(len(p.edits) for p in result.pairs)
        n_dir = sum(p.original is not None for p in result.pairs)
        print(f"full scan {label:50s}: {len(docs) / t_scan:9.1f} docs/s  "
              f"({t_scan:.2f} s, {len(result.pairs)} pairs, precision {precision:.3f}, "
              f"recall {recall(found, truth):.3f}, {n_edits} edits, {n_dir} pairs with an original)")
        by_kind: dict[str, list[bool]] = {}
        for i, j in truth:
            by_kind.setdefault(docs[j].kind, []).append((i, j) in found)
        print("  recall by derivative kind (pair with its group): " +
              ", ".join(f"{k} {np.mean(v):.3f}" for k, v in sorted(by_kind.items())))
    return times


def load_model(cfg: ScanConfig) -> float:
    """Load the embedding model once per process, timed apart from the scans (seconds)."""
    from unspun.embed import load_model as load_configured

    t = time.perf_counter()
    load_configured(cfg.embed)
    load_s = time.perf_counter() - t
    print(f"embedding model load (once per process): {load_s:.2f} s")
    return load_s


def ai_rewrites(data: Path, embed: bool, cache: str) -> None:
    """The shared fluent-rewrite set scanned lexically and with embeddings (cold cache): recall of the
    ChatGPT rewrites, precision of copy verdicts, wall time and the ratio."""
    spec = importlib.util.spec_from_file_location("ai_run", Path(__file__).parent / "ai_rewrites" / "run.py")
    ai = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ai)
    labels, ids = ai.pick_groups(ai.load_labels(data / "labels.tsv"), None)
    articles = ai.read_docs(data, ids)
    runs = [("lexical (--no-embed)", ScanConfig(embed=EmbedConfig(enabled=False)))]
    if embed:
        runs.append(("with embeddings, cold cache", ScanConfig(embed=EmbedConfig(cache_dir=cache))))
    times = []
    for label, cfg in runs:
        t = time.perf_counter()
        figures = ai.score_scan(scan_articles(articles, cfg), labels)
        times.append(time.perf_counter() - t)
        print(f"ai-rewrites ({len(articles)} texts) {label:28s}: {times[-1]:7.2f} s, "
              f"{len(articles) / times[-1]:7.1f} docs/s, rewrites found (recall) {figures['rewrites found']:.3f}, "
              f"precision of copy verdicts {figures['precision of copy verdicts']:.3f}")
    if len(times) == 2:
        print(f"ai-rewrites: embedding scan / lexical scan {times[1] / times[0]:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--skip-datasketch", action="store_true")
    ap.add_argument("--no-embed", action="store_true", help="time the lexical scans only")
    ap.add_argument("--ai-data", type=Path, default=AI_DATA, help="the fluent-rewrite set (labels.tsv, docs/)")
    ap.add_argument("--skip-ai", action="store_true", help="skip the ai-rewrites set")
    args = ap.parse_args()
    cfg = ScanConfig()
    docs = synth.corpus(args.n)
    texts = [d.text for d in docs]
    truth = truth_pairs(docs)
    print(f"{len(docs)} synthetic articles, ~{np.mean([len(t.split()) for t in texts]):.0f} words, "
          f"{len(truth)} true pairs; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    sketch_batch(["load the compiled kernel once per process, outside the timing"])
    t = time.perf_counter()
    cand = unspun_near_dup(texts, cfg)
    t_ours = time.perf_counter() - t
    print(f"near-dup stage  unspun (compiled OPH + bands): {len(docs) / t_ours:9.0f} docs/s  "
          f"({t_ours:.2f} s, {len(cand)} candidates, recall {recall(cand, truth):.3f})")
    t_ds = None
    if not args.skip_datasketch:
        t = time.perf_counter()
        ds = datasketch_near_dup(texts, cfg.fingerprint.shingle_size)
        t_ds = time.perf_counter() - t
        print(f"near-dup stage  datasketch MinHash+LSH:       {len(docs) / t_ds:9.0f} docs/s  "
              f"({t_ds:.2f} s, {len(ds)} candidates, recall {recall(ds, truth):.3f})")
        print(f"ratio unspun near-dup / datasketch: {t_ds / t_ours:.1f}x")
    with tempfile.TemporaryDirectory(prefix="unspun-embed-cache-") as cache:
        times = scan_runs(docs, truth, not args.no_embed, cache)
    if t_ds is not None:
        print("full scan vs datasketch's near-dup stage alone (> 1 = the whole scan is faster): " + ", ".join(
            f"{label.split(' (')[0]} {t_ds / s:.2f}x" for label, s in times.items() if label != "model load"))
    emb = times.get("with embeddings, cold cache (default)")
    if emb is not None:
        lex = times["lexical with edits (--no-embed)"]
        print(f"embedding run / lexical run: {emb / lex:.2f}x (with the model load {(emb + times['model load']) / lex:.2f}x)")
    if not args.skip_ai and (args.ai_data / "labels.tsv").exists():
        with tempfile.TemporaryDirectory(prefix="unspun-embed-cache-") as cache:
            ai_rewrites(args.ai_data, not args.no_embed, cache)
    own, child = peak_rss_mb()
    print(f"peak RSS: {own:.0f} MB (this process), {child:.0f} MB (largest worker process)")


if __name__ == "__main__":
    main()
