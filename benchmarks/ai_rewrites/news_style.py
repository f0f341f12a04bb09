"""Does the machine-text score carry over to news? Human news articles from other shared sets vs the ChatGPT texts.

Usage: python benchmarks/ai_rewrites/news_style.py [--data DIR] [--polnear DIR] [--ecb DIR] [--top N]

The score (`edits/machine_style.py`) was estimated on Wikipedia-topic texts: the ai-rewrites set's 100 human
originals against its 200 title-only ChatGPT texts. The project is measured on held-out sets of news, where
the human side is news prose, not Wikipedia's. No labelled machine news is at hand, but two shared sets hold
real human news (PolNeAR: 7 US outlets, 2016; ECB+: many outlets per event), so this prints how those human
articles score against the same ChatGPT texts: the AUC separating each human set from the rewrites and from the
title-only texts, the share of human articles over the score the sibling rule reads as "a machine wrote
this" (`provenance`'s 0.35), and the most machine-like human news articles with the features behind them.
Texts under 60 words are left out (the score damps them toward 0.5), except in the share of all texts scored
over 0.5, which counts the briefs too. Texts are read at run time, never stored.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from unspun.edits.machine_style import machine_style

SHARED = Path("/work/shared/data")
MACHINE = 0.35  # the machine-style score the sibling rule treats as machine prose (docs/explain.md)


def texts(paths: list[Path], min_words: int = 60) -> list[tuple[Path, str]]:
    got = [(p, p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    return [(p, t) for p, t in got if len(t.split()) >= min_words]


def ai_kinds(data: Path) -> dict[str, list[Path]]:
    """The ai-rewrites texts by how they were made: human originals, ChatGPT rewrites, title-only texts."""
    kind: dict[str, str] = {}
    rows = [line.split() for line in (data / "labels.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    for a, b, label, _, _ in rows:
        if label == "pos":
            kind[a], kind[b] = "human", "rewrite"
    for a, b, _, how, _ in rows:
        if "title" in how:
            for x in (a, b):
                kind.setdefault(x, "title")
    out: dict[str, list[Path]] = {"human": [], "rewrite": [], "title": []}
    for x, k in sorted(kind.items()):
        out[k].append(data / "docs" / f"{x}.txt")
    return out


def auc(human: np.ndarray, machine: np.ndarray) -> float:
    """P(a machine text scores above a human one), ties half."""
    diff = machine[:, None] - human[None, :]
    return float(((diff > 0) + 0.5 * (diff == 0)).mean())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=SHARED / "ai-rewrites-wiki")
    ap.add_argument("--polnear", type=Path, default=SHARED / "polnear" / "data")
    ap.add_argument("--ecb", type=Path, default=SHARED / "ecbplus-dev" / "docs")
    ap.add_argument("--top", type=int, default=5, help="list the N most machine-like human news articles")
    args = ap.parse_args()
    kinds = ai_kinds(args.data)
    sets = {f"wiki {k}": texts(v) for k, v in kinds.items()}
    sets["PolNeAR news (human)"] = texts(sorted(args.polnear.glob("*/text/*.txt")))
    sets["ECB+ news (human)"] = texts(sorted(args.ecb.glob("*.txt")))
    styles = {name: [(p, machine_style(t)) for p, t in items] for name, items in sets.items()}
    logits = {name: np.array([s.logit for _, s in got]) for name, got in styles.items()}
    print(f"{'':24}{'n':>6}{'logit p10':>11}{'p50':>8}{'p90':>8}{'score>=' + str(MACHINE):>13}")
    for name, got in styles.items():
        v = logits[name]
        over = np.mean([s.score >= MACHINE for _, s in got])
        print(f"{name:24}{len(v):>6}" + "".join(f"{np.percentile(v, q):>{w}.2f}" for q, w in ((10, 11), (50, 8), (90, 8)))
              + f"{over:>13.3f}")
    print("\nAUC, human texts vs ChatGPT rewrites / vs title-only ChatGPT texts:")
    for name in ("wiki human", "PolNeAR news (human)", "ECB+ news (human)"):
        print(f"  {name:24} {auc(logits[name], logits['wiki rewrite']):.3f} / {auc(logits[name], logits['wiki title']):.3f}")
    print("\nshare of human news scored over 0.5, short texts included (briefs of a sentence or two, which the")
    print("60-word floor above leaves out):")
    for name, folder in (("PolNeAR news (human)", sorted(args.polnear.glob("*/text/*.txt"))),
                         ("ECB+ news (human)", sorted(args.ecb.glob("*.txt")))):
        every = [machine_style(t).score for _, t in texts(folder, min_words=0)]
        print(f"  {name:24} {np.mean(np.array(every) > 0.5):.3f} of {len(every)}")
    news = [(s.logit, p, s) for name in ("PolNeAR news (human)", "ECB+ news (human)") for p, s in styles[name]]
    print(f"\nmost machine-like human news articles (where the score fails):")
    for logit, p, s in sorted(news, key=lambda x: -x[0])[: args.top]:
        print(f"  {logit:+6.2f} {p.parent.parent.name}/{p.name}: {s.why()}")


if __name__ == "__main__":
    main()
