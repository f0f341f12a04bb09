"""An article's words as the edit classifier diffs them: tokens with offsets, normalized keys, numeric
values and a proper-name flag, plus where the quotations are.

Tokens come from `tokens.EDIT_TOKEN`; number words, scales and percents are read with the tables in
`words`, so "two million" and "2m" diff as the same value.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, compress, count, repeat
from operator import add, not_
from typing import NamedTuple

import numpy as np

from ..records import Span
from ..tokens import DIGITS, EDIT_TOKEN, zipf
from .forms import ORDINAL_ENDS, ORDINAL_WORDS, ordinal_key, ordinal_value, pronoun_one
from .token_kernel import sentence_words, word_hash
from .words import DATE_WORDS, FRACTIONS, PERCENT, QUOTE_FOLD, SCALES, UNITS


class Token(NamedTuple):
    """One word of an article: its text, position, and the key it is diffed on (a named tuple: articles
    have hundreds of thousands of tokens and a tuple is three times cheaper to build than a dataclass)."""

    text: str
    start: int
    end: int
    key: str
    name: bool  # a proper name (capitalized and not just sentence-initial, or rare)
    value: tuple[float, ...] | None  # numeric value(s) when the token is a number


_HAS_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")


def _number_word(low: str) -> float | None:
    if low in UNITS:
        return float(UNITS[low])
    if "-" in low:
        parts = low.split("-")
        if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS and UNITS[parts[1]] < 10:
            return float(UNITS[parts[0]] + UNITS[parts[1]])
        if parts[0] in UNITS:  # "two-year", "five-bedroom"
            return float(UNITS[parts[0]])
    return None


def _digits_value(text: str) -> tuple[float, ...] | None:
    found = DIGITS.findall(text)
    if not found:
        return None
    values = []
    for f in found:
        thousands = _THOUSANDS.fullmatch(f) and not f.startswith("0,")  # "0,712" is decimal
        raw = f.replace(",", "") if thousands else f.replace(",", ".")
        try:
            values.append(float(raw))
        except ValueError:
            return None
    return tuple(values)


_OPENERS = frozenset('"\u201c\u2018\'(:\u2014-')


def _after_opener(text: str, pos: int, floor: int) -> bool:
    """True when the word at `pos` follows an opening quote, bracket, colon or dash (it may be capitalized)."""
    k = pos - 1
    while k >= floor and text[k] == " ":
        k -= 1
    return k >= floor and text[k] in _OPENERS


def proper_names(text: str, sentences: Iterable[Span]) -> frozenset[str]:
    """Words written capitalized somewhere other than the start of a sentence (names, places, bodies)."""
    out: set[str] = set()
    for span in sentences:
        got = _SENTENCES.get(text[span[0]:span[1]])
        if got is not None:
            out.update(got.names)
            continue
        words, starts, _ = _columns(text, span)
        _add_names(text, span[0], words, starts, _unplain(words), out)
    return frozenset(out)


# `EDIT_TOKEN` as one group: `split` returns the gaps and the words alternately, all in C.
_SPLIT = re.compile(f"({EDIT_TOKEN.pattern})")


def _columns(text: str, span: Span) -> tuple[list[str], list[int], list[int]]:
    """The `EDIT_TOKEN` words of text[span] with their start and end offsets, as three lists: the pieces'
    lengths summed give every offset (1.3-1.5x cheaper than a match object per word; the pattern has no
    anchor or lookaround, so matching the slice is matching text[span])."""
    return _columns_of(text[span[0]:span[1]], span[0])


def _columns_of(piece: str, start: int) -> tuple[list[str], list[int], list[int]]:
    """`_columns` of a slice already cut (`piece`, which starts at `start` in its text)."""
    parts = _SPLIT.split(piece)
    ends = list(accumulate(map(len, parts), initial=start))
    return parts[1::2], ends[1::2], ends[2::2]


def _raw(text: str, span: Span) -> list[tuple[str, int, int]]:
    """(word, start, end) of each `EDIT_TOKEN` in text[span]."""
    return list(zip(*_columns(text, span)))


def _unplain(words: Sequence[str]) -> list[int]:
    """Indices of the words not known to be `_plain` (a superset of the words any rule can touch: a word
    not yet memoized is in it). Most words are plain, so the rules then visit a fifth of them."""
    return list(compress(count(), map(not_, map(_PLAIN.get, words))))


def _add_names(text: str, start: int, words: Sequence[str], starts: Sequence[int], odd: Sequence[int],
               out: set[str]) -> None:
    """`proper_names` of one sentence (starting at `start`; its words and their starts), added to `out`.
    Only the words at `odd` (`_unplain`) are visited: a plain word is never a name and only ends a sentence
    start, so a gap in `odd` stands for it."""
    first, last = True, -1
    for n in odd:
        w = words[n]
        if n != last + 1:
            first = False  # plain words came in between
        last = n
        if w[:1].isalnum() and not w[:1].isupper() and not w.isupper():
            first = False  # never a name here, and after it no sentence start (the rules below, skipped)
            continue
        if _after_opener(text, starts[n], start):
            first = True
        if not first and w[:1].isupper() and not w.isupper() or (not first and w.isupper() and len(w) > 1):
            out.add(w)
        if w[:1].isalnum():
            first = False


def article_tokens(text: str, sentences: Sequence[Span]) -> list[Token]:
    """`tokenize` over every sentence with the article's `proper_names`: the same tokens, each sentence read
    once (`_read`: the names and the tokens both come from that reading)."""
    read = _read(text, sentences)
    found: set[str] = set()
    for got, _ in read:
        found.update(got.names)
    names = frozenset(found)
    out: list[Token] = []
    for span, (got, fresh) in zip(sentences, read):
        _place(out, got, fresh, span[0], names)
    return out


def _read(text: str, sentences: Sequence[Span]) -> list[tuple[_Sentence, list[Token] | None]]:
    """`_sentence` of each span, the sentences not kept found together (`_words`)."""
    pieces = [text[a:b] for a, b in sentences]
    read: list[tuple[_Sentence, list[Token] | None]] = [(got, None) for got in map(_SENTENCES.get, pieces)]
    missing = [j for j, (got, _) in enumerate(read) if got is None]
    if missing:
        spans = [sentences[j] for j in missing]
        for j, span, columns in zip(missing, spans, _words(text, spans, [pieces[j] for j in missing])):
            read[j] = _first_reading(text, span, pieces[j], *columns)
    return read


# The lowercase letter words that are not `_plain` (number words, fractions, ordinals), as the compiled
# pass looks them up: sorted hashes of their bytes.
_NOT_PLAIN = np.array(sorted({word_hash(w) for w in chain(UNITS, FRACTIONS, ORDINAL_WORDS)
                              if w.isascii() and w.isalpha() and w.islower()}), dtype=np.uint64)


def _words(text: str, spans: Sequence[Span], pieces: Sequence[str],
           ) -> Iterable[tuple[list[str], list[int], list[int], list[int]]]:
    """(words, starts, ends, `_unplain` indices or more) of each span, whose text is its piece. An ASCII text's
    come from one compiled pass over its bytes (`token_kernel`), each word then cut from the text; any
    other text's from `_columns_of` and `_unplain`."""
    if not text.isascii() or any(a < 0 or b < 0 for a, b in spans):  # (slices count those from the end)
        for (a, _), piece in zip(spans, pieces):
            words, starts, ends = _columns_of(piece, a)
            yield words, starts, ends, _unplain(words)
        return
    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    lo, hi = bounds[:, 0], np.minimum(bounds[:, 1], len(text))
    room = int(np.maximum(hi - lo, 0).sum())
    word_start, word_end, odd = (np.empty(room, dtype=np.int64) for _ in range(3))
    counts, odd_counts = np.empty(len(spans), dtype=np.int64), np.empty(len(spans), dtype=np.int64)
    joined = np.empty(2 * room, dtype=np.uint8)
    n, size = sentence_words(np.frombuffer(text.encode("ascii"), dtype=np.uint8), lo, hi, _NOT_PLAIN, word_start,
                             word_end, odd, counts, odd_counts, joined)
    starts, ends = word_start[:n].tolist(), word_end[:n].tolist()
    words = joined[:size - 1].tobytes().decode("ascii").split(" ") if n else []
    unplain = odd[:int(odd_counts.sum())].tolist()
    k = m = 0
    for c, oc in zip(counts.tolist(), odd_counts.tolist()):
        yield words[k:k + c], starts[k:k + c], ends[k:k + c], unplain[m:m + oc]
        k += c
        m += oc


