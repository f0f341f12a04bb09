"""How much a lone text reads like chatbot prose, with the words and features behind the score.

A chatbot writes fluently, so the thesaurus signals (rare words, broken collocations) miss it. What gives
it away is how it was made: a language model picks high-probability, evaluative filler ("significant",
"crucial", "overall", "its rich history") and keeps its sentences even in length; human reference and news
prose is burstier, uses semicolons, and carries more figures and direct quotes. The score is a logistic
model over five numbers:
- lexicon: mean log-odds per word of machine vs human use, over common English words only (wordfreq Zipf
  >= 4, seen in >= 10 different topics), so topic words cannot carry it (`machine_lexicon.LEXICON`); over the
  writer's own words, quoted speech left out (`unquoted`);
- sentence-length evenness: coefficient of variation of sentence lengths (low = machine);
- semicolons, figures and quotation marks per word.
The lexicon and weights are estimated by `benchmarks/ai_rewrites/build_style.py` from human Wikipedia
extracts vs ChatGPT texts written from the title only (never from rewrite pairs); that script prints the
held-out AUCs. Costs one pass over the words; fails on short texts (< 60 words: the score is damped toward
0.5 by `_MIN_WORDS`) and on human prose that is itself bland and even (press releases, marketing copy).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter

import numpy as np

from . import machine_lexicon as _model
from .sentence_kernel import HELD_SHIFT, style_tallies
from .token_kernel import proxy_bytes, word_hash

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d+(?:[.,]\d+)*")
_QUOTED = re.compile('"[^"\n]{1,400}"|\u201c[^\u201d\n]{1,400}\u201d')  # quoted speech, within a paragraph
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d']?\s+(?=[\"\u201c'(]?[A-Z0-9])")
_MIN_WORDS = 60  # below this the numbers are noise: the logit is scaled down by words / _MIN_WORDS
_MACHINE_LEANING = frozenset(w for w, v in _model.LEXICON.items() if v > 0)  # the words `MachineStyle.words` lists

FEATURES = ("lexicon", "sentence evenness", "semicolons", "figures", "quotes")


@dataclass(frozen=True)
class MachineStyle:
    """score in 0..1 (higher = reads more like chatbot prose), its logit, the feature values and how much
    each pushed the logit (> 0 toward machine), and the lexicon words found (word, log-odds, count)."""

    score: float
    logit: float
    features: tuple[tuple[str, float, float], ...]  # (name, value, contribution to the logit)
    words: tuple[tuple[str, float, int], ...]  # strongest machine-leaning lexicon words present

    def why(self, top: int = 3) -> str:
        """One line naming the features and words that pushed hardest toward machine prose."""
        parts = [f"{n} {v:.3f}" for n, v, c in sorted(self.features, key=lambda f: -f[2])[:top] if c > 0]
        words = ", ".join(f"'{w}'" for w, _, _ in self.words[:5])
        return "; ".join(parts) + (f"; words {words}" if words else "")


def words_of(text: str) -> list[str]:
    """Lowercased words and figures, as the lexicon was estimated on. An ASCII text is lowered whole (the
    same words: lowering maps [A-Za-z] onto itself and touches nothing else there)."""
    if text.isascii():
        return _WORD.findall(text.lower())
    return [w.casefold().replace("\u2019", "'") for w in _WORD.findall(text)]


def raw_features(text: str, lexicon: dict[str, float] | None = None) -> dict[str, float]:
    """The five feature values of `text` (lexicon = `machine_lexicon.LEXICON` unless given)."""
    return _features(text, words_of(text), _model.LEXICON if lexicon is None else lexicon)


_PROXY = {"\u2019": "\x01", "\u201d": "\x02", "\u201c": "\x03"}  # `sentence_kernel`'s _RSQUO, _RDQUO, _LDQUO


def _style_code(c: str) -> str | None:
    """A non-ASCII character's byte in `token_kernel.proxy_bytes` for `style_tallies`: U+2019, U+201D and U+201C
    their own, other whitespace a space, a digit None (`\\d` matches it), any other \\x04 (no regex reads it)."""
    if c.isdecimal():
        return None
    return _PROXY.get(c) or (" " if c.isspace() else "\x04")


def ascii_proxy(text: str) -> tuple[np.ndarray, bool] | None:
    """(bytes, whether they are a proxy) for `sentence_kernel.style_tallies`: an ASCII text's own bytes, or an ASCII
    text of the same length whose words and sentence ends are the regexes' (`_style_code`). None when a
    character cannot be stood for: the regexes read the text."""
    buf = proxy_bytes(text, _style_code)
    return None if buf is None else (buf, not text.isascii())


def _compiled(buf: np.ndarray, proxy: bool, table: tuple[np.ndarray, ...]) -> tuple[int, int, float, np.ndarray, list[int]]:
    """`style_tallies` of the bytes under a lexicon table (`_lexicon_table`): (words, letter words, lexicon sum,
    the machine-leaning rows in first-seen order with their counts, the sentence lengths or [0])."""
    values = table[2]
    counts, seen = np.zeros(len(values), dtype=np.int64), np.empty(len(values), dtype=np.int64)
    lengths = np.empty(len(buf) // 2 + 1, dtype=np.int64)
    n, letters, total, found, k = style_tallies(buf, proxy, *table, counts, seen, lengths)
    return n, letters, total, (seen[:found], counts[seen[:found]]), lengths[:k].tolist() or [0]


def sentence_lengths(text: str) -> list[int]:
    """Words per sentence, sentences without a word left out ([0] for none): compiled (`sentence_kernel`, through
    `ascii_proxy`), else one `findall` per `_SENTENCE_END` piece. A line break is not a sentence end: PAN13's
    hard-wrapped passages break lines mid-sentence, and splitting there (tried) made their style votes worse."""
    text = text.strip()
    got = ascii_proxy(text)
    if got is not None:
        return _compiled(*got, _EMPTY_TABLE)[4]
    return [c for c in map(len, map(_WORD.findall, _SENTENCE_END.split(text))) if c] or [0]


def unquoted(text: str) -> str:
    """The text with its quoted speech (double quotes, straight or curly, within a paragraph) blanked: the lexicon
    measures how the writer words things, and a quoted speaker's "we", "our" or "future" is not the writer's."""
    return _QUOTED.sub(" ", text) if ('"' in text or "\u201c" in text) else text


def _features(text: str, words: list[str], lex: dict[str, float], said: list[str] | None = None) -> dict[str, float]:
    """The five features from the text's words; `said`: the writer's own words (`words_of(unquoted(text))`) when
    the caller has them."""
    # Words starting with a letter (the others start with a digit: `_WORD`), picked in C, in order.
    alpha = list(map(str.isalpha, map(itemgetter(0), words)))
    if said is None:
        own = unquoted(text)
        said = words if own is text else words_of(own)
    said_alpha = alpha if said is words else list(map(str.isalpha, map(itemgetter(0), said)))
    return _values(text, len(words), sum(alpha), _mean(sum(map(lex.get, compress(said, said_alpha), repeat(0.0))),
                                                        sum(said_alpha)), sentence_lengths(text))


def _mean(total: float, count: int) -> float:
    return total / max(1, count)


def _values(text: str, words: int, letters: int, lexicon: float, lengths: list[int]) -> dict[str, float]:
    """The five features from the word counts, the lexicon's mean value over the writer's own letter words
    (`unquoted`) and the words per sentence."""
    n = max(1, words)
    return {
        "lexicon": lexicon,
        "sentence evenness": evenness(lengths),
        "semicolons": text.count(";") / n,
        "figures": (words - letters) / n,
        "quotes": sum(text.count(q) for q in ('"', "\u201c", "\u201d")) / n,
    }


def evenness(lengths: list[int], prior: float | None = None, strength: float | None = None) -> float:
    """Coefficient of variation of the words per sentence, shrunk toward the training texts' mean by how many
    sentences it rests on: weight (n - 1) / (n - 1 + strength). A CV from a few sentences is mostly sampling noise
    (one sentence has none at all, which read as perfectly even: machine-like), and `strength` is that noise
    against the spread of true CVs between texts, estimated by `build_style.py` (empirical Bayes)."""
    prior = _model.EVENNESS_PRIOR if prior is None else prior
    strength = _model.EVENNESS_STRENGTH if strength is None else strength
    n = len(lengths)
    mean = sum(lengths) / n
    if n < 2 or not mean:
        return prior
    cv = math.sqrt(sum((x - mean) ** 2 for x in lengths) / (n - 1)) / mean
    return prior + (n - 1) / (n - 1 + strength) * (cv - prior)


def _table(lexicon: dict[str, float]) -> tuple[np.ndarray, ...]:
    """`sentence_kernel.style_tallies`' view of a lexicon: the words' sorted FNV-1a hashes with their rows, the
    values, the words' bytes and bounds, which lean machine-ward, and the filter of their hashes' top bits."""
    words = list(lexicon)
    hashes = np.array([word_hash(w) for w in words], dtype=np.uint64)
    order = np.argsort(hashes, kind="stable")
    data = [w.encode("ascii") for w in words]
    held = np.zeros(1 << (64 - int(HELD_SHIFT)), dtype=np.bool_)
    held[hashes >> HELD_SHIFT] = True
    return (hashes[order], order.astype(np.int64), np.array(list(lexicon.values()), dtype=np.float64),
            np.frombuffer(b"".join(data), dtype=np.uint8), np.cumsum([0] + list(map(len, data))).astype(np.int64),
            np.array([w in _MACHINE_LEANING for w in words], dtype=np.bool_), held)


_EMPTY_TABLE = _table({})  # for the words per sentence alone
_LEXICON_WORDS = list(_model.LEXICON)


@lru_cache(maxsize=1)
def _lexicon_table() -> tuple[np.ndarray, ...]:
    """`_table` of `machine_lexicon.LEXICON`, built once per process."""
    return _table(_model.LEXICON)


def _tallies(text: str) -> tuple[dict[str, float], int, dict[str, int]]:
    """(the feature values, the word count, the machine-leaning words' counts in first-seen order) under
    `machine_lexicon.LEXICON`: from one compiled pass over the text's bytes or its `ascii_proxy` (`style_tallies`:
    the same words, sum, counts and sentences), for a text the proxy cannot stand for from `words_of`."""
    got = ascii_proxy(text)
    own = unquoted(text)
    if got is None:
        words = words_of(text)
        said = words if own is text else words_of(own)
        # first-seen order, as a loop
        return (_features(text, words, _model.LEXICON, said), len(words),
                Counter(filter(_MACHINE_LEANING.__contains__, said)))
    # With quotes, the whole text's pass counts words and sentences only, and the lexicon is read over the writer's
    # own words in a second pass; without, one pass does both.
    n, letters, total, (seen, counts), lengths = _compiled(*got, _lexicon_table() if own is text else _EMPTY_TABLE)
    lexicon = _mean(total, letters)
    if own is not text:
        _, own_letters, own_total, (seen, counts), _ = _compiled(*ascii_proxy(own), _lexicon_table())
        lexicon = _mean(own_total, own_letters)
    names = _LEXICON_WORDS
    return _values(text, n, letters, lexicon, lengths), n, dict(zip(map(names.__getitem__, seen.tolist()),
                                                                     counts.tolist()))


@lru_cache(maxsize=4096)
def machine_style(text: str) -> MachineStyle:
    """Score one text; see the module docstring for what the features are and where it fails.

    Memoized on the text (a pure function of it; the record is frozen): a scan scores each article once
    for its spin record and again for every pair it is in, and the direction votes ask for both sides."""
    values, n_words, counts = _tallies(text)
    contributions = {
        name: _model.WEIGHTS[name] * (values[name] - _model.MEANS[name]) / _model.SCALES[name] for name in FEATURES
    }
    logit = _model.INTERCEPT + sum(contributions.values())
    logit *= min(1.0, n_words / _MIN_WORDS)
    score = 1.0 / (1.0 + math.exp(-logit))
    found = sorted(((w, _model.LEXICON[w], c) for w, c in counts.items()), key=lambda x: -x[1] * x[2])
    return MachineStyle(
        round(score, 4),
        round(logit, 3),
        tuple((name, round(values[name], 4), round(contributions[name], 3)) for name in FEATURES),
        tuple(found[:12]),
    )
