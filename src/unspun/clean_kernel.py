"""Sentence splitting and normalized text, compiled: `clean`'s rules over one byte per character.

`clean.join_wrapped` + `clean.block_sentences` (a regex pass, an abbreviation test and two strips per
sentence end, in Python) and `clean.normalize` per kept sentence were ~half of `clean_article`. Over ASCII
each rule is a byte test: `str.isspace` is `_space`, `[A-Z0-9]` and `str.islower` are byte ranges,
casefolding is lowercasing. Other text is split as a stand-in of one byte per character, each non-ASCII
character replaced by the byte of its class below (`clean._char_class`): the rules only ask which class a
non-ASCII character is in. Cutting run-on sentences (`clean.cut_long`) stays in Python: it is rare.
"""
from __future__ import annotations

import numpy as np
from numba import njit

_NEWLINE, _SPACE = 10, 32
_PERIOD, _BANG, _QUESTION = 46, 33, 63
_DQUOTE, _SQUOTE, _LPAREN, _RPAREN, _LBRACKET, _RBRACKET = 34, 39, 40, 41, 91, 93

# The classes of non-ASCII characters in a stand-in (`sentence_spans`): whitespace (`str.isspace`); a closing
# (U+201D, U+2019) or opening (U+201C, U+2018) curly quote; a digit (regex `\d`); lower case (`str.islower`)
# or not, each a one-letter word or not (casefolded, one letter: an initial, `clean._is_abbreviation`).
SPACE_X, CLOSE_X, OPEN_X, DIGIT_X, LOWER_LETTER_X, LOWER_X, LETTER_X, OTHER_X = range(0x80, 0x88)


@njit(cache=True, inline="always")
def _space(c):
    """`str.isspace` of an ASCII character: \\t \\n \\v \\f \\r, the separators \\x1c-\\x1f and the space."""
    return (9 <= c <= 13) or (28 <= c <= 32) or c == SPACE_X


@njit(cache=True, inline="always")
def _terminal(c):
    return c == _PERIOD or c == _BANG or c == _QUESTION


@njit(cache=True, inline="always")
def _closer(c):
    """A character that may follow a sentence's terminal punctuation (`clean._SENT_END`): " ' ) ] and the
    closing curly quotes."""
    return c == _DQUOTE or c == _SQUOTE or c == _RPAREN or c == _RBRACKET or c == CLOSE_X


@njit(cache=True, inline="always")
def _opener(c):
    """A character that may open a sentence before its first letter or digit: " ' ( [ and the opening curly
    quotes."""
    return c == _DQUOTE or c == _SQUOTE or c == _LPAREN or c == _LBRACKET or c == OPEN_X


@njit(cache=True, inline="always")
def _capital_or_digit(c):
    return (65 <= c <= 90) or (48 <= c <= 57)


@njit(cache=True, inline="always")
def _one_letter(c):
    """A word of this one character is an initial: a letter, casefolded."""
    return (65 <= c <= 90) or (97 <= c <= 122) or c == LOWER_LETTER_X or c == LETTER_X


@njit(cache=True, inline="always")
def _digit(c):
    """Regex `\\d`."""
    return (48 <= c <= 57) or c == DIGIT_X


@njit(cache=True, inline="always")
def _islower(c):
    return (97 <= c <= 122) or c == LOWER_LETTER_X or c == LOWER_X


@njit(cache=True, inline="always")
def _lower(c):
    return c + 32 if 65 <= c <= 90 else c


@njit(cache=True, inline="always")
def _line_end_punct(c):
    """`clean._LINE_END_PUNCT`: . ! ? : ; and the closers."""
    return _terminal(c) or c == 58 or c == 59 or _closer(c)


@njit(cache=True, inline="always")
def _sentence_end(buf, p, end):
    """The end of the `clean._SENT_END` match starting at the terminal punctuation buf[p] within buf[:end]
    (the paragraph's end), or -1: the run of terminals and closers, followed by whitespace, an optional
    opener and a capital letter or digit. The regex cannot backtrack into a shorter match (each shorter
    one is followed by a terminal or a closer, not by whitespace)."""
    q = p
    while q < end and _terminal(buf[q]):
        q += 1
    while q < end and _closer(buf[q]):
        q += 1
    r = q
    while r < end and _space(buf[r]):
        r += 1
    if r == q or r == end:
        return -1
    if _opener(buf[r]):
        r += 1
    return q if r < end and _capital_or_digit(buf[r]) else -1


