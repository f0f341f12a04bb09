"""The spin's word-pair lookups compiled: one pass over a text's UTF-8 bytes gives, for every adjacent pair of
`collocation._PAIR` (two `EDGE_WORD`s separated by spaces or tabs) that is not two function words, the corpus
counts of its two words and of its bigram.

In Python this was a `findall` with a look-ahead that scans every word twice, a dict lookup per raw word and a
dozen numpy calls. Here each normalised word (ASCII letters lowercased, apostrophes dropped: `norm_word`) is
hashed as it is read (FNV-1a through murmur3's finaliser, as `sketch_kernel`), and the unigram row, the
function-word test and the bigram count are probes of open-addressing tables the `Collocations` object builds
once (`Collocations.load`; a binary search over the ~330k unigrams measured slower: a dozen dependent memory
reads and mispredicted branches per word). A word that ends one pair and starts the next is read once. The counts are the tables' own float32 values, so `Collocations._pmi` over them gives
the same PMI bit for bit; `tests/test_spin.py` holds it equal to the string path on generated text.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from ..sketch_kernel import _FNV_BASIS, _FNV_PRIME, _fmix
from .token_kernel import _alnum, _letter

_NEWLINE, _QUOTE, _SPACE, _TAB = 10, 39, 32, 9


@njit(cache=True, inline="always")
def _apostrophe(buf, p, n):
    """Bytes of the apostrophe at p: 1 for "'", 3 for U+2019 (E2 80 99), else 0."""
    if p < n and buf[p] == _QUOTE:
        return 1
    if p + 2 < n and buf[p] == 0xE2 and buf[p + 1] == 0x80 and buf[p + 2] == 0x99:
        return 3
    return 0


@njit(cache=True, inline="always")
def _edge_end(buf, p, n):
    """(end of the alphanumeric run from p, end of the whole `EDGE_WORD` match from p): the run, then an
    apostrophe and letters when they follow (the regex's greedy optional group)."""
    e1 = p
    while e1 < n and _alnum(buf[e1]):
        e1 += 1
    q = _apostrophe(buf, e1, n)
    if q and e1 + q < n and _letter(buf[e1 + q]):
        e2 = e1 + q
        while e2 < n and _letter(buf[e2]):
            e2 += 1
        return e1, e2
    return e1, e1


@njit(cache=True, inline="always")
def _hash(buf, start, end):
    """Hash of `norm_word(text[start:end])` for an `EDGE_WORD` match: its ASCII letters and digits, letters
    lowercased (the apostrophe's bytes are the only others and are dropped). Equal to `line_hashes` of the
    normalised word."""
    h = _FNV_BASIS
    length = 0
    for p in range(start, end):
        c = buf[p]
        if _alnum(c):
            h = (h ^ np.uint64(c + 32 if 65 <= c <= 90 else c)) * _FNV_PRIME
            length += 1
    return np.int64(_fmix(h ^ np.uint64(length)))  # as the tables' int64 keys hold it


@njit(cache=True, inline="always")
def _slot(key, mask):
    return _fmix(np.uint64(key)) & mask


@njit(cache=True)
def fill_table(keys, values, slots, empty):
    """Put each key (int64) and its row of values (int64) into an open-addressing table: slots[i] = key, values
    (slots pre-set to `empty`, a power-of-two number of rows, linear probing from `_slot`), so a lookup reads one
    place in memory; a key already in keeps its first values."""
    mask = np.uint64(slots.shape[0] - 1)
    for k in range(keys.shape[0]):
        i = _slot(keys[k], mask)
        while slots[i, 0] != empty and slots[i, 0] != keys[k]:
            i = (i + np.uint64(1)) & mask
        if slots[i, 0] == empty:
            slots[i, 0] = keys[k]
            slots[i, 1:] = values[k]


@njit(cache=True, inline="always")
def _probe(slots, key, empty):
    """The row of key in a `fill_table` table, or -1: one random memory read (a binary search over the ~330k
    unigrams made a dozen, dependent, with a mispredicted branch each)."""
    mask = np.uint64(slots.shape[0] - 1)
    i = _slot(key, mask)
    while slots[i, 0] != empty:
        if slots[i, 0] == key:
            return np.int64(i)
        i = (i + np.uint64(1)) & mask
    return np.int64(-1)


@njit(cache=True)
def line_hashes(buf, out):
    """Hash each "\\n"-separated line of buf into out[k] as `_hash` hashes a word (every byte counts here: the
    table's words are hashed as written); returns the number of lines."""
    line = 0
    start = 0
    n = buf.shape[0]
    for p in range(n + 1):
        if p == n or buf[p] == _NEWLINE:
            h = _FNV_BASIS
            for k in range(start, p):
                h = (h ^ np.uint64(buf[k])) * _FNV_PRIME
            out[line] = np.int64(_fmix(h ^ np.uint64(p - start)))
            line += 1
            start = p + 1
    return line


@njit(cache=True)
def pair_counts(buf, words, top, bigrams, n_uni, c1, c2, c12):
    """Fill c1, c2, c12 (float64, as long as the text has pairs at most) with the counts of each kept pair's
    first word, second word and bigram, in the order `_PAIR.findall` finds the pairs; returns how many.

    `_PAIR.findall` semantics: at a run of [A-Za-z0-9] the word is the run plus an apostrophe and letters when
    they follow; it pairs when spaces or tabs and another word follow its end, and the search goes on from that
    end; when it does not pair, no later start inside the same run can (each reaches the same end), so the
    search skips the run. The tables (`fill_table`): words maps a word hash to (unigram row, count), top holds
    the function words' hashes (both empty = 0), bigrams maps row1 * n_uni + row2 to the bigram's count
    (empty = -1). Counts are the tables' float32 values, held as the integers they are.

    The pass first reads the pairs and hashes their words, then looks the words up, then the bigrams, each
    batch with `_rows`: the two big tables are read at random, and a batch keeps many of those reads in flight
    where a lookup per word waited for each."""
    n = buf.shape[0]
    hashes = np.empty(n // 2 + 2, dtype=np.int64)  # each word read (a word is a byte and a gap at least)
    function = np.empty(n // 2 + 2, dtype=np.bool_)
    first, second = np.empty((2, c1.shape[0]), dtype=np.int64)  # each kept pair's words, as indices of `hashes`
    m = 0
    p = 0
    last = -1
    read = 0
    while p < n:
        if not _alnum(buf[p]):
            p += 1
            continue
        e1, end = _edge_end(buf, p, n)
        s = end
        while s < n and (buf[s] == _SPACE or buf[s] == _TAB):
            s += 1
        if s == end or s >= n or not _alnum(buf[s]):
            p = e1
            continue
        f = _edge_end(buf, s, n)[1]
        if p != last:  # else this word was the last pair's second word: read already
            hashes[read] = _hash(buf, p, end)
            function[read] = _probe(top, hashes[read], 0) >= 0
            read += 1
        hashes[read] = _hash(buf, s, f)
        function[read] = _probe(top, hashes[read], 0) >= 0
        read += 1
        last = s
        p = end
        if function[read - 2] and function[read - 1]:
            continue
        first[m], second[m] = read - 2, read - 1
        m += 1
    rows = _rows(words, hashes[:read], 0)
    keys = np.empty(m, dtype=np.int64)
    for k in range(m):
        k1, k2 = rows[first[k]], rows[second[k]]
        c1[k] = np.float64(words[k1, 2]) if k1 >= 0 else 0.0
        c2[k] = np.float64(words[k2, 2]) if k2 >= 0 else 0.0
        keys[k] = words[k1, 1] * n_uni + words[k2, 1] if k1 >= 0 and k2 >= 0 else -1
    found = _rows(bigrams, keys, -1)
    for k in range(m):
        c12[k] = np.float64(bigrams[found[k], 1]) if keys[k] != -1 and found[k] >= 0 else 0.0
    return m


@njit(cache=True, inline="always")
def _rows(slots, keys, empty):
    """`_probe` of each key (the key `empty` is never looked up: -1), the first slot of every key read in one loop
    of independent reads before any is compared."""
    mask = np.uint64(slots.shape[0] - 1)
    at = np.empty(keys.shape[0], dtype=np.int64)
    seen = np.empty(keys.shape[0], dtype=np.int64)
    for k in range(keys.shape[0]):
        at[k] = np.int64(_slot(keys[k], mask))
        seen[k] = slots[at[k], 0]
    for k in range(keys.shape[0]):
        if seen[k] == keys[k] and keys[k] != empty:
            continue
        if seen[k] == empty or keys[k] == empty:
            at[k] = -1
            continue
        i = (np.uint64(at[k]) + np.uint64(1)) & mask
        at[k] = -1
        while slots[i, 0] != empty:
            if slots[i, 0] == keys[k]:
                at[k] = np.int64(i)
                break
            i = (i + np.uint64(1)) & mask
    return at


@njit(cache=True)
def pair_oddness(buf, words, top, bigrams, n_uni, c1, c2, c12, total):
    """`pair_counts`, then (the scorable pairs: both words listed, the odd ones among them: the bigram unlisted or
    seen no more often than expected, c12 / (c1 * c2 / total) <= 1), counted here instead of by numpy masks over
    the three arrays (the same float64 operations, in the same order)."""
    m = pair_counts(buf, words, top, bigrams, n_uni, c1, c2, c12)
    scorable = odd = 0
    for k in range(m):
        if c1[k] != 0 and c2[k] != 0:
            scorable += 1
            if c12[k] == 0 or c12[k] / (c1[k] * c2[k] / total) <= 1:
                odd += 1
    return scorable, odd


@njit(cache=True, inline="always")
def put_counts(words, bigrams, n_uni, k1, k2, c1, c2, c12, m):
    """c1[m], c2[m], c12[m] = the counts of the words at rows k1, k2 of `words` (-1: unlisted, count 0) and of
    their bigram (0 unless both are listed and the pair is in `bigrams`)."""
    c1[m] = np.float64(words[k1, 2]) if k1 >= 0 else 0.0
    c2[m] = np.float64(words[k2, 2]) if k2 >= 0 else 0.0
    c12[m] = 0.0
    if k1 >= 0 and k2 >= 0:
        b = _probe(bigrams, words[k1, 1] * n_uni + words[k2, 1], -1)
        if b >= 0:
            c12[m] = np.float64(bigrams[b, 1])
