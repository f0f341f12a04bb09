"""How likely a lone article is machine-spun, with the words that look substituted; and, as a separate
score, how much it reads like fluent chatbot prose (`machine_style`: the words and features behind it).

No source is needed. Signals: a name mentioned once that is a near-spelling of a name used elsewhere in
the text (Kiely ... Keeley), a lowercase common word that is a near-spelling of a name in the text
(Shoigu ... "the shogun"), a fixed expression with one word swapped ("basket economy" for "basket case
economy" is not detectable this way, but "top of the iceberg" is), the share of rare words, and the share
of adjacent word pairs that web English does not list as collocations (`collocation.pair_fit`).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, compress, count, repeat
from operator import and_, eq, itemgetter, le, mul, not_, or_

import numpy as np
from rapidfuzz import fuzz, process

from ..clean import clean_article
from ..records import Article, CleanArticle, Span
from ..tokens import common_words, zipf
from .collocation import Collocations, _table, shared
from .spin_kernel import pair_key, spin_tally
from .token_kernel import word_hash
from .tokenize import RuleColumns, Token, article_columns
from .machine_style import MachineStyle, machine_style
from .word_memo import light_stems, memoized, remember
from .words import IDIOM_STEMS, IDIOMS, article_clash




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
    collocation_oddness: float = 0.0  # share of word pairs that web English does not list as a collocation
    machine: MachineStyle | None = None  # fluent machine (chatbot) prose: its own score, features and words

    @property
    def machine_score(self) -> float:
        """0..1, how much the text reads like chatbot prose (`machine_style`); separate from `score`, which
        measures thesaurus spinning (a chatbot's text is fluent, a spinner's is not)."""
        return self.machine.score if self.machine is not None else 0.0


def _near(a: str, b: str) -> bool:
    return a.casefold() != b.casefold() and len(a) >= 3 and len(b) >= 3 and fuzz.ratio(a.casefold(), b.casefold()) >= 70


def _inflected(name: str, word: str) -> bool:
    """'Forecasters' is the word 'forecast' inflected, not a name it was swapped for."""
    return name.startswith(word) and name[len(word):] in ("s", "es", "er", "ers", "al", "ing", "ed", "or", "ors")


def _derived(a: str, b: str) -> bool:
    """One name is the other with a demonym/possessive/plural ending (Valdoria, Valdorian)."""
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    return long.startswith(short) and long[len(short):] in ("n", "an", "ian", "ese", "i", "s", "es", "'s")


def _hits(scores: np.ndarray, cutoff: float) -> list[list[int]]:
    """Per row of a score matrix, the columns scoring >= cutoff, in order (one `nonzero` for the matrix)."""
    out: list[list[int]] = [[] for _ in range(len(scores))]
    rows, cols = np.nonzero(scores >= cutoff)
    for r, c in zip(rows.tolist(), cols.tolist()):
        out[r].append(c)
    return out


def _twins(scores: np.ndarray, cutoff: float) -> dict[int, list[int]]:
    """Row -> the columns scoring >= cutoff but not 100, in order, for the rows having any. `fuzz.ratio` is 100
    exactly for two equal strings, so a name's own spellings (its casefold's names, itself among them) are
    left out in the same C pass: a twin must be spelled otherwise, and most names written once have none."""
    out: dict[int, list[int]] = {}
    rows, cols = np.nonzero((scores >= cutoff) & (scores != 100))
    for r, c in zip(rows.tolist(), cols.tolist()):
        out.setdefault(r, []).append(c)
    return out


@dataclass(frozen=True, eq=False)
class _Words:
    """An article's tokens as columns: the plain words' tokens are never built, nor the rules' (`tokenize.
    article_columns`): only the rules' tokens' keys and flags are held; the key, name and value columns of every
    token are written from them on first use (the compiled tallies of an ASCII article read none of them, most
    articles' checks only the rules' own columns)."""

    text: list[str]
    offsets: tuple[np.ndarray, np.ndarray]  # the words' starts and ends (int64)
    rules: RuleColumns  # (index, key, name, has a value) of the tokens the rules made; the others are plain words

    @classmethod
    def of(cls, text: str, sentences: Sequence[Span]) -> _Words:
        """The tokens of `tokenize.article_tokens`, as columns."""
        words, starts, ends, rules = article_columns(text, sentences)
        return cls(words, (starts, ends), rules)

    @classmethod
    def of_tokens(cls, tokens: Sequence[Token]) -> _Words:
        """The same columns from built tokens (each counted as the rules': `_tally` reads no word's bytes)."""
        return cls([t.text for t in tokens], (np.array([t.start for t in tokens], dtype=np.int64),
                                              np.array([t.end for t in tokens], dtype=np.int64)),
                   RuleColumns(list(range(len(tokens))), [t.key for t in tokens], [t.name for t in tokens],
                               [t.value is not None for t in tokens]))

    @cached_property
    def start(self) -> list[int]:
        """The words' starts as Python ints (read for a suspect's span alone)."""
        return self.offsets[0].tolist()

    @cached_property
    def end(self) -> list[int]:
        return self.offsets[1].tolist()

    @cached_property
    def key(self) -> list[str]:
        """Every token's key (a plain word's is the word)."""
        return self._over(self.text, 1)

    @cached_property
    def name(self) -> list[bool]:
        return self._over([False] * len(self.text), 2)

    @cached_property
    def valued(self) -> list[bool]:
        """Whether each token has a numeric value."""
        return self._over([False] * len(self.text), 3)

    def _over(self, column: list, field: int) -> list:
        """A copy of `column` with the rules' tokens' values of `rules` column `field` written over it."""
        out = column.copy()
        for n, v in zip(self.rules[0], self.rules[field]):
            out[n] = v
        return out


def _commons(words: _Words, key_counts: Counter) -> list[int]:
    """Indices, in order, of the lowercase common words whose key is written once and has >= 5 characters
    (no name, no value): the words `_name_variants` holds against the rare names. The tokens whose key
    qualifies are picked in C first."""
    long_once = set(compress(key_counts, map(eq, key_counts.values(), repeat(1)))).intersection(
        compress(key_counts, map(le, repeat(5), map(len, key_counts))))
    keys, texts, is_name, valued = words.key, words.text, words.name, words.valued
    return [n for n in compress(count(), map(long_once.__contains__, keys))
            if not is_name[n] and not valued[n] and texts[n][:1].islower()]


def _rare_name(folded: str) -> bool:
    return zipf(folded) < 3.0


_RARE_NAMES: dict[str, bool] = {}  # `_rare_name` per casefolded name (`memoized`)
_CLASHES: dict[tuple[str, str], bool] = {}


def _clash(text: str, start: int, end: int) -> bool:
    """`article_clash` of the word at text[start:end], kept per process on what it reads (the word and the four
    characters before it): a corpus repeats its "a"/"an" pairs."""
    key = (text[max(0, start - 4):start], text[start:end])
    got = _CLASHES.get(key)
    if got is None:
        got = article_clash(text, (start, end))
        remember(_CLASHES, key, got)
    return got


def _name_variants(words: _Words, name_counts: Counter, commons: list[int]) -> list[Suspect]:
    """Names written once that are a near-spelling of another name in the text (Treadwell ... Threadwell,
    Moyo ... Mayo; a derived form, Valdoria -> Valdorian, is not a variant), and lowercase common words
    written once (`_commons`) close to a rare name (Shoigu ... "the shogun"). Each candidate twin is the
    first in the text's name order; fuzzy scores come from one `cdist` per article for each kind instead
    of a call per token pair."""
    names = list(name_counts)
    folded = list(map(str.casefold, names))
    once = [r for r, c in enumerate(name_counts.values()) if c == 1]  # rows of the names written once
    near = _twins(process.cdist(list(map(folded.__getitem__, once)), folded, scorer=fuzz.ratio, dtype=np.float64,
                                score_cutoff=70), 70) if once else {}
    rare = list(compress(zip(names, folded), memoized(_RARE_NAMES, _rare_name, folded)))
    texts = words.text
    picked = []
    if rare and commons:
        keys = words.key
        # A common word's twin starts with its first letter: only the words starting as some rare name does are scored.
        initials = {n[:1].casefold() for n, _ in rare}
        commons = list(compress(commons, map(initials.__contains__, map(itemgetter(0), map(keys.__getitem__, commons)))))
        close = _hits(process.cdist(list(map(keys.__getitem__, commons)), [f for _, f in rare], scorer=fuzz.ratio,
                                    dtype=np.float64, score_cutoff=78), 78) if commons else []
        picked = [(commons[r], keys[commons[r]], False, cols) for r, cols in enumerate(close) if cols]
    # Only a name written once with a twin or a common word with a close twin can be flagged: the loop walks
    # those alone, in the text's order, each with its row of the score matrix (a common word's key is written
    # once, so no other token has it; a name written once is one name token).
    if near:
        named = {names[once[r]]: cols for r, cols in near.items()}
        at, rule_keys, rule_names, _ = words.rules
        picked = sorted(picked + [(n, k, True, named[k]) for n, k in compress(zip(at, rule_keys), rule_names)
                                  if k in named])
    suspects: list[Suspect] = []
    for n, key, is_name, cols in picked:
        if is_name:
            low = key.casefold()
            twin = next((names[c] for c in cols
                         if folded[c] != low and len(names[c]) >= 3 and len(key) >= 3
                         and not _derived(names[c], key)
                         and (name_counts[names[c]] >= 2 or zipf(low) != zipf(folded[c]))), None)
            if twin:
                suspects.append(Suspect((words.start[n], words.end[n]), texts[n], f"name spelled '{twin}' elsewhere"))
        else:
            # the first rare name, in the text's order, of the same first letter (its casefold) that is close
            twin = next((rare[c][0] for c in cols if rare[c][0][:1].casefold() == key[:1]
                         and rare[c][1] != key and not _inflected(rare[c][1], key)), None)
            if twin:
                suspects.append(Suspect((words.start[n], words.end[n]), texts[n],
                                        f"common word close to the name '{twin}'"))
    return suspects


_WHOLE = frozenset(IDIOM_STEMS)
# Each fixed expression with one word masked -> its index, so a window is checked in O(length).
_ONE_SWAP = {(*idiom[:j], "*", *idiom[j + 1 :]): n for n, idiom in enumerate(IDIOM_STEMS) for j in range(len(idiom))}
_ARTICLE = re.compile(r"\b(an?)\s+([A-Za-z]+)", re.IGNORECASE)
# The same matches in a lowered ASCII text, ~4x cheaper to scan: a literal first letter ("a", then the
# look-behind for `\b`), which the regex engine seeks directly instead of trying `\b` at every position. Only
# the matches that can clash are kept: after "an" any word, after "a" one starting with a vowel or an "h" (a
# silent one: `words.article_clash`). A match left out covers no other's start (no "a" inside it starts a word
# but one its article's test keeps), so the others are found as before.
_ARTICLE_LOW = re.compile(r"a(?<!\wa)(n)?\s+(?(1)|(?=[aeiouh]))([a-z]+)")


def _article_words(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, word start, word end) of each `_ARTICLE` match ("a"/"an" and the word after it) whose article
    the word may not fit; an ASCII text is scanned lowered (lowering maps [A-Za-z] onto itself one to one, so
    the offsets are the text's) for the matches that can clash alone (`_ARTICLE_LOW`)."""
    if text.isascii():
        return ((*m.span(), *m.span(2)) for m in _ARTICLE_LOW.finditer(text.lower()))
    return ((*m.span(), *m.span(2)) for m in _ARTICLE.finditer(text))

_LENGTHS = sorted({len(i) for i in IDIOM_STEMS})
# Lengths of the whole expressions by their first stem: a window is looked up only where one can start.
_WHOLE_AT = {w: tuple(k for k in _LENGTHS if any(len(i) == k and i[0] == w for i in IDIOM_STEMS))
             for w in {i[0] for i in IDIOM_STEMS}}
_SWAP_MIN = 3  # two-word expressions with a word swapped are mostly ordinary phrases
_SWAPPABLE = [i for i in IDIOM_STEMS if len(i) >= _SWAP_MIN]


def _lengths_by(a: int, b: int) -> dict[tuple[str, str], frozenset[int]]:
    """(stem a, stem b) of each expression of >= 3 words -> the lengths of the expressions having them."""
    out: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i in _SWAPPABLE:
        out[(i[a], i[b])].add(len(i))
    return {p: frozenset(ks) for p, ks in out.items()}


# A window one word off an expression agrees with it on stems 0 and 1 (the swap at j >= 2), on 1 and 2
# (j = 0) or on 0 and 2 (j = 1): three pair lookups name the only lengths worth the masked lookups.
_BY_PAIR = tuple(_lengths_by(a, b) for a, b in ((0, 1), (1, 2), (0, 2)))
_ARTICLE_WORDS = frozenset(("a", "an", "the"))
_SWAP_STEMS = frozenset(w for i in _SWAPPABLE for w in i[:3])  # the stems the three pair lookups read

_LONG_STEMS = frozenset(w for i in _SWAPPABLE for w in i if len(w) > 3)  # a flagged window has one in place
_SWAP_MAX = max(len(i) for i in _SWAPPABLE)


def _swap_windows(keys: Sequence[str]) -> list[tuple[int, int]]:
    """(length, start) of every window that an expression of >= 3 words with one stem swapped could fill and
    be flagged in, by length then start. A window is flagged only where one of its stems of > 3 letters is
    the expression's at that place (`_swapped_idioms`), so only the windows around a stem of `_LONG_STEMS`
    (picked in C; most articles have none) are looked up, with the three pair lookups (`_BY_PAIR`)."""
    n = len(keys)
    held = list(compress(count(), map(_LONG_STEMS.__contains__, keys)))
    if not held:
        return []
    starts = {p - d for p in held for d in range(_SWAP_MAX)}
    at = set(held)
    p01, p12, p02 = _BY_PAIR
    none: frozenset[int] = frozenset()
    return sorted((k, i) for i in starts if 0 <= i < n - 2
                  for k in p01.get((keys[i], keys[i + 1]), none) | p12.get((keys[i + 1], keys[i + 2]), none)
                  | p02.get((keys[i], keys[i + 2]), none) if i + k <= n and not at.isdisjoint(range(i, i + k)))


def _intact(keys: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of every whole expression in the stems; the positions where one can start are picked in C."""
    n = len(keys)
    return [(i, i + k) for i in compress(count(), map(_WHOLE_AT.__contains__, keys)) for k in _WHOLE_AT[keys[i]]
            if i + k <= n and tuple(keys[i : i + k]) in _WHOLE]


def _swapped_idioms(text: str, words: _Words) -> list[Suspect]:
    """Fixed expressions with one word swapped ("top of the iceberg"), matched on light stems with the
    articles dropped; a window inside an intact expression is not one. Only the windows `_swap_windows`
    names get the masked lookups."""
    kept = list(compress(count(), map(not_, map(_ARTICLE_WORDS.__contains__, words.key))))
    keys = light_stems(list(map(words.key.__getitem__, kept)))
    windows = _swap_windows(keys)
    if not windows:
        return []
    intact = _intact(keys)  # read only when some window is in question (most articles have none)
    suspects: list[Suspect] = []
    for k, i in windows:
        window = keys[i : i + k]
        if not all(x.isalpha() for x in window) or any(i <= lo and hi <= i + k for lo, hi in intact):
            continue
        for j in range(k):
            m = _ONE_SWAP.get((*window[:j], "*", *window[j + 1 :]))
            if m is None or IDIOM_STEMS[m][j] == window[j]:
                continue
            if any(x == y and len(x) > 3 for x, y in zip(window, IDIOM_STEMS[m])):
                lo, hi = words.start[kept[i]], words.end[kept[i + k - 1]]
                suspects.append(Suspect((lo, hi), text[lo:hi],
                                        f"fixed expression '{' '.join(IDIOMS[m])}' with a word swapped"))
                break
    return suspects


def _word_kind(key: str) -> int:
    """What the rare-word share counts a plain word's key as: 0 not a word (not all letters, or <= 3 of them),
    1 a word, 2 a rare word (Zipf < 3)."""
    return 0 if not (key.isalpha() and len(key) > 3) else 2 if zipf(key) < 3.0 else 1


_KINDS: dict[str, int] = {}  # `_word_kind` per key (`memoized`)


def _rare_share(words: _Words) -> float:
    """Share of rare words among the plain words (no name, no value; letters only, > 3 of them), counted
    per token: the kinds of the plain tokens' keys are read and tallied in C."""
    kinds = memoized(_KINDS, _word_kind, list(compress(words.key, map(not_, map(or_, words.name, words.valued)))))
    rare = kinds.count(2)
    total = rare + kinds.count(1)
    return rare / total if total else 0.0


def _hash_array(words: Iterable[str]) -> np.ndarray:
    """Sorted `word_hash`es of the ASCII words (no other word is in an ASCII text)."""
    return np.unique(np.array([word_hash(w) for w in words if w.isascii()], dtype=np.uint64))


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, ...]:
    """`spin_kernel.spin_tally`'s sets, built once per process: wordfreq's words of Zipf >= 3 (`zipf` < 3 for
    a word of lowercase letters exactly when it is not one), the expressions' long stems, and each of the
    three stem pairs `_BY_PAIR` looks up."""
    pairs = tuple(np.unique(np.array([pair_key(np.uint64(word_hash(a)), np.uint64(word_hash(b)))
                                      for a, b in table if a.isascii() and b.isascii()], dtype=np.uint64))
                  for table in _BY_PAIR)
    common = _hash_array(common_words(3.0)).view(np.int64)
    return (_table(common, np.zeros((len(common), 0)), 0), _hash_array(_LONG_STEMS), *pairs)


def _tally(text: str, spans: Sequence[Span], words: _Words) -> tuple[list[int], float, bool] | None:
    """(`_commons`, `_rare_share`, whether `_swapped_idioms` can find anything) of an article from one compiled
    pass (`spin_kernel`): the plain words (lowercase ASCII letters) read from the text's bytes, one a character
    (a non-ASCII character as "?"), the rules' tokens from their keys' UTF-8 bytes (in a text that is not ASCII
    with their word kinds and candidacy read in Python). None, for the Python passes, with a span at a negative offset, or a rule-made key
    that casefolds to ASCII from other letters (its light stem could be an expression's, its bytes' never)."""
    if any(a < 0 or b < 0 for a, b in spans):
        return None
    at, keys, names, valued = words.rules
    joined = "".join(keys)
    if not joined.isascii() and any(not k.isascii() and k.casefold().isascii() for k in keys):
        return None
    starts, ends = words.offsets
    lengths = list(map(len, keys)) if joined.isascii() else [len(k.encode("utf-8")) for k in keys]
    marks = np.array(list(map(or_, names, map(mul, repeat(2), valued))), dtype=np.int64)
    kinds, cands = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.bool_)  # an ASCII text's: read in the pass
    if not text.isascii():
        texts = map(words.text.__getitem__, at)  # a rule-made token's text is its word
        cands = np.array(list(map(and_, map(le, repeat(5), map(len, keys)), map(str.islower, map(itemgetter(0), texts)))),
                         dtype=np.bool_)
        kinds = np.zeros(len(keys), dtype=np.int64)  # read for the tokens with no name and no value alone
        kinds[marks == 0] = memoized(_KINDS, _word_kind, list(compress(keys, map(not_, marks.tolist()))))
    out = np.empty(len(words.text), dtype=np.int64)
    m, rare, total, idioms = spin_tally(
        np.frombuffer(text.encode("ascii", "replace"), dtype=np.uint8), starts, ends, np.array(at, dtype=np.int64),
        marks, kinds, cands, np.frombuffer(joined.encode("utf-8"), dtype=np.uint8),
        np.array(list(accumulate(lengths, initial=0)), dtype=np.int64), *_tables(), _SWAP_MAX - 1, out)
    return out[:m].tolist(), rare / total if total else 0.0, idioms


def spin_score(text: str, collocations: Collocations | None = None) -> SpinScore:
    """Score one article; spans index `text`."""
    return spin_article(clean_article(Article("x", text, "<text>")), collocations)


def spin_article(clean: CleanArticle, collocations: Collocations | None = None) -> SpinScore:
    """Score an already cleaned article; spans index its original text."""
    text = clean.article.text
    spans = [s.span for s in clean.sentences]
    words = _Words.of(text, spans)
    _, keys, names, _ = words.rules
    name_counts = Counter(compress(keys, names))  # (a name is always a rule-made token)
    tally = _tally(text, spans, words)
    if tally is None:
        commons, rare, idioms = _commons(words, Counter(words.key)), _rare_share(words), True
    else:
        commons, rare, idioms = tally
    suspects = _name_variants(words, name_counts, commons)
    # "a" before a vowel sound or "an" before a consonant: a word swapped without fixing its article.
    for start, end, word_start, word_end in _article_words(text):
        if _clash(text, word_start, word_end):
            suspects.append(Suspect((start, end), text[start:end], "'a'/'an' does not fit the next word"))
    if idioms:
        suspects.extend(_swapped_idioms(text, words))
    odd = (collocations or shared()).text_oddness(text)
    raw = 0.35 * len({s.span for s in suspects}) + max(0.0, rare - 0.05) * 4 + max(0.0, odd - 0.3)
    score = round(min(1.0, raw), 3)
    unique = {(s.span, s.why): s for s in suspects}
    return SpinScore(score, tuple(sorted(unique.values(), key=lambda s: s.span)), round(rare, 4), round(odd, 4),
                     machine_style(text))
