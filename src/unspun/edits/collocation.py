"""How naturally words sit next to their neighbours, from English web n-gram counts.

The counts are the unigram and bigram tables that ship inside the `wordsegment` wheel (Google web
corpus, about 1 trillion tokens: 333k words with count >= ~12k, 286k bigrams with count >= 100k,
lowercased). Nothing is downloaded. The table is read on the first lookup and held by the `Collocations`
object; `shared()` returns one object per process. Parsing the text files takes ~3 s, so the parsed arrays
are kept in the user cache dir (`config.user_cache_dir()/collocations`, keyed by the wordsegment version and
`_CACHE_FORMAT`) and later runs load them in a fraction of that. Every key is a deterministic 64-bit hash of
the word (`pair_kernel`'s, not Python's per-process `hash`), so the arrays mean the same in every process.

Association of two adjacent words is pointwise mutual information, log2 P(w1 w2) / (P(w1) P(w2)),
with the bigram table's cut-off handled honestly: an unlisted bigram occurred fewer than 100k times,
so its PMI is at most log2(100k N / (c1 c2)). When even that bound is low (two common words that
"should" co-occur often but don't: "weighty rain") the pair is scored at the bound, but no lower than
-2 bits because the table is a subset (it lacks "in september"); when the bound is high (rare words) the
absence says little and the pair scores a neutral 0. A spinner's thesaurus swap
breaks collocations ("heavy rain" -> "weighty rain"); the author's words fit their neighbours.
"""
from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from ..config import user_cache_dir
from ..tokens import EDGE_WORD
from .pair_kernel import fill_table, line_hashes, pair_counts, pair_oddness
from .pmi_kernel import word_pair_counts
from .vote_kernel import load as load_vote_kernels, word_total

_TOTAL = 1024908267229.0  # tokens in the corpus the counts come from (wordsegment.TOTAL)
_BIGRAM_FLOOR = 100_000.0  # the bigram table lists only pairs seen at least this often
_UNIGRAM_FLOOR = 12_711.0  # the unigram table's smallest count
_CACHE_FORMAT = 1  # bump when the cached arrays change meaning
_CACHE_FIELDS = ("uni_keys", "uni_counts", "bi_keys", "bi_counts", "row_keys", "row_counts")


@dataclass(frozen=True)
class CollocationConfig:
    """Scoring knobs (bits of PMI)."""

    unlisted_cap: float = 0.0  # an unlisted bigram scores its PMI upper bound clipped to [floor, cap]
    unlisted_floor: float = -2.0  # the table is a subset ("in september" is missing): absence is weak evidence
    listed_cap: float = 8.0  # listed bigrams' PMI is clipped to [-cap, cap] so one idiom cannot dominate


class _Counts:
    """A compact count table: sorted 64-bit key hashes and float32 counts (case variants summed)."""

    __slots__ = ("keys", "counts")

    @classmethod
    def of_keys(cls, keys: np.ndarray, counts: list[float]) -> _Counts:
        """A table over given int64 keys: `_line_hashes` of the words, or for the bigrams also the two words'
        unigram rows."""
        table = cls.__new__(cls)
        table._build(keys, counts)
        return table

    @classmethod
    def of_arrays(cls, keys: np.ndarray, counts: np.ndarray) -> _Counts:
        """A table from its own (cached) sorted unique keys and float32 counts."""
        table = cls.__new__(cls)
        table.keys, table.counts = keys, counts
        return table

    def _build(self, keys: np.ndarray, counts: list[float]) -> None:
        vals = np.asarray(counts, dtype=np.float64)
        order = np.argsort(keys, kind="stable")
        keys, vals = keys[order], vals[order]
        uniq, first = np.unique(keys, return_index=True)
        self.keys = uniq
        self.counts = np.add.reduceat(vals, first).astype(np.float32) if len(vals) else vals.astype(np.float32)

    def get(self, hashes: np.ndarray) -> np.ndarray:
        """Counts for an int64 array of key hashes (0 where absent).

        The hashes are looked up in sorted order: consecutive binary searches then walk nearby parts of
        the ~2 MB tables (1.7x faster than random order on 500 lookups)."""
        order = np.argsort(hashes)
        wanted = hashes[order]
        pos = np.searchsorted(self.keys, wanted)
        pos = np.minimum(pos, len(self.keys) - 1)
        out = np.empty(len(hashes), dtype=np.float64)
        out[order] = np.where(self.keys[pos] == wanted, self.counts[pos], 0.0)
        return out

    def rows(self, hashes: np.ndarray) -> np.ndarray:
        """Row of each key hash in the table (-1 where absent); the count of row r is counts[r]."""
        pos = np.minimum(np.searchsorted(self.keys, hashes), len(self.keys) - 1)
        return np.where(self.keys[pos] == hashes, pos, -1)


