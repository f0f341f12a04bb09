"""`Collocations.pmi_many`'s count lookups compiled: the corpus counts of each given word pair's two words and
of its bigram, from the words' hashes, in one pass.

The string path looked each word up in a dict memo, joined every pair into "w1 w2", hashed the joined strings
and binary-searched them in the sorted bigram table (~0.5 ms for the ~300 pairs of a heavy rewrite's swaps).
Here the words are hashed once (`collocation._line_hashes`) and each count is a probe of the open-addressing
tables `Collocations.load` builds for `pair_kernel` (word hash -> unigram row and count; the two words' rows
-> bigram count). The counts are the tables' own float32 values, so `Collocations._pmi` over them gives the
same PMI bit for bit; `tests/test_fast_paths.py` holds it equal to the string path.
"""
from __future__ import annotations

from numba import njit

from .pair_kernel import _probe, put_counts


@njit(cache=True)
def word_pair_counts(hashes, words, bigrams, n_uni, c1, c2, c12):
    """Fill c1, c2, c12 (float64, one per pair) from `hashes` (int64, the pairs' words interleaved: first
    word of pair i at 2i, second at 2i + 1): each word's unigram count and the bigram's, 0 where unlisted.
    `words` maps a word hash to (unigram row, count) (empty = 0), `bigrams` maps row1 * n_uni + row2 to the
    bigram's count (empty = -1), as `pair_kernel.pair_counts` reads them."""
    for i in range(c1.shape[0]):
        put_counts(words, bigrams, n_uni, _probe(words, hashes[2 * i], 0), _probe(words, hashes[2 * i + 1], 0),
                   c1, c2, c12, i)
