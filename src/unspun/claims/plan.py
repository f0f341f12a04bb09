"""Paragraph planning before the parse: which sentences are worth parsing (a cheap cue-word test)
and which long quotations are masked so the parser reads a short clause in their place."""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..records import Span
from .lexicon import ATTITUDE_DEFAULT, ATTITUDE_PERSONAL, ATTITUDES, DEFAULT_CUE_VERBS, IRREGULAR, LIGHT_CUES, NOMINAL_CUES, POLL_NOUNS, SPEECH, STATEMENT_NOUNS, STATEMENT_VERBS, VERB_LEMMA, verb_forms
from .quotes import rstrip_end

_PARA = re.compile(r"\n\s*\n|\n")
# a cheap word test decides which sentences are worth parsing
_HINT_WORDS = frozenset(
    {f for w in SPEECH for f in verb_forms(w)} | {f for f, w in VERB_LEMMA.items() if w in DEFAULT_CUE_VERBS}
    | set(IRREGULAR)
) - {"spoke"}
_ATT_HINT_WORDS = frozenset(f for f, w in VERB_LEMMA.items() if w in ATTITUDES)
_ALL_HINT_WORDS = _HINT_WORDS | _ATT_HINT_WORDS
_DEFAULT_ATT_WORDS = frozenset(f for f, w in VERB_LEMMA.items() if w in ATTITUDE_DEFAULT | ATTITUDE_PERSONAL)
# Cue forms that seldom end as an attribution when they are a sentence's only cue and it has no quote
# (PolNeAR *train*, counts only: kept here when skipping them removed at least as many wrong cues as
# annotated ones): "call", "point", "charge" ... need a clause they seldom have, "state(s)" is a noun.
# They still count when followed by "that" or "out".
_RARE_CUES = frozenset(
    {f for f, w in VERB_LEMMA.items()
     if w in {"call", "point", "post", "threaten", "contest", "propose", "respond", "charge", "remark", "blame"}}
    | {"state", "states"}
)
_QUOTE_CHARS = frozenset("\"“”„«»‘’")
_SENT_SPLIT = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))"
    r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bSen\.)(?<!\bRep\.)"
    r"(?<!\bGov\.)(?<!\bGen\.)(?<!\bLt\.)(?<!\bCol\.)(?<!\bSt\.)(?<!\b[A-Z]\.)"
    r"(?<!\bJan\.)(?<!\bFeb\.)(?<!\bAug\.)(?<!\bSept\.)(?<!\bSep\.)(?<!\bOct\.)(?<!\bNov\.)(?<!\bDec\.)"
    r"\s+(?=[“\"‘(]?[A-Z0-9])"
)



def paragraphs(text: str) -> Iterable[Span]:
    pos = 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            yield from _split_long(text, pos, m.start())
        pos = m.end()
    if pos < len(text):
        yield from _split_long(text, pos, len(text))


def plan_paragraph(text: str, start: int, end: int, attitudes: bool = False) -> tuple[list[Span], list[Span]]:
    """Runs of consecutive sentences worth parsing (a cue word, or a quote with one), and the
    sentences with a quotation mark left unparsed: their regex bounds stand in for the parser's
    when a quote is attributed (a cue is looked for in the sentence the quote opens in)."""
    bounds = [start] + [m.end() for m in _SENT_SPLIT.finditer(text, start, end)] + [end]
    runs: list[Span] = []
    quoted: list[Span] = []
    run_start = -1
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        hit = may_attribute(piece, attitudes)
        if not hit and not _QUOTE_CHARS.isdisjoint(piece):
            quoted.append((a, rstrip_end(text, a, b)))
        if hit and run_start < 0:
            run_start = a
        elif not hit and run_start >= 0:
            runs.append((run_start, rstrip_end(text, run_start, a)))
            run_start = -1
    if run_start >= 0:
        runs.append((run_start, end))
    return runs, quoted


# a cue word right after one of these is a noun ("the state", "a question", "his remarks")
_NOUN_BEFORE = frozenset("the a an this these those his her their its our my your no any every each another".split())
_PREP_BEFORE = frozenset("of in on for with from at into about".split())
_WORDS = re.compile(r"[^\W_]+")


def _verb_like(sentence: str, found: list[re.Match[str]], i: int, headline: bool) -> bool:
    """Could word i (a cue form) be a verb here?  Not inside a run of capitalised words ("United
    States", "Washington Post") nor right after a determiner or preposition ("the state", "in
    question"): the parser would tag those as nouns, so skipping them only saves the parse."""
    if i == 0:
        return True
    w, prev = found[i].group(), found[i - 1]
    if found[i].start() != prev.end() + 1 or sentence[prev.end()] != " ":
        return True  # punctuation between ("A.C.A.,'' said", "with,” said") tells nothing
    prev_word = prev.group()
    if w[0].isupper() and prev_word[0].isupper() and not headline:
        return False
    low = prev_word.lower()
    return low not in _NOUN_BEFORE and (low not in _PREP_BEFORE or w.endswith("ing"))


