"""The sentence-feature rules over word ids, compiled: an article's tokens -> its feature table rows.

`fingerprint._sentence_features` applies its rules token by token in Python (~1.5 ms an article with the
table built from its sets). Every rule but one reads only the token itself, so `fingerprint._Words`
works those out once per distinct word; the one that reads the token's place (a capitalized word opening
a sentence is a name only when the next word is capitalized too) runs here, with the sets: each
sentence's distinct content stems, skeleton bigrams and immutables, as sorted hash rows.

Hashes: content stems and immutables are `fingerprint.feature_table`'s xxh3 hashes of their strings; a
skeleton bigram is `skeleton_hash` of its two words' hashes (no string is built per bigram).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .sketch_kernel import _FNV_BASIS, _FNV_PRIME, _M1, _fmix

DIGIT, STOP, UPPER, LOWER, BREAK = 0, 1, 2, 3, 4
"""A word's class (`fingerprint._Words.cls`); BREAK is the sentence separator."""
KIND_CONTENT, KIND_SKELETON, KIND_IMMUTABLE = 0, 1, 2


@njit(cache=True, inline="always")
def _mix(a, b):
    return _fmix(a * _M1 ^ b)


@njit(cache=True)
def skeleton_hash(a: np.uint64, b: np.uint64) -> np.uint64:
    """The table hash of the skeleton bigram "x y" from the hashes of x and y (order matters)."""
    return _mix(a, b)


_SMALL = 48
"""Up to this many values a sort is done in place by insertion (a sentence's features): `np.sort` allocated a
copy for each of an article's ~60 small sorts, most of `table_rows`' time."""


@njit(cache=True, inline="always")
def _sort(buf, lo, hi):
    """Sort buf[lo:hi] in place."""
    if hi - lo > _SMALL:
        buf[lo:hi] = np.sort(buf[lo:hi])
        return
    for k in range(lo + 1, hi):
        v = buf[k]
        q = k - 1
        while q >= lo and buf[q] > v:
            buf[q + 1] = buf[q]
            q -= 1
        buf[q + 1] = v


@njit(cache=True, inline="always")
def _emit(buf, n, kind, sentence, hashes, sentences, kinds, out):
    """Append the distinct values of buf[:n], sorted, as rows of `kind` for `sentence`; return the new count.
    buf[:n] is left sorted."""
    if n == 0:
        return out
    _sort(buf, 0, n)
    for k in range(n):
        if k == 0 or buf[k] != buf[k - 1]:
            hashes[out] = buf[k]
            sentences[out] = sentence
            kinds[out] = kind
            out += 1
    return out


@njit(cache=True, inline="always")
def _proper(ids, upper, t, start, end):
    """Token t of the sentence ids[start:end], of class UPPER, is a name: not its first word, or followed by
    a capitalized word (`fingerprint._proper`)."""
    return t > start or (end - start > 1 and upper[ids[start + 1]])


@njit(cache=True, inline="always")
def _distinct(buf, lo, hi):
    """Sort buf[lo:hi] and keep its distinct values at its start; return the new end."""
    if hi - lo < 2:
        return hi
    _sort(buf, lo, hi)
    out = lo + 1
    for k in range(lo + 1, hi):
        if buf[k] != buf[out - 1]:
            buf[out] = buf[k]
            out += 1
    return out


@njit(cache=True)
def figures_and_names(ids, cls, upper, immutable, n_sentences):
    """Each sentence's number and name immutables, by `table_rows`' rules, from the token ids `ids` (sentences
    separated by BREAK ids): (figure_bounds, figures, name_bounds, names), sentence k's distinct figures
    sorted in figures[figure_bounds[k]:figure_bounds[k + 1]], its names likewise."""
    total = ids.shape[0]
    figures = np.empty(total, np.uint64)
    names = np.empty(total, np.uint64)
    figure_bounds = np.zeros(n_sentences + 1, np.int64)
    name_bounds = np.zeros(n_sentences + 1, np.int64)
    n_f = n_n = 0
    sentence = 0
    start = 0
    while start <= total and sentence < n_sentences:
        end = start
        while end < total and cls[ids[end]] != BREAK:
            end += 1
        f0, p0 = n_f, n_n
        for t in range(start, end):
            c = cls[ids[t]]
            if c == DIGIT:
                figures[n_f] = immutable[ids[t]]
                n_f += 1
            elif c == UPPER and _proper(ids, upper, t, start, end):
                names[n_n] = immutable[ids[t]]
                n_n += 1
        n_f = _distinct(figures, f0, n_f)
        n_n = _distinct(names, p0, n_n)
        sentence += 1
        figure_bounds[sentence] = n_f
        name_bounds[sentence] = n_n
        start = end + 1
    return figure_bounds, figures[:n_f], name_bounds, names[:n_n]


