"""CPU of the edit tokenizer (`edits.tokenize.article_tokens`) per article, this tree's against a base tree's
module in the same process, passes alternated, on the synthetic corpus and the ai-rewrites texts.

Usage: PYTHONPATH=$PWD/src python benchmarks/tokenize_speed.py --base /tmp/base/src [--n 2000] [--rounds 3]
The base tree's `unspun/edits/tokenize.py` is loaded beside this tree's (the other modules it imports come
from this tree). Each pass tokenizes every article once, as a scan does, its tokens dropped (the per-word
memos of both stay warm, as in a scan after its first articles). Prints the best pass of each in ms per
article and their ratio, and checks that both give equal tokens for every article.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig  # noqa: E402
from unspun.clean import clean_article  # noqa: E402
from unspun.edits import tokenize as mine  # noqa: E402

AI_DATA = Path("/work/shared/data/ai-rewrites-wiki")


def base_module(src: Path):
    """The base tree's tokenize module, loaded under another name inside this tree's package."""
    spec = importlib.util.spec_from_file_location("unspun.edits._base_tokenize", src / "unspun/edits/tokenize.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def one_pass(module, inputs) -> float:
    """Process CPU seconds of `article_tokens` over every (text, spans)."""
    t = time.process_time()
    for text, spans in inputs:
        module.article_tokens(text, spans)
    return time.process_time() - t


def compare(name: str, texts: list[str], base, rounds: int) -> None:
    cfg = ScanConfig()
    inputs = [(t, [s.span for s in clean_article(Article(f"a{i}", t, "t"), cfg.clean).sentences])
              for i, t in enumerate(texts)]
    same = all(base.article_tokens(t, s) == mine.article_tokens(t, s) for t, s in inputs)
    best = {"base": float("inf"), "this": float("inf")}
    for _ in range(rounds):
        best["base"] = min(best["base"], one_pass(base, inputs))
        best["this"] = min(best["this"], one_pass(mine, inputs))
    ms = {k: 1000 * v / max(1, len(inputs)) for k, v in best.items()}
    print(f"{name}: {len(inputs)} articles, best of {rounds}, load {os.getloadavg()[0]:.1f}: base "
          f"{ms['base']:.3f} ms/article, this {ms['this']:.3f} ms/article, {ms['base'] / ms['this']:.2f}x; "
          f"tokens {'equal' if same else 'DIFFERENT'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True, help="the base tree's src directory")
    ap.add_argument("--n", type=int, default=2000, help="synthetic articles")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ai-data", type=Path, default=AI_DATA)
    args = ap.parse_args()
    base = base_module(args.base)
    compare("synthetic", [d.text for d in synth.corpus(args.n)], base, args.rounds)
    if (args.ai_data / "docs").is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted((args.ai_data / "docs").glob("*.txt"))]
        compare("ai-rewrites", texts, base, args.rounds)


if __name__ == "__main__":
    main()
