"""CPU of the spin's tokenizer columns (`tokenize.article_columns`), the explain path's `article_tokens` and the compiled
word pass alone (`token_kernel.sentence_words`) of this tree against a base tree's, in one process on the same
prepared synthetic articles, the trees' runs alternated (first round left out: memos and kernels warm).

Usage: PYTHONPATH=$PWD/src python benchmarks/word_pass_ab.py --base /tmp/base/src [--n 3000] [--rounds 3]
The base tree is imported as `unspun_base` (`spin_ab.base_package`).
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402
from spin_ab import base_package  # noqa: E402

from unspun import Article, ScanConfig  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402


def alternated(fns: dict[str, object], calls: list[tuple], rounds: int) -> dict[str, float]:
    """Mean CPU µs a call of each function over `calls`, runs alternated, the first round left out."""
    spent = {k: 0.0 for k in fns}
    names = list(fns)
    for r in range(rounds + 1):
        for k in names if r % 2 else reversed(names):
            t = time.process_time()
            for args in calls:
                fns[k](*args)
            if r:
                spent[k] += time.process_time() - t
    return {k: v / rounds / len(calls) * 1e6 for k, v in spent.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True, help="the base tree's src folder")
    ap.add_argument("--n", type=int, default=3000, help="synthetic articles")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    scan = importlib.import_module("unspun.scan")
    base_package(args.base)
    import unspun.edits.token_kernel as mine_kernel
    import unspun.edits.tokenize as mine
    import unspun_base.edits.token_kernel as base_kernel
    import unspun_base.edits.tokenize as base

    cfg = ScanConfig(embed=EmbedConfig(enabled=False), edits=False, workers=1)
    cleans = [scan._prepare(Article(d.id, d.text, "synth"), cfg, with_table=False).clean for d in synth.corpus(args.n)]
    items = [(c.article.text, [s.span for s in c.sentences]) for c in cleans]
    for fn in ("article_columns", "article_tokens"):
        got = alternated({"base": getattr(base, fn), "this": getattr(mine, fn)}, items, args.rounds)
        print(f"{fn}: base {got['base']:.1f} µs, this {got['this']:.1f} µs, {got['base'] / got['this']:.2f}x", flush=True)
    passes = []
    for text, spans in items:
        buf = mine_kernel.proxy_bytes(text, mine._token_code)
        if buf is not None:
            room = len(text)
            block, named = np.empty((6, room), dtype=np.int64), np.empty((2, room), dtype=np.int64)
            passes.append((buf, not text.isascii(), np.array(spans, dtype=np.int64).reshape(-1, 2), mine._NOT_PLAIN,
                           block[0], block[1], block[2:], np.empty(2 * room, dtype=np.uint8), named[0], named[1]))
    got = alternated({"base": base_kernel.sentence_words, "this": mine_kernel.sentence_words}, passes, args.rounds)
    print(f"sentence_words: base {got['base']:.1f} µs, this {got['this']:.1f} µs, {got['base'] / got['this']:.2f}x")


if __name__ == "__main__":
    main()
