"""Role swaps: the same names, places, numbers or dates trading places between two matched sentences.

"emigrated to Missouri ... go to America" -> "emigrated to America ... go to Missouri" keeps every word,
so a word diff sees at most a reordering. What changed is which slot each name fills. Each unit (a name
run, a figure, a date or a content word) that occurs once in both sentences is described by its slot:
the words around it, two either side (a punctuation mark counts as a word). Two units swapped roles
when together they fit each other's old slots clearly better than their own. Not swaps: items of a
list or an apposition ("X and Y", "X, Y", "X (Y)", "in X in Y"), neighbours trading places ("May 8" /
"8 May"), two forms of one name ("U.S. Navy" / "United States Navy"), and a figure with a word.
Where it fails: a synonym pair trading places ("praised ... applauded") reads as a swap, and a
three-way rotation or a swap inside a rewritten clause is missed (docs/explain.md has the figures).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter, is_not
from typing import Protocol

import numpy as np

from .forms import spelling_key
from .roles_kernel import CONTENT, DATE, END, MARK, START, WEAK, swap_candidates
from .word_memo import MEMO_MAX, memoized


class WordToken(Protocol):
    """What role-swap detection needs of a token (classify's `Token` has it)."""

    text: str
    start: int
    end: int
    key: str
    name: bool
    value: tuple[float, ...] | None


@dataclass(frozen=True)
class Swap:
    """Two units that traded slots: their spans in a (x then y) and in b (x then y)."""

    x: str
    y: str
    a_spans: tuple[tuple[int, int], tuple[int, int]]
    b_spans: tuple[tuple[int, int], tuple[int, int]]
    score: float  # how well each fits the other's old slot (0..3), the deciding evidence


_LIST_GLUE = frozenset("and or nor & as well both <p>".split())
_WEIGHTS = {-2: 0.5, -1: 1.0, 1: 1.0, 2: 0.5}
_WEAK = frozenset("the a an of in on at to by for and or with from as is was 's <p>".split())
_DATE = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split())
_PUNCT = re.compile(r"[,;:()\[\]\"\u201c\u201d\u2014]|\s[-\u2013]\s")
_PUNCT_CHARS = frozenset(",;:()[]\"\u201c\u201d\u2014")  # the one-character alternatives of `_PUNCT`
# Every character one of `_PUNCT`'s matches must hold (one of the above or a dash): a single character class
# is scanned in C without trying the space-led alternative at every space.
_PUNCT_ANY = re.compile(r"[,;:()\[\]\"\u201c\u201d\u2014\u2013-]")


def immutable(t: WordToken) -> bool:
    """Names, figures and dates: what a copy keeps and a role swap moves."""
    return t.name or t.value is not None or t.key.casefold() in _DATE


def content(t: WordToken) -> bool:
    """Immutables and content words (not function words): slots can be traded by adjectives too."""
    if t.name or t.value is not None:
        return True
    low = t.key.casefold()  # `immutable`'s date test and the function-word test, one casefold
    return low in _DATE or (t.key.isalpha() and len(t.key) > 2 and low not in _FUNCTION)


_FUNCTION = frozenset(
    "the a an of in on at to by for and or nor with from as is was were be been being his her its their it "
    "this that these those which who whom whose he she they them him we us our you your also not but than "
    "then there has have had does did do into onto upon over under after before about while when where".split())


def kind_of(t: WordToken) -> str:
    """Figures trade places only with figures and dates with dates (a day never swaps with a town)."""
    if t.value is not None and not t.name:
        return "number"
    return "date" if t.key.casefold() in _DATE else "word"


def _breaks_plain(tokens: Sequence[WordToken], text: str) -> list[int]:
    """Indices n of the tokens that punctuation separates from token n - 1 (a `_PUNCT` match inside their gap)."""
    out = []
    for n in range(1, len(tokens)):
        lo, hi = tokens[n - 1].end, tokens[n].start
        # A gap of at most one character is punctuation only if that character is (the dash alternative
        # needs three): most gaps are one space, tested without the regex.
        if _PUNCT.search(text, lo, hi) if hi - lo > 1 else text[lo:hi] in _PUNCT_CHARS:
            out.append(n)
    return out