@njit(cache=True, inline="always")
def _disjoint(x, x0, x1, y, y0, y1):
    """The sorted runs x[x0:x1] and y[y0:y1] share no value."""
    while x0 < x1 and y0 < y1:
        if x[x0] == y[y0]:
            return False
        if x[x0] < y[y0]:
            x0 += 1
        else:
            y0 += 1
    return True


@njit(cache=True)
def immutables_agree(a_fb, a_figures, a_nb, a_names, b_fb, b_figures, b_nb, b_names, rows_a, rows_b):
    """`provenance.immutables_agree` of the sentence pairs (rows_a[m], rows_b[m]), from each side's
    `figures_and_names`: False where both give figures and share none, or both give two names or more and
    share none."""
    out = np.empty(rows_a.shape[0], np.bool_)
    for m in range(rows_a.shape[0]):
        i, j = rows_a[m], rows_b[m]
        a0, a1, b0, b1 = a_fb[i], a_fb[i + 1], b_fb[j], b_fb[j + 1]
        if a1 > a0 and b1 > b0 and _disjoint(a_figures, a0, a1, b_figures, b0, b1):
            out[m] = False
            continue
        a0, a1, b0, b1 = a_nb[i], a_nb[i + 1], b_nb[j], b_nb[j + 1]
        out[m] = not (a1 - a0 >= 2 and b1 - b0 >= 2 and _disjoint(a_names, a0, a1, b_names, b0, b1))
    return out


@njit(cache=True)
def table_rows(ids, cls, upper, content, immutable, skeleton, q_sentence, q_hash):
    """Feature rows of the token ids `ids` (sentences separated by BREAK ids): (hashes, sentence, kind),
    sorted by sentence, kind, hash. q_sentence/q_hash: quoted-string immutables, in sentence order."""
    total = ids.shape[0]
    cap = 2 * total + q_hash.shape[0] + 1
    hashes = np.empty(cap, np.uint64)
    sentences = np.empty(cap, np.int32)
    kinds = np.empty(cap, np.int8)
    buf_c = np.empty(total + 1, np.uint64)
    buf_s = np.empty(total + 1, np.uint64)
    buf_i = np.empty(total + q_hash.shape[0] + 1, np.uint64)
    out = 0
    q = 0
    sentence = 0
    start = 0
    while start <= total:
        end = start
        while end < total and cls[ids[end]] != BREAK:
            end += 1
        n_c = n_s = n_i = 0
        have_prev = False
        prev = np.uint64(0)
        for t in range(start, end):
            w = ids[t]
            c = cls[w]
            proper = c == UPPER and _proper(ids, upper, t, start, end)
            if c == LOWER or (c == UPPER and not proper):
                buf_c[n_c] = content[w]
                n_c += 1
                continue
            if c == DIGIT or proper:
                buf_i[n_i] = immutable[w]
                n_i += 1
            h = skeleton[w]
            if have_prev:
                buf_s[n_s] = _mix(prev, h)
                n_s += 1
            prev = h
            have_prev = True
        while q < q_sentence.shape[0] and q_sentence[q] == sentence:
            buf_i[n_i] = q_hash[q]
            n_i += 1
            q += 1
        out = _emit(buf_c, n_c, KIND_CONTENT, sentence, hashes, sentences, kinds, out)
        out = _emit(buf_s, n_s, KIND_SKELETON, sentence, hashes, sentences, kinds, out)
        out = _emit(buf_i, n_i, KIND_IMMUTABLE, sentence, hashes, sentences, kinds, out)
        sentence += 1
        start = end + 1
    return hashes[:out], sentences[:out], kinds[:out]


