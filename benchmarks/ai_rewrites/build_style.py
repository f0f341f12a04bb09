"""Estimate the machine-style lexicon and weights (src/unspun/edits/machine_lexicon.py) and print their AUCs.

Usage: python benchmarks/ai_rewrites/build_style.py [--data DIR] [--write]

Training texts: the human originals and the ChatGPT texts written from the TITLE ONLY (labels.tsv kinds
chatgpt_generated_*); the rewrite pairs are never used for estimation, so the AUC on rewrites is a
held-out figure. Method:
1. lexicon: per word, log-odds of its rate in machine vs human texts (quoted speech left out: `unquoted`) with
   add-5 smoothing, kept only for
   common English words (wordfreq Zipf >= 4.0) seen in >= 10 different topics (groups), |log-odds| >= 0.25,
   so topic words (names, places, subject terms) cannot enter; the file holds word-level numbers only.
2. sentence evenness (the CV of words per sentence) is shrunk toward the training texts' mean CV by how many
   sentences it rests on (`machine_style.evenness`); the shrinkage strength is the noise of one sentence's worth
   of CV (each text's bootstrap variance x (sentences - 1)) over the spread of true CVs between texts of a class
   (their variance less the mean bootstrap variance): empirical Bayes, seeded.
3. a logistic regression (sklearn, C=1, classes balanced so 0.5 is the boundary) over the five standardised
   features of `machine_style`. A feature whose weight comes out with the sign opposite to its own difference
   between the classes (machine mean - human mean) is a suppression artefact of the other features, not a
   property of machine text: it is dropped (weight 0, reported) and the model refitted without it. (Figures per
   word came out machine-leaning although human texts hold three times as many; on news, dense in figures, it
   called human reports machine prose.)
Prints group-wise 2-fold cross-validated AUC (human originals vs title-only texts, vs rewrites, vs all
ChatGPT texts) and the paired direction figure (the rewrite scores above its own original), then the
in-sample weights. --write regenerates the module.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from wordfreq import zipf_frequency

from unspun.edits.machine_style import FEATURES, evenness, raw_features, sentence_lengths, unquoted, words_of

DEFAULT = Path("/work/shared/data/ai-rewrites-wiki")
TARGET = Path(__file__).resolve().parents[2] / "src" / "unspun" / "edits" / "machine_lexicon.py"
MIN_ZIPF, MIN_GROUPS, SMOOTH, MIN_LOGODDS = 4.0, 10, 5.0, 0.25


def load(data: Path):
    rows = [line.split() for line in (data / "labels.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    group = {x: r[4] for r in rows for x in r[:2]}
    human = sorted({r[0] for r in rows if r[2] == "pos"})
    rewrites = sorted({r[1] for r in rows if r[2] == "pos"})
    title = sorted({r[1] for r in rows if r[3].startswith("chatgpt_generated")})
    text = {i: (data / "docs" / f"{i}.txt").read_text(encoding="utf-8") for i in group}
    pos = [(r[0], r[1]) for r in rows if r[2] == "pos"]
    return text, group, human, rewrites, title, pos


def lexicon(human, machine, text, group) -> dict[str, float]:
    counts = {0: Counter(), 1: Counter()}
    topics: dict[str, set[str]] = {}
    for side, ids in ((0, human), (1, machine)):
        for i in ids:
            ws = [w for w in words_of(unquoted(text[i])) if w[0].isalpha()]  # the writer's words, as scored
            counts[side].update(ws)
            for w in set(ws):
                topics.setdefault(w, set()).add(group[i])
    nh, nm = sum(counts[0].values()), sum(counts[1].values())
    out = {}
    for w, gs in topics.items():
        if len(gs) < MIN_GROUPS or zipf_frequency(w, "en") < MIN_ZIPF:
            continue
        lo = math.log((counts[1][w] + SMOOTH) / (nm + SMOOTH)) - math.log((counts[0][w] + SMOOTH) / (nh + SMOOTH))
        if abs(lo) >= MIN_LOGODDS:
            out[w] = round(lo, 2)
    return out


def _cv(lengths: list[int]) -> float:
    x = np.asarray(lengths, dtype=float)
    return float(x.std(ddof=1) / x.mean())


def shrinkage(classes: list[list[str]], text) -> tuple[float, float]:
    """(prior, strength) of `machine_style.evenness`: the mean CV of the texts, and one sentence's sampling
    variance of a CV over the between-text variance of true CVs within a class (bootstrap, seeded)."""
    rng = np.random.default_rng(0)
    noise, spread, cvs_all = [], [], []
    for ids in classes:
        cvs, boot, per_sentence = [], [], []
        for i in ids:
            lengths = sentence_lengths(text[i])
            if len(lengths) < 4:
                continue
            draws = [_cv(rng.choice(lengths, len(lengths))) for _ in range(200)]
            cvs.append(_cv(lengths))
            boot.append(np.var(draws))
            per_sentence.append(np.var(draws) * (len(lengths) - 1))
        noise.append(np.mean(per_sentence))
        spread.append(max(1e-6, np.var(cvs) - np.mean(boot)))
        cvs_all += cvs
    return round(float(np.mean(cvs_all)), 4), round(float(np.mean(noise) / np.mean(spread)), 1)


def features(text_: str, lex, prior: float, strength: float) -> list[float]:
    values = raw_features(text_, lex)
    values["sentence evenness"] = evenness(sentence_lengths(text_), prior, strength)
    return [values[f] for f in FEATURES]


def fit(human, machine, text, group):
    lex = lexicon(human, machine, text, group)
    prior, strength = shrinkage([human, machine], text)
    X = np.array([features(text[i], lex, prior, strength) for i in human + machine])
    y = np.array([0] * len(human) + [1] * len(machine))
    mu, sd = X.mean(0), X.std(0) + 1e-9
    z = (X - mu) / sd
    expected = np.sign(z[y == 1].mean(0) - z[y == 0].mean(0))
    keep = np.ones(len(FEATURES), dtype=bool)
    while True:
        model = LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced").fit(z[:, keep], y)
        coef = np.zeros(len(FEATURES))
        coef[keep] = model.coef_[0]
        wrong = keep & (np.sign(coef) != expected) & (coef != 0)
        if not wrong.any():
            break
        keep[np.argmax(np.where(wrong, np.abs(coef), -1))] = False  # the strongest wrong-signed one first
    model.coef_ = coef[None, :]
    return lex, mu, sd, model, (prior, strength)


def score(text_: str, lex, mu, sd, model, shrink) -> float:
    x = (np.array(features(text_, lex, *shrink)) - mu) / sd
    return float(x @ model.coef_[0] + model.intercept_[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--write", action="store_true", help=f"regenerate {TARGET.name}")
    args = ap.parse_args()
    text, group, human, rewrites, title, pos = load(args.data)
    groups = sorted(set(group.values()))
    random.Random(0).shuffle(groups)
    folds = [set(groups[: len(groups) // 2]), set(groups[len(groups) // 2 :])]
    held: dict[str, float] = {}
    for k in range(2):
        train, test = folds[k], folds[1 - k]
        m = fit([i for i in human if group[i] in train], [i for i in title if group[i] in train], text, group)
        for i in text:
            if group[i] in test:
                held[i] = score(text[i], *m)

    def auc(neg, posi):
        return roc_auc_score([0] * len(neg) + [1] * len(posi), [held[i] for i in neg + posi])

    print("2-fold by topic, estimated on human originals vs title-only ChatGPT texts:")
    print(f"  AUC human originals vs title-only texts   {auc(human, title):.3f}")
    print(f"  AUC human originals vs rewrites (unseen)  {auc(human, rewrites):.3f}")
    print(f"  AUC human originals vs all ChatGPT texts  {auc(human, rewrites + title):.3f}")
    print(f"  rewrite scores above its own original     {np.mean([held[b] > held[a] for a, b in pos]):.3f}")
    lex, mu, sd, model, shrink = fit(human, title, text, group)
    print(f"lexicon: {len(lex)} words; weights", dict(zip(FEATURES, np.round(model.coef_[0], 3))),
          "(0 = dropped: its sign contradicted its own class difference)")
    print(f"sentence evenness shrunk toward {shrink[0]} with strength {shrink[1]} sentences")
    if args.write:
        write(lex, mu, sd, model, shrink)
        print(f"wrote {TARGET}")
    return 0


def write(lex, mu, sd, model, shrink) -> None:
    lines = [
        '"""Machine-style lexicon and weights for `machine_style` (generated: benchmarks/ai_rewrites/build_style.py).',
        "",
        "Word-level statistics only: log-odds of a common English word's rate in ChatGPT texts written from a",
        "title vs human Wikipedia extracts (> 0 = machine-leaning). Do not edit by hand; rerun the script.",
        '"""',
        "",
        f"INTERCEPT = {float(model.intercept_[0]):.4f}",
        "WEIGHTS = {" + ", ".join(f'"{f}": {w:.4f}' for f, w in zip(FEATURES, model.coef_[0])) + "}",
        "MEANS = {" + ", ".join(f'"{f}": {m:.6f}' for f, m in zip(FEATURES, mu)) + "}",
        f"EVENNESS_PRIOR = {shrink[0]}",
        f"EVENNESS_STRENGTH = {shrink[1]}",
        "SCALES = {" + ", ".join(f'"{f}": {s:.6f}' for f, s in zip(FEATURES, sd)) + "}",
        "LEXICON = {",
    ]
    items = sorted(lex.items(), key=lambda x: -x[1])
    for k in range(0, len(items), 6):
        lines.append("    " + " ".join(f'"{w}": {v},' for w, v in items[k : k + 6]))
    lines.append("}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