def _breaks(tokens: Sequence[WordToken], text: str) -> list[int]:
    """`_breaks_plain`, skipped when no character a `_PUNCT` match needs occurs between the first token's end
    and the last one's start (one compiled character scan; many sentences have no comma or dash)."""
    if len(tokens) < 2 or not _PUNCT_ANY.search(text, tokens[0].end, tokens[-1].start):
        return []
    return _breaks_plain(tokens, text)


class _Seq:
    """A token run as slot keys, with a "<p>" marker wherever punctuation separates two words."""

    def __init__(self, tokens: Sequence[WordToken], text: str) -> None:
        keys = list(map(spelling_key, [t.key for t in tokens]))  # map: keyed in C, no frame per token
        toks: list[WordToken | None] = list(tokens)
        for n in reversed(_breaks(tokens, text) if text else ()):
            keys.insert(n, "<p>")
            toks.insert(n, None)
        self.keys = keys
        self.toks = toks

    def bounds(self, i: int) -> tuple[int, int]:
        """The run of name tokens around position i ("Aaren Russell"), or just i for any other token."""
        lo, hi = i, i + 1
        tok = self.toks[i]
        if tok is not None and tok.name:
            while lo > 0 and self.toks[lo - 1] is not None and self.toks[lo - 1].name:
                lo -= 1
            while hi < len(self.toks) and self.toks[hi] is not None and self.toks[hi].name:
                hi += 1
        return lo, hi

    def context(self, bounds: tuple[int, int]) -> tuple[str, str, str, str]:
        """The two slot words either side of a unit, at positions -2, -1, 1, 2 (a punctuation mark counts as a
        slot word; "<s>" and "</s>" pad the sentence's ends)."""
        lo, hi = bounds
        keys = self.keys
        n = len(keys)
        return (keys[lo - 2] if lo >= 2 else "<s>", keys[lo - 1] if lo >= 1 else "<s>",
                keys[hi] if hi < n else "</s>", keys[hi + 1] if hi + 1 < n else "</s>")

    def span(self, bounds: tuple[int, int]) -> tuple[int, int]:
        return self.toks[bounds[0]].start, self.toks[bounds[1] - 1].end

    def text(self, bounds: tuple[int, int]) -> str:
        return " ".join(t.text for t in self.toks[bounds[0]:bounds[1]] if t is not None)

    def listed(self, x: tuple[int, int], y: tuple[int, int]) -> bool:
        """True when x and y are items of one list or apposition: "X and Y", "X, Y", "X (Y)", "in X in Y",
        "once in X and once in Y", "indie music and alternative music" (between them lies list glue, other
        names or figures, or a repeat of the words just before the first item or just after the second)."""
        first, second = sorted((x, y))
        if first[1] == second[0]:
            return True  # neighbours trading places ("May 8" / "8 May", "stable financially") is word order
        between = [self.keys[k] for k in range(first[1], second[0]) if self.keys[k] not in _LIST_GLUE
                   and not self.toks[k].name and not self.toks[k].text[:1].isupper() and self.toks[k].value is None]
        n = len(between)
        if not between:
            return True
        return between == self.keys[max(0, first[0] - n):first[0]] or between == self.keys[second[1]:second[1] + n]


def _one_name(x: Sequence[str], y: Sequence[str]) -> bool:
    """Two units sharing most of their words name one thing ("U.S. Navy", "United States Navy")."""
    shared = len(set(x) & set(y))
    return shared > 0 and shared > min(len(set(x)), len(set(y))) / 2


_SLOT_WEIGHTS = tuple(_WEIGHTS.values())  # in the order of `_Seq.context`'s positions


def _fit(c1: tuple[str, ...], c2: tuple[str, ...], skip: frozenset[str]) -> float:
    """Weighted count of slot words the two contexts share (weak function words count half)."""
    score = 0.0
    for w, x, y in zip(_SLOT_WEIGHTS, c1, c2):
        if x == y and x not in skip:
            score += w * (0.5 if x in _WEAK else 1.0)
    return score


