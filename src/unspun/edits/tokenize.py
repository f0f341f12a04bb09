"""An article's words as the edit classifier diffs them: tokens with offsets, normalized keys, numeric
values and a proper-name flag, plus where the quotations are.

Tokens come from `tokens.EDIT_TOKEN` (an ASCII article's from the compiled pass in `token_kernel`, the
same words); number words, scales and percents are read with the tables in `words`, so "two million" and
"2m" diff as the same value.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import add, eq, getitem, ne, not_
from typing import NamedTuple

import numpy as np

from ..records import Span
from ..tokens import DIGITS, EDIT_TOKEN, zipf
from .forms import ORDINAL_ENDS, ORDINAL_WORDS, ordinal_key, ordinal_value, pronoun_one
from .token_kernel import proxy_bytes, sentence_words, word_hash
from .word_memo import memoized, remember
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


_WORD_SCALES = frozenset(("thousand", "million", "billion", "trillion", "bn"))


def _hyphen_scaled(low: str, value: tuple[float, ...] | None) -> tuple[float, ...] | None:
    """A figure written with its scale in one hyphenated word ("38-million", "2.5-billion", as some papers print
    it) is the same figure as "38 million": its value scaled, not the bare digits."""
    if value is None or len(value) != 1 or "-" not in low:
        return value
    scale = low.rsplit("-", 1)[1]
    return (value[0] * SCALES[scale],) if scale in _WORD_SCALES else value


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
        words, starts, _ = _columns(text, span)
        _add_names(text, span[0], words, starts, _unplain(words), out)
    return frozenset(out)


# `EDIT_TOKEN` as one group: `split` returns the gaps and the words alternately, all in C.
_SPLIT = re.compile(f"({EDIT_TOKEN.pattern})")


def _columns(text: str, span: Span) -> tuple[list[str], list[int], list[int]]:
    """The `EDIT_TOKEN` words of text[span] with their start and end offsets, as three lists: the pieces'
    lengths summed give every offset (1.3-1.5x cheaper than a match object per word; the pattern has no
    anchor or lookaround, so matching the slice is matching text[span])."""
    parts = _SPLIT.split(text[span[0]:span[1]])
    ends = list(accumulate(map(len, parts), initial=span[0]))
    return parts[1::2], ends[1:-1:2], ends[2::2]


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
    """`tokenize` over every sentence with the article's `proper_names`: the same tokens, each sentence's
    words found once (`article_words`)."""
    found = article_words(text, sentences)
    out = _plain_tokens(found.words, found.starts, found.ends)
    for n, token in found.ruled:
        out[n] = token
    return out


class ArticleWords(NamedTuple):
    """The words of every sentence of an article with their start and end offsets, and (index, token) for
    each word whose token the rules make; every other word's token is plain (w, start, end, key w, no name,
    no value), built in one C pass (`article_tokens`). A reader of keys and flags alone (the spin score) reads
    `article_columns` instead."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    ruled: list[tuple[int, Token]]


def article_words(text: str, sentences: Sequence[Span]) -> ArticleWords:
    """`ArticleWords` of the sentences: the article's `proper_names` and the words are found once (`_words`;
    the names and the tokens both read them), and the rules run once over the whole article (`_rule_tokens`)."""
    words, starts, ends, odd, names, _ = _words(text, sentences)
    return ArticleWords(words, starts, ends, _rule_tokens(text, names, words, starts, ends, *odd))


class RuleColumns(NamedTuple):
    """The rules' tokens of an article as columns (`ArticleWords.ruled` transposed, the texts and offsets left
    out: a rule-made token's are its word's): word indices, ascending, keys, name flags, whether a value."""

    at: list[int]
    keys: list[str]
    names: list[bool]
    valued: list[bool]


class ArticleColumns(NamedTuple):
    """`ArticleWords` with the rules' tokens as columns (`RuleColumns`) and the offsets as arrays, for a reader of
    keys and flags alone (the spin score): a word no rule reads but the name test gets its key and flag from
    per-word facts in C passes (`_rule_columns`), no token built; the offsets are not made Python ints."""

    words: list[str]
    starts: np.ndarray
    ends: np.ndarray
    rules: RuleColumns


