"""The `EDIT_TOKEN` words of an ASCII text's sentences found in one compiled pass: their offsets, which of
them the tokenizer's rules must read (`tokenize._unplain`), which are names (`tokenize.proper_names`), and
the words copied apart for one `split` to make their strings, instead of a regex pass, summed offsets and a
lookup per word and the names rule in Python.

For ASCII text `EDIT_TOKEN` is: letters and digits joined by inner . , ' - ("1,200", "don't", "U.S"), or a
lone $ or %; a word of lowercase letters only is plain unless its FNV-1a hash is one of `not_plain`'s (the
number words, fractions and ordinals, whose tokens the rules make). A hash that merely collides marks a
plain word for reading, which the rules then find plain: the pass may over-mark, never under-mark.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
from numba import njit

from ..sketch_kernel import _FNV_BASIS as _BASIS, _FNV_PRIME as _PRIME

FNV_BASIS, FNV_PRIME = int(_BASIS), int(_PRIME)


def word_hash(word: str) -> int:
    """FNV-1a (64 bits) of an ASCII word's bytes, as the pass computes it."""
    h = FNV_BASIS
    for c in word.encode("ascii"):
        h = ((h ^ c) * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


@njit(cache=True, inline="always")
def _alnum(c):
    """[A-Za-z0-9] (a byte of a multi-byte UTF-8 character never is): the edit kernels' word byte."""
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122)


@njit(cache=True, inline="always")
def _letter(c):
    return (65 <= c <= 90) or (97 <= c <= 122)


@njit(cache=True, inline="always")
def _joiner(c):
    """. , ' - : they join two letter-or-digit runs into one word."""
    return c == 46 or c == 44 or c == 39 or c == 45


@njit(cache=True, inline="always")
def _after_opener(buf, t, floor, proxy=False):
    """`tokenize._after_opener` of ASCII bytes: the word at t follows (spaces between) a " ' ( : or - (or, in a
    proxy, `_OPENER`)."""
    k = t - 1
    while k >= floor and buf[k] == 32:
        k -= 1
    if k < floor:
        return False
    c = buf[k]
    return c == 34 or c == 39 or c == 40 or c == 58 or c == 45 or (proxy and c == _OPENER)


# A proxy's bytes (`proxy_bytes`, `tokenize._token_code`) for the non-ASCII characters `EDIT_TOKEN` and the name
# rules read: an uppercase, lowercase or uncased letter or digit, the apostrophe U+2019 (a joiner), a currency
# sign (a word of its own), an opening quote or dash; any other is `_INERT`.
_UPPER, _LOWER, _UNCASED, _JOINER, _CURRENCY, _OPENER, _INERT = 1, 2, 3, 4, 5, 6, 7
_PROXIED = re.compile(r"[\x01-\x07\x80-\U0010ffff]")


def proxy_bytes(text: str, code: Callable[[str], str | None]) -> np.ndarray | None:
    """The bytes of an ASCII text of the same length as `text`, its non-ASCII characters replaced by `code`'s
    one-character answer, so that a compiled pass over them reads the words and offsets of `text` (an ASCII
    text's own bytes: it is read with the proxy's bytes off). None when `code` answers None for a character, or
    the text holds a byte \\x01-\\x07 besides (the proxies' own)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    found = set(_PROXIED.findall(text))
    if any(c < "\x08" for c in found):
        return None
    for c in found:
        got = code(c)
        if got is None:
            return None
        text = text.replace(c, got)
    return np.frombuffer(text.encode("ascii"), dtype=np.uint8)


@njit(cache=True, inline="always")
def _word_byte(c, proxy):
    """`_alnum`, or in a proxy a letter or digit's byte."""
    return _alnum(c) or (proxy and _UPPER <= c <= _UNCASED)


