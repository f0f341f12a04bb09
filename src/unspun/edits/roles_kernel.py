"""`roles.role_swaps`' numeric part compiled: units, their slots and the pairs whose fits and gains pass.

A matched sentence group has dozens of units and hundreds of unit pairs, and almost none swap (one in ~9,000
groups of a synthetic scan): in Python the pair loop and the per-unit slot reading cost ~0.1 ms a group.
Here the two token runs come as integer arrays (a word id per token, one id per spelling key; flags per token)
and the kernel rebuilds `roles._Seq`'s slot sequence (a "<p>" marker before each token that punctuation
separates from the one before), finds the units (keys once on each side, content on both), their name-run
bounds and slots, and tests every pair as `role_swaps` does up to its list, one-name and used-slot tests,
which read strings and stay in Python over the few pairs returned. The fits are sums of 0.25, 0.5 and 1.0, so
they are exact in either language. `tests/test_roles_kernel.py` holds `role_swaps` equal to its Python form.
"""
from __future__ import annotations

import numpy as np
from numba import njit

MARK, START, END = 0, 1, 2  # ids of "<p>", "<s>" and "</s>" (a word's id is 3 or more)
# Token flag bits: a content word by its key alone, a date word, a weak slot word (`roles._WEAK`), a name, a
# figure (`roles.content`, `kind_of`, `_fit`). A token's code is its word id times 16 plus its key's bits.
CONTENT, DATE, WEAK, NAME, VALUE = 1, 2, 4, 8, 16


@njit(cache=True)
def _sequence(ids, breaks):
    """(slot ids, token index or -1 per slot): the token ids with a MARK before each token index in `breaks`."""
    n = ids.shape[0]
    seq = np.empty(n + breaks.shape[0], np.int64)
    tok = np.empty(n + breaks.shape[0], np.int64)
    p = b = 0
    for k in range(n):
        if b < breaks.shape[0] and breaks[b] == k:
            seq[p], tok[p] = MARK, -1
            p += 1
            b += 1
        seq[p], tok[p] = ids[k], k
        p += 1
    return seq, tok


@njit(cache=True)
def _bounds(tok, flags, i):
    """`_Seq.bounds`: the run of name tokens around slot i, or just i."""
    lo, hi = i, i + 1
    if flags[tok[i]] & NAME:
        while lo > 0 and tok[lo - 1] >= 0 and flags[tok[lo - 1]] & NAME:
            lo -= 1
        while hi < tok.shape[0] and tok[hi] >= 0 and flags[tok[hi]] & NAME:
            hi += 1
    return lo, hi


@njit(cache=True)
def _context(seq, lo, hi, out, row):
    """`_Seq.context` of the unit at [lo, hi) into out[row]: slot ids at -2, -1, 1, 2 (padded)."""
    n = seq.shape[0]
    out[row, 0] = seq[lo - 2] if lo >= 2 else START
    out[row, 1] = seq[lo - 1] if lo >= 1 else START
    out[row, 2] = seq[hi] if hi < n else END
    out[row, 3] = seq[hi + 1] if hi + 1 < n else END


@njit(cache=True)
def _fit(c1, r1, c2, r2, x, y, weak):
    """`roles._fit` of rows c1[r1] and c2[r2], skipping the units' own ids x and y."""
    score = 0.0
    for i in range(4):
        w = c1[r1, i]
        if w == c2[r2, i] and w != x and w != y:
            score += (0.5 if i == 0 or i == 3 else 1.0) * (0.5 if weak[w] else 1.0)
    return score


@njit(cache=True)
def _local_ids(codes):
    """(word ids numbered 0..n-1, MARK, START and END kept, per token; per id, weak) from the tokens' codes."""
    n = codes.shape[0]
    ids = np.empty(n, np.int64)
    weak = np.zeros(n + 3, np.bool_)
    weak[MARK] = True  # "<p>" is a weak slot word, the pads are not
    order = np.argsort(codes >> 4)
    last, local = -1, 2
    for k in order:
        word = codes[k] >> 4
        if word <= END:
            ids[k] = word
            continue
        if word != last:
            last, local = word, local + 1
            weak[local] = (codes[k] & WEAK) != 0
        ids[k] = local
    return ids, weak[:local + 1]


