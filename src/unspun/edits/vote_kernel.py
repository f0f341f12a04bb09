"""The direction votes' counting compiled: words inside edit spans (`direction.rewrite_extent`) and the summed
context-fit gap (`direction.context_fit_vote`).

`rewrite_extent` counted each side's words with a `findall` over the whole text (a list of ~600 strings built
to be counted) and one more per edit span (~60 a pair). Here a text's code points (UTF-32, so an index is a
`str` offset) are read once per side and `EDGE_WORD`'s matches counted in every span in one compiled pass.
The regex has no anchor or look-around, so it is simulated greedily: a run of ASCII letters and digits, then
an apostrophe (' or U+2019) with ASCII letters after it joins the word; the count is `len(findall)`'s.

`context_fit_vote` summed every swap's PMI run with `np.add.reduce` (two numpy calls a swap). `_np_sum` is that
reduction's own order (numpy's pairwise sum), so each mean, each clipped gap
and their total are the same float64 bit for bit; `tests/test_vote_kernel.py` holds both to their Python
definitions.
"""
from __future__ import annotations

import numpy as np
from numba import njit

_QUOTE, _RIGHT_QUOTE = 39, 0x2019
_BLOCK = 128  # numpy's PW_BLOCKSIZE


@njit(cache=True, inline="always")
def _letter(c):
    return 65 <= c <= 90 or 97 <= c <= 122


@njit(cache=True, inline="always")
def _alnum(c):
    return 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122


@njit(cache=True)
def _count(cps, i, end):
    """`len(EDGE_WORD.findall(text, i, end))` over the text's code points."""
    n = 0
    while i < end:
        if not _alnum(cps[i]):
            i += 1
            continue
        i += 1
        while i < end and _alnum(cps[i]):
            i += 1
        if i + 1 < end and (cps[i] == _QUOTE or cps[i] == _RIGHT_QUOTE) and _letter(cps[i + 1]):
            i += 2
            while i < end and _letter(cps[i]):
                i += 1
        n += 1
    return n


@njit(cache=True)
def span_words_total(cps, spans):
    """The `EDGE_WORD` matches in every (start, end) row of `spans` (int64, n x 2), summed; offsets clipped to
    the text as `Pattern.findall(text, start, end)` clips them."""
    size = cps.shape[0]
    total = 0
    for k in range(spans.shape[0]):
        total += _count(cps, max(spans[k, 0], 0), min(spans[k, 1], size))
    return total


def code_points(text: str) -> np.ndarray:
    """`text`'s code points as uint32, one per `str` index (a lone surrogate kept as its own value)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def word_total(text: str, spans: list[tuple[int, int]] | None = None) -> int:
    """The words (`EDGE_WORD`) of `text` inside `spans`, summed; of the whole text when `spans` is None."""
    rows = np.array([(0, len(text))] if spans is None else spans, dtype=np.int64).reshape(-1, 2)
    return int(span_words_total(code_points(text), rows))


@njit(cache=True)
def _pairwise(x, lo, n):
    """numpy's `pairwise_sum` of x[lo:lo + n] (float64), in its order: under 8 values one by one, up to 128 in
    eight running sums, longer halved at a multiple of 8."""
    if n < 8:
        res = -0.0
        for i in range(n):
            res += x[lo + i]
        return res
    if n <= _BLOCK:
        r0, r1, r2, r3 = x[lo], x[lo + 1], x[lo + 2], x[lo + 3]
        r4, r5, r6, r7 = x[lo + 4], x[lo + 5], x[lo + 6], x[lo + 7]
        i = 8
        while i < n - (n % 8):
            r0 += x[lo + i]
            r1 += x[lo + i + 1]
            r2 += x[lo + i + 2]
            r3 += x[lo + i + 3]
            r4 += x[lo + i + 4]
            r5 += x[lo + i + 5]
            r6 += x[lo + i + 6]
            r7 += x[lo + i + 7]
            i += 8
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n:
            res += x[lo + i]
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return _pairwise(x, lo, n2) + _pairwise(x, lo + n2, n - n2)


@njit(cache=True)
def _np_sum(x, lo, n):
    """`np.add.reduce(x[lo:lo + n])`: numpy (2.x) starts the reduction from its identity, so it is the pairwise
    sum of all n values (numpy 1.x started from the first value: `tests/test_vote_kernel.py` would notice)."""
    return _pairwise(x, lo, n)


@njit(cache=True)
def clipped_fit_total(pmi, lens, clip):
    """sum over swaps of clip(mean(a's run) - mean(b's run), -clip, clip), in swap order: `pmi` holds the runs
    back to back (a's then b's for each swap), `lens` (int64) their lengths in that order, each at least 1."""
    total = 0.0
    k = 0
    for s in range(lens.shape[0] // 2):
        la, lb = lens[2 * s], lens[2 * s + 1]
        fa = _np_sum(pmi, k, la) / la
        fb = _np_sum(pmi, k + la, lb) / lb
        k += la + lb
        d = fa - fb
        d = clip if d >= clip else d  # Python's min(clip, d): clip unless d is smaller
        d = -clip if d <= -clip else d  # max(-clip, d)
        total += d
    return total


def load() -> None:
    """Compile or load both kernels (the scan's parent does, through `Collocations.load`, before its workers
    fork)."""
    word_total("a b", [(0, 3)])
    clipped_fit_total(np.zeros(2), np.ones(2, dtype=np.int64), 4.0)
