"""Typesetting a copy lost: no-break and other special spaces, soft hyphens and zero-width characters.

A publishing system sets these characters: a web page's no-break space between a figure and its unit or
after a title ("£5 million", "10 km", "Mr. Jones" with &nbsp;), a thin space, a soft hyphen marking where a
long word may break. They are invisible, so nobody retypes them, and a program that writes the text anew (a
translation round trip, a paraphraser, a chatbot, a word shuffler putting its tokens back together) emits
plain spaces. A copy can keep them (pasted or scraped text) or lose them, but it does not gain them. So when
one version holds some and the other none, the one with none is the copy.

Measured (`benchmarks/edits/pan13_direction.py`, both orders of every case; the dev slice, pairs 200-700,
where the rule was tried): PAN13 translation round trips right 284 times, wrong 0 (23% of judgements); random
obfuscation 10 / 0 (1%); ChatGPT rewrites of Wikipedia 2 / 0 (its extracts seldom hold them); it never fires
on the hand-written spins, whose texts hold none. Real news holds them often: 270 of PolNeAR's 925 articles
(1,619 no-break spaces), so a chatbot or translated copy of a scraped news page is where it speaks.
Fails when the copy's publisher sets them itself (a CMS turning typed double spaces into "&nbsp; ", or
French spacing before "?" and "!"), and says nothing when an extractor turned them into plain spaces on both
sides. The typeset quotes, dashes and ellipses ("smart" punctuation) were measured too and left out: a CMS
converts straight quotes and "--" into them, so a copy gains them as often as it loses them (the benchmark
pair whose copy went from straight to curly quotes was judged the wrong way round).
Costs one regex count per text (memoized).

In a trio (`trio_source`) the mark is read more widely. When the direction votes and the details disagree on
which of three linked texts the other two were written from, the one holding typesetting that neither other
text holds is the source: each copy dropped it on its own, and a copy does not gain what neither its source nor
its sibling has. There the typeset dashes and ellipses count too (not the quotes: chatbots add curly
apostrophes): the CMS risk above concerns one copy's publisher, and the reading only settles a trio that is
otherwise left without an original.
"""
from __future__ import annotations

import re
from functools import lru_cache

# No-break space, the typesetter's fixed-width spaces (en quad .. hair space), narrow no-break, medium
# mathematical and ideographic spaces; soft hyphen; zero-width space, non-joiner, joiner and word joiner.
_INVISIBLE = "\u00a0\u2000-\u200a\u202f\u205f\u3000\u00ad\u200b-\u200d\u2060"
_TYPESET = re.compile(f"[{_INVISIBLE}]")
# For trios (`trio_source`): the above, and typeset dashes and the ellipsis character.
_TRIO_TYPESET = re.compile(f"[{_INVISIBLE}\u2013\u2014\u2026]")
_FULL = 2  # this many typeset characters on one side give the vote its full weight
WEIGHT = 0.6


@lru_cache(maxsize=4096)
def typeset_count(text: str) -> int:
    """How many typeset characters (see `_TYPESET`) a text holds. Memoized: a scan compares each article
    with every article of its story."""
    return len(_TYPESET.findall(text))


def typesetting_vote(text_a: str, text_b: str) -> tuple[float, str] | None:
    """(weight in -WEIGHT..WEIGHT, why) when one version holds typeset characters and the other none; one
    character gives half the weight (a copy's publisher may set a stray one)."""
    na, nb = typeset_count(text_a), typeset_count(text_b)
    if (na == 0) == (nb == 0):
        return None
    kept, copy, n = ("a", "b", na) if na else ("b", "a", nb)
    weight = min(1.0, n / _FULL) * WEIGHT
    return (weight if kept == "a" else -weight,
            f"{kept} holds {n} no-break space(s) or other typeset character(s) (first "
            f"{_shown(text_a if na else text_b)}) and {copy} none: a copy written anew loses the source's "
            f"typesetting, it does not gain it")


def _shown(text: str) -> str:
    """The first typeset character of a text with its offset and a few characters either side, the character
    itself named by its code point (it is invisible): "at 41 '£4.2[U+00A0]million'"."""
    m = _TYPESET.search(text)
    if m is None:
        return "none"
    i = m.start()
    flat = str.maketrans("\n\r\t", "   ")
    before, after = text[max(0, i - 12):i].translate(flat), text[i + 1:i + 13].translate(flat)
    return f"at {i} '{before}[U+{ord(text[i]):04X}]{after}'"


@lru_cache(maxsize=4096)
def trio_marks(text: str) -> frozenset[str]:
    """The distinct typeset characters of a text that `trio_source` reads (special spaces, soft hyphen,
    zero-width characters, en and em dashes, the ellipsis character)."""
    return frozenset(_TRIO_TYPESET.findall(text))


def trio_source(first: str, second: str, third: str) -> tuple[int, str] | None:
    """Of a trio's two candidate sources (the texts `first` and `second`; `third` is the trio's other text),
    the one holding typesetting that neither other text holds while the other candidate holds none of its own:
    (0 for `first` or 1 for `second`, why), or None when neither or both do."""
    marks = (trio_marks(first), trio_marks(second), trio_marks(third))
    own = [marks[i] - marks[(i + 1) % 3] - marks[(i + 2) % 3] for i in (0, 1)]
    if bool(own[0]) == bool(own[1]):
        return None
    i = 0 if own[0] else 1
    text = (first, second)[i]
    shown = ", ".join(f"U+{ord(c):04X} first at {text.index(c)}" for c in sorted(own[i]))
    return i, (f"holds typesetting neither other text has ({shown}): each copy written anew dropped it, and a "
               f"copy does not gain it")