class _Sentence(NamedTuple):
    """One sentence read once for every article that has it word for word (syndicated copies repeat their
    sentences verbatim): its tokens as first found, at `origin`, and what waits on the article."""

    origin: int  # where the sentence started in the text it was first read from (its tokens' offsets)
    # The tokens' fields as six exact tuples (words, starts, ends, keys, name flags, values): the collector
    # stops tracking those, while it walks every kept `Token` (a tuple subclass) at each full collection.
    columns: tuple[tuple, ...]
    names: tuple[str, ...]  # the words `proper_names` takes from it
    # (index, word, key as a name): a word the article's names make a name (a capitalized sentence start,
    # common enough not to be one alone); in `columns` it is the common word.
    pending: tuple[tuple[int, str, str], ...]


_NO_NAMES: frozenset[str] = frozenset()
_SENTENCES: dict[str, _Sentence] = {}
_SENTENCES_MAX = 1 << 12  # ~3 KB a sentence: ~12 MB at most, a few hundred articles' sentences


def _sentence(text: str, span: Span) -> tuple[_Sentence, list[Token] | None]:
    """text[span] read as a sentence, kept per distinct sentence text (bounded, as `_plain`): a copy's
    sentence costs a dict lookup and a C pass that makes its tokens. Also the tokens just made, on a
    first reading (None when it was kept)."""
    piece = text[span[0]:span[1]]
    got = _SENTENCES.get(piece)
    if got is not None:
        return got, None
    words, starts, ends = _columns_of(piece, span[0])
    return _first_reading(text, span, piece, words, starts, ends, _unplain(words))