@njit(cache=True)
def swap_candidates(codes, names, values, n_a, breaks_a, breaks_b, min_fit, min_gain, same_kind, word_fit):
    """Rows (x's bounds in a, y's bounds in a, x's in b, y's in b: 8 slot positions) and their fits
    (xy, yx) of the unit pairs `role_swaps` would test for lists, one name and used slots, in its order.

    Per token of a then b (the first `n_a` are a's): its code (word id * 16 + its key's bits), whether it is
    a name and whether it has a value; the token indices punctuation separates from the one before, per side."""
    ids, weak = _local_ids(codes)
    flags = (codes & 15) | np.where(names, NAME, 0) | np.where(values, VALUE, 0)
    ids_a, ids_b, flags_a, flags_b = ids[:n_a], ids[n_a:], flags[:n_a], flags[n_a:]
    n_ids = weak.shape[0]
    seq_a, tok_a = _sequence(ids_a, breaks_a)
    seq_b, tok_b = _sequence(ids_b, breaks_b)
    count_a = np.zeros(n_ids, np.int64)
    count_b = np.zeros(n_ids, np.int64)
    where_b = np.zeros(n_ids, np.int64)
    for p in range(seq_a.shape[0]):
        count_a[seq_a[p]] += 1
    for p in range(seq_b.shape[0]):
        count_b[seq_b[p]] += 1
        where_b[seq_b[p]] = p
    m = 0
    pos_a = np.empty(seq_a.shape[0], np.int64)
    pos_b = np.empty(seq_a.shape[0], np.int64)
    for p in range(seq_a.shape[0]):  # units in their order in a (each occurs once there)
        w = seq_a[p]
        if w != MARK and count_a[w] == 1 and count_b[w] == 1:
            q = where_b[w]
            if (flags_a[tok_a[p]] & (CONTENT | NAME | VALUE)) and (flags_b[tok_b[q]] & (CONTENT | NAME | VALUE)):
                pos_a[m], pos_b[m] = p, q
                m += 1
    rows = np.empty((0, 8), np.int64)
    fits = np.empty((0, 2), np.float64)
    if m < 2:
        return rows, fits
    span = np.empty((m, 4), np.int64)  # lo, hi in a; lo, hi in b
    ctx_a = np.empty((m, 4), np.int64)
    ctx_b = np.empty((m, 4), np.int64)
    moved = np.zeros(m, np.bool_)
    kind = np.empty(m, np.int64)
    fixed = np.zeros(m, np.bool_)  # `roles.immutable` of the unit's token in a
    any_moved = False
    for u in range(m):
        lo, hi = _bounds(tok_a, flags_a, pos_a[u])
        span[u, 0], span[u, 1] = lo, hi
        _context(seq_a, lo, hi, ctx_a, u)
        lo, hi = _bounds(tok_b, flags_b, pos_b[u])
        span[u, 2], span[u, 3] = lo, hi
        _context(seq_b, lo, hi, ctx_b, u)
        f = flags_a[tok_a[pos_a[u]]]
        kind[u] = 0 if (f & VALUE) and not (f & NAME) else 1 if f & DATE else 2
        fixed[u] = (f & (NAME | VALUE | DATE)) != 0
        moved[u] = min_gain <= 0 or ctx_a[u, 0] != ctx_b[u, 0] or ctx_a[u, 1] != ctx_b[u, 1] or \
            ctx_a[u, 2] != ctx_b[u, 2] or ctx_a[u, 3] != ctx_b[u, 3]
        any_moved = any_moved or moved[u]
    if not any_moved:
        return rows, fits
    sharing = min_fit > 0 and word_fit > 0
    cap = 16
    rows = np.empty((cap, 8), np.int64)
    fits = np.empty((cap, 2), np.float64)
    found = 0
    for x in range(m):
        for y in range(x + 1, m):
            if not moved[x] and not moved[y]:
                continue
            if sharing:
                if (ctx_a[x, 0] != ctx_b[y, 0] and ctx_a[x, 1] != ctx_b[y, 1] and ctx_a[x, 2] != ctx_b[y, 2]
                        and ctx_a[x, 3] != ctx_b[y, 3]):
                    continue
                if (ctx_a[y, 0] != ctx_b[x, 0] and ctx_a[y, 1] != ctx_b[x, 1] and ctx_a[y, 2] != ctx_b[x, 2]
                        and ctx_a[y, 3] != ctx_b[x, 3]):
                    continue
            if (span[x, 0] == span[y, 0] and span[x, 1] == span[y, 1]) or (
                    span[x, 2] == span[y, 2] and span[x, 3] == span[y, 3]):
                continue
            if same_kind and kind[x] != kind[y]:
                continue
            wx, wy = seq_a[pos_a[x]], seq_a[pos_a[y]]
            xy = _fit(ctx_a, x, ctx_b, y, wx, wy, weak)
            yx = _fit(ctx_a, y, ctx_b, x, wx, wy, weak)
            need = min_fit if fixed[x] or fixed[y] else word_fit
            if max(xy, yx) < need or min(xy, yx) < need / 2:
                continue
            gx = xy - _fit(ctx_a, x, ctx_b, x, wx, wy, weak)
            gy = yx - _fit(ctx_a, y, ctx_b, y, wx, wy, weak)
            if min(gx, gy) < 0 or gx + gy < min_gain * 2:
                continue
            if found == cap:
                cap *= 2
                more_rows = np.empty((cap, 8), np.int64)
                more_fits = np.empty((cap, 2), np.float64)
                more_rows[:found] = rows[:found]
                more_fits[:found] = fits[:found]
                rows, fits = more_rows, more_fits
            for i in range(2):
                rows[found, 4 * i], rows[found, 4 * i + 1] = span[x, 2 * i], span[x, 2 * i + 1]
                rows[found, 4 * i + 2], rows[found, 4 * i + 3] = span[y, 2 * i], span[y, 2 * i + 1]
            fits[found, 0], fits[found, 1] = xy, yx
            found += 1
    return rows[:found], fits[:found]
