"""Baselines beside unspun: datasketch MinHash for pair detection, difflib word tiling for passages.

Both are deliberately plain, the kind of thing one writes in an afternoon, so the table shows what the
library adds over them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
from datasketch import MinHash

_WORD = re.compile(r"\w+")

Span = tuple[int, int]


def tokens(text: str) -> tuple[list[str], list[Span]]:
    """Lowercased word tokens and their char spans in `text`."""
    words, spans = [], []
    for m in _WORD.finditer(text):
        words.append(m.group().lower())
        spans.append(m.span())
    return words, spans


# --- pair detection -------------------------------------------------------------------------------

def minhash(words: list[str], num_perm: int = 128, shingle: int = 5, seed: int = 1) -> MinHash:
    mh = MinHash(num_perm=num_perm, seed=seed)
    grams = {" ".join(words[i:i + shingle]) for i in range(max(len(words) - shingle + 1, 1))}
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def minhash_jaccard(words_a: list[str], words_b: list[str], num_perm: int = 128, shingle: int = 5) -> float:
    """MinHash estimate of the Jaccard similarity of two texts' word-shingle sets."""
    return float(minhash(words_a, num_perm, shingle).jaccard(minhash(words_b, num_perm, shingle)))


def best_threshold(scores: list[float], labels: list[bool]) -> tuple[float, float]:
    """The decision threshold (predict positive at score >= t) maximising F1, and that F1."""
    order = np.argsort(-np.asarray(scores), kind="stable")
    s = np.asarray(scores)[order]
    y = np.asarray(labels, dtype=bool)[order]
    tp = np.cumsum(y)
    fp = np.cumsum(~y)
    pos = y.sum()
    f1 = 2 * tp / (tp + fp + pos)
    # Only cut between distinct scores, otherwise ties would be split arbitrarily.
    last_of_run = np.r_[s[1:] != s[:-1], True]
    f1 = np.where(last_of_run, f1, -1)
    k = int(np.argmax(f1))
    return float(s[k]), float(f1[k])


# --- passage alignment ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DifflibConfig:
    min_block: int = 2  # words; shorter common runs are chance ("of the")
    max_gap: int = 15  # words between blocks, in each text, still merged into one passage
    min_passage_words: int = 15  # matched words a passage needs to be reported
    min_density: float = 0.3  # matched words / passage words (in the suspicious text)


def difflib_passages(susp: str, src: str, config: DifflibConfig = DifflibConfig()) -> list[tuple[Span, Span]]:
    """Greedy word tiling via difflib's longest-common-block search, blocks merged into passages."""
    wa, sa = tokens(susp)
    wb, sb = tokens(src)
    if not wa or not wb:
        return []
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size >= config.min_block]
    passages: list[list[int]] = []  # [a_start, a_end, b_start, b_end, matched_words] in word indices
    for b in blocks:
        if passages:
            p = passages[-1]
            if b.a - p[1] <= config.max_gap and b.b - p[3] <= config.max_gap:
                p[1], p[3], p[4] = b.a + b.size, b.b + b.size, p[4] + b.size
                continue
        passages.append([b.a, b.a + b.size, b.b, b.b + b.size, b.size])
    out = []
    for a0, a1, b0, b1, matched in passages:
        if matched < config.min_passage_words or matched / (a1 - a0) < config.min_density:
            continue
        out.append(((sa[a0][0], sa[a1 - 1][1]), (sb[b0][0], sb[b1 - 1][1])))
    return out