def _first_reading(text: str, span: Span, piece: str, words: list[str], starts: list[int], ends: list[int],
                   odd: Sequence[int]) -> tuple[_Sentence, list[Token]]:
    """A sentence not kept (its text `piece`; its words, offsets and the indices `_unplain` gives or more):
    read, kept, and its tokens made."""
    found: set[str] = set()
    _add_names(text, span[0], words, starts, odd, found)
    pending: list[tuple[int, str, str]] = []
    keys, flags, values = _fields(text, span, _NO_NAMES, words, starts, ends, odd, pending)
    tokens = list(map(tuple.__new__, repeat(Token), zip(words, starts, ends, keys, flags, values)))
    got = tuple.__new__(_Sentence, (span[0], (tuple(words), tuple(starts), tuple(ends), tuple(keys), tuple(flags),
                                             tuple(values)), tuple(found), tuple(pending)))
    _remember(_SENTENCES, piece, got, _SENTENCES_MAX)
    return got, tokens


def _place(out: list[Token], got: _Sentence, fresh: list[Token] | None, start: int, names: frozenset[str]) -> None:
    """Append the tokens of `got` read at `start` (`fresh`, or made from its columns, offsets moved when it
    was first read elsewhere), the pending words in `names` made names."""
    base, shift = len(out), start - got.origin
    make = tuple.__new__
    words, starts, ends, keys, flags, values = got.columns
    if fresh is not None:
        out += fresh
    elif shift:
        out += map(make, repeat(Token), zip(words, map(add, starts, repeat(shift)), map(add, ends, repeat(shift)),
                                            keys, flags, values))
    else:
        out += map(make, repeat(Token), zip(*got.columns))
    for n, w, key in got.pending:
        if w in names:
            out[base + n] = make(Token, (w, starts[n] + shift, ends[n] + shift, key, True, None))


_PLAIN: dict[str, bool] = {}
_PLAIN_MAX = 1 << 18


