"""What one big /api/check costs the server: wall time, peak memory and response size.

An index of synthetic articles (benchmarks/synth.py) is built in a temp dir; one request checks a
text of N characters made of copies and spun versions of indexed articles (so it has many matches,
the expensive case) with `views: true`. Each size runs in a fresh subprocess so peak RSS is its own.

    nice python benchmarks/server_budget.py --chars 200000 1000000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build_index(db: str, n_groups: int) -> list[str]:
    sys.path.insert(0, str(HERE))
    from synth import corpus

    from unspun import Article, Index

    docs = corpus(n_groups, seed=11)
    texts = [d.text for d in docs]
    with Index(db) as index:
        index.add([Article(id=d.id, text=d.text, origin="<bench>") for d in docs])
    return texts


def one_request(db: str, chars: int, views: bool) -> dict:
    from fastapi.testclient import TestClient

    from unspun import Index
    from unspun.store.index import IndexConfig
    from unspun.server import create_app

    with Index(db, IndexConfig(in_memory=True)) as index:
        texts = [a.text for a in (index.article(i) for i in _ids(index)) if a is not None]
        body_text = ""
        k = 0
        while len(body_text) < chars:
            body_text += texts[k % len(texts)] + "\n\n"
            k += 1
        body_text = body_text[:chars]
        body = json.dumps({"text": body_text, "views": views}).encode()
        client = TestClient(create_app(index, max_body=max(len(body) + 1, 2 * 1024 * 1024)))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        r = client.post("/api/check", content=body, headers={"content-type": "application/json"})
        seconds = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"chars": chars, "body_bytes": len(body), "status": r.status_code, "seconds": round(seconds, 2),
            "response_bytes": len(r.content), "rss_before_mb": before // 1024, "rss_peak_mb": peak // 1024,
            "detail": r.json().get("detail") if r.status_code != 200 else None}


def _ids(index) -> list[str]:
    return [row[0] for row in index._cursor().execute("SELECT id FROM articles ORDER BY n").fetchall()]  # noqa: SLF001


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--no-views", action="store_true")
    ap.add_argument("--child", nargs=2, metavar=("DB", "CHARS"))
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one_request(args.child[0], int(args.child[1]), not args.no_views)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.duckdb")
        t = time.perf_counter()
        build_index(db, args.docs)
        print(f"index of {args.docs} synthetic articles built in {time.perf_counter() - t:.1f} s")
        for chars in args.chars:
            cmd = [sys.executable, __file__, "--child", db, str(chars)] + (["--no-views"] if args.no_views else [])
            out = subprocess.run(cmd, capture_output=True, text=True, env=os.environ)
            if out.returncode:
                print(out.stderr[-2000:])
                continue
            row = json.loads(out.stdout.strip().splitlines()[-1])
            print(" ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
