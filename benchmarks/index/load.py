"""Bounded load test of `unspun serve` on loopback.

Builds an index (the demo corpus plus N synthetic articles), starts `unspun serve` on 127.0.0.1 as a
subprocess, then sends a fixed number of requests at several concurrency levels from keep-alive
client threads: a mix of checks (POST /api/check), story lists, story details and article reads, plus
a few adds. Prints requests/s, latency percentiles, status counts and errors per level; stops itself.

    python benchmarks/index/load.py --requests 2000 --levels 1,4,16,32

The client runs on the same machine as the server (2 cores here), so figures are a lower bound.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_index(db: str, synthetic: int) -> list[str]:
    from synth import corpus

    from unspun.store.index import Index
    from unspun.ingest import read_sources
    from unspun.records import Article

    items = list(read_sources([ROOT / "examples" / "demo"]))
    items += [Article(d.id, d.text, "synthetic") for d in corpus(synthetic, seed=5, words=300)]
    with Index(db) as ix:
        ix.add(items)
    return [a.text for a in items if isinstance(a, Article)]


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/api/stats")
            if c.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not become ready")


def request_mix(texts: list[str], stories: list[str], ids: list[str], rng: random.Random, adds: list[int]):
    x = rng.random()
    if x < 0.6:
        text = rng.choice(texts)
        cut = rng.randint(len(text) // 2, len(text))  # truncated copies of indexed articles
        return "POST", "/api/check", json.dumps({"text": text[:cut]})
    if x < 0.75:
        return "GET", "/api/stories?limit=20", None
    if x < 0.85 and stories:
        return "GET", f"/api/story?id={rng.choice(stories)}", None
    if x < 0.99:
        return "GET", f"/api/article?id={rng.choice(ids)}", None
    adds[0] += 1
    body = {"articles": [{"id": f"load-{os.getpid()}-{adds[0]}-{rng.random()}", "text": rng.choice(texts) + f"\n\nUpdate {adds[0]}."}]}
    return "POST", "/api/articles", json.dumps(body)


def run_level(port: int, concurrency: int, total: int, texts, stories, ids, seed: int) -> dict:
    latencies: list[float] = []
    statuses: Counter = Counter()
    errors: Counter = Counter()
    lock = threading.Lock()
    counter = [0]
    adds = [0]

    def worker(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if counter[0] >= total:
                    break
                counter[0] += 1
                method, path, body = request_mix(texts, stories, ids, rng, adds)
            headers = {"content-type": "application/json"} if body else {}
            t = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                r = conn.getresponse()
                r.read()
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    statuses[r.status] += 1
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    lat = np.array(latencies) * 1000 if latencies else np.zeros(1)
    return {
        "concurrency": concurrency, "requests": len(latencies), "seconds": elapsed,
        "rps": len(latencies) / elapsed, "p50": np.percentile(lat, 50), "p95": np.percentile(lat, 95),
        "p99": np.percentile(lat, 99), "statuses": dict(sorted(statuses.items())), "errors": dict(errors),
        "5xx": sum(v for k, v in statuses.items() if k >= 500),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=2000, help="requests per concurrency level")
    ap.add_argument("--levels", default="1,4,16,32")
    ap.add_argument("--synthetic", type=int, default=2000, help="synthetic articles added to the demo corpus")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    assert args.requests <= 100_000 and max(levels) <= 256, "bounded load only"

    with tempfile.TemporaryDirectory(prefix="unspun-load-") as tmp:
        db = os.path.join(tmp, "load.duckdb")
        t = time.perf_counter()
        texts = build_index(db, args.synthetic)
        print(f"index built: {len(texts)} articles in {time.perf_counter() - t:.0f} s")
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-c", "from unspun.cli import main; main()", "serve", "--db", db, "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            wait_ready(port, proc)
            c = http.client.HTTPConnection("127.0.0.1", port)
            c.request("GET", "/api/stories?limit=200")
            stories = [s["id"] for s in json.loads(c.getresponse().read())]
            c.close()
            ids = ["fund-original", "ferry-original", "bridge-page", "comet-survey"]
            print(f"server on 127.0.0.1:{port}; {len(stories)} stories; mix: 60% check, 15% stories, "
                  f"10% story, 14% article, 1% add")
            print(f"{'conc':>4} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  5xx  errors  statuses")
            for level in levels:
                r = run_level(port, level, args.requests, texts, stories, ids, args.seed)
                print(f"{r['concurrency']:>4} {r['requests']:>8} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
                      f"{r['p99']:>8.1f} {r['5xx']:>4} {sum(r['errors'].values()):>7}  {r['statuses']} {r['errors'] or ''}",
                      flush=True)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            tracebacks = err.count("Traceback")
            print(f"server stopped; tracebacks in its log: {tracebacks}")


if __name__ == "__main__":
    main()