@njit(cache=True)
def _is_abbreviation(buf, end, abbreviations, lengths):
    """`clean._is_abbreviation`: the period at `end` belongs to an abbreviation or an initial."""
    start = end
    while start > 0 and not _space(buf[start - 1]):
        start -= 1
    hi = end
    while hi > start and (_terminal(buf[hi - 1]) or _closer(buf[hi - 1])):
        hi -= 1
    lo = start
    while lo < hi and (buf[lo] == _LPAREN or buf[lo] == _DQUOTE or buf[lo] == _SQUOTE or buf[lo] == OPEN_X):
        lo += 1
    size = hi - lo
    if size == 0:
        return False
    if size == 2 and _lower(buf[lo]) == 110 and _lower(buf[lo + 1]) == 111:  # "no": "No. 5", not "voted no."
        n = buf.shape[0]
        a = end + 1
        if a < n and _space(buf[a]):
            if a + 1 < n and _digit(buf[a + 1]):
                return True
            if a + 2 < n and _space(buf[a + 1]) and _digit(buf[a + 2]):
                return True
        return False
    if size == 1:
        return _one_letter(buf[lo])
    for k in range(lengths.shape[0]):
        if lengths[k] == size:
            same = True
            for j in range(size):
                if _lower(buf[lo + j]) != abbreviations[k, j]:
                    same = False
                    break
            if same:
                return True
    return False


@njit(cache=True, inline="always")
def _strip(buf, start, end):
    """buf[start:end] without its leading and trailing whitespace, as (start, end); end == start when blank."""
    while start < end and _space(buf[start]):
        start += 1
    while end > start and _space(buf[end - 1]):
        end -= 1
    return start, end


@njit(cache=True, inline="always")
def _block_sentences(buf, block_start, block_end, abbreviations, lengths, starts, ends, k):
    """`clean.block_sentences` of one paragraph without the cutting of run-ons: its sentence spans written
    from starts[k], ends[k]; returns the new count."""
    cursor = block_start
    p = block_start
    while p < block_end:
        if not _terminal(buf[p]):
            p += 1
            continue
        q = _sentence_end(buf, p, block_end)
        if q < 0:
            while p < block_end and _terminal(buf[p]):  # a later start in this run ends alike: no match
                p += 1
            continue
        if not (q - p == 1 and buf[p] == _PERIOD and _is_abbreviation(buf, p, abbreviations, lengths)):
            s, e = _strip(buf, cursor, q)
            if e > s:
                starts[k] = s
                ends[k] = e
                k += 1
            cursor = q
        p = q
    s, e = _strip(buf, cursor, block_end)
    if e > s:
        starts[k] = s
        ends[k] = e
        k += 1
    return k


@njit(cache=True)
def sentence_spans(buf, line_starts, line_ends, abbreviations, lengths, starts, ends):
    """The sentence spans of the lines (stripped, non-blank, in order) of the text `buf` (ASCII bytes or a
    stand-in, one byte per character): the lines
    joined where hard-wrapped (`clean.join_wrapped`: one line break and only whitespace between them, the
    first not ending a sentence, the next starting in lower case), each paragraph split by
    `_block_sentences`. Written to starts, ends (room for one span per byte); returns the count."""
    k = 0
    n_lines = line_starts.shape[0]
    i = 0
    while i < n_lines:
        block_start, block_end = line_starts[i], line_ends[i]
        i += 1
        while i < n_lines and _wrapped(buf, block_end, line_starts[i]):
            block_end = line_ends[i]
            i += 1
        k = _block_sentences(buf, block_start, block_end, abbreviations, lengths, starts, ends, k)
    return k


@njit(cache=True, inline="always")
def _wrapped(buf, prev_end, start):
    """The line at `start` continues the paragraph ending at `prev_end` (`clean.join_wrapped`)."""
    if _line_end_punct(buf[prev_end - 1]) or not _islower(buf[start]):
        return False
    breaks = 0
    for p in range(prev_end, start):
        if buf[p] == _NEWLINE:
            breaks += 1
        elif not _space(buf[p]):
            return False
    return breaks == 1


@njit(cache=True)
def normalized(buf, starts, ends, out):
    """`clean.normalize` of each span of the ASCII bytes `buf` (stripped: no whitespace at either end), joined
    by line breaks, written to `out`: every run of whitespace inside a span becomes one space. Returns the
    length written."""
    m = 0
    for k in range(starts.shape[0]):
        if k:
            out[m] = _NEWLINE
            m += 1
        gap = False
        for p in range(starts[k], ends[k]):
            c = buf[p]
            if _space(c):
                gap = True
                continue
            if gap:
                out[m] = _SPACE
                m += 1
                gap = False
            out[m] = c
            m += 1
    return m
