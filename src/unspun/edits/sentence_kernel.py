"""Machine style's word tallies and words per sentence, compiled: one pass over a text's bytes instead of a
regex split into sentences, a `findall` of words per sentence and a lookup per word.

`machine_style._features` splits a text at `_SENTENCE_END` (after . ! or ?, an optional quote, whitespace, and
a capital, digit, quote or bracket next) and counts each piece's `_WORD`s. A word never spans a sentence end
(its letters, apostrophes and hyphens, or its digits with . or , between digits, include neither the
whitespace of an end nor a . ! ? followed by a quote or whitespace), and an end never starts inside a word, so
one left-to-right pass can count words and cut at the ends as it meets them. In ASCII text `\\s` is
[\\t\\n\\v\\f\\r\\x1c-\\x1f ] and `\\d` is [0-9]. A text with other characters is read through an ASCII
proxy of the same length (`machine_style.ascii_proxy`): the three characters the regexes name get a byte of
their own when `proxy` is set (U+2019 `_RSQUO`, a word's apostrophe read as "'"; U+201D `_RDQUO`, a quote
before an end's whitespace; U+201C `_LDQUO`, a quote after it), other whitespace a space, the rest a byte no
regex reads. `tests/test_fast_paths.py` holds it equal to the regexes on generated text.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from ..sketch_kernel import _FNV_BASIS, _FNV_PRIME
from .token_kernel import _letter

_DQUOTE, _QUOTE, _PAREN = 34, 39, 40
_RSQUO, _RDQUO, _LDQUO = 1, 2, 3  # a proxy's bytes for U+2019, U+201D and U+201C
HELD_SHIFT = np.uint64(51)  # `style_tallies`' filter: 2 ** 13 flags, by a hash's top bits


@njit(cache=True, inline="always")
def _digit(c):
    return 48 <= c <= 57


@njit(cache=True, inline="always")
def _space(c):
    return (9 <= c <= 13) or (28 <= c <= 32)


@njit(cache=True, inline="always")
def _end_at(buf, q, n, proxy):
    """End of the `_SENTENCE_END` match starting at q, or -1 (the regex has one way to match at q: the quote
    taken when present, every whitespace byte after it, then the look-ahead)."""
    if q == 0:
        return -1
    b = buf[q - 1]
    if not (b == 46 or b == 33 or b == 63):  # . ! ?
        return -1
    j = q
    if buf[j] == _DQUOTE or buf[j] == _QUOTE or (proxy and buf[j] == _RDQUO):
        j += 1
    k = j
    while k < n and _space(buf[k]):
        k += 1
    if k == j or k >= n:
        return -1
    c = buf[k]
    if c == _DQUOTE or c == _QUOTE or c == _PAREN or (proxy and c == _LDQUO):
        if k + 1 < n and ((65 <= buf[k + 1] <= 90) or _digit(buf[k + 1])):
            return k
        return -1
    return k if (65 <= c <= 90) or _digit(c) else -1


@njit(cache=True, inline="always")
def _word_end(buf, p, n, proxy):
    """End of the `_WORD` match at p: letters, apostrophes and hyphens after a letter, or digits with . or ,
    between digits; p itself where no word starts."""
    if _letter(buf[p]):
        p += 1
        while p < n and (_letter(buf[p]) or buf[p] == _QUOTE or buf[p] == 45 or (proxy and buf[p] == _RSQUO)):
            p += 1
    elif _digit(buf[p]):
        p += 1
        while p < n and (_digit(buf[p]) or ((buf[p] == 46 or buf[p] == 44) and p + 1 < n and _digit(buf[p + 1]))):
            p += 1
    return p


@njit(cache=True, inline="always")
def _folded(c, proxy):
    """A word's byte as `machine_style.words_of` holds it: lowercased, a proxy's U+2019 as "'"."""
    if 65 <= c <= 90:
        return c + 32
    return _QUOTE if proxy and c == _RSQUO else c


@njit(cache=True)
def style_tallies(buf, proxy, keys, rows, values, lexicon, bounds, leaning, held, counts, seen, lengths):
    """`machine_style`'s tallies of ASCII bytes (or a proxy's, `proxy` set) in one pass, over its `_WORD`s
    lowercased: returns (words, letter words, the sum of the lexicon values of the letter words in their order,
    how many distinct machine-leaning words, how many sentence lengths). A word's row is found by its FNV-1a hash
    in the sorted `keys` (row `rows[i]`; searched only where `held[hash >> HELD_SHIFT]` says a lexicon word's
    hash may be: most words are none) and confirmed against its bytes, lexicon[bounds[r]:bounds[r + 1]];
    counts[r] counts the machine-leaning (`leaning[r]`) word r, and seen lists those rows in the order first
    seen. lengths gets the words of each sentence (`_SENTENCE_END.split`), sentences without a word left out."""
    n = buf.shape[0]
    words = letters = found = 0
    k = 0
    sentence = 0
    total = 0.0
    p = 0
    while p < n:
        e = _word_end(buf, p, n, proxy)
        if e == p:
            r = _end_at(buf, p, n, proxy)
            if r < 0:
                p += 1
            else:
                if sentence:
                    lengths[k] = sentence
                    k += 1
                sentence = 0
                p = r
            continue
        words += 1
        sentence += 1
        if _letter(buf[p]):
            letters += 1
            h = _FNV_BASIS
            for q in range(p, e):
                h = (h ^ np.uint64(_folded(buf[q], proxy))) * _FNV_PRIME
            at = np.searchsorted(keys, h) if held[h >> HELD_SHIFT] else keys.shape[0]
            if at < keys.shape[0] and keys[at] == h:
                r = rows[at]
                same = bounds[r + 1] - bounds[r] == e - p
                for q in range(e - p):
                    if same:
                        same = _folded(buf[p + q], proxy) == lexicon[bounds[r] + q]
                if same:
                    total += values[r]
                    if leaning[r]:
                        if counts[r] == 0:
                            seen[found] = r
                            found += 1
                        counts[r] += 1
        p = e
    if sentence:
        lengths[k] = sentence
        k += 1
    return words, letters, total, found, k