def _remember(memo: dict, word: str, value: object, bound: int = _PLAIN_MAX) -> None:
    """Keep a per-word answer (bounded: cleared when full, as a corpus has a vocabulary)."""
    if len(memo) >= bound:
        memo.clear()
    memo[word] = value


def _plain(w: str) -> bool:
    """True for a lowercase ASCII letter word that is no number word, fraction or ordinal: its token is
    (w, key w, not a name, no value) whatever its neighbours, so `tokenize` skips the rules for it. Most
    tokens are such words; the answer is kept per distinct word (bounded: a corpus has a vocabulary)."""
    got = _PLAIN.get(w)
    if got is None:
        got = (w.isascii() and w.isalpha() and w.islower() and w not in UNITS and w not in FRACTIONS
               and ordinal_value(w) is None)
        _remember(_PLAIN, w, got)
    return got


_WORDLIKE: dict[str, tuple[str, str, bool] | bool] = {}


def _wordlike(w: str) -> tuple[str, str, bool] | bool:
    """(its key as a common word, its key as a name, whether it can be a name) for a word no rule gives a
    value (no digit, number word, fraction or ordinal): only the name test then reads its neighbours. False
    for a word the full rules must read. Kept per distinct word, as `_plain`."""
    got = _WORDLIKE.get(w)
    if got is None:
        low = w.casefold().translate(QUOTE_FOLD)
        got = False
        if (not _HAS_DIGIT.search(w) and low not in UNITS and "-" not in low and low not in FRACTIONS
                and (ordinal_value(low) if low.endswith(ORDINAL_ENDS) else None) is None):
            key = w.translate(QUOTE_FOLD)
            got = (low, key[:-2] if key.endswith("'s") else key, bool(w[:1].isupper()) and low not in DATE_WORDS)
        _remember(_WORDLIKE, w, got)
    return got


def tokenize(text: str, span: Span, names: frozenset[str]) -> list[Token]:
    """Tokens of text[span] with normalized keys (number words become digits; names keep their case)."""
    out: list[Token] = []
    _place(out, *_sentence(text, span), span[0], names)
    return out


def _tokens(text: str, span: Span, names: frozenset[str], words: Sequence[str], starts: Sequence[int],
            ends: Sequence[int], odd: Sequence[int]) -> list[Token]:
    """The tokens of one sentence (its words, their offsets, the `_unplain` indices), made in one C pass
    from `_fields`."""
    keys, flags, values = _fields(text, span, names, words, starts, ends, odd)
    return list(map(tuple.__new__, repeat(Token), zip(words, starts, ends, keys, flags, values)))


def _fields(text: str, span: Span, names: frozenset[str], words: Sequence[str], starts: Sequence[int],
            ends: Sequence[int], odd: Sequence[int], pending: list[tuple[int, str, str]] | None = None,
            ) -> tuple[list[str], list[bool], list[tuple[float, ...] | None]]:
    """Each word's key, name flag and value: every word starts as the plain word (key w, no name, no value)
    by three C copies; only the words at `odd` (`_unplain`) go through the rules, which give a plain word
    those same fields. With `pending`, a word that is a name only if in `names` also goes there, with its
    key as a name (`_Sentence`)."""
    keys = list(words)
    flags = [False] * len(words)
    values: list[tuple[float, ...] | None] = [None] * len(words)
    for n in odd:
        w = words[n]
        if _plain(w):
            continue
        simple = _WORDLIKE.get(w)
        if simple is None:
            simple = _wordlike(w)
        if simple:  # the rules below for a word without a value: only the name test is left
            low, name_key, can_name = simple
        else:
            low, value, key = _valued(w, n, words, starts, ends[n])
            values[n] = value
            if key is not None:  # a number or an ordinal: never a name
                keys[n] = key
                continue
            can_name = bool(w[:1].isupper()) and value is None and low not in DATE_WORDS
            if can_name:
                name_key = w.translate(QUOTE_FOLD)
                if name_key.endswith("'s"):
                    name_key = name_key[:-2]
        if can_name:
            if not (n == 0 or _after_opener(text, starts[n], span[0])) or w in names or zipf(low) < 3.0:
                keys[n], flags[n] = name_key, True
                continue
            if pending is not None:
                pending.append((n, w, name_key))
        keys[n] = low
    return keys, flags, values


