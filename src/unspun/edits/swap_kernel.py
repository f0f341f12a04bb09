"""The role-swap slot tests of every unit pair, compiled: which pairs `roles.role_swaps` must look at.

`role_swaps` compares each pair of units (names, figures, content words written once in both sentences)
by how well each fits the other's old slot; in Python that was four slot fits per pair, ~15 units a
sentence group and twelve groups a pair (the largest single cost of the explain stage after the word
diff). Here every pair's fits and gains are computed from integer slot-word ids; what depends on the
pairs found before (a unit used once) and the list/name tests stay in Python, for the few pairs that pass.
"""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, inline="always")
def _fit(ca, wa, cb, x, y, u_x, u_y):
    """Weighted count of slot words that context row x of a shares with row y of b, skipping slot words
    equal to either unit (`roles._fit`: positions -2, -1, 1, 2 in order, weights already halved for weak words)."""
    score = 0.0
    for d in range(4):
        w = ca[x, d]
        if w == cb[y, d] and w != u_x and w != u_y:
            score += wa[x, d]
    return score


@njit(cache=True)
def swap_tests(units, ca, cb, wa, kind, immutable, same_kind, min_fit, word_fit, min_gain):
    """(mask, fits): mask[x, y] (x < y) when units x and y pass the kind, fit and gain tests of a swap;
    fits[x, y] = fit of x's slot in a with y's in b (the swap's score is min(fits[x, y], fits[y, x]))."""
    n = units.shape[0]
    fits = np.zeros((n, n))
    mask = np.zeros((n, n), np.bool_)
    for x in range(n):
        for y in range(x + 1, n):
            if same_kind and kind[x] != kind[y]:
                continue
            ux, uy = units[x], units[y]
            xy = _fit(ca, wa, cb, x, y, ux, uy)
            yx = _fit(ca, wa, cb, y, x, ux, uy)
            fits[x, y], fits[y, x] = xy, yx
            need = min_fit if immutable[x] or immutable[y] else word_fit
            if max(xy, yx) < need or min(xy, yx) < need / 2:
                continue
            gx = xy - _fit(ca, wa, cb, x, x, ux, uy)
            gy = yx - _fit(ca, wa, cb, y, y, ux, uy)
            if min(gx, gy) < 0 or gx + gy < min_gain * 2:
                continue
            mask[x, y] = True
    return mask, fits
