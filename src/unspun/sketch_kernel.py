"""The near-duplicate hot loop, compiled: bytes -> token hashes -> shingle hashes -> one-permutation MinHash.

One pass over a batch's lowercased byte buffer and no temporaries. The vectorised numpy version
needed about ten full-buffer passes (word mask, flips, gathers, masks, shingle sums, bin keys,
`minimum.at`), which made tokenising the bottleneck of `unspun dedup`; this loop is ~3x faster.
The per-byte work is branch-free (a word byte updates the running hash, a space resets it), so the
only unpredictable branch is the one taken at the end of each word. numba compiles it once and
caches the machine code next to the module.

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
def _shingle(ring, oldest, count, seed_mix):
    """Hash of the `count` token hashes in `ring` starting at slot `oldest` (wrapping)."""
    w = ring.shape[0]
    sh = ring[oldest]
    for k in range(1, count):
        j = oldest + k
        sh = sh * _M2 + ring[j if j < w else j - w]
    return _fmix(sh ^ seed_mix)


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
    drop = np.uint64(1)  # M2**w: the weight of the token that leaves the window
    for _ in range(w):
        drop *= _M2
    ring = np.zeros(w, dtype=np.uint64)
    for d in range(starts.shape[0]):
        ntok = 0
        slot = 0  # where the next token hash goes; once w tokens are in, also the oldest
        chain = np.uint64(0)  # sum of the last w token hashes times M2**(age): the shingle before mixing
        total = np.uint64(0)
        h = _FNV_BASIS
        in_word = False
        end = ends[d]
        for p in range(starts[d], end + 1):
            c = table[buf[p]] if p < end else np.uint8(32)  # a space after the text ends its last word
            is_word = c != 32
            nxt = (h ^ np.uint64(c)) * _FNV_PRIME
            if in_word and not is_word:  # a word just ended
                chain = chain * _M2 + h - (ring[slot] * drop if ntok >= w else np.uint64(0))
                ring[slot] = h
                slot = slot + 1 if slot + 1 < w else 0
                ntok += 1
                if ntok >= w:
                    sh = _fmix(chain ^ seed_mix)
                    total += sh
                    _add(sig, d, sh, bits)
            h = nxt if is_word else _FNV_BASIS
            in_word = is_word
        if 0 < ntok < w:  # a text shorter than one shingle: one shingle of all its words
            total = _shingle(ring, 0, ntok, seed_mix)
            _add(sig, d, total, bits)
        n_sh[d] = ntok - (w - 1) if ntok >= w else min(ntok, 1)
        if ntok > 0:
            _densify(sig, d)
        exact[d] = _fmix(total ^ np.uint64(ntok))