def _valued(w: str, n: int, words: Sequence[str], starts: Sequence[int], e: int,
            ) -> tuple[str, tuple[float, ...] | None, str | None]:
    """The rules for a word that may have a value (digits, number word, fraction, ordinal), word n ending
    at `e`: its casefolded form, its value, and its key when a value decides it (None: the common-word or
    name key, as for any word)."""
    low = w.casefold().translate(QUOTE_FOLD)
    last = len(words) - 1
    # Guards in front of the calls (a plain word has no digit, is no number word, no ordinal): same
    # values, without three function calls per token.
    value = _digits_value(w) if not w.isalpha() and _HAS_DIGIT.search(w) else None
    word_value = _number_word(low) if low in UNITS or "-" in low else None
    if word_value is not None and pronoun_one(
            low, words[n - 1] if n else "", words[n + 1] if n < last else ""):
        word_value = None  # "one such sighting", "one of the best": a pronoun, not a count
    if value is None and word_value is not None:
        value = (word_value,)
    elif value is None and low in FRACTIONS and (
        (n and words[n - 1].casefold() in ("a", "one", "two", "three", "by"))
        or (n < last and words[n + 1].casefold() in ("a", "an", "of"))
    ):
        value = (FRACTIONS[low],)
    if value is not None and len(value) == 1:
        nxt = words[n + 1].casefold() if n < last else ""
        if nxt in SCALES and (nxt not in ("m", "k") or starts[n + 1] == e):
            value = (value[0] * SCALES[nxt],)
        elif nxt in PERCENT:
            value = (value[0] / 100,)
    ordinal = ordinal_value(low) if low.endswith(ORDINAL_ENDS) else None
    if ordinal is not None:  # "eleventh" and "11th" are one figure
        return low, (float(ordinal),), ordinal_key(ordinal)
    if word_value is not None:
        return low, value, str(int(word_value))
    return low, value, None


# ---------------------------------------------------------------- quotes
def quote_regions(text: str) -> list[Span]:
    """Spans of quoted text (inside the marks), for straight, curly and single quotes, per paragraph."""
    regions: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        start, seg = para.start(), para.group()
        straight_open: int | None = None
        curly_open: int | None = None
        single_open: int | None = None
        for i, ch in enumerate(seg):
            if ch == '"':
                if straight_open is None:
                    straight_open = i
                else:
                    regions.append((start + straight_open + 1, start + i))
                    straight_open = None
            elif ch == "\u201c":
                curly_open = i
            elif ch == "\u201d" and curly_open is not None:
                regions.append((start + curly_open + 1, start + i))
                curly_open = None
            elif ch == "\u2018":
                single_open = i
            elif ch == "\u2019" and single_open is not None and not seg[i + 1 : i + 2].isalpha():
                regions.append((start + single_open + 1, start + i))
                single_open = None
        # An opening mark never closed in its paragraph: a quote that runs to the paragraph's end.
        for opened in (straight_open, curly_open):
            if opened is not None:
                regions.append((start + opened + 1, start + len(seg)))
    return sorted(regions)


def inside(regions: Sequence[Span], start: int, end: int) -> bool:
    """True when [start, end) lies within one of the regions (an insertion point at its first character
    or anywhere before its end counts)."""
    return any(s <= start and end <= e and (end > start or start < e) for s, e in regions)


_TITLE_SMALL = frozenset("a an the of and or in on at to for by with from as is be".split())
_TITLE_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")


def is_title(quoted: str) -> bool:
    """A quoted title ("The Empire Strikes Back", "Nobody's Daughter"): at most eight words, each but the
    small ones capitalized. It names a work; it does not report what anyone said."""
    words = _TITLE_WORD.findall(quoted)
    if not words or len(words) > 8 or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in _TITLE_SMALL for w in words)