def article_columns(text: str, sentences: Sequence[Span]) -> ArticleColumns:
    """`article_words` with the rules' tokens as columns, the same tokens field by field."""
    words, starts, ends, odd, names, offsets = _words(text, sentences, lists=False)
    if offsets is None:  # the split path's words: the rules' tokens made and transposed
        ruled = _rule_tokens(text, names, words, starts, ends, *odd)
        at = [n for n, _ in ruled]
        tokens = [t for _, t in ruled]
        rules = RuleColumns(at, [t.key for t in tokens], [t.name for t in tokens],
                            [t.value is not None for t in tokens])
        return ArticleColumns(words, np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), rules)
    # (the offsets as arrays: the full rules read a next word's start and the tokens' keys, names and values only)
    return ArticleColumns(words, *offsets, _rule_columns(text, names, words, *offsets, *odd))


# A word's outcomes for `_rule_columns`, one per (it opens its sentence) * 2 + (it is among the article's names):
# (its token's key, name flag, whether it has a value, what to do: 0 keep those, 1 the plain token (no rule's:
# left out), 2 the full rules' token (`_full_token`), 3 a name if the word is rare, else its lowered key, no name,
# which the third field then holds: its rarity is read where it decides, once, and the outcome kept). Kept per
# distinct word, as `_plain`.
_Outcome = tuple[str, bool, "bool | str", int]
_ColumnFacts = tuple[_Outcome, _Outcome, _Outcome, _Outcome]
_COLUMN_FACTS: dict[str, _ColumnFacts] = {}
_PLAIN_FACTS: _ColumnFacts = (("", False, False, 1),) * 4
_FULL_FACTS: _ColumnFacts = (("", False, False, 2),) * 4


def _column_facts(w: str) -> _ColumnFacts:
    """`_ColumnFacts` of a word: what `_plain` and `_wordlike` say of it, with the name test of `_rule_tokens` for
    each of the four cases its neighbours can make (a word that can be a name is one unless it opens its sentence
    and is not among the article's names; then its rarity decides). A word for the full rules (`_facts`) whose key,
    name flag and having a value its neighbours cannot change is told apart: with no value of any kind it is read
    as `_wordlike`'s, a figure (no number word, no fraction) or an ordinal has its key, no name, a value (the words
    after a figure change its value alone: `_full_token`)."""
    if _plain(w):
        return _PLAIN_FACTS
    like = _wordlike(w)
    if not like:
        low, value, word_value, fraction, name_key, can_name, ordinal = _FACTS.get(w) or _facts(w)
        if word_value is not None or fraction:
            return _FULL_FACTS
        if value is not None or ordinal is not None:
            return (((ordinal[0] if ordinal is not None else low), False, True, 0),) * 4
        like = low, name_key, can_name
    low, name_key, can_name = like
    common = (low, False, False, 0)
    if not can_name:
        return (common,) * 4
    named = (name_key, True, False, 0)
    return named, named, (name_key, True, low, 3), named


def _rule_columns(text: str, names: frozenset[str], words: Sequence[str], starts: Sequence[int],
                  ends: Sequence[int], odd: Sequence[int], firsts: Sequence[int], lasts: Sequence[int],
                  opens: Sequence[int]) -> RuleColumns:
    """`_rule_tokens` as columns: each word's outcome picked from its facts (`_column_facts`) by whether it opens
    its sentence and is among the names, in a few C passes, the full rules (`_full_token`) for the words needing
    them alone."""
    at = list(odd)
    ws = list(map(words.__getitem__, at))
    picked = list(map(getitem, memoized(_COLUMN_FACTS, _column_facts, ws),
                      map(add, map(add, opens, opens), map(names.__contains__, ws))))
    if not picked:
        return RuleColumns([], [], [], [])
    keys, is_name, valued, todo = map(list, zip(*picked))
    if 3 in todo:  # the rarity read once per distinct word, where it decides (as `_rule_tokens` reads it)
        for i in compress(count(), map(eq, todo, repeat(3))):
            low = valued[i]
            decided = (keys[i], True, False, 0) if zipf(low) < 3.0 else (low, False, False, 0)
            keys[i], is_name[i], valued[i], todo[i] = decided
            facts = _COLUMN_FACTS.get(ws[i]) or _column_facts(ws[i])
            remember(_COLUMN_FACTS, ws[i], (*facts[:2], decided, facts[3]))
    if 2 in todo:
        for i in compress(count(), map(eq, todo, repeat(2))):
            token = _full_token(text, names, words, starts, ends, at[i], firsts[i], lasts[i], opens[i])
            keys[i], is_name[i], valued[i] = token.key, token.name, token.value is not None
    if 1 in todo:
        kept = list(map(ne, todo, repeat(1)))
        return RuleColumns(*(list(compress(c, kept)) for c in (at, keys, is_name, valued)))
    return RuleColumns(at, keys, is_name, valued)


