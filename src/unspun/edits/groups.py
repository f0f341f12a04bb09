"""What the classifier needs to know about a whole matched sentence group, not just one changed run.

A word diff cuts a reordered sentence into runs; a run holding "Missouri" on one side and "America" on
the other looks like a name change even when both names are in both sentences and only traded places.
So the group is read once: are its names and figures all present on both sides (then runs only moved
them, and `roles.role_swaps` decides whether any traded roles), which one-word names became common nouns,
are the two sides related at all, and which groups moved. Each answer is general (counts of words on
each side), none is a rule for one example.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import compress
from operator import attrgetter
from collections import Counter
from collections.abc import Sequence, Set as AbstractSet
from typing import NamedTuple

from ..records import CleanArticle, Edit
from .forms import spelling_key
from .roles import role_swaps
from .tokenize import Token
from .word_memo import SPELLINGS, memoized
from .words import DATE_WORDS

_DETERMINERS = frozenset(("the", "a", "an"))
_name, _value = attrgetter("name"), attrgetter("value")


class Facts(NamedTuple):
    """Facts about one matched sentence group that every changed run in it shares."""

    names: bool  # every name of the group occurs as often on both sides (any case, any spelling)
    values: bool  # the same figures and dates on both sides
    keys_a: frozenset[str]  # spelling keys of every word of the group, per side
    keys_b: frozenset[str]
    made_common: frozenset[str]  # one-word names the other side writes as "the <noun>"


def figures(tokens: Sequence[Token]) -> list[float]:
    return [v for vs in filter(None, map(_value, tokens)) for v in vs]  # most tokens have no value: skipped in C


def _dates(tokens: Sequence[Token]) -> list[str]:
    """The month and weekday names of a run, sorted (a multiset: two runs name the same dates when equal)."""
    return sorted(t.key for t in tokens if t.key in DATE_WORDS and t.text[:1].isupper())


def made_common(mine: Sequence[Token], other: Sequence[Token]) -> set[str]:
    """One-word names written in the other version as a lowercase noun after "the"/"a" ("Bishop said" ->
    "the bishop said"): a person or body turned into a common noun, not the same name in lower case."""
    out = set()
    nouns: set[str] | None = None  # the other side's lowercase words after a determiner, read once
    for k in compress(range(len(mine)), map(_name, mine)):  # only names can be made common
        t = mine[k]
        if k and (mine[k - 1].name or mine[k - 1].key in _DETERMINERS):
            continue
        if k + 1 < len(mine) and mine[k + 1].name:
            continue  # part of a longer name ("Main Street" -> "the main road" is a description)
        if nouns is None:
            nouns = {o.key for d, o in zip(other, other[1:]) if d.key in _DETERMINERS and o.text[:1].islower()}
        low = t.key.casefold()
        if low in nouns:
            out.add(low)
    return out


def facts(ta: Sequence[Token], tb: Sequence[Token]) -> Facts:
    """Read a group once: balance of names and figures, its words, names made common."""
    raw_a, raw_b = [t.key for t in ta], [t.key for t in tb]
    keys_a = memoized(SPELLINGS, spelling_key, raw_a)  # a dict read in C per token, not an lru_cache call
    keys_b = memoized(SPELLINGS, spelling_key, raw_b)
    names = {*compress(keys_a, map(_name, ta)), *compress(keys_b, map(_name, tb))}
    names_ok = all(keys_a.count(k) == keys_b.count(k) for k in names)  # (a sentence has a few names)
    fig_a, fig_b = figures(ta), figures(tb)
    values_ok = fig_a == fig_b or Counter(round(v, 6) for v in fig_a) == Counter(round(v, 6) for v in fig_b)
    common = frozenset(made_common(ta, tb) | made_common(tb, ta))
    # Most groups name no month or weekday: a set test on the keys decides that without a per-token test.
    dates_ok = DATE_WORDS.isdisjoint(raw_a) and DATE_WORDS.isdisjoint(raw_b) or _dates(ta) == _dates(tb)
    return Facts(names_ok and not common, values_ok and dates_ok, frozenset(keys_a),
                 frozenset(keys_b), common)


def content_words(tokens: Sequence[Token]) -> set[str]:
    return {t.key.casefold() for t in tokens if len(t.key) > 3 or t.value is not None}


def related(ta: Sequence[Token], tb: Sequence[Token], min_shared: int = 2, min_dice: float = 0.25) -> bool:
    """Two sentence groups share enough content words (or figures) to be versions of one sentence."""
    return related_words(content_words(ta), content_words(tb), min_shared, min_dice)


def related_words(ca: AbstractSet[str], cb: AbstractSet[str], min_shared: int = 2, min_dice: float = 0.25) -> bool:
    """`related` from the two groups' `content_words` (the union of their sentences', which a caller holding
    them per sentence has without the groups' tokens)."""
    if not ca or not cb:
        return True
    shared = len(ca & cb)
    return shared >= min_shared and 2 * shared / (len(ca) + len(cb)) >= min_dice


def swap_edits(ta: Sequence[Token], tb: Sequence[Token], text_a: str, text_b: str) -> list[Edit]:
    """Two high `role_swap` edits per pair of units that traded places: each slot, old and new filler."""
    out = []
    for sw in role_swaps(ta, tb, text_a, text_b):
        (xa, ya), (xb, yb) = sw.a_spans, sw.b_spans
        why = f"'{sw.x}' and '{sw.y}' traded places (slot fit {sw.score:g})"
        out.append(Edit("role_swap", xa, yb, text_a[xa[0]:xa[1]], text_b[yb[0]:yb[1]], why, "high"))
        out.append(Edit("role_swap", ya, xb, text_a[ya[0]:ya[1]], text_b[xb[0]:xb[1]], why, "high"))
    return out


def _increasing(order: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of `order` (patience sorting)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(order)
    for k, v in enumerate(order):
        lo = bisect_left(tails, v)
        if lo == len(tails):
            tails.append(v)
            tail_pos.append(k)
        else:
            tails[lo], tail_pos[lo] = v, k
        prev[k] = tail_pos[lo - 1] if lo else -1
    keep, k = set(), tail_pos[-1] if tail_pos else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return keep


def moved_edits(a: CleanArticle, b: CleanArticle, groups: Sequence[Sequence[Sequence[int]]]) -> list[Edit]:
    """A low `moved` edit for each matched sentence group outside the longest run that keeps its order:
    the fewest moves that explain the rewrite's sentence order."""
    ordered = sorted(groups, key=lambda g: min(g[0]))
    keep = _increasing([min(g[1]) for g in ordered])
    out = []
    for k, (ia, ib) in enumerate(ordered):
        if k in keep:
            continue
        span_a = (a.sentences[min(ia)].span[0], a.sentences[max(ia)].span[1])
        span_b = (b.sentences[min(ib)].span[0], b.sentences[max(ib)].span[1])
        why = f"sentence {min(ia) + 1} of a is sentence {min(ib) + 1} of b: moved"
        out.append(Edit("moved", span_a, span_b, a.article.text[span_a[0]:span_a[1]],
                        b.article.text[span_b[0]:span_b[1]], why, "low"))
    return out
