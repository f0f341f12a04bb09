"""CPU per article of the scan's per-article stages (prepare; spin + machine-style score), one process,
and a digest of every spin record, so two trees can be compared back to back on the same articles.

Usage: PYTHONPATH=TREE/src python benchmarks/article_speed.py [--n 1500] [--rounds 3] [--ai-data DIR]
Prints, per stage, the best of `--rounds` passes in ms of process CPU per article (the best pass is the one
least disturbed by other jobs on a shared machine; machine style's per-text memo is cleared before each spin
pass), the same for the spin of the ai-rewrites texts when present, then a sha256 over the repr of every article's
`ArticleSpin` (synthetic articles, then the ai-rewrites texts when present) and of `spin_score` on each of
them: equal digests mean byte-identical spin output. Run it with main's tree and a branch's tree one after
the other and compare the ratios and the digests.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig  # noqa: E402
from unspun.edits.collocation import shared  # noqa: E402
from unspun.edits.machine_style import machine_style  # noqa: E402
from unspun.edits.spin import spin_score  # noqa: E402
from unspun.scan import _prepare, article_spin  # noqa: E402
from unspun.sketch import sketch_batch  # noqa: E402

AI_DATA = Path("/work/shared/data/ai-rewrites-wiki")


def clear_memo() -> None:
    """Forget machine style's per-text memo, so that each pass scores every text (a scan scores each once)."""
    machine_style.cache_clear()


def best_ms(fn, items, rounds: int, before=lambda: None) -> float:
    """Least process CPU of `rounds` passes of fn over items, in ms per item (`before` runs untimed before each)."""
    best = float("inf")
    for _ in range(rounds):
        before()
        t = time.process_time()
        for x in items:
            fn(x)
        best = min(best, time.process_time() - t)
    return 1000 * best / max(1, len(items))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1500, help="synthetic articles")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ai-data", type=Path, default=AI_DATA, help="also digest the spin of these texts (docs/*.txt)")
    args = ap.parse_args()
    cfg = ScanConfig()
    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(args.n)]
    shared().load()
    sketch_batch(["load the compiled kernel once per process, outside the timing"])
    article_spin(_prepare(articles[0], cfg, with_table=False).clean)  # first-use loads outside the timing
    prepare_ms = best_ms(lambda a: _prepare(a, cfg, with_table=False), articles, args.rounds)
    cleans = [_prepare(a, cfg, with_table=False).clean for a in articles]
    spin_ms = best_ms(article_spin, cleans, args.rounds, clear_memo)
    print(f"{len(articles)} synthetic articles, best of {args.rounds}, load average {os.getloadavg()[0]:.1f}: "
          f"prepare {prepare_ms:.3f} ms/article, spin {spin_ms:.3f} ms/article")
    texts = [a.text for a in articles]
    if (args.ai_data / "docs").is_dir():
        ai = [p.read_text(encoding="utf-8") for p in sorted((args.ai_data / "docs").glob("*.txt"))]
        ai_cleans = [_prepare(Article(f"ai{i}", t, "t"), cfg, with_table=False).clean for i, t in enumerate(ai)]
        print(f"{len(ai)} ai-rewrites texts, best of {args.rounds}: "
              f"spin {best_ms(article_spin, ai_cleans, args.rounds, clear_memo):.3f} ms/text")
        texts += ai
    digest = hashlib.sha256()
    for i, text in enumerate(texts):
        clean = _prepare(Article(f"a{i}", text, "t"), cfg, with_table=False).clean
        digest.update(repr(article_spin(clean)).encode())
        digest.update(repr(spin_score(text)).encode())
    print(f"spin records of {len(texts)} texts: sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