@njit(cache=True)
def table_scores(a_hashes, a_sentence, a_weight, n_a, b_hashes, b_sentence, b_weight, n_b):
    """`align.score_matrix` of two feature tables (rows: hash, sentence, weight): each sentence pair's weighted
    Dice score. Every sum runs in the order of the NumPy form (a's rows in order), so the floats are the same
    to the last bit."""
    tot_a = np.zeros(n_a)
    tot_b = np.zeros(n_b)
    for r in range(a_hashes.shape[0]):
        tot_a[a_sentence[r]] += a_weight[r]
    for q in range(b_hashes.shape[0]):
        tot_b[b_sentence[q]] += b_weight[q]
    shared = np.zeros((n_a, n_b))
    # b's rows chained by hash in an open-addressing table (a sort and a binary search per row of a were ~2/3
    # of this kernel). One row of a adds to a cell at most once (a sentence holds a feature once), so each
    # cell's sum still runs over a's rows in order, whatever order b's rows of one hash are visited in.
    size = 16
    while size < 2 * b_hashes.shape[0]:
        size *= 2
    mask = np.uint64(size - 1)
    slots = np.empty(size, np.uint64)
    head = np.full(size, -1, np.int64)
    chain = np.empty(b_hashes.shape[0], np.int64)
    for q in range(b_hashes.shape[0]):
        h = b_hashes[q]
        s = h & mask
        while head[s] >= 0 and slots[s] != h:
            s = (s + np.uint64(1)) & mask
        chain[q] = head[s]
        slots[s] = h
        head[s] = q
    for r in range(a_hashes.shape[0]):
        h = a_hashes[r]
        s = h & mask
        while head[s] >= 0 and slots[s] != h:
            s = (s + np.uint64(1)) & mask
        q = head[s]
        while q >= 0:
            shared[a_sentence[r], b_sentence[q]] += a_weight[r]
            q = chain[q]
    out = np.zeros((n_a, n_b))
    for i in range(n_a):
        for j in range(n_b):
            denom = tot_a[i] + tot_b[j]
            if denom > 0:
                out[i, j] = 2 * shared[i, j] / denom
    return out


@njit(cache=True)
def identical_scores(scores, keys_a, keys_b, len_a, len_b, identical):
    """Set scores[i, j] of each sentence pair with one match key (keys_a[i] == keys_b[j], not 0) to `identical`
    plus 1e-6 times the ratio of the shorter sentence's length (len_a, len_b) to the longer's: `align`'s rule,
    in the float operations of its NumPy form (no key-by-key matrix built)."""
    for i in range(keys_a.shape[0]):
        k = keys_a[i]
        if k == 0:
            continue
        for j in range(keys_b.shape[0]):
            if keys_b[j] == k:
                la, lb = len_a[i], len_b[j]
                scores[i, j] = identical + 1e-6 * min(la, lb) / max(la, lb)


# ---------------------------------------------------------------- tokens of ASCII text, looked up by hash
_NEWLINE, _APOSTROPHE, _HYPHEN = 10, 39, 45


@njit(cache=True, inline="always")
def _letter(c):
    return (65 <= c <= 90) or (97 <= c <= 122)


@njit(cache=True, inline="always")
def _digit(c):
    return 48 <= c <= 57


@njit(cache=True, inline="always")
def _figure_end(buf, q, n):
    """End of `[0-9]+(?:[.,:][0-9]+)*` matched from the digit at q."""
    while q < n and _digit(buf[q]):
        q += 1
    while q + 1 < n and (buf[q] == 46 or buf[q] == 44 or buf[q] == 58) and _digit(buf[q + 1]):
        q += 2
        while q < n and _digit(buf[q]):
            q += 1
    return q


@njit(cache=True, inline="always")
def _word_end(buf, p, n, details):
    """End of the word matched from the letter at p, or p when none is: `[A-Za-z]+(?:'[A-Za-z]+)*`
    (`tokens.FEATURE_TOKEN_ASCII`), or with `details` `[A-Za-z][A-Za-z'-]*[A-Za-z]` (`fingerprint.DETAIL_WORD`
    of ASCII text: to the last letter of the run)."""
    if not details:
        q = p + 1
        while q < n and _letter(buf[q]):
            q += 1
        while q + 1 < n and buf[q] == _APOSTROPHE and _letter(buf[q + 1]):
            q += 2
            while q < n and _letter(buf[q]):
                q += 1
        return q
    last = p
    q = p + 1
    while q < n and (_letter(buf[q]) or buf[q] == _APOSTROPHE or buf[q] == _HYPHEN):
        if _letter(buf[q]):
            last = q
        q += 1
    return last + 1 if last > p else p


@njit(cache=True, inline="always")
def _slot(slots, h):
    """The slot of hash h in an open-addressing table: where it is, or the empty slot (0) it would take."""
    mask = np.uint64(slots.shape[0] - 1)
    s = h & mask
    while slots[s] != 0 and slots[s] != h:
        s = (s + np.uint64(1)) & mask
    return s


