"""Does a flipped word contradict the unchanged text around it?

A spinner edits words one at a time; the author wrote the article whole. When a rewrite turns "fell" into
"rose" but leaves "the steepest annual decline" beside it, or turns "up from 140" into "down from 140" after
"212 breeding pairs", the version whose flipped word disagrees with its own untouched context is the copy.
Two checks, both about direction of change (up/down), because that is the flip a reader can verify from the
sentence alone:
- a noun that names the change ("the decline", "The increase follows") in the flip's sentence or the next;
- "up/down/higher/lower ... from Y" after a figure X in the same sentence: "up" needs X > Y.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import CleanArticle, Edit, Span
from ..tokens import STOPWORDS

# Words of change. Not "more"/"fewer" (amounts, mostly "more than"), and "up"/"down" only before a figure
# ("up 4 percent", "down from 140"): as particles ("set up", "step down") they name no change.
_UP = frozenset(
    """rise rises rose risen rising increase increases increased increasing up climb climbs climbed climbing
    higher highest gain gains gained grow grows grew grown growth jump jumps jumped surge surged soar soared""".split()
)
_DOWN = frozenset(
    """fall falls fell fallen falling decline declines declined declining down drop drops dropped dropping
    decrease decreases decreased decreasing lower lowest slump slumped shrink shrank shrunk""".split()
)
_PARTICLES = frozenset(("up", "down"))
_SEASON = re.compile(r"\b(?:the|this|last|next)\s+$", re.IGNORECASE)
_BEFORE_FIGURE = re.compile(r"\s+(?:(?:from|by|to)\s+)?[£$€]?\d")
_CHANGE_NOUN = {
    **dict.fromkeys(("increase", "rise", "gain", "growth", "jump", "surge", "climb"), 1),
    **dict.fromkeys(("decline", "drop", "fall", "decrease", "slump", "reduction", "downturn"), -1),
}
# "the steepest annual decline", "its first rise", "The increase": a definite determiner (it points back at the
# change just reported; "a fall in demand" may be another quantity), up to two modifiers, the noun. "fall"
# counts only before "in" ("this fall" is the season), and no noun before "of": "the rise of Donald Trump",
# "the fall of 2010" name no change in a quantity.
_REFERENCE = re.compile(
    r"\b(?:the|its|their|this|that)\s+((?:[A-Za-z-]+\s+){0,2}?)(" + "|".join(_CHANGE_NOUN)
    + r")\b(?!\s+of\b)(\s+in\b)?",
    re.IGNORECASE,
)
# A change word in a phrasal verb names no change: "fell short", "fell apart", "growing up", "went up against".
_PHRASAL = re.compile(r"\s+(?:apart|short|upon|behind|through|out|off|back|against|up|into|onto|for)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_FROM = re.compile(r"\s+from\s+[£$€]?(\d[\d,]*(?:\.\d+)?)")


@dataclass(frozen=True)
class Clash:
    """A flip whose word on `side` contradicts that side's unchanged context, and the evidence."""

    side: str  # "a" | "b": the version that contradicts itself
    why: str


def polarity(words: str, after: str = " 1", before: str = "") -> int:
    """+1 for a word of increase, -1 for decrease, 0 for neither or both. `after` and `before` are the text
    around the words (a lone "up"/"down" is a change only before a figure; "fell short" and "in the fall"
    are none)."""
    toks = {w.casefold() for w in re.findall(r"[A-Za-z]+", words)}
    if (toks <= _PARTICLES and not _BEFORE_FIGURE.match(after)) or _PHRASAL.match(after):
        return 0
    if toks == {"fall"} and _SEASON.search(before) and not re.match(r"\s+in\b", after):
        return 0
    up, down = bool(toks & _UP), bool(toks & _DOWN)
    return 0 if up == down else (1 if up else -1)


def _span_polarity(text: str, span: Span) -> int:
    return polarity(text[span[0]:span[1]], text[span[1]:span[1] + 12], text[max(0, span[0] - 8):span[0]])


def _number(s: str) -> float:
    return float(s.replace(",", ""))


def _context(article: CleanArticle, span: Span) -> tuple[Span, Span]:
    """The sentence holding `span`, and it with the sentence after it (a change is often named next)."""
    sents = article.sentences
    for i, s in enumerate(sents):
        if s.span[0] <= span[0] < s.span[1]:
            end = sents[i + 1].span[1] if i + 1 < len(sents) else s.span[1]
            return s.span, (s.span[0], end)
    return span, span


def _outside(pos: tuple[int, int], spans: Sequence[Span]) -> bool:
    return not any(pos[0] < e and s < pos[1] for s, e in spans)


def _noun_clash(text: str, window: tuple[int, int], own: int, flipped: Sequence[Span]) -> str | None:
    """The unchanged change-noun in `window` that points the other way from `own`, if any."""
    for m in _REFERENCE.finditer(text, *window):
        noun = m.group(2).casefold()
        modifiers = m.group(1).casefold().split()
        if any(w in STOPWORDS for w in modifiers) or (noun == "fall" and not m.group(3)):
            continue  # "that number could fall" is a verb; "this fall" a season
        if _outside(m.span(2), flipped) and _CHANGE_NOUN[noun] == -own:
            return m.group(0).strip()
    return None


def _figure_clash(text: str, span: Span, sentence: tuple[int, int], own: int) -> str | None:
    """"X ... up from Y" where the figures say the opposite (X < Y for "up")."""
    after = _FROM.match(text, span[1])
    before = _NUMBER.findall(text, sentence[0], span[0])
    if not after or not before:
        return None
    x, y = _number(before[-1]), _number(after.group(1))
    if x != y and (x > y) != (own > 0):
        return f"{before[-1]} ... {text[span[0]:after.end()].strip()}"
    return None


def clashes(a: CleanArticle, b: CleanArticle, edits: Sequence[Edit]) -> list[Clash]:
    """One Clash per up/down flip that contradicts its own context on exactly one side."""
    flips = [e for e in edits if e.kind == "meaning_flip" and e.a_span and e.b_span]
    flipped_a = [e.a_span for e in flips]
    flipped_b = [e.b_span for e in flips]
    out = []
    for e in flips:
        pa, pb = _span_polarity(a.article.text, e.a_span), _span_polarity(b.article.text, e.b_span)
        if not pa or pb != -pa:
            continue
        found = {}
        for side, art, span, own, flipped in (("a", a, e.a_span, pa, flipped_a), ("b", b, e.b_span, pb, flipped_b)):
            text = art.article.text
            sentence, window = _context(art, span)
            hit = _figure_clash(text, span, sentence, own) or _noun_clash(text, window, own, flipped)
            if hit:
                found[side] = hit
        if len(found) == 1:
            side, hit = next(iter(found.items()))
            word = e.a_text if side == "a" else e.b_text
            out.append(Clash(side, f"'{word}' in {side} contradicts its own unchanged '{hit}'"))
    return out
