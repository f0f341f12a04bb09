"""Hostile characters through every public entry point, many cases each: tracebacks and lost records.

Each case takes short real-looking articles (the test fixtures) and inserts lone surrogates, C0/C1
controls, bidi overrides, ESC sequences and invisible characters at random places (seeded), then runs
one entry point. Prints, per entry point: cases, exceptions (by type), good records lost.

    nice python benchmarks/fuzz_entry_points.py --cases 3000
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = (
    [chr(c) for c in range(0xD800, 0xD810)] + [chr(c) for c in range(0xDC00, 0xDC08)]
    + [chr(c) for c in [*range(0, 32), 0x7F, *range(0x80, 0xA0)]]
    + list("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200b\ufeff\u2028")
    + ["\x1b[31m", "\x1b]0;owned\x07", "[bold]", "[/]"]
)


def spoil(rng: random.Random, text: str, k: int | None = None) -> str:
    for _ in range(k or rng.randint(1, 6)):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(HOSTILE) + text[at:]
    return text


def texts() -> list[str]:
    core = ROOT / "tests" / "data" / "core"
    return [(core / f"{n}.txt").read_text(encoding="utf-8") for n in ("original", "spun", "truncated", "unrelated")]


def run(name: str, cases: int, body, stats: dict) -> None:
    errors: Counter[str] = Counter()
    lost = 0
    t = time.perf_counter()
    for k in range(cases):
        try:
            lost += body(random.Random(k)) or 0
        except Exception as exc:  # noqa: BLE001 - counting is the point
            errors[type(exc).__name__] += 1
            if errors[type(exc).__name__] == 1:
                stats.setdefault("first", {})[name] = traceback.format_exc(limit=3)
    stats[name] = (cases, dict(errors), lost, time.perf_counter() - t)
    print(f"{name:<16} cases={cases:<6} exceptions={sum(errors.values()):<5} {dict(errors) or ''} "
          f"lost_good={lost} ({time.perf_counter() - t:.0f} s)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()

    import unspun
    from unspun.claims import claims_to_json
    from unspun.ingest import read_sources
    from unspun.records import Article
    from unspun.report import write_json

    base = texts()
    tmp = Path(tempfile.mkdtemp(prefix="unspun-fuzz-"))

    def jsonl(rng):
        path = tmp / "f.jsonl"
        rows = [{"id": spoil(rng, "wire-1"), "title": spoil(rng, "Vote"), "text": spoil(rng, base[0])},
                {"id": "good", "text": base[1]}]
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
        items = list(read_sources([path]))
        for item in items:
            json.dumps([item.id, item.text], ensure_ascii=False).encode("utf-8")
        return int(not any(getattr(i, "id", None) == "good" for i in items))

    def compare(rng):
        unspun.compare(spoil(rng, base[0]), spoil(rng, base[1]))

    def claims(rng):
        json.dumps(claims_to_json(unspun.claims(spoil(rng, base[0]))), ensure_ascii=False).encode("utf-8")

    def scan(rng):
        arts = [Article(spoil(rng, "a"), spoil(rng, base[0]), "<fuzz>"), Article("b", spoil(rng, base[1]), "<fuzz>")]
        write_json(unspun.scan_articles(arts), tmp / "r.json")
        json.loads((tmp / "r.json").read_text(encoding="utf-8"))

    def index(rng):
        db = tmp / f"i{rng.random()}.duckdb"
        good = [Article("good-1", base[1], "<fuzz>"), Article("good-2", base[3], "<fuzz>")]
        with unspun.Index(str(db)) as idx:
            idx.add([good[0], Article(spoil(rng, "x"), spoil(rng, base[0]), "<fuzz>"), good[1]])
            lost = sum(idx.article(g.id) is None for g in good)
            problems = idx.verify()
        db.unlink()
        if problems:
            raise RuntimeError(f"verify: {problems}")
        return lost

    points = {"read_sources": jsonl, "compare": compare, "claims": claims, "scan+json": scan, "index.add": index}
    stats: dict = {}
    for name, body in points.items():
        if args.only and name not in args.only:
            continue
        n = args.cases if name in ("read_sources", "compare") else max(1, args.cases // 10 if name == "index.add" else args.cases // 3)
        run(name, n, body, stats)
    for name, tb in stats.get("first", {}).items():
        print(f"--- first exception in {name}:\n{tb}")


if __name__ == "__main__":
    main()