@njit(cache=True)
def token_ids(buf, details, slots, slot_ids, ids, starts, ends, hashes):
    """Tokenize the ASCII bytes `buf` as the regex would (`_word_end`, `_figure_end`; without `details`, each
    line break is a token too) and look each token up by the hash of its bytes in the table (slots: hashes,
    0 empty; slot_ids): ids[k] its id, -1 when absent; starts, ends, hashes of token k. Returns the count."""
    n = buf.shape[0]
    k = 0
    p = 0
    while p < n:
        c = buf[p]
        if _letter(c):
            e = _word_end(buf, p, n, details)
        elif _digit(c):
            e = _figure_end(buf, p, n)
        elif c == _NEWLINE and not details:
            e = p + 1
        else:
            e = p
        if e == p:
            p += 1
            continue
        _look_up(buf, p, e, slots, slot_ids, ids, starts, ends, hashes, k)
        k += 1
        p = e
    return k


@njit(cache=True, inline="always")
def _look_up(buf, p, e, slots, slot_ids, ids, starts, ends, hashes, k):
    """Record token k = buf[p:e]: its span, the hash of its bytes, and its id in the table (-1 when absent)."""
    h = _FNV_BASIS
    for q in range(p, e):
        h = (h ^ np.uint64(buf[q])) * _FNV_PRIME
    h = max(_fmix(h), np.uint64(1))
    s = _slot(slots, h)
    ids[k] = slot_ids[s] if slots[s] == h else -1
    starts[k] = p
    ends[k] = e
    hashes[k] = h


@njit(cache=True, inline="always")
def _upper(c):
    return 65 <= c <= 90


@njit(cache=True, inline="always")
def _next_upper(buf, p, n):
    """The next token from p on, in the same line, opens with a capital letter (tokens open at every letter
    or digit that does not continue one)."""
    while p < n and buf[p] != _NEWLINE and not (_letter(buf[p]) or _digit(buf[p])):
        p += 1
    return p < n and _upper(buf[p])


@njit(cache=True)
def immutable_ids(buf, slots, slot_ids, ids, starts, ends, hashes):
    """The tokens of the ASCII bytes `buf` (sentences split by line breaks; tokens as `token_ids`) that are an
    immutable where they stand if their word is one (`fingerprint._immutables`): every number, and every
    capitalized word but one opening its sentence whose next word is not capitalized; each looked up by
    hash as `token_ids` does (a word in lower case is never an immutable, and is neither hashed nor kept).
    Returns the count."""
    n = buf.shape[0]
    k = 0
    p = 0
    opens = True  # the next token opens its sentence
    while p < n:
        c = buf[p]
        if c == _NEWLINE:
            opens = True
            p += 1
            continue
        if _letter(c):
            e = _word_end(buf, p, n, False)
        elif _digit(c):
            e = _figure_end(buf, p, n)
        else:
            p += 1
            continue
        if _digit(c) or (_upper(c) and (not opens or _next_upper(buf, e, n))):
            _look_up(buf, p, e, slots, slot_ids, ids, starts, ends, hashes, k)
            k += 1
        opens = False
        p = e
    return k


@njit(cache=True)
def distinct_ids(ids, seen):
    """The distinct values of `ids` but 0, in order of first sight: `seen` (False for every id, as long as the
    largest) marks them on the way and is left all False again. One pass where a set of the ids cost ~3x."""
    out = np.empty(ids.shape[0], np.int64)
    k = 0
    for t in range(ids.shape[0]):
        v = ids[t]
        if v != 0 and not seen[v]:
            seen[v] = True
            out[k] = v
            k += 1
    for t in range(k):
        seen[out[t]] = False
    return out[:k]


@njit(cache=True)
def put_ids(slots, slot_ids, hashes, ids):
    """Enter each hashes[k] with id ids[k] in the table (`token_ids`); return how many hashes were new."""
    new = 0
    for k in range(hashes.shape[0]):
        s = _slot(slots, hashes[k])
        if slots[s] == 0:
            new += 1
        slots[s] = hashes[k]
        slot_ids[s] = ids[k]
    return new


@njit(cache=True)
def lone_pairs(scores, threshold, used_a, used_b):
    """The cells at or above `threshold` among the rows not `used_a` and the columns not `used_b`, as (found,
    rows, cols) in row order; found is False (and the arrays empty) when such a row or column holds two."""
    n, m = scores.shape
    row_of = np.full(m, -1, np.int64)
    col_of = np.full(n, -1, np.int64)
    for i in range(n):
        if used_a[i]:
            continue
        for j in range(m):
            if not used_b[j] and scores[i, j] >= threshold:
                if col_of[i] >= 0 or row_of[j] >= 0:
                    return False, np.zeros(0, np.int64), np.zeros(0, np.int64)
                col_of[i] = j
                row_of[j] = i
    rows = np.flatnonzero(col_of >= 0)
    return True, rows, col_of[rows]