# The lowercase letter words that are not `_plain` (number words, fractions, ordinals), as the compiled
# pass looks them up: sorted hashes of their bytes.
_NOT_PLAIN = np.array(sorted({word_hash(w) for w in chain(UNITS, FRACTIONS, ORDINAL_WORDS)
                              if w.isascii() and w.isalpha() and w.islower()}), dtype=np.uint64)


# The words the rules must read: their indices, their sentences' first and last word indices, and whether each
# is its sentence's first word or follows an opener (four columns, one entry a word).
_Odd = tuple[list[int], list[int], list[int], list[int]]


def _words(text: str, spans: Sequence[Span], lists: bool = True,
           ) -> tuple[list[str], list[int], list[int], _Odd, frozenset[str], tuple[np.ndarray, np.ndarray] | None]:
    """(words, starts, ends) of every span in order, the `_unplain` words or more (`_Odd`: their indices, their
    sentences' bounds and where a sentence opens), the spans' `proper_names`, and the offsets as arrays when compiled. An ASCII
    text's come from one compiled pass over its bytes (`token_kernel`: offsets, the words to read, the names,
    and the words copied apart so that one `split` makes their strings); any other text's from `_columns`,
    `_unplain` and `_add_names` per span. Without `lists`, a compiled pass's offsets are left as the arrays alone
    (the starts and ends returned are the offsets' arrays)."""
    buf = None if any(a < 0 or b < 0 for a, b in spans) else proxy_bytes(text, _token_code)
    if buf is None:  # (slices count negative offsets from the end)
        words, starts, ends, found = [], [], [], set()
        odd: _Odd = ([], [], [], [])
        for span in spans:
            w, s, e = _columns(text, span)
            unplain = _unplain(w)
            _add_names(text, span[0], w, s, unplain, found)
            base = len(words)
            for column, values in zip(odd, ([base + n for n in unplain], repeat(base), repeat(base + len(w) - 1),
                                            _opens(text, span[0], s, unplain))):
                column += islice(values, len(unplain))
            words += w
            starts += s
            ends += e
        return words, starts, ends, odd, frozenset(found), None
    bounds = np.fromiter(chain.from_iterable(spans), np.int64, 2 * len(spans)).reshape(-1, 2)
    room = len(text)  # enough for sentences in order and apart, as a clean article's are (else sized and redone)
    while True:
        block = np.empty((6, room), dtype=np.int64)  # word starts, word ends, and the four rows of the odd words
        joined, named = np.empty(2 * room, dtype=np.uint8), np.empty((2, room), dtype=np.int64)
        word_start, word_end, unplain = block[0], block[1], block[2:]
        n, size, m, c, x = sentence_words(buf, not text.isascii(), bounds, _NOT_PLAIN, word_start, word_end, unplain,
                                          joined, named[0], named[1])
        if n >= 0:
            break
        room = sum(max(min(e, len(text)) - s, 0) for s, e in spans)
    words = joined[:size - 1].tobytes().decode("ascii").split(" ") if n else []
    for k in named[1, :x].tolist():  # a word with a proxy's byte: the text's own characters
        words[k] = text[word_start[k]:word_end[k]]
    odd = tuple(unplain[:, :m].tolist())
    starts, ends = word_start[:n], word_end[:n]
    found = frozenset(map(words.__getitem__, named[0, :c].tolist()))
    if not lists:
        return words, starts, ends, odd, found, (starts, ends)
    return words, starts.tolist(), ends.tolist(), odd, found, (starts, ends)


def _token_code(c: str) -> str | None:
    """A non-ASCII character's byte in `token_kernel.proxy_bytes` for the compiled word pass: a letter or digit
    by its case (None for one cased but neither upper nor lower: a titlecase letter, which `str.isupper` reads
    apart), the apostrophe U+2019, a currency sign, an opening quote or dash (`_OPENERS`), or inert."""
    if c.isalnum():
        if c.isupper():
            return "\x01"
        if c.islower():
            return "\x02"
        return "\x03" if c.lower() == c.upper() else None
    if c == "\u2019":
        return "\x04"
    if c in "\u00a3\u20ac\u00a5":
        return "\x05"
    return "\x06" if c in _OPENERS else "\x07"


_PLAIN: dict[str, bool] = {}
_PLAIN_MAX = 1 << 18


