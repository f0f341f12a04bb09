"""Synthetic news-like corpus with known copy/rewrite groups, for speed benchmarks.

Articles are built from wordfreq's English vocabulary with invented names and numbers; "spun"
variants replace content words through a random substitution table of the generator's own (it shares
nothing with the detector), reorder clauses and drop sentences. Deterministic for a given seed.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from wordfreq import top_n_list

FUNCTION = "the a of to in and that for on with as by at from was is were has had will would said".split()


@dataclass(frozen=True)
class SynthDoc:
    id: str
    text: str
    group: int  # documents with the same group derive from one original
    kind: str  # original | exact | noisy | truncated | spun


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        words = [w for w in top_n_list("en", 20000) if w.isalpha() and len(w) > 3]
        self.content = words[200:12000]
        self.swap = {w: self.rng.choice(self.content) for w in self.content}
        self.names = [w.capitalize() for w in words[12000:16000]]

    def sentence(self) -> str:
        r = self.rng
        n = r.randint(14, 26)
        out = []
        for i in range(n):
            x = r.random()
            if x < 0.40:
                out.append(r.choice(FUNCTION))
            elif x < 0.48:
                out.append(r.choice(self.names))
            elif x < 0.51:
                out.append(str(r.randint(2, 5000)))
            else:
                out.append(r.choice(self.content))
        out[0] = out[0].capitalize()
        return " ".join(out) + "."

    def original(self, words: int = 600) -> list[str]:
        sents: list[str] = []
        while sum(len(s.split()) for s in sents) < words:
            sents.append(self.sentence())
        return sents

    def spin(self, sents: list[str], rate: float = 0.6) -> list[str]:
        r = self.rng
        out = []
        for s in sents:
            if r.random() < 0.1:
                continue  # dropped sentence
            toks = s.rstrip(".").split()
            toks = [self.swap.get(t, t) if t in self.swap and r.random() < rate else t for t in toks]
            if r.random() < 0.4:  # move a clause to the front
                cut = r.randint(3, max(4, len(toks) - 3))
                toks = toks[cut:] + toks[:cut]
            out.append(" ".join(toks).capitalize() + ".")
        return out


def paragraphs(sents: list[str]) -> str:
    return "\n\n".join(" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3))


def corpus(n: int, seed: int = 7, words: int = 600) -> list[SynthDoc]:
    """n documents: about half originals, the rest copies, noisy copies, truncations and spins."""
    g = Generator(seed)
    docs: list[SynthDoc] = []
    group = 0
    while len(docs) < n:
        sents = g.original(words)
        docs.append(SynthDoc(f"d{len(docs)}", paragraphs(sents), group, "original"))
        for kind in g.rng.sample(["exact", "noisy", "truncated", "spun", "spun", "none", "none"], 2):
            if len(docs) >= n or kind == "none":
                continue
            if kind == "exact":
                text = paragraphs(sents)
            elif kind == "noisy":
                cap = "Photo: " + g.sentence()
                text = paragraphs(sents[:5]) + f"\n\n{cap}\n\n{cap.replace(' ', '  ')}\n\n" + paragraphs(sents[5:])
            elif kind == "truncated":
                text = paragraphs(sents[: len(sents) // 2]) + "\n\nRead the full story on our partner site."
            else:
                text = paragraphs(g.spin(sents))
            docs.append(SynthDoc(f"d{len(docs)}", text, group, kind))
        group += 1
    return docs
