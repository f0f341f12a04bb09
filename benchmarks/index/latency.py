"""Candidate-lookup latency of the index at scale: builds an index of N synthetic articles'
signatures (band keys + immutables postings; no text, no alignment), then times `find_candidates`
for queries that are perturbed copies of indexed articles (so buckets are hit), through
(a) the in-memory postings a server loads at start and (b) DuckDB indexed point queries (CLI check).

    python benchmarks/index/latency.py --articles 1000000 --queries 2000

Prints p50/p90/p99 per lookup path, the load time of the in-memory postings, and the file size.
"""
from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from unspun.store import db as store
from unspun.candidates import band_keys
from unspun.config import ScanConfig
from unspun.store.lookup import MemoryLookup, Probe, find_candidates


def percentiles(xs: list[float]) -> str:
    a = np.array(xs) * 1000
    return f"p50 {np.percentile(a, 50):.3f} ms, p90 {np.percentile(a, 90):.3f} ms, p99 {np.percentile(a, 99):.3f} ms, max {a.max():.3f} ms"


def build(path: str, n: int, config: ScanConfig, chunk: int, seed: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """Insert n synthetic articles; returns (a sample of minhashes, their immutables) to derive queries."""
    rng = np.random.default_rng(seed)
    con = store.connect(path)
    perms, bands = config.fingerprint.num_perm, config.candidates.bands
    vocab = 5_000_000  # immutable ids: names/numbers/quotes; Zipf-ish popularity below
    sample_sigs, sample_imm = [], []
    t0 = time.perf_counter()
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        ns = np.arange(start + 1, start + 1 + m, dtype=np.int64)
        sigs = rng.integers(0, 2**32, size=(m, perms), dtype=np.uint64).astype(np.uint32)
        # 5% of articles are copies of an earlier one with 30% of permutations changed (a copy group)
        if start:
            k = m // 20
            src = rng.integers(0, len(sample_sigs[0]), size=k)
            sigs[:k] = sample_sigs[0][src]
            mask = rng.random((k, perms)) < 0.3
            sigs[:k][mask] = rng.integers(0, 2**32, size=mask.sum(), dtype=np.uint64).astype(np.uint32)
        keys = band_keys(sigs, bands)
        n_imm = rng.integers(5, 40, size=m)
        items = (rng.zipf(1.3, size=int(n_imm.sum())) % vocab).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        con.execute("BEGIN TRANSACTION")
        store._insert(con, "articles", {
            "n": ns, "id": store._objects(f"a{x}" for x in ns.tolist()),
            "content_hash": store._objects(f"h{x}" for x in ns.tolist()),
            "url": store._objects("" for _ in range(m)), "title": store._objects("" for _ in range(m)),
            "source": store._objects("" for _ in range(m)), "origin": store._objects("synthetic" for _ in range(m)),
            "published": store._objects(None for _ in range(m)), "text": store._objects("" for _ in range(m)),
            "norm_hash": rng.integers(1, 2**63, size=m, dtype=np.uint64), "batch": np.full(m, start // chunk + 1),
        })
        store._insert(con, "bands", {
            "band": np.tile(np.arange(bands, dtype=np.int16), m), "key": keys.reshape(-1),
            "article": np.repeat(ns, bands),
        })
        store._insert(con, "immutables", {"item": items, "article": np.repeat(ns, n_imm)})
        store._insert(con, "signatures", {
            "article": ns, "minhash": store._objects(bytes(s) for s in sigs.astype("<u4")),
            "n_tokens": np.full(m, 300, np.int32), "n_immutables": n_imm.astype(np.int32),
            "immutables": store._objects([] for _ in range(m)),
        })
        con.execute("COMMIT")
        if start == 0:
            sample_sigs.append(sigs[:10000].copy())
            offs = np.concatenate([[0], np.cumsum(n_imm)])
            sample_imm.extend(items[offs[i]:offs[i + 1]] for i in range(min(m, 10000)))
        print(f"  {start + m:>9} articles inserted ({time.perf_counter() - t0:.0f} s)", flush=True)
    con.execute("CHECKPOINT")
    con.close()
    return sample_sigs[0], sample_imm


def queries(sigs: np.ndarray, imms: list[np.ndarray], q: int, config: ScanConfig, seed: int) -> list[Probe]:
    rng = np.random.default_rng(seed + 1)
    out = []
    for i in rng.integers(0, len(sigs), size=q):
        sig = sigs[i].copy()
        mask = rng.random(len(sig)) < 0.3  # a rewrite: 30% of the permutations differ
        sig[mask] = rng.integers(0, 2**32, size=mask.sum(), dtype=np.uint64).astype(np.uint32)
        keys = band_keys(sig[None, :], config.candidates.bands)[0]
        out.append(Probe(keys, np.unique(imms[i]), 12345, True))
    return out


def time_lookup(get_lookup, probes: list[Probe], config: ScanConfig) -> tuple[list[float], list[float], int]:
    """Per query: the band lookup alone, and the whole candidate lookup (bands + immutables + exact)."""
    bands_only, full, found = [], [], 0
    for p in probes:
        t = time.perf_counter()
        lookup = get_lookup(p)
        lookup.band_hits(p.band_keys)
        bands_only.append(time.perf_counter() - t)
        t = time.perf_counter()
        lookup = get_lookup(p)
        c = find_candidates(p, [lookup], lookup.n_articles, config, 50)
        full.append(time.perf_counter() - t)
        found += len(c)
    return bands_only, full, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--duck-queries", type=int, default=300)
    ap.add_argument("--chunk", type=int, default=100_000)
    ap.add_argument("--db", default=None, help="index file to build (default: a temporary file, removed after)")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    config = ScanConfig()
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="unspun-bench-")
        args.db = os.path.join(tmp.name, "bench.duckdb")
    if Path(args.db).exists():
        raise SystemExit(f"{args.db} exists; give a new path")
    print(f"building an index of {args.articles:,} synthetic articles "
          f"({config.candidates.bands} bands x {config.fingerprint.num_perm // config.candidates.bands} rows, immutables postings)")
    t = time.perf_counter()
    sigs, imms = build(args.db, args.articles, config, args.chunk, args.seed)
    build_s = time.perf_counter() - t
    size = sum(p.stat().st_size for p in Path(args.db).parent.glob(Path(args.db).name + "*"))
    print(f"built in {build_s:.0f} s; index file {size / 2**20:.0f} MiB ({size / args.articles:.0f} bytes/article)")
    probes = queries(sigs, imms, args.queries, config, args.seed)

    con = store.connect(args.db, read_only=True)
    t = time.perf_counter()
    mem = MemoryLookup.load(con)
    load_s = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bands_only, full, found = time_lookup(lambda p: mem, probes, config)
    print(f"in-memory postings (server): loaded in {load_s:.1f} s, peak RSS {rss:.0f} MiB")
    print(f"  band lookup only    ({len(probes)} queries): {percentiles(bands_only)}")
    print(f"  find_candidates     ({len(probes)} queries): {percentiles(full)}; {found / len(probes):.1f} candidates/query")
    del mem

    dq = probes[: args.duck_queries]
    bands_only, full, found = time_lookup(lambda p: MemoryLookup.prefetch(con, [p], config.candidates), dq, config)
    print("DuckDB prefetch per query (one-shot CLI check; ART index probes, no start-up cost):")
    print(f"  band lookup only    ({len(dq)} queries): {percentiles(bands_only)}")
    print(f"  find_candidates     ({len(dq)} queries): {percentiles(full)}; {found / len(dq):.1f} candidates/query")
    con.close()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