def _plain(w: str) -> bool:
    """True for a lowercase ASCII letter word that is no number word, fraction or ordinal: its token is
    (w, key w, not a name, no value) whatever its neighbours, so `tokenize` skips the rules for it. Most
    tokens are such words; the answer is kept per distinct word (bounded: a corpus has a vocabulary)."""
    got = _PLAIN.get(w)
    if got is None:
        got = (w.isascii() and w.isalpha() and w.islower() and w not in UNITS and w not in FRACTIONS
               and ordinal_value(w) is None)
        remember(_PLAIN, w, got, _PLAIN_MAX)
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
        remember(_WORDLIKE, w, got, _PLAIN_MAX)
    return got


def tokenize(text: str, span: Span, names: frozenset[str]) -> list[Token]:
    """Tokens of text[span] with normalized keys (number words become digits; names keep their case)."""
    words, starts, ends = _columns(text, span)
    return _tokens(text, span, names, words, starts, ends, _unplain(words))


def _plain_tokens(words: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> list[Token]:
    """Every word's plain token (w, key w, no name, no value), built in one C pass."""
    return list(map(tuple.__new__, repeat(Token), zip(words, starts, ends, words, repeat(False), repeat(None))))


def _tokens(text: str, span: Span, names: frozenset[str], words: Sequence[str], starts: Sequence[int],
            ends: Sequence[int], odd: Sequence[int]) -> list[Token]:
    """Every word is first made the plain token (w, key w, no name, no value) in one C pass; only the words
    at `odd` (`_unplain`) go through the rules (`_rule_tokens`), which give a plain word that same token."""
    out = _plain_tokens(words, starts, ends)
    odd = list(odd)
    for n, token in _rule_tokens(text, names, words, starts, ends, odd, [0] * len(odd), [len(words) - 1] * len(odd),
                                 _opens(text, span[0], starts, odd)):
        out[n] = token
    return out


def _opens(text: str, floor: int, starts: Sequence[int], at: Sequence[int]) -> list[bool]:
    """For each word at `at` of one sentence (starting at `floor`, its words' starts `starts`): whether it is the
    sentence's first or follows an opener (the rules' name test reads its rarity then)."""
    return [n == 0 or _after_opener(text, starts[n], floor) for n in at]


def _rule_tokens(text: str, names: frozenset[str], words: Sequence[str], starts: Sequence[int],
                 ends: Sequence[int], odd: Iterable[int], firsts: Iterable[int], lasts: Iterable[int],
                 opens: Iterable[int]) -> list[tuple[int, Token]]:
    """(index, token) of each word at `odd` that is not plain, as the rules make it (a plain word's token
    is the plain one, so it is skipped). The words may run over many sentences: each word at `odd` comes
    with its sentence's first and last word index (no rule reads past its sentence) and whether it is the
    sentence's first or follows an opener (`_opens`). A word no rule gives a value (`_wordlike`) has only the
    name test left; any other goes through `_full_token`."""
    out: list[tuple[int, Token]] = []
    add, make, plains, likes = out.append, tuple.__new__, _PLAIN.get, _WORDLIKE.get
    for n, first, last, opening in zip(odd, firsts, lasts, opens):
        w = words[n]
        plain = plains(w)
        if plain or plain is None and _plain(w):
            continue
        simple = likes(w)
        if simple is None:
            simple = _wordlike(w)
        if simple:
            low, name_key, can_name = simple
            if can_name and (w in names or not opening or zipf(low) < 3.0):
                add((n, make(Token, (w, starts[n], ends[n], name_key, True, None))))
            else:
                add((n, make(Token, (w, starts[n], ends[n], low, False, None))))
        else:
            add((n, _full_token(text, names, words, starts, ends, n, first, last, opening)))
    return out


_Facts = tuple[str, "tuple[float, ...] | None", "float | None", bool, str, bool, "tuple[str, float] | None"]
_FACTS: dict[str, _Facts] = {}


def _facts(w: str) -> _Facts:
    """What the full rules read of a word alone: (its lowered key, its figures' value, its number word's value,
    whether it is a fraction word, its key as a name, whether it can be a name, its ordinal's key and value).
    Kept per distinct word, as `_plain` (a corpus repeats its figures)."""
    got = _FACTS.get(w)
    if got is None:
        low = w.casefold().translate(QUOTE_FOLD)
        # Guards in front of the calls (a plain word has no digit, is no number word, no ordinal): same
        # values, without three function calls per word.
        key = w.translate(QUOTE_FOLD)
        ordinal = ordinal_value(low) if low.endswith(ORDINAL_ENDS) else None
        got = (low, _hyphen_scaled(low, _digits_value(w)) if not w.isalpha() and _HAS_DIGIT.search(w) else None,
               _number_word(low) if low in UNITS or "-" in low else None, low in FRACTIONS,
               key[:-2] if key.endswith("'s") else key, bool(w[:1].isupper()) and low not in DATE_WORDS,
               None if ordinal is None else (ordinal_key(ordinal), float(ordinal)))
        remember(_FACTS, w, got, _PLAIN_MAX)
    return got


def _full_token(text: str, names: frozenset[str], words: Sequence[str], starts: Sequence[int],
                ends: Sequence[int], n: int, first: int, last: int, opening: bool) -> Token:
    """The token of word n by every rule: its value (figures, number words, fractions, scales, percents,
    ordinals), then the name test (`opening`: the word is its sentence's first or follows an opener); what
    the word alone decides is kept for it (`_facts`)."""
    w, s, e = words[n], starts[n], ends[n]
    low, value, word_value, fraction, name_key, can_name, ordinal = _FACTS.get(w) or _facts(w)
    if word_value is not None and pronoun_one(
            low, words[n - 1] if n > first else "", words[n + 1] if n < last else ""):
        word_value = None  # "one such sighting", "one of the best": a pronoun, not a count
    if value is None and word_value is not None:
        value = (word_value,)
    elif value is None and fraction and (
        (n > first and words[n - 1].casefold() in ("a", "one", "two", "three", "by"))
        or (n < last and words[n + 1].casefold() in ("a", "an", "of"))
    ):
        value = (FRACTIONS[low],)
    if value is not None and len(value) == 1:
        nxt = words[n + 1].casefold() if n < last else ""
        if nxt in SCALES and (nxt not in ("m", "k") or starts[n + 1] == e):
            value = (value[0] * SCALES[nxt],)
        elif nxt in PERCENT:
            value = (value[0] / 100,)
    is_name = can_name and value is None and (w in names or not opening or zipf(low) < 3.0)
    key = name_key if is_name else low
    if word_value is not None:
        key = str(int(word_value))
    if ordinal is not None:  # "eleventh" and "11th" are one figure
        (key, figure), is_name = ordinal, False
        value = (figure,)
    return Token(w, s, e, key, is_name, value)


# ---------------------------------------------------------------- quotes
def _closes(seg: str, i: int) -> bool:
    """The mark at seg[i] ends a quotation: it follows a word or its punctuation (not a space or a digit: 12" is
    inches) and is followed by a space, punctuation or the paragraph's end. A paragraph whose first mark closes
    began inside a quotation opened before it (a quoted paragraph continued, a sentence cut from its article)."""
    before = seg[i - 1] if i else " "
    after = seg[i + 1] if i + 1 < len(seg) else " "
    return not before.isspace() and not before.isdigit() and (after.isspace() or after in ",.;:!?)\u2014-")


def quote_regions(text: str) -> list[Span]:
    """Spans of quoted text (inside the marks), for straight, curly and single quotes, per paragraph; a
    paragraph whose first mark closes a quotation is quoted from its start to that mark (`_closes`)."""
    regions: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        start, seg = para.start(), para.group()
        straight_open: int | None = None
        curly_open: int | None = None
        single_open: int | None = None
        marked = False  # a mark seen before in this paragraph (only the first mark can close an earlier quotation)
        for i, ch in enumerate(seg):
            if ch == '"':
                if straight_open is None and not marked and _closes(seg, i):
                    regions.append((start, start + i))  # the paragraph opens inside a quotation
                elif straight_open is None:
                    straight_open = i
                else:
                    regions.append((start + straight_open + 1, start + i))
                    straight_open = None
            elif ch == "\u201c":
                curly_open = i
            elif ch == "\u201d" and curly_open is not None:
                regions.append((start + curly_open + 1, start + i))
                curly_open = None
            elif ch == "\u201d" and not marked and _closes(seg, i):
                regions.append((start, start + i))  # the paragraph opens inside a quotation
            elif ch == "\u2018":
                single_open = i
            elif ch == "\u2019" and single_open is not None and not seg[i + 1 : i + 2].isalpha():
                regions.append((start + single_open + 1, start + i))
                single_open = None
            else:
                continue
            marked = True
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