def role_swaps(
    ta: Sequence[WordToken], tb: Sequence[WordToken], text_a: str = "", text_b: str = "",
    min_fit: float = 1.0, min_gain: float = 0.75, candidate=content, same_kind: bool = True,
    word_fit: float = 1.0,
) -> list[Swap]:
    """Pairs of units that trade slots between token runs `ta` and `tb` (best evidence first).

    `text_a`/`text_b` (the texts the token offsets index) let punctuation bound slots and lists. With the
    default `candidate` the units and their pairs are found compiled (`roles_kernel`), any other in Python
    (`role_swaps_py`, the definition both give).
    """
    if len(ta) < 2 or len(tb) < 2:
        return []  # a swap takes two units on each side
    if candidate is not content:
        return role_swaps_py(ta, tb, text_a, text_b, min_fit, min_gain, candidate, same_kind, word_fit)
    if len(_WORD_IDS) >= MEMO_MAX:  # (a vocabulary's worth: numbered afresh, with the codes that hold them)
        _KEY_CODES.clear()
        _WORD_IDS.clear()
        _WORD_IDS.update(_PADS)
    both = [*ta, *tb]
    rows, fits = swap_candidates(
        np.array(memoized(_KEY_CODES, _key_code, list(map(_KEY, both))), np.int64),
        np.array(list(map(_NAME, both)), np.bool_),
        np.array(list(map(is_not, map(_VALUE, both), repeat(None))), np.bool_), len(ta),
        _break_array(ta, text_a), _break_array(tb, text_b), float(min_fit), float(min_gain), bool(same_kind),
        float(word_fit))
    if not len(rows):
        return []  # (nearly every group: no pair of units fits the other's slots)
    sa, sb = _Seq(ta, text_a), _Seq(tb, text_b)
    found: list[Swap] = []
    used: set[tuple[int, int]] = set()
    for (xa0, xa1, ya0, ya1, xb0, xb1, yb0, yb1), (xy, yx) in zip(rows.tolist(), fits.tolist()):
        xa, ya, xb, yb = (xa0, xa1), (ya0, ya1), (xb0, xb1), (yb0, yb1)
        if xa in used or ya in used or sa.listed(xa, ya) or sb.listed(xb, yb):
            continue
        if _one_name(sa.keys[xa0:xa1], sa.keys[ya0:ya1]):
            continue  # two forms of one name ("United States Navy", "U.S. Navy") are not two roles
        used |= {xa, ya}
        found.append(Swap(sa.text(xa), sa.text(ya), (sa.span(xa), sa.span(ya)), (sb.span(xb), sb.span(yb)),
                          round(min(xy, yx), 2)))
    return sorted(found, key=lambda s: -s.score)


_KEY, _NAME, _VALUE = attrgetter("key"), attrgetter("name"), attrgetter("value")


_PADS = {"<p>": MARK, "<s>": START, "</s>": END}
_WORD_IDS: dict[str, int] = dict(_PADS)  # spelling key -> id, for the process (until `MEMO_MAX` of them)


def _key_code(key: str) -> int:
    """`roles_kernel`'s code of a token key: its spelling key's id (numbered as first seen in the process,
    never renumbered) and its CONTENT (`content`'s word test), DATE (`kind_of`'s) and WEAK (`_fit`'s) bits."""
    low, slot = key.casefold(), spelling_key(key)
    word = _WORD_IDS.setdefault(slot, len(_WORD_IDS))
    content_word = low in _DATE or (key.isalpha() and len(key) > 2 and low not in _FUNCTION)
    return word << 4 | (CONTENT if content_word else 0) | (DATE if low in _DATE else 0) | (WEAK if slot in _WEAK else 0)


_KEY_CODES: dict[str, int] = {}  # `_key_code` per token key (`memoized`)


def _break_array(tokens: Sequence[WordToken], text: str) -> np.ndarray:
    return np.array(_breaks(tokens, text) if text else (), np.int64)