def _strong_cue(lows: list[str], i: int, attitudes: bool) -> bool:
    """Is word i (lower-cased words) a cue form likely enough to yield a claim to be worth a parse?"""
    # the attitude reading makes "called for X", "called X Y" claims, so with it a rare form counts
    if lows[i] not in _RARE_CUES or (attitudes and lows[i] in _ATT_HINT_WORDS) or lows[i] in _DEFAULT_ATT_WORDS:
        return True
    return i + 1 < len(lows) and lows[i + 1] in ("that", "out")


_LIGHT_FORMS = frozenset(f for f, w in VERB_LEMMA.items() if w in LIGHT_CUES or w in STATEMENT_VERBS)
_LIGHT_WORDS = frozenset(x for ws in LIGHT_CUES.values() for x in ws) | STATEMENT_NOUNS


def _light_cue(lows: list[str]) -> bool:
    """A light-verb cue ("made it clear", "raised questions") or a press statement ("issued a statement"):
    its verb form and, within four words after it, its word (see lexicon.LIGHT_CUES, STATEMENT_VERBS)."""
    return any(low in _LIGHT_FORMS and not _LIGHT_WORDS.isdisjoint(lows[i + 1:i + 5]) for i, low in enumerate(lows))


_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "s"})  # "s": "Pence's" splits in two


def _nominal_cue(lows: list[str]) -> bool:
    """A nominal cue ("his claim that", "Pence's call for"): the noun with its complement word after it
    and a possessive within three words before it, or "from" after the complement (lexicon.NOMINAL_CUES)."""
    return any(low in NOMINAL_CUES and i + 1 < len(lows) and lows[i + 1] in NOMINAL_CUES[low]
               and (not _POSSESSIVES.isdisjoint(lows[max(0, i - 3):i]) or "from" in lows[i + 2:i + 12])
               for i, low in enumerate(lows))


def may_attribute(sentence: str, attitudes: bool = False) -> bool:
    """Cheap pre-parse test: does the sentence hold a cue verb form that could be a cue here?"""
    hints = _ALL_HINT_WORDS if attitudes else _HINT_WORDS
    found = list(_WORDS.finditer(sentence))
    lows = [m.group().lower() for m in found]
    if _light_cue(lows) or _nominal_cue(lows) or lows[:1] == ["in"] and not POLL_NOUNS.isdisjoint(lows[1:9]):
        return True  # ... or "In a new CNN poll, ..." (lexicon.POLL_NOUNS)
    if hints.isdisjoint(lows):
        return False
    if not _QUOTE_CHARS.isdisjoint(sentence) or sentence.rstrip().endswith(":"):
        return True  # a quote is attributed by a cue in its own sentence ("“...,” he said") or the one before ("X responded:")
    headline = sum(m.group()[0].isupper() for m in found) * 2 > len(found)  # Title Case: capitals say nothing
    return any(low in hints and _verb_like(sentence, found, i, headline) and _strong_cue(lows, i, attitudes)
               for i, low in enumerate(lows))


def _split_long(text: str, start: int, end: int, limit: int = 2000) -> Iterable[Span]:
    # a text without line breaks would otherwise become one enormous parse
    while end - start > limit:
        cut = text.rfind(". ", start, start + limit)
        if cut <= start:
            cut = start + limit
        else:
            cut += 1
        yield (start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield (start, end)


# A long quotation costs the parser one token per word, yet its words are never cues (frames inside
# quotes are dropped) and only its place in the sentence matters.  It is parsed as a short clause
# padded with spaces to the same length, so every offset still holds.
_FILLER = "It is true"
MASK_MIN_CHARS = 40


def standalone(text: str, piece_start: int) -> bool:
    """Does the quotation opening just before `piece_start` stand on its own (sentence start, or after
    ':' ',' or a dash), rather than inside a clause ("said the plan was “a disaster”")?"""
    k = piece_start - 2  # the character before the opening mark
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in "\n:,;.!?—–-("


def masked(text: str, start: int, end: int, pieces: Sequence[Span]) -> str:
    """text[start:end] with the words of each long standalone quotation piece replaced (same length)."""
    chunk = text[start:end]
    for a, b in pieces:
        a, b = max(a, start), min(b, end)
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not text[b - 1].isalnum():
            b -= 1
        if b - a >= MASK_MIN_CHARS:
            chunk = chunk[:a - start] + _FILLER.ljust(b - a) + chunk[b - start:]
    return chunk

# -- frames from the parse ---------------------------------------------------------------------------
