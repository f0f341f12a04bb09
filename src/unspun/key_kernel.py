"""Match keys hashed in one compiled pass over UTF-8 bytes: the sentence keys of the pair stage's feature tables
(`fingerprint.article_table`) and the line and sentence keys of `clean` (its repeated captions).

A key is hashed from its words' bytes, so no key string is built; a hash stands for `clean.match_key` of ASCII
text, and `key_hash` of a key string gives the same value.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .sketch_kernel import _FNV_BASIS, _FNV_PRIME, _fmix

_NEWLINE, _UNDERSCORE = 10, 95


@njit(cache=True, inline="always")
def _word_byte(c):
    """A byte of a `match_key` word: an ASCII letter, digit or underscore (`\\w` of ASCII), or any byte of a
    UTF-8 multi-byte character (a key holds only word runs and the spaces between them)."""
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122) or c == _UNDERSCORE or c >= 128


@njit(cache=True, inline="always")
def _key(buf, start, end):
    """(hash, length) of the `match_key` of buf[start:end]: its word runs, ASCII letters lowercased, one
    separator between runs (what `match_key` joins with a space), so an ASCII text and its `match_key` string
    hash alike; the hash is 0 for text without words (the empty key). The length is the key's, in bytes."""
    h = _FNV_BASIS
    words = 0
    length = 0
    in_word = False
    for p in range(start, end):
        c = buf[p]
        if _word_byte(c):
            if not in_word:
                if words:
                    h = (h ^ np.uint64(32)) * _FNV_PRIME
                    length += 1
                words += 1
                in_word = True
            h = (h ^ np.uint64(c + 32 if 65 <= c <= 90 else c)) * _FNV_PRIME
            length += 1
        else:
            in_word = False
    return (np.uint64(0) if words == 0 else max(_fmix(h ^ np.uint64(words)), np.uint64(1))), length


@njit(cache=True)
def key_hashes(buf, out):
    """Hash the `match_key` of each line of `buf` (UTF-8 bytes, lines split by "\\n") into out[k] (`_key`)."""
    line = 0
    start = 0
    n = buf.shape[0]
    for p in range(n + 1):
        if p == n or buf[p] == _NEWLINE:
            out[line] = _key(buf, start, p)[0]
            line += 1
            start = p + 1
    return line


@njit(cache=True)
def span_keys(buf, starts, ends, hashes, lengths):
    """`_key` of each span buf[starts[k]:ends[k]] of ASCII bytes into hashes[k], lengths[k]."""
    for k in range(starts.shape[0]):
        hashes[k], lengths[k] = _key(buf, starts[k], ends[k])


@njit(cache=True, inline="always")
def _space(c):
    """An ASCII byte `str.split()` splits on: space, \\t \\n \\v \\f \\r, and the separators \\x1c-\\x1f."""
    return c == 32 or 9 <= c <= 13 or 28 <= c <= 31


@njit(cache=True)
def folded_hash(buf):
    """A hash of ASCII text as `clean.normalize` and `str.casefold` leave it (whitespace runs one space, none at
    either end; letters lowercased), from its bytes with no string built: the same value for any two texts whose
    folded forms are equal, and for a folded text hashed again (folding it changes nothing)."""
    h = _FNV_BASIS
    started = False
    owed = False  # a space between the last byte hashed and the next non-space one
    for p in range(buf.shape[0]):
        c = buf[p]
        if _space(c):
            owed = started
            continue
        if owed:
            h = (h ^ np.uint64(32)) * _FNV_PRIME
            owed = False
        h = (h ^ np.uint64(c + 32 if 65 <= c <= 90 else c)) * _FNV_PRIME
        started = True
    return _fmix(h)


@njit(cache=True)
def key_text(buf, out):
    """The `match_key` of each line of `buf` (UTF-8 bytes, lines split by "\\n"), written to `out` (as long as
    `buf`: a key is never longer than its line) with the line breaks kept: `_key`'s bytes (word runs, ASCII
    letters lowercased, one space between runs). Returns the length written. The key of a line that is not ASCII
    is not `match_key`'s (no casefolding): the caller keys such a line itself."""
    k = 0
    words = 0
    in_word = False
    for p in range(buf.shape[0]):
        c = buf[p]
        if c == _NEWLINE:
            out[k] = c
            k += 1
            words = 0
            in_word = False
        elif _word_byte(c):
            if not in_word:
                if words:
                    out[k] = 32
                    k += 1
                words += 1
                in_word = True
            out[k] = c + 32 if 65 <= c <= 90 else c
            k += 1
        else:
            in_word = False
    return k
