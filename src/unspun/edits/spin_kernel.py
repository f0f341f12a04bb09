"""The spin score's passes over every token compiled, for an ASCII article: in Python each was a C-level pass
over the token strings (a `Counter` of the keys, a memo read per key for the rare-word kinds and the light
stems, the article words dropped, the idiom stems flagged), a dozen passes an article.

One pass over the words' bytes gives each token's key hash, light-stem hash and rare-word kind: a plain word's
(lowercase letters: `tokenize`'s plain token, key = word) from the text, a rule-made token's (names, figures,
capitals, words with inner punctuation) from its key, which Python hands over. Then: the keys written once (an
open-addressing count of the key hashes), the rare-word tallies, and whether any window of the idiom check
could hold an expression with one word swapped (a stem of > 3 letters of an expression in it, and one of the
three stem pairs `spin._BY_PAIR` looks up). Hashes are FNV-1a over the bytes (`token_kernel.word_hash`); a
collision in the pair or stem sets only sends an article to the exact Python check, and the word sets are
compared by 64-bit hash, as the edit kernels do.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from ..sketch_kernel import _FNV_BASIS, _FNV_PRIME
from .pair_kernel import _rows

_A, _D, _E, _G, _H, _I, _N, _S, _T = 97, 100, 101, 103, 104, 105, 110, 115, 116


@njit(cache=True, inline="always")
def _has(table, h):
    """h is in the sorted uint64 array `table`."""
    at = np.searchsorted(table, h)
    return at < table.shape[0] and table[at] == h


@njit(cache=True)
def pair_key(a, b):
    """One hash for an ordered pair of stem hashes (the pair sets hold these)."""
    return (a * np.uint64(0x9E3779B97F4A7C15)) ^ (b + np.uint64(0x632BE59BD9B4E019))


@njit(cache=True, inline="always")
def _low(c):
    """An ASCII byte lowercased."""
    return c + 32 if 65 <= c <= 90 else c


@njit(cache=True, inline="always")
def _stem_cut(buf, t, e):
    """How many bytes `tokens.light_stem` takes off the ASCII word buf[t:e] (casefolded): the first of "ing",
    "ed", "es", "s", "e" it ends with while more than two letters are left."""
    n = e - t
    if n > 5 and _low(buf[e - 3]) == _I and _low(buf[e - 2]) == _N and _low(buf[e - 1]) == _G:
        return 3
    if n > 4 and _low(buf[e - 2]) == _E and (_low(buf[e - 1]) == _D or _low(buf[e - 1]) == _S):
        return 2
    if n > 3 and (_low(buf[e - 1]) == _S or _low(buf[e - 1]) == _E):
        return 1
    return 0


@njit(cache=True, inline="always")
def _hashes(buf, t, e):
    """FNV-1a of the ASCII word buf[t:e] (`token_kernel.word_hash`) and of its `tokens.light_stem` (casefolded, one
    ending off: `_stem_cut`), in one loop over its bytes (two independent chains of multiplies; with a loop
    each the pass took ~1.25x as long)."""
    stop = e - _stem_cut(buf, t, e)
    h = _FNV_BASIS
    s = _FNV_BASIS
    for p in range(t, stop):
        c = buf[p]
        h = (h ^ np.uint64(c)) * _FNV_PRIME
        s = (s ^ np.uint64(_low(c))) * _FNV_PRIME
    for p in range(stop, e):
        h = (h ^ np.uint64(buf[p])) * _FNV_PRIME
    return h, s


@njit(cache=True, inline="always")
def _letters(buf, t, e):
    """buf[t:e] is ASCII letters only (`str.isalpha` of an ASCII word)."""
    for p in range(t, e):
        if not (65 <= buf[p] <= 90 or 97 <= buf[p] <= 122):
            return False
    return e > t


@njit(cache=True, inline="always")
def _article_word(buf, t, e):
    """buf[t:e] is "a", "an" or "the" (the words the idiom check drops)."""
    n = e - t
    if n == 1:
        return buf[t] == _A
    if n == 2:
        return buf[t] == _A and buf[t + 1] == _N
    return n == 3 and buf[t] == _T and buf[t + 1] == _H and buf[t + 2] == _E


@njit(cache=True)
def spin_tally(buf, starts, ends, ruled, marks, kinds, cands, keyed, bounds, common, long_stems, pairs01, pairs12,
               pairs02, reach, commons):
    """Tallies of an ASCII article's tokens, word k at buf[starts[k]:ends[k]].

    The tokens at `ruled` (ascending) are the rules' own: their keys come from Python, key j at
    keyed[bounds[j]:bounds[j + 1]] (UTF-8), with marks[j] (1: a name, 2: a value). Every other token is a plain
    word of lowercase ASCII letters, key = word, read from buf (the text, or any bytes with the same ASCII
    letters at the same offsets). A token with no name and no value counts as a word when its key is letters
    only and longer than 3, as a rare one unless the key's hash is in `common` (wordfreq's words of Zipf >= 3,
    a `pair_kernel.fill_table` table: such a key is lowercase); it is a common-word candidate when its text
    starts with a lowercase letter and its key has >= 5 characters. For a text that is not ASCII, a rule-made
    token's word kind (`spin._word_kind`) and candidacy come from Python instead, kinds[j] and cands[j] (both
    empty for an ASCII text).

    Fills `commons` with the common-word candidates whose key is written once, in order, and returns (their
    number, rare words, words, whether a swapped-idiom window may exist). That window test holds for any
    window `spin._swap_windows` names: a start at most `reach` stems before a stem of `long_stems`, with the
    pair of its stems 0-1, 1-2 or 0-2 (the article words "a", "an", "the" dropped) in `pairs01`, `pairs12`
    or `pairs02`."""
    n = starts.shape[0]
    keys = np.empty(n, dtype=np.uint64)
    stems = np.empty(n, dtype=np.uint64)
    cand = np.zeros(n, dtype=np.bool_)
    kept = np.zeros(n, dtype=np.bool_)
    asked = np.empty(n, dtype=np.int64)  # the plain words' hashes, looked up in `common` in one batch
    asking = words = rare = 0
    j = 0
    for k in range(n):
        made = j < ruled.shape[0] and ruled[j] == k  # a rule-made token
        src, t, e = (keyed, bounds[j], bounds[j + 1]) if made else (buf, starts[k], ends[k])
        h, stems[k] = _hashes(src, t, e)
        keys[k] = h
        kept[k] = not _article_word(src, t, e)
        if not made:
            cand[k] = e - t >= 5
            if e - t > 3:
                asked[asking] = np.int64(h)
                asking += 1
        else:
            if marks[j] == 0 and kinds.shape[0] == 0:  # an ASCII text's: read here
                cand[k] = e - t >= 5 and 97 <= buf[starts[k]] <= 122
                if e - t > 3 and _letters(src, t, e):
                    asked[asking] = np.int64(h)
                    asking += 1
            elif marks[j] == 0:
                cand[k] = cands[j]
                words += kinds[j] > 0
                rare += kinds[j] == 2
            j += 1
    words += asking
    for row in _rows(common, asked[:asking], 0):
        rare += row < 0
    # the keys written once: an open-addressing count of the key hashes (at most half full)
    size = 1
    while size < 2 * n:
        size *= 2
    mask = np.uint64(size - 1)
    table = np.zeros(size, dtype=np.uint64)
    counts = np.zeros(size, dtype=np.int64)
    slot = np.empty(n, dtype=np.int64)
    for k in range(n):
        i = (keys[k] ^ (keys[k] >> np.uint64(32))) & mask
        while counts[i] > 0 and table[i] != keys[k]:
            i = (i + np.uint64(1)) & mask
        table[i] = keys[k]
        counts[i] += 1
        slot[k] = i
    m = 0
    for k in range(n):
        if cand[k] and counts[slot[k]] == 1:
            commons[m] = k
            m += 1
    # the idiom windows, over the stems without the article words
    ks = stems[kept]
    nk = ks.shape[0]
    held = -1
    maybe = False
    bits = np.zeros(16, dtype=np.uint64)  # `long_stems` as 1,024 bits of their hashes: most stems miss them here
    for x in long_stems:
        bits[(x >> np.uint64(6)) & np.uint64(15)] |= np.uint64(1) << (x & np.uint64(63))
    for i in range(nk - 1, -1, -1):  # held: the nearest stem of `long_stems` at or after i (-1: none)
        x = ks[i]
        if (bits[(x >> np.uint64(6)) & np.uint64(15)] >> (x & np.uint64(63))) & np.uint64(1) and _has(long_stems, x):
            held = i
        if i < nk - 2 and held >= i and held - i <= reach and (
                _has(pairs01, pair_key(ks[i], ks[i + 1])) or _has(pairs12, pair_key(ks[i + 1], ks[i + 2]))
                or _has(pairs02, pair_key(ks[i], ks[i + 2]))):
            maybe = True
            break
    return m, rare, words, maybe
