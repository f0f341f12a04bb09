"""difflib's word diff of a sentence group, compiled: the same opcodes over integer word ids.

`classify.diff_group` diffs two token-key lists with `difflib.SequenceMatcher(None, a, b, autojunk=False)`;
its longest-match recursion runs in Python, a dict per row of the matching table (~4% of the pair stage
on synthetic spins). Here the keys become ids and the same algorithm runs compiled: the longest matching
block (the first found, scanning a then b, on ties), recursed left then right through a stack, blocks
sorted and adjacent ones merged, opcodes read off the blocks. With no junk and no popular-word pruning
(autojunk off) difflib's match extension loops never extend, so a dense run-length table finds the same
blocks. `tests/test_fast_paths.py` holds it equal to difflib on generated lists.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba import njit

TAGS = ("equal", "replace", "delete", "insert")


@njit(cache=True)
def _longest(a, b, alo, ahi, blo, bhi, prev, cur):
    """`SequenceMatcher.find_longest_match(alo, ahi, blo, bhi)` without junk: (i, j, size)."""
    besti, bestj, bestsize = alo, blo, 0
    for j in range(blo, bhi + 1):
        prev[j] = 0
    for i in range(alo, ahi):
        cur[blo] = 0
        x = a[i]
        for j in range(blo, bhi):
            if b[j] == x:
                k = prev[j] + 1  # run length ending at (i, j); prev[j] is the one ending at (i-1, j-1)
                cur[j + 1] = k
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            else:
                cur[j + 1] = 0
        for j in range(blo, bhi + 1):
            prev[j] = cur[j]
    return besti, bestj, bestsize


@njit(cache=True)
def _opcodes(a, b):
    """Rows (tag index in TAGS, i1, i2, j1, j2) of `SequenceMatcher.get_opcodes`."""
    la, lb = a.shape[0], b.shape[0]
    prev = np.zeros(lb + 1, np.int64)
    cur = np.zeros(lb + 1, np.int64)
    cap = min(la, lb) + 1
    blocks = np.empty((cap, 3), np.int64)
    nblocks = 0
    stack = np.empty((2 * cap + 2, 4), np.int64)
    top = 0
    stack[0, 0], stack[0, 1], stack[0, 2], stack[0, 3] = 0, la, 0, lb
    top = 1
    while top:
        top -= 1
        alo, ahi, blo, bhi = stack[top, 0], stack[top, 1], stack[top, 2], stack[top, 3]
        i, j, k = _longest(a, b, alo, ahi, blo, bhi, prev, cur)
        if k:
            blocks[nblocks, 0], blocks[nblocks, 1], blocks[nblocks, 2] = i, j, k
            nblocks += 1
            if alo < i and blo < j:
                stack[top, 0], stack[top, 1], stack[top, 2], stack[top, 3] = alo, i, blo, j
                top += 1
            if i + k < ahi and j + k < bhi:
                stack[top, 0], stack[top, 1], stack[top, 2], stack[top, 3] = i + k, ahi, j + k, bhi
                top += 1
    # Blocks never overlap in a or in b, so sorting by their start in a is difflib's tuple sort.
    order = np.argsort(blocks[:nblocks, 0], kind="mergesort")
    merged = np.empty((nblocks + 1, 3), np.int64)
    m = 0
    i1 = j1 = k1 = 0
    for n in range(nblocks):
        i2, j2, k2 = blocks[order[n], 0], blocks[order[n], 1], blocks[order[n], 2]
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                merged[m, 0], merged[m, 1], merged[m, 2] = i1, j1, k1
                m += 1
            i1, j1, k1 = i2, j2, k2
    if k1:
        merged[m, 0], merged[m, 1], merged[m, 2] = i1, j1, k1
        m += 1
    merged[m, 0], merged[m, 1], merged[m, 2] = la, lb, 0
    m += 1
    out = np.empty((2 * m, 5), np.int64)
    n_out = 0
    i = j = 0
    for r in range(m):
        ai, bj, size = merged[r, 0], merged[r, 1], merged[r, 2]
        tag = 1 if i < ai and j < bj else 2 if i < ai else 3 if j < bj else 0
        if tag:
            out[n_out, 0], out[n_out, 1], out[n_out, 2], out[n_out, 3], out[n_out, 4] = tag, i, ai, j, bj
            n_out += 1
        i, j = ai + size, bj + size
        if size:
            out[n_out, 0], out[n_out, 1], out[n_out, 2], out[n_out, 3], out[n_out, 4] = 0, ai, i, bj, j
            n_out += 1
    return out[:n_out]


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """`difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()` of two word lists."""
    # Ids in order of first appearance (any numbering works: only equality is read), mapped in C per word.
    ids = {w: n for n, w in enumerate(dict.fromkeys([*a, *b]))}
    get = ids.__getitem__
    ia = np.array(list(map(get, a)), np.int64)
    ib = np.array(list(map(get, b)), np.int64)
    return [(TAGS[t], i1, i2, j1, j2) for t, i1, i2, j1, j2 in _opcodes(ia, ib).tolist()]