@njit(cache=True)
def sentence_words(buf, proxy, spans, not_plain, word_start, word_end, odd, joined, named, coded):
    """The words of each sentence buf[spans[j, 0]:spans[j, 1]] (ASCII bytes, or with `proxy` set a text's
    `proxy_bytes`; the end clamped to the text), in order: word k at buf[word_start[k]:word_end[k]]. The words that are not plain go to the rows of `odd`, in
    order: odd[0] their indices, odd[1] and odd[2] the indices of their sentence's first and last words, odd[3]
    1 where the word is its sentence's first or follows an opener (the rules' name test then reads its rarity). Every word is also copied to `joined`, each followed by a space (one `split` then makes all the
    word strings); `named` gets the indices of the words `tokenize.proper_names` takes (capitalized, or all
    capitals, where no sentence starts), `coded` those of the words holding a proxy's byte (their strings are the
    text's, not the copy's). Returns (words, bytes written to `joined`, words in `odd`, in `named`, in `coded`);
    (-1, 0, 0, 0, 0), writing nothing, when the sentences' lengths sum to more than the arrays hold (a
    sentence's words fit in its bytes, and in `joined` twice them; sentences in order and apart never do)."""
    n = buf.shape[0]
    total = 0
    for j in range(spans.shape[0]):
        total += max(min(spans[j, 1], n) - spans[j, 0], 0)
    if total > word_start.shape[0]:
        return -1, 0, 0, 0, 0
    k = 0
    m = 0
    w = 0
    c = 0
    x = 0
    size = not_plain.shape[0]
    bits = np.zeros(64, dtype=np.uint64)  # `not_plain` as 4,096 bits of its hashes: most plain words miss them here
    for y in not_plain:
        bits[(y >> np.uint64(6)) & np.uint64(63)] |= np.uint64(1) << (y & np.uint64(63))
    for j in range(spans.shape[0]):
        i = spans[j, 0]
        b = min(spans[j, 1], n)
        first = k
        first_odd = m
        opening = True  # a sentence starts here (at its start, or after an opener): no name test
        while i < b:
            c0 = buf[i]
            if _word_byte(c0, proxy):
                t = i
                lower = upper = False
                plain = True  # lowercase ASCII letters only
                h = _BASIS
                while i < b and _word_byte(buf[i], proxy):
                    c0 = buf[i]
                    lower = lower or 97 <= c0 <= 122 or (proxy and c0 == _LOWER)
                    upper = upper or 65 <= c0 <= 90 or (proxy and c0 == _UPPER)
                    plain = plain and 97 <= c0 <= 122
                    h = (h ^ np.uint64(c0)) * _PRIME
                    i += 1
                while i + 1 < b and (_joiner(buf[i]) or (proxy and buf[i] == _JOINER)) and _word_byte(buf[i + 1], proxy):
                    plain = False
                    i += 1
                    while i < b and _word_byte(buf[i], proxy):
                        lower = lower or 97 <= buf[i] <= 122 or (proxy and buf[i] == _LOWER)
                        upper = upper or 65 <= buf[i] <= 90 or (proxy and buf[i] == _UPPER)
                        i += 1
                word_start[k] = t
                word_end[k] = i
                proxied = False
                for p in range(t, i):
                    joined[w] = buf[p]
                    proxied = proxied or buf[p] < 8
                    w += 1
                joined[w] = 32
                w += 1
                if proxied:
                    coded[x] = k
                    x += 1
                if plain and (bits[(h >> np.uint64(6)) & np.uint64(63)] >> (h & np.uint64(63))) & np.uint64(1):
                    at = np.searchsorted(not_plain, h)
                    plain = not (at < size and not_plain[at] == h)
                after = _after_opener(buf, t, spans[j, 0], proxy)
                if after:
                    opening = True
                if not plain:
                    odd[0, m] = k
                    odd[3, m] = k == first or after
                    m += 1
                capital = 65 <= buf[t] <= 90 or (proxy and buf[t] == _UPPER)
                capitals = upper and not lower
                if not opening and ((capital and not capitals) or (capitals and i - t > 1)):
                    named[c] = k
                    c += 1
                opening = False
                k += 1
            elif c0 == 36 or c0 == 37 or (proxy and c0 == _CURRENCY):  # $ % (a proxy's other currency signs)
                word_start[k] = i
                word_end[k] = i + 1
                joined[w] = c0
                joined[w + 1] = 32
                w += 2
                if c0 == _CURRENCY:
                    coded[x] = k
                    x += 1
                after = _after_opener(buf, i, spans[j, 0], proxy)
                if after:
                    opening = True
                odd[0, m] = k
                odd[3, m] = k == first or after
                m += 1
                k += 1
                i += 1
            else:
                i += 1
        for q in range(first_odd, m):
            odd[1, q] = first
            odd[2, q] = k - 1
    return k, w, m, c, x
