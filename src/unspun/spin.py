"""How likely a lone article is machine-spun, with the words that look substituted.

No source is needed. Signals: a name mentioned once that is a near-spelling of a name used elsewhere in
the text (Kiely ... Keeley), a lowercase common word that is a near-spelling of a name in the text
(Shoigu ... "the shogun"), a fixed expression with one word swapped ("basket economy" for "basket case
economy" is not detectable this way, but "top of the iceberg" is), and the share of rare words.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from .clean import clean_article
from .explain import _IDIOM_STEMS, IDIOMS, _stem, proper_names, tokenize, zipf
from .records import Article, Span


@dataclass(frozen=True)
class Suspect:
    """A word or phrase that looks substituted, and why."""

    span: Span
    text: str
    why: str


@dataclass(frozen=True)
class SpinScore:
    """score in 0..1 (higher = more likely spun) and the suspects behind it."""

    score: float
    suspects: tuple[Suspect, ...]
    rare_word_share: float


def _near(a: str, b: str) -> bool:
    return a.casefold() != b.casefold() and len(a) >= 3 and len(b) >= 3 and fuzz.ratio(a.casefold(), b.casefold()) >= 70


def _inflected(name: str, word: str) -> bool:
    """'Forecasters' is the word 'forecast' inflected, not a name it was swapped for."""
    return name.startswith(word) and name[len(word):] in ("s", "es", "er", "ers", "al", "ing", "ed", "or", "ors")


def spin_score(text: str) -> SpinScore:
    """Score one article; spans index `text`."""
    clean = clean_article(Article("x", text, "<text>"))
    names = proper_names(text, [s.span for s in clean.sentences])
    tokens = [t for s in clean.sentences for t in tokenize(text, s.span, names)]
    name_counts = Counter(t.key for t in tokens if t.name)
    suspects: list[Suspect] = []
    for t in tokens:
        if t.name and name_counts[t.key] == 1:
            twin = next((n for n, c in name_counts.items() if c >= 2 and _near(n, t.key)
                         and zipf(n.casefold()) < 3.0 and zipf(t.key.casefold()) < 3.0), None)
            if twin:
                suspects.append(Suspect((t.start, t.end), t.text, f"name spelled '{twin}' elsewhere"))
        elif not t.name and t.value is None and t.text[:1].islower() and len(t.key) >= 5:
            twin = next((n for n in name_counts if zipf(n.casefold()) < 3.0 and n[:1].casefold() == t.key[:1]
                         and fuzz.ratio(n.casefold(), t.key) >= 78 and not _inflected(n.casefold(), t.key)
                         or False), None)
            if twin and sum(1 for u in tokens if u.key == t.key) == 1:
                suspects.append(Suspect((t.start, t.end), t.text, f"common word close to the name '{twin}'"))
    stems = [(_stem(t.key), t) for t in tokens if t.key not in ("a", "an", "the")]
    for idiom in _IDIOM_STEMS:
        k = len(idiom)
        if k < 3:  # two-word expressions with a word swapped are mostly ordinary phrases
            continue
        for i in range(len(stems) - k + 1):
            window = [s for s, _ in stems[i : i + k]]
            diff = sum(x != y for x, y in zip(window, idiom))
            kept = [x for x, y in zip(window, idiom) if x == y and len(x) > 3]
            if diff == 1 and kept and all(x.isalpha() for x in window):
                lo, hi = stems[i][1], stems[i + k - 1][1]
                suspects.append(Suspect((lo.start, hi.end), text[lo.start:hi.end],
                                        f"fixed expression '{' '.join(IDIOMS[_IDIOM_STEMS.index(idiom)])}' with a word swapped"))
    words = [t.key for t in tokens if not t.name and t.value is None and t.key.isalpha() and len(t.key) > 3]
    rare = sum(1 for w in words if zipf(w) < 3.0) / len(words) if words else 0.0
    raw = 0.35 * len({s.span for s in suspects}) + max(0.0, rare - 0.05) * 4
    score = round(min(1.0, raw), 3)
    unique = {(s.span, s.why): s for s in suspects}
    return SpinScore(score, tuple(sorted(unique.values(), key=lambda s: s.span)), round(rare, 4))
