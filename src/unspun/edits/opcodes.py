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


@njit(cache=True)
def _claim(ids, lo, hi, surplus, out):
    """`classify._take`: the indices in ids[lo:hi] whose word the other side lacks, consuming the surplus;
    their count (written to out)."""
    n = 0
    for k in range(lo, hi):
        if surplus[ids[k]] > 0:
            surplus[ids[k]] -= 1
            out[n] = k
            n += 1
    return n


@njit(cache=True)
def _split(idx, n, max_gap, out):
    """`classify._runs` of idx[:n] into out (rows lo, hi); their count."""
    m = 0
    for t in range(n):
        k = idx[t]
        if m and k - out[m - 1, 1] <= max_gap:
            out[m - 1, 1] = k + 1
        else:
            out[m, 0], out[m, 1] = k, k + 1
            m += 1
    return m


@njit(cache=True)
def _changed_runs(a, b, n_ids, max_gap):
    """Rows (a lo, a hi, b lo, b hi) of `changed_runs` over word ids."""
    ops = _opcodes(a, b)
    surplus_a = np.zeros(n_ids, np.int64)
    surplus_b = np.zeros(n_ids, np.int64)
    for k in range(a.shape[0]):
        surplus_a[a[k]] += 1
        surplus_b[a[k]] -= 1
    for k in range(b.shape[0]):
        surplus_b[b[k]] += 1
        surplus_a[b[k]] -= 1
    idx_a = np.empty(a.shape[0] + 1, np.int64)
    idx_b = np.empty(b.shape[0] + 1, np.int64)
    runs_a = np.empty((a.shape[0] + 1, 2), np.int64)
    runs_b = np.empty((b.shape[0] + 1, 2), np.int64)
    out = np.empty((a.shape[0] + b.shape[0] + 1, 4), np.int64)
    m = 0
    for r in range(ops.shape[0]):
        if ops[r, 0] == 0:
            continue
        i1, i2, j1, j2 = ops[r, 1], ops[r, 2], ops[r, 3], ops[r, 4]
        na = _claim(a, i1, i2, surplus_a, idx_a)
        nb = _claim(b, j1, j2, surplus_b, idx_b)
        if na == 0 and nb == 0:
            continue
        ra = _split(idx_a, na, max_gap, runs_a)
        rb = _split(idx_b, nb, max_gap, runs_b)
        for k in range(max(ra, rb)):
            if k < ra:
                out[m, 0], out[m, 1] = runs_a[k, 0], runs_a[k, 1]
            else:
                out[m, 0] = out[m, 1] = i2 if i2 > i1 else i1
            if k < rb:
                out[m, 2], out[m, 3] = runs_b[k, 0], runs_b[k, 1]
            else:
                out[m, 2] = out[m, 3] = j2 if j2 > j1 else j1
            m += 1
    return out[:m]


def changed_runs(a: Sequence[str], b: Sequence[str], max_gap: int = 2) -> list[tuple[int, int, int, int]]:
    """The runs of changed words `classify.diff_group` classifies, as (a lo, a hi, b lo, b hi): per non-equal
    opcode, the words one side has more of than the other (claimed in opcode order: words that only moved are
    not changes), cut into runs where more than `max_gap` unchanged words intervene, the k-th run of a paired
    with the k-th of b (an empty run at the block's end where one side has fewer). One compiled pass instead
    of two Counters, two surplus dicts and a claim and run split per opcode in Python."""
    ia, ib, n_ids = _word_ids(a, b)
    return list(map(tuple, _changed_runs(ia, ib, n_ids, max_gap).tolist()))


def _word_ids(a: Sequence[str], b: Sequence[str]) -> tuple[np.ndarray, np.ndarray, int]:
    """Both word lists as ids (numbered in order of first appearance: any numbering works, only equality is
    read), mapped in C per word, and how many distinct words."""
    ids = {w: n for n, w in enumerate(dict.fromkeys([*a, *b]))}
    get = ids.__getitem__
    return np.array(list(map(get, a)), np.int64), np.array(list(map(get, b)), np.int64), len(ids)


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """`difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()` of two word lists."""
    ia, ib, _ = _word_ids(a, b)
    return [(TAGS[t], i1, i2, j1, j2) for t, i1, i2, j1, j2 in _opcodes(ia, ib).tolist()]
