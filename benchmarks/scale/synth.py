"""Synthetic news-shaped articles for the scan benchmark: sentences over a wordfreq vocabulary, with
exact copies, lightly edited copies and rewrites (sentences dropped, reordered, words swapped, a
sentence added) of recent originals, so every pair-stage step (align, relation, edits, direction)
has work. Written as Parquet (id, text, published, group, kind) in `files` files.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

KINDS = ("original", "original", "original", "original", "original", "original", "exact", "near", "rewrite")


def vocabulary() -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("en", 30000) if w.isascii() and w.isalpha()][:20000]


def _sentences(rng: np.random.Generator, n_vocab: int, p: np.ndarray) -> list[np.ndarray]:
    lengths = rng.integers(12, 28, size=rng.integers(12, 22))
    return [rng.choice(n_vocab, size=k, p=p) for k in lengths]


def _rewrite(rng: np.random.Generator, sents: list[np.ndarray], n_vocab: int, p: np.ndarray) -> list[np.ndarray]:
    """Drop about a fifth of the sentences, swap a few words in half of the rest, move one, add one."""
    kept = [s.copy() for s in sents if rng.random() > 0.2] or [sents[0].copy()]
    for s in kept:
        if rng.random() < 0.5:
            at = rng.integers(0, s.size, max(1, s.size // 8))
            s[at] = rng.choice(n_vocab, size=at.size, p=p)
    if len(kept) > 2:
        kept.insert(rng.integers(0, len(kept)), kept.pop(rng.integers(0, len(kept))))
    kept.insert(rng.integers(0, len(kept) + 1), _sentences(rng, n_vocab, p)[0])
    return kept


def _text(vocab: np.ndarray, sents: list[np.ndarray]) -> str:
    return " ".join(" ".join(vocab[s].tolist()).capitalize() + "." for s in sents)


def news_corpus(n: int, out: Path, files: int = 8, seed: int = 7) -> None:
    """n articles in `files` Parquet files; a third copy or rewrite one of the 300 latest originals."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(), dtype=object)
    p = 1.0 / np.arange(1, len(vocab) + 1) ** 1.0
    p /= p.sum()
    recent: list[tuple[int, list[np.ndarray]]] = []
    per_file = -(-n // files)
    row = 0
    for f in range(files):
        cols: dict[str, list] = {"id": [], "text": [], "published": [], "group": [], "kind": []}
        for _ in range(min(per_file, n - row)):
            kind = KINDS[rng.integers(0, len(KINDS))] if recent else "original"
            if kind == "original":
                sents, group = _sentences(rng, len(vocab), p), row
                recent = (recent + [(row, sents)])[-300:]
            else:
                group, src = recent[rng.integers(0, len(recent))]
                sents = [s.copy() for s in src]
                if kind == "near":
                    s = sents[rng.integers(0, len(sents))]
                    s[rng.integers(0, s.size)] = rng.integers(0, len(vocab))
                elif kind == "rewrite":
                    sents = _rewrite(rng, sents, len(vocab), p)
            cols["id"].append(f"n{row}")
            cols["text"].append(_text(vocab, sents))
            cols["published"].append(f"2024-{1 + row * 12 // max(n, 1):02d}-{1 + row % 28:02d}" if row % 2 else None)
            cols["group"].append(group)
            cols["kind"].append(kind)
            row += 1
        pq.write_table(pa.table(cols), out / f"part{f:02d}.parquet", compression="zstd")
    (out / "DONE").write_text(str(n))
