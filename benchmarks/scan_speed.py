"""Speed of `unspun scan` and of its near-duplicate stage beside datasketch MinHash+LSH, same docs, same run.

Usage: python benchmarks/scan_speed.py [--n 10000] [--skip-datasketch] [--no-embed]
Prints docs/s, the ratio to datasketch, pair recall on the planted groups, and peak RSS. The full scan
runs twice: lexical only (embeddings off) and with embeddings (unless --no-embed), and prints both
times and the embedding run's cost as a ratio of the lexical one.
"""
from __future__ import annotations

import argparse
import resource
import sys
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


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--skip-datasketch", action="store_true")
    ap.add_argument("--no-embed", action="store_true", help="time the lexical scan only")
    args = ap.parse_args()
    cfg = ScanConfig()
    docs = synth.corpus(args.n)
    texts = [d.text for d in docs]
    truth = truth_pairs(docs)
    print(f"{len(docs)} synthetic articles, ~{np.mean([len(t.split()) for t in texts]):.0f} words, {len(truth)} true pairs")

    sketch_batch(["load the compiled kernel once per process, outside the timing"])
    t = time.perf_counter()
    cand = unspun_near_dup(texts, cfg)
    t_ours = time.perf_counter() - t
    print(f"near-dup stage  unspun (compiled OPH + bands): {len(docs) / t_ours:9.0f} docs/s  "
          f"({t_ours:.2f} s, {len(cand)} candidates, recall {recall(cand, truth):.3f})")
    if not args.skip_datasketch:
        t = time.perf_counter()
        ds = datasketch_near_dup(texts, cfg.fingerprint.shingle_size)
        t_ds = time.perf_counter() - t
        print(f"near-dup stage  datasketch MinHash+LSH:       {len(docs) / t_ds:9.0f} docs/s  "
              f"({t_ds:.2f} s, {len(ds)} candidates, recall {recall(ds, truth):.3f})")
        print(f"ratio unspun / datasketch: {t_ds / t_ours:.1f}x")

    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in docs]
    index = {d.id: i for i, d in enumerate(docs)}
    runs = [
        ("lexical, no edits (--no-embed --no-edits)", ScanConfig(embed=EmbedConfig(enabled=False), edits=False)),
        ("lexical (--no-embed)", ScanConfig(embed=EmbedConfig(enabled=False))),
    ]
    if not args.no_embed:
        runs.append(("with embeddings", cfg))
    times = {}
    load_s = 0.0
    for label, run_cfg in runs:
        if run_cfg.embed.enabled:  # the model loads once per process: timed apart from the scan
            from unspun.embed import _load_model

            t = time.perf_counter()
            _load_model(run_cfg.embed.max_seq_length)
            load_s = time.perf_counter() - t
            print(f"embedding model load (once per process): {load_s:.2f} s")
        t = time.perf_counter()
        result = scan_articles(articles, run_cfg)
        t_scan = time.perf_counter() - t
        times[label] = t_scan
        found = {tuple(sorted((index[p.a], index[p.b]))) for p in result.pairs}
        precision = len(found & truth) / max(len(found), 1)
        n_edits = sum(len(p.edits) for p in result.pairs)
        n_dir = sum(p.original is not None for p in result.pairs)
        print(f"full scan {label:42s}:          {len(docs) / t_scan:9.1f} docs/s  "
              f"({t_scan:.2f} s, {len(result.pairs)} pairs, precision {precision:.3f}, "
              f"recall {recall(found, truth):.3f}, {n_edits} edits, {n_dir} pairs with an original)")
        by_kind: dict[str, list[bool]] = {}
        for i, j in truth:
            kind = docs[j].kind
            by_kind.setdefault(kind, []).append((i, j) in found)
        print("  recall by derivative kind (pair with its group): " +
              ", ".join(f"{k} {np.mean(v):.3f}" for k, v in sorted(by_kind.items())))
    if "with embeddings" in times:
        lex, emb = times["lexical (--no-embed)"], times["with embeddings"]
        print(f"embedding run / lexical run: {emb / lex:.2f}x (embedding cost {emb - lex:.2f} s = "
              f"{(emb - lex) / lex:.2f}x the lexical scan; with the model load {emb + load_s - lex:.2f} s = "
              f"{(emb + load_s - lex) / lex:.2f}x)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
