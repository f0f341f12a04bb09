"""The near-duplicate hot loop, compiled: bytes -> token hashes -> shingle hashes -> one-permutation MinHash.

Two tight loops per text and no temporaries. The vectorised numpy version needed about ten
full-buffer passes (word mask, flips, gathers, masks, shingle sums, bin keys, `minimum.at`), which
made tokenising the bottleneck of `unspun dedup`. The byte loop is branch-free (no mispredicted
branch per word), and the shingle loop keeps a rolling polynomial of the last w token hashes, so
the cost does not grow with w. numba compiles both once and caches the machine code next to the
module.

Hashes: a token is the FNV-1a hash of its bytes; a w-gram shingle is a multiply-add chain of its
token hashes through murmur3's 64-bit finaliser; a text's exact-copy hash is the sum of its shingle
hashes (order-sensitive through the shingles), finalised with its token count.
"""
from __future__ import annotations

import numpy as np
from numba import njit

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_M3 = np.uint64(0x165667B19E3779F9)
_F1 = np.uint64(0xFF51AFD7ED558CCD)
_F2 = np.uint64(0xC4CEB9FE1A85EC53)
_FNV_BASIS = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_S33 = np.uint64(33)
_LOW32 = np.uint64(0xFFFFFFFF)
_EMPTY = np.uint32(0xFFFFFFFF)


@njit(cache=True, inline="always")
def _fmix(h):
    h ^= h >> _S33
    h *= _F1
    h ^= h >> _S33
    h *= _F2
    h ^= h >> _S33
    return h


@njit(cache=True, inline="always")
def _add(sig, d, sh, bits):
    """One-permutation MinHash: the top `bits` bits choose the bin, the low 32 bits are the value."""
    b = (sh >> np.uint64(64 - bits)) if bits > 0 else np.uint64(0)
    sig[d, b] = min(np.uint32(sh & _LOW32), sig[d, b])


@njit(cache=True, inline="always")
def _densify(sig, d):
    """Fill the empty bins of sig[d] from the next non-empty bin to the right (circular).

    The copied value is re-hashed with the distance, so two texts only agree on a filled bin when
    they agree on the source bin and on the gap; this keeps the estimator close to unbiased
    (rotation densification, Shrivastava & Li, ICML 2014). sig[d] must have a non-empty bin.
    """
    k = sig.shape[1]
    first = 0
    while sig[d, first] == _EMPTY:
        first += 1
    src_pos = first + k  # the next non-empty bin, in doubled (wrapped) coordinates
    src = np.uint64(sig[d, first])
    for i in range(k - 1, -1, -1):
        if sig[d, i] != _EMPTY:
            src_pos = i
            src = np.uint64(sig[d, i])
        else:
            sig[d, i] = np.uint32(_fmix(src * _M1 + np.uint64(src_pos - i)) & _LOW32)


@njit(cache=True, nogil=True)
def sketch_buffer(buf, starts, ends, table, w, bits, seed, sig, exact, n_sh):
    """Fill sig[d] (uint32 bins, pre-set to 0xFFFFFFFF), exact[d] and n_sh[d] for each text
    d = buf[starts[d]:ends[d]]. Each byte goes through `table` first (ASCII lowercased, punctuation
    to space); words are runs of bytes the table does not map to space (32).
    """
    seed_mix = np.uint64(seed) * _M3
    drop = np.uint64(1)  # M2**w: the weight of the token that leaves the shingle window
    for _ in range(w):
        drop *= _M2
    tokens = np.empty(1024, dtype=np.uint64)
    for d in range(starts.shape[0]):
        if ends[d] - starts[d] + 1 > tokens.shape[0]:
            tokens = np.empty(ends[d] - starts[d] + 1, dtype=np.uint64)
        n_tok = _token_hashes(buf, starts[d], ends[d], table, tokens)
        total = np.uint64(0)
        chain = np.uint64(0)  # the last w token hashes as a polynomial in M2: the shingle before mixing
        for t in range(n_tok):
            chain = chain * _M2 + tokens[t] - (tokens[t - w] * drop if t >= w else np.uint64(0))
            if t >= w - 1:
                sh = _fmix(chain ^ seed_mix)
                total += sh
                _add(sig, d, sh, bits)
        if 0 < n_tok < w:  # a text shorter than one shingle: one shingle of all its words
            total = _fmix(chain ^ seed_mix)
            _add(sig, d, total, bits)
        n_sh[d] = n_tok - (w - 1) if n_tok >= w else min(n_tok, 1)
        if n_tok > 0:
            _densify(sig, d)
        exact[d] = _fmix(total ^ np.uint64(n_tok))


@njit(cache=True, inline="always")
def _token_hashes(buf, start, end, table, tokens):
    """Write the FNV-1a hash of each word of buf[start:end] to `tokens`; return the word count.

    Branch-free: every byte stores the running hash at the current slot, and the slot only advances
    when a word has just ended, so there is no mispredicted branch per word.
    """
    count = 0
    h = _FNV_BASIS
    in_word = False
    for p in range(start, end):
        c = table[buf[p]]
        is_word = c != 32
        tokens[count] = h
        count += in_word and not is_word
        h = (h ^ np.uint64(c)) * _FNV_PRIME if is_word else _FNV_BASIS
        in_word = is_word
    tokens[count] = h
    return count + in_word