def _lines(text: str) -> tuple[list[str], list[float]]:
    """The (word, count) columns of a wordsegment count file ("word<TAB>count" lines)."""
    words, counts = [], []
    for line in text.splitlines():
        w, _, c = line.rpartition("\t")
        if w:
            words.append(w)
            counts.append(float(c))
    return words, counts


@dataclass
class Collocations:
    """Lazily loaded n-gram counts with PMI lookups (the table is read once, on first use)."""

    config: CollocationConfig = field(default_factory=CollocationConfig)
    _uni: _Counts | None = field(default=None, repr=False)
    _bi: _Counts | None = field(default=None, repr=False)
    # for `pair_kernel`, as open-addressing tables: unigram word hash -> (row, count), the function words'
    # hashes, and the row-keyed bigrams -> count
    _words: np.ndarray | None = field(default=None, repr=False)
    _top: np.ndarray | None = field(default=None, repr=False)
    _bigrams: np.ndarray | None = field(default=None, repr=False)
    # where the parsed arrays are kept between runs (None: parse every time)
    cache_dir: str | None = field(default_factory=lambda: str(user_cache_dir() / "collocations"))

    def load(self) -> Collocations:
        """Read the tables (once; the scan calls this before its workers fork, so they inherit them): from the
        cache when it holds a readable copy, else parsed from wordsegment's files (and cached)."""
        if self._bi is None:
            path = _cache_path(self.cache_dir) if self.cache_dir else None
            arrays = _read_cache(path) if path else None
            if arrays is None:
                arrays = _parse()
                if path:
                    _write_cache(path, arrays)
            self._install(arrays)
            self._pair_counts([])  # `pmi_kernel` loaded here too, before the scan's workers fork
            load_vote_kernels()  # and the direction votes' counting kernels, which read along with this table
        return self

    def _install(self, arrays: dict[str, np.ndarray]) -> None:
        """Hold the arrays as the lookup tables: the sorted `_uni` for `unigrams` (and with `_bi`, the bigrams
        keyed by "w1 w2", for the tests' string path), and for `pair_kernel` and `pmi_many` the open-addressing
        tables (word hash -> unigram row and count, function words, row-keyed bigrams)."""
        self._uni = _Counts.of_arrays(arrays["uni_keys"], arrays["uni_counts"])
        self._bi = _Counts.of_arrays(arrays["bi_keys"], arrays["bi_counts"])
        n = len(self._uni.keys)
        self._words = _table(self._uni.keys, np.column_stack([np.arange(n), self._uni.counts]), 0)
        top = _line_hashes(sorted(function_words()))
        self._top = _table(top, np.zeros((len(top), 0)), 0)
        self._bigrams = _table(arrays["row_keys"], arrays["row_counts"][:, None], -1)

    @property
    def loaded(self) -> bool:
        return self._bi is not None

    def unigrams(self, words: Sequence[str]) -> np.ndarray:
        """Corpus counts of lowercased words (0 below the table's floor)."""
        self.load()
        return self._uni.get(_line_hashes(words))

    def pmi_many(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """PMI in bits of adjacent lowercased word pairs; NaN where either word is too rare to say."""
        self.load()
        if not pairs:
            return np.zeros(0)
        return self._pmi(*self._pair_counts(pairs))

    def _pmi(self, c1: np.ndarray, c2: np.ndarray, c12: np.ndarray) -> np.ndarray:
        """PMI in bits from the counts of each pair's words and bigram (NaN where a word is unlisted)."""
        cap = self.config.listed_cap
        with np.errstate(divide="ignore", invalid="ignore"):
            expected = c1 * c2 / _TOTAL
            listed = np.clip(np.log2(c12 / expected), -cap, cap)
            bound = np.clip(np.log2(_BIGRAM_FLOOR / expected), self.config.unlisted_floor, self.config.unlisted_cap)
        out = np.where(c12 > 0, listed, bound)
        out[(c1 == 0) | (c2 == 0)] = np.nan
        return out

    def _pair_counts(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Corpus counts of each pair's first word, second word and bigram (float64, 0 where unlisted).

        The words are hashed in one pass and each count is a probe of the tables `pair_kernel` reads
        (`pmi_kernel.word_pair_counts`: the bigram found by its words' unigram rows). Until i15dir2 a dict memo
        of word counts, a "w1 w2" string per pair and a binary search of the bigram table (the string path,
        which `tests/conftest.py` keeps as the oracle): the same float32 counts, ~5x the time."""
        return self._flat_counts([w for a, b in pairs for w in (a, b)])

    def _flat_counts(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`_pair_counts` of the pairs given as one list of their words (w1, w2, w1, w2, ...)."""
        hashes = _line_hashes(words)
        c1, c2, c12 = np.empty((3, len(words) // 2))
        word_pair_counts(hashes, self._words, self._bigrams, len(self._uni.keys), c1, c2, c12)
        return c1, c2, c12

    def pmi_words(self, words: Sequence[str]) -> np.ndarray:
        """`pmi_many` of the pairs given as one list of their words (w1, w2, w1, w2, ...): a caller holding its
        pairs in runs flattens them once, in C (`itertools.chain`), not pair by pair twice."""
        self.load()
        if not words:
            return np.zeros(0)
        return self._pmi(*self._flat_counts(words))

    def text_pair_pmi(self, text: str) -> np.ndarray:
        """`pmi_many` of the adjacent pairs `_PAIR.findall(text)` finds, normalised, without the pairs of two
        function words (`pair_fit`'s pairs): the words are read, hashed and counted in one compiled pass over the
        text (`pair_kernel.pair_counts`), the PMI is the same numpy formula as `pmi_many`'s."""
        c1, c2, c12 = self._text_counts(text)
        return self._pmi(c1, c2, c12) if len(c1) else np.zeros(0)

    def _text_counts(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The counts of each kept pair's words and bigram (`pair_kernel.pair_counts`)."""
        args = self._pass_args(text)
        m = pair_counts(*args)
        return args[5][:m], args[6][:m], args[7][:m]

    def _pass_args(self, text: str) -> tuple:
        """`pair_kernel.pair_counts`' arguments for a text: its UTF-8 bytes, the tables, and c1, c2, c12 as long
        as the text has pairs at most."""
        self.load()
        buf = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
        return (buf, self._words, self._top, self._bigrams, len(self._uni.keys), *np.empty((3, len(buf) // 2 + 1)))

    def text_oddness(self, text: str) -> float:
        """Share of the scorable pairs of `text_pair_pmi` (PMI not NaN) whose PMI is <= 0, the spin's
        collocation oddness. Under caps that keep a listed bigram's sign (listed_cap > 0) and score an unlisted
        one <= 0 (unlisted_cap <= 0, the default), that is read from the counts without the logarithms: a pair
        is odd when its bigram is unlisted or seen no more often than expected (c12 / expected <= 1, the same
        float64 quotient the PMI takes the log2 of, which is <= 0 exactly there)."""
        if self.config.listed_cap <= 0 or self.config.unlisted_cap > 0:
            c1, c2, c12 = self._text_counts(text)
            fit = self._pmi(c1, c2, c12) if len(c1) else np.zeros(0)
            fit = fit[~np.isnan(fit)]
            return float((fit <= 0).mean()) if len(fit) else 0.0
        total, odd = pair_oddness(*self._pass_args(text), _TOTAL)  # the pairs counted in the compiled pass
        return odd / total if total else 0.0

    def pmi(self, w1: str, w2: str) -> float | None:
        """Association of two adjacent lowercased words in bits; None when either word is too rare to say."""
        v = float(self.pmi_many([(w1, w2)])[0])
        return None if math.isnan(v) else v


@lru_cache(maxsize=1)
def shared() -> Collocations:
    """The process's one `Collocations` object (its table loads on first use)."""
    return Collocations()


def use_cache_dir(cache_dir: str | None) -> None:
    """Keep the process's n-gram table in `cache_dir`/collocations (None: the default) if it is not loaded yet.

    Every entry point of a scan calls it with `ScanConfig.cache_dir`: the local scan in its process, a Dask
    worker with each task (a worker is a process of its own, which a setting made in the client never reaches)."""
    table = shared()
    if cache_dir is not None and table._bi is None:
        table.cache_dir = str(Path(cache_dir) / "collocations")


_PREV = re.compile(rf"({EDGE_WORD})[ \t]+$")
NEXT_WORD = re.compile(rf"[ \t]+({EDGE_WORD})")  # the word after a span, plain spaces between (`edge_pairs`)
_INNER = re.compile(EDGE_WORD)


def norm_word(word: str) -> str:
    """A word as the count tables hold it: casefolded, apostrophes dropped."""
    return word.casefold().replace("\u2019", "").replace("'", "")


def edge_pairs(text: str, span: tuple[int, int], words: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """The bigrams joining text[span] to its neighbouring words: (previous word, first word) and (last
    word, next word), each only when plain spaces separate them (punctuation breaks a collocation).
    `words`: `span_words(text, span)` when the caller has them."""
    start, end = span
    if words is None:
        inner = _INNER.findall(text, start, end)
        if not inner:
            return []
        first, last = norm_word(inner[0]), norm_word(inner[-1])
    elif not words:
        return []
    else:
        first, last = words[0], words[-1]
    out = []
    prev = previous_word(text, start)
    if prev is not None:
        out.append((norm_word(prev), first))
    m = NEXT_WORD.match(text, end)
    if m:
        out.append((last, norm_word(m.group(1))))
    return out


_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"  # `EDGE_WORD`'s letters and digits


def previous_word(text: str, start: int) -> str | None:
    """The `EDGE_WORD` that plain spaces (at least one) separate from `start`, within the 40 characters before
    it: what `_PREV.search(text, max(0, start - 40), start)` finds when it ends at `start`. Read back from
    `start` by `str.rstrip` in C; the search tried `_PREV` at each of the 40 positions (~14 us a call).
    The word is the leftmost `EDGE_WORD` ending where the spaces begin: its letters and digits, and before
    them an apostrophe and more letters and digits when the part after the apostrophe is letters only."""
    lo = max(0, start - 40)
    window = text[lo:start]
    kept = window.rstrip(" \t")
    if len(kept) == len(window):
        return None
    head = kept.rstrip(_ALNUM)
    if len(head) == len(kept):
        return None
    if head[-1:] in ("'", "\u2019") and kept[len(head):].isalpha():
        before = head[:-1].rstrip(_ALNUM)
        if len(before) < len(head) - 1:
            return kept[len(before):]
    return kept[len(head):]


def span_words(text: str, span: tuple[int, int]) -> list[str]:
    """The normalised words of text[span] (hyphenated compounds split, as the bigram table has them)."""
    return [norm_word(w) for w in _INNER.findall(text, *span)]


def span_word_count(text: str, span: tuple[int, int]) -> int:
    """len(span_words(text, span)), without normalising words only to count them. A span of ASCII letters and
    digits only (most edits) is one word without a search."""
    seg = text[span[0]:span[1]]
    if seg.isascii() and seg.isalnum():
        return 1
    return len(_INNER.findall(text, *span))


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """len(span_words(text, whole text)), memoized on the text: the direction votes count each article's
    words once per pair it is in. Counted in a compiled pass (`vote_kernel.word_total`), not from a `findall`
    list of every word."""
    return word_total(text)


def window_pairs(text: str, span: tuple[int, int]) -> list[tuple[str, str]]:
    """Every bigram that touches a word of text[span]: the two edge pairs and the pairs inside the span."""
    words = span_words(text, span)
    return edge_pairs(text, span) + list(zip(words, words[1:]))


def edge_fit(colloc: Collocations, text: str, span: tuple[int, int]) -> float | None:
    """Mean PMI of the words of text[span] with their unchanged neighbours; None when nothing is scorable."""
    pairs = edge_pairs(text, span)
    if not pairs:
        return None
    v = colloc.pmi_many(pairs)
    v = v[~np.isnan(v)]
    return float(v.mean()) if len(v) else None


_PAIR = re.compile(rf"({EDGE_WORD})(?=[ \t]+({EDGE_WORD}))")


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The 150 most frequent English words (wordfreq): pairs of two of them say nothing about word choice."""
    from wordfreq import top_n_list  # on first use: wordfreq takes ~90 ms to import

    return frozenset(top_n_list("en", 150))


@dataclass(frozen=True)
class PairFit:
    """Adjacent word pairs of a text (not both function words) and their PMI (NaN = a word too rare)."""

    spans: tuple[tuple[int, int, int, int], ...]  # (start1, end1, start2, end2)
    pmi: np.ndarray


def _content_pair(r1: str, r2: str, norm: dict[str, str], top: frozenset[str]) -> tuple[str, str] | None:
    """The normalised pair (each distinct raw word normalised once, through `norm`), or None when both are
    function words (their fit says nothing about word choice)."""
    w1 = norm.get(r1)
    if w1 is None:
        w1 = norm[r1] = norm_word(r1)
    w2 = norm.get(r2)
    if w2 is None:
        w2 = norm[r2] = norm_word(r2)
    return None if w1 in top and w2 in top else (w1, w2)


def _table(keys: np.ndarray, values: np.ndarray, empty: int) -> np.ndarray:
    """int64 keys and their rows of values as a `pair_kernel.fill_table` table (row = key, values), at most two
    thirds full; values are counts (float32 integers, exact as int64) or rows. ~12 MB for the unigrams."""
    size = 1 << max(4, (3 * len(keys) // 2).bit_length())
    slots = np.zeros((size, 1 + values.shape[1]), dtype=np.int64)
    slots[:, 0] = empty
    fill_table(keys, values.astype(np.int64), slots, empty)
    return slots


def _line_hashes(words: Sequence[str]) -> np.ndarray:
    """`pair_kernel` hashes of words, each hashed as written: the keys of every count table. A newline inside
    a word is hashed as NUL (no table word holds either) so each word stays one line."""
    out = np.zeros(len(words), dtype=np.int64)
    if words:
        joined = "\n".join(words)
        if joined.count("\n") != len(words) - 1:
            joined = "\n".join(w.replace("\n", "\0") for w in words)
        line_hashes(np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8), out)
    return out


def _parse() -> dict[str, np.ndarray]:
    """The cacheable arrays from wordsegment's text files: the unigram and bigram tables keyed by
    `_line_hashes` of the word and of "w1 w2", and the bigrams keyed by their words' unigram rows (the
    unigram word list is dropped before the bigram file is read)."""
    root = files("wordsegment")
    words, counts = _lines(root.joinpath("unigrams.txt").read_text(encoding="utf-8"))
    uni = _Counts.of_keys(_line_hashes(words), counts)
    del words, counts
    words, counts = _lines(root.joinpath("bigrams.txt").read_text(encoding="utf-8"))
    bi = _Counts.of_keys(_line_hashes(words), counts)
    rows = _row_keyed(uni, words, counts)
    return {"uni_keys": uni.keys, "uni_counts": uni.counts, "bi_keys": bi.keys, "bi_counts": bi.counts,
            "row_keys": rows.keys, "row_counts": rows.counts}


def _row_keyed(uni: _Counts, words: list[str], counts: list[float]) -> _Counts:
    """The bigram table keyed by row1 * len(unigrams) + row2: a pair of known words needs no string join or
    hash. A bigram with a word not in the unigram table is left out (its pair's PMI is NaN whatever its
    count)."""
    halves = [w.split(" ") for w in words]
    r1 = uni.rows(_line_hashes([h[0] for h in halves]))
    r2 = uni.rows(_line_hashes([h[-1] for h in halves]))
    ok = (r1 >= 0) & (r2 >= 0) & np.fromiter((len(h) == 2 for h in halves), dtype=bool, count=len(halves))
    return _Counts.of_keys(r1[ok] * len(uni.keys) + r2[ok], np.asarray(counts, dtype=np.float64)[ok].tolist())


def _cache_path(cache_dir: str) -> Path:
    """The cache file for this wordsegment version and cache format."""
    import wordsegment  # ~1 ms: its tables load only when asked

    return Path(cache_dir) / f"wordsegment-{wordsegment.__version__}-v{_CACHE_FORMAT}.npz"


def _read_cache(path: Path) -> dict[str, np.ndarray] | None:
    """The cached arrays, or None when the file is missing, unreadable or malformed (the caller parses): a
    bad cache must never fail a scan, so any error reading it counts as a miss."""
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in _CACHE_FIELDS}
    except Exception:  # noqa: BLE001 - zip, npy-format and OS errors alike mean "parse instead"
        return None
    return arrays if _well_formed(arrays) else None


def _well_formed(arrays: dict[str, np.ndarray]) -> bool:
    """Keys int64, strictly increasing (the binary searches rely on it), each with a float32 count."""
    for name in ("uni", "bi", "row"):
        keys, counts = arrays[f"{name}_keys"], arrays[f"{name}_counts"]
        if keys.dtype != np.int64 or counts.dtype != np.float32 or keys.ndim != 1 or keys.shape != counts.shape:
            return False
        if len(keys) < 2 or not bool(np.all(keys[1:] > keys[:-1])):
            return False
    return True


def _write_cache(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write the arrays to a temp file beside `path` and rename it into place (readers never see half a file);
    a cache dir that cannot be written is skipped silently (the next run parses again)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as f:
            tmp = f.name
            np.savez(f, **arrays)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def pair_fit(colloc: Collocations, text: str) -> PairFit:
    """Every space-separated adjacent word pair of `text` scored in one batch lookup (each distinct word
    is normalised once)."""
    top = function_words()
    norm: dict[str, str] = {}
    spans, pairs = [], []
    for m in _PAIR.finditer(text):
        r1, r2 = m.group(1, 2)
        w = _content_pair(r1, r2, norm, top)
        if w is None:
            continue
        s2 = min(m.start(2), m.end() + 8)  # as far as 8 characters of spaces reach (the span's old rule)
        spans.append((m.start(1), m.end(1), s2, s2 + len(r2)))
        pairs.append(w)
    return PairFit(tuple(spans), colloc.pmi_many(pairs))