def role_swaps_py(
    ta: Sequence[WordToken], tb: Sequence[WordToken], text_a: str = "", text_b: str = "",
    min_fit: float = 1.0, min_gain: float = 0.75, candidate=content, same_kind: bool = True,
    word_fit: float = 1.0,
) -> list[Swap]:
    """`role_swaps` in Python, any `candidate` test: the definition the compiled path is held to."""
    if len(ta) < 2 or len(tb) < 2:
        return []  # a swap takes two units on each side
    sa, sb = _Seq(ta, text_a), _Seq(tb, text_b)
    cb = Counter(sb.keys)
    # Units: keys once on each side, in their order in a (a Counter keeps first-seen order).
    units = [k for k, c in Counter(sa.keys).items() if c == 1 and k != "<p>" and cb.get(k) == 1]
    pos_a = {k: sa.keys.index(k) for k in units}
    pos_b = {k: sb.keys.index(k) for k in units}
    units = [k for k in units if candidate(sa.toks[pos_a[k]]) and candidate(sb.toks[pos_b[k]])]
    if len(units) < 2:
        return []
    span_a = {k: sa.bounds(pos_a[k]) for k in units}
    span_b = {k: sb.bounds(pos_b[k]) for k in units}
    ctx_a = {k: sa.context(span_a[k]) for k in units}
    ctx_b = {k: sb.context(span_b[k]) for k in units}
    # A unit whose slot words are the same in both versions gains nothing from any trade (its own slot fits
    # it at least as well as another's: the other's matching slot words are a subset), so a swap needs at
    # least one unit whose slot changed; most units of a lightly edited group keep theirs.
    moved = {k for k in units if ctx_a[k] != ctx_b[k]} if min_gain > 0 else set(units)
    if not moved:
        return []
    # With a positive threshold a pair needs both fits above zero, so each unit's old slot must share a
    # slot word with the other's new one: four string compares rule out most pairs before any `_fit`.
    sharing = min_fit > 0 and word_fit > 0
    found: list[Swap] = []
    used: set[tuple[int, int]] = set()
    for n, x in enumerate(units):
        x_moved = x in moved
        ax, bx = ctx_a[x], ctx_b[x]
        for y in units[n + 1:]:
            if not x_moved and y not in moved:
                continue
            if sharing:
                ay, by = ctx_a[y], ctx_b[y]
                if (ax[0] != by[0] and ax[1] != by[1] and ax[2] != by[2] and ax[3] != by[3]) or (
                        ay[0] != bx[0] and ay[1] != bx[1] and ay[2] != bx[2] and ay[3] != bx[3]):
                    continue
            if span_a[x] in used or span_a[y] in used or span_a[x] == span_a[y] or span_b[x] == span_b[y]:
                continue
            if same_kind and kind_of(sa.toks[pos_a[x]]) != kind_of(sa.toks[pos_a[y]]):
                continue
            skip = frozenset((x, y))
            xy, yx = _fit(ax, ctx_b[y], skip), _fit(ctx_a[y], bx, skip)
            # One slot must fit well and the other at least half as well (the second filler often sits
            # in a rewritten clause), and together they must fit the traded slots better than their own.
            need = min_fit if immutable(sa.toks[pos_a[x]]) or immutable(sa.toks[pos_a[y]]) else word_fit
            if max(xy, yx) < need or min(xy, yx) < need / 2:
                continue
            gx, gy = xy - _fit(ax, bx, skip), yx - _fit(ctx_a[y], ctx_b[y], skip)
            if min(gx, gy) < 0 or gx + gy < min_gain * 2:
                continue
            if sa.listed(span_a[x], span_a[y]) or sb.listed(span_b[x], span_b[y]):
                continue
            if _one_name(sa.keys[slice(*span_a[x])], sa.keys[slice(*span_a[y])]):
                continue  # two forms of one name ("United States Navy", "U.S. Navy") are not two roles
            used |= {span_a[x], span_a[y]}
            found.append(Swap(sa.text(span_a[x]), sa.text(span_a[y]),
                              (sa.span(span_a[x]), sa.span(span_a[y])),
                              (sb.span(span_b[x]), sb.span(span_b[y])), round(min(xy, yx), 2)))
    return sorted(found, key=lambda s: -s.score)
