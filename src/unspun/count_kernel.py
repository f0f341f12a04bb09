"""Item counts in one compiled pass: the document frequencies of the "details" candidate channel
(`candidates.detail_candidates`) without sorting every entry of the corpus (`np.unique` sorted 3.2M hashes in
~0.5 s at 10k synthetic articles; this pass reads each once).
"""
from __future__ import annotations

import numpy as np
from numba import njit

_MIX = np.uint64(0x9E3779B97F4A7C15)


@njit(cache=True)
def item_slots(items):
    """(slot per entry, count per slot, number of slots) of uint64 `items` in an open-addressing table that
    doubles when half full: equal items share a slot, so a slot's count is how often its item occurs."""
    cap = 1 << 12
    keys = np.zeros(cap, np.uint64)
    used = np.zeros(cap, np.bool_)
    counts = np.zeros(cap, np.int64)
    slot = np.empty(len(items), np.int64)
    filled = 0
    for k in range(len(items)):
        if 2 * (filled + 1) > cap:  # grow: every kept item moves to its slot in the larger table
            new_cap = cap * 2
            new_keys = np.zeros(new_cap, np.uint64)
            new_used = np.zeros(new_cap, np.bool_)
            new_counts = np.zeros(new_cap, np.int64)
            moved = np.empty(cap, np.int64)
            for s in range(cap):
                if used[s]:
                    t = np.int64(((keys[s] * _MIX) >> np.uint64(20)) & np.uint64(new_cap - 1))
                    while new_used[t]:
                        t = (t + 1) & (new_cap - 1)
                    new_used[t] = True
                    new_keys[t] = keys[s]
                    new_counts[t] = counts[s]
                    moved[s] = t
            for j in range(k):
                slot[j] = moved[slot[j]]
            cap, keys, used, counts = new_cap, new_keys, new_used, new_counts
        h = items[k]
        s = np.int64(((h * _MIX) >> np.uint64(20)) & np.uint64(cap - 1))
        while used[s] and keys[s] != h:
            s = (s + 1) & (cap - 1)
        if not used[s]:
            used[s] = True
            keys[s] = h
            filled += 1
        counts[s] += 1
        slot[k] = s
    return slot, counts, cap
