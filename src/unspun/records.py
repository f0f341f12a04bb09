"""Plain frozen records that flow between stages; no dicts of dicts cross module boundaries.

Every `Span` is a half-open (start, end) pair of character offsets into `Article.text` exactly as read
(after HTML extraction), so any verdict can be highlighted in the source.
"""
from __future__ import annotations

import pickle
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import starmap
from operator import attrgetter
from typing import Mapping, overload

Span = tuple[int, int]
# A lone half of a UTF-16 pair (a JSON "\\udc80" escape, an emoji cut by JavaScript truncation) is
# not Unicode: it cannot be written as UTF-8 to a report, a terminal, spaCy or the index.
_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (same length, so offsets still hold)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read. `origin` says where it came from (path, path:line or WARC record)."""

    id: str
    text: str
    origin: str
    source: str = ""  # outlet / site name when the input gives one
    title: str = ""
    url: str = ""
    published: str | None = None  # ISO 8601 date or datetime string, as given
    language: str = ""  # ISO 639-1 code from ingest.language ("" = unknown / not identified)

    def __post_init__(self) -> None:
        # Text is made valid at the one edge every entry point passes (files, API, index, server).
        for name in ("id", "text", "origin", "source", "title", "url", "published"):
            value = getattr(self, name)
            if isinstance(value, str) and _SURROGATE.search(value):
                object.__setattr__(self, name, valid_text(value))


@dataclass(frozen=True)
class ReadError:
    """An input item that was skipped, with where it was and why (errors are values at the edges)."""

    source: str
    line: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class Removed:
    """Text excluded from matching (e.g. a doubled photo caption), reported instead of dropped."""

    kind: str  # "duplicate_line" | "duplicate_sentence"
    span: Span
    text: str
    duplicate_of: Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the cleaned article: its position and its span in the original text."""

    index: int
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article after normalization: sentences kept for matching and what was removed."""

    article: Article
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]
    norm_text: str  # normalized kept text, for exact-copy checks and hashing

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True, slots=True)
class Match:
    """A matched passage: spans in both texts, how it matched, and the score that decided it."""

    a_span: Span
    b_span: Span
    kind: str  # "copy" | "paraphrase"
    score: float
    a_sentences: tuple[int, ...] = ()
    b_sentences: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Edit:
    """One difference between two aligned versions, classified and ranked."""

    kind: str  # synonym | meaning_flip | number_change | name_change | quote_altered | idiom_broken | added | removed
    a_span: Span | None
    b_span: Span | None
    a_text: str
    b_text: str
    why: str
    severity: str  # "high" | "medium" | "low"


@dataclass(frozen=True, slots=True)
class DirectionVote:
    """One signal's say in a pair's direction, as output: `weight` > 0 favours a as the original, < 0 favours b.
    Kept with the verdict so a reader (or a later pass) sees what argued each way, and how much, without parsing
    the why-texts."""

    kind: str  # the signal: "wording", "length", "casing", "date", ...
    weight: float  # signed, rounded to 3 decimals
    why: str


@dataclass(frozen=True, slots=True)
class Pair:
    """A confirmed relation between two articles, with the evidence that decided it."""

    a: str
    b: str
    relation: str  # exact | near-duplicate | rewrite | same-story
    score: float
    coverage_a: float
    coverage_b: float
    matches: tuple[Match, ...]
    channels: tuple[str, ...] = ()  # candidate channels that proposed the pair
    copy_coverage: float = 0.0  # share of the shorter text covered by verbatim copies
    edits: tuple[Edit, ...] = ()
    original: str | None = None  # id of the article judged the original, None when unknown
    original_confidence: float = 0.0
    original_signals: tuple[str, ...] = ()
    # every direction vote summed (both sides, weightiest first); later passes that settle or doubt the direction
    # leave them as they were (the signals say what overruled them)
    original_votes: tuple[DirectionVote, ...] = ()


def pack_evidence(pair: Pair) -> tuple[Pair, bytes]:
    """The pair without its matches and edits, and those two as one compressed blob (`PackedPairs`).

    Each match and edit goes in as the tuple of its fields, in order (taken in C by `attrgetter`), and is built
    again by its constructor when read: pickling the records themselves called their `__reduce__` once each
    (rows and pickle: ~17 us a pair of 24 matches against ~45 us; docs/benchmarks.md "i15confirm")."""
    rows = (list(map(_MATCH_FIELDS, pair.matches)), list(map(_EDIT_FIELDS, pair.edits)))
    blob = pickle.dumps(rows, pickle.HIGHEST_PROTOCOL)
    if len(blob) > _PACK_MIN:
        blob = zlib.compress(blob, 1)
    return replace(pair, matches=(), edits=()), blob


_PACK_MIN = 2048
"""A pickle up to this long is kept as it is: a pair without edits (~0.9 KB of matches) would shrink by ~0.4 KB
at ~28 us of `zlib.compress` (mostly its set-up), ~60% of packing it; a pair with edits (~10 KB) is compressed."""


def unpack_evidence(light: Pair, blob: bytes) -> Pair:
    """The whole pair again from `pack_evidence`'s light pair and blob (a pickle opens with its PROTO byte
    0x80, a zlib stream never does: its first byte is 0x?8)."""
    matches, edits = pickle.loads(blob if blob[:1] == b"\x80" else zlib.decompress(blob))
    return replace(light, matches=tuple(starmap(Match, matches)), edits=tuple(starmap(Edit, edits)))


_MATCH_FIELDS = attrgetter(*(f.name for f in fields(Match)))
_EDIT_FIELDS = attrgetter(*(f.name for f in fields(Edit)))


class PackedPairs(Sequence[Pair]):
    """A scan's pairs with their matches and edits held packed, each pair built whole when read.

    Why: as objects a pair costs ~35 KB (61 edits and 24 matches on average, spans as tuples of Python
    ints), ~2.6 GB at 100k articles; packed (a zlib'd pickle per pair) it is a few KB. The scan's own
    passes after the pair stage (siblings, stories, originals, events) read only the light pairs, and no
    pass after the pair stage changes a pair's matches or edits, so the evidence is found again by the
    pair's (a, b) key, which no pass changes either.
    """

    __slots__ = ("_light", "_evidence")

    def __init__(self, light: Sequence[Pair], evidence: Mapping[tuple[str, str], bytes]) -> None:
        self._light = tuple(light)
        self._evidence = evidence

    def __len__(self) -> int:
        return len(self._light)

    @overload
    def __getitem__(self, i: int) -> Pair: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Pair, ...]: ...
    def __getitem__(self, i: int | slice) -> Pair | tuple[Pair, ...]:
        if isinstance(i, slice):
            return tuple(self._whole(p) for p in self._light[i])
        return self._whole(self._light[i])

    def __iter__(self) -> Iterator[Pair]:
        return (self._whole(p) for p in self._light)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(x == y for x, y in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PackedPairs({len(self)} pairs)"

    def __reduce__(self):  # noqa: D105 - pickled as it is held: light pairs and blobs
        return PackedPairs, (self._light, dict(self._evidence))

    def _whole(self, light: Pair) -> Pair:
        blob = self._evidence.get((light.a, light.b))
        return light if blob is None else unpack_evidence(light, blob)

    @property
    def light(self) -> tuple[Pair, ...]:
        """The pairs without their matches and edits, nothing unpacked: for a reader of the other fields."""
        return self._light


def light_pairs(pairs: Sequence[Pair]) -> Sequence[Pair]:
    """`pairs` for a reader that needs neither matches nor edits: a `PackedPairs`' light pairs (reading it whole
    unpacks every pair's evidence, ~60 us each), any other sequence as it is."""
    return pairs.light if isinstance(pairs, PackedPairs) else pairs


def pairs_by_story(stories: Iterable[Story], pairs: Iterable[Pair]) -> dict[str, list[Pair]]:
    """Each story's pairs (those whose first article it holds, as the reports group them), in the pairs' order, in
    one pass over the pairs: a pass per story was quadratic (the terminal summary of ai-rewrites-wiki's 782 pairs
    spent 4.6 s unpacking pairs again and again, more than the scan)."""
    story_of = {aid: s.id for s in stories for aid in s.articles}
    out: dict[str, list[Pair]] = {}
    for p in pairs:
        if (sid := story_of.get(p.a)) is not None:
            out.setdefault(sid, []).append(p)
    return out


def loose_pairs(stories: Iterable[Story], pairs: Iterable[Pair]) -> list[Pair]:
    """The pairs no story of two or more articles holds (`pairs_by_story`): their first article has no copy of its own,
    so they are independent reports of one event. The terminal summary counts them and the HTML report lists them."""
    alone = {s.articles[0] for s in stories if len(s.articles) == 1}
    return [p for p in pairs if p.a in alone]


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles linked by confirmed pairs."""

    id: str
    articles: tuple[str, ...]
    original: str | None = None
    event: str | None = None  # id of the Event holding most of its articles (events.py)
    copies: tuple[str, ...] = ()  # members copying the original verbatim (exact / near-duplicate)
    rewrites: tuple[str, ...] = ()  # members whose strongest link in the story is a rewrite
    identical: tuple[str, ...] = ()  # members with the original's exact text (also in `copies`)
    original_signals: tuple[str, ...] = ()  # why the original was named, or why none was


@dataclass(frozen=True)
class Event:
    """Articles reporting one event (grouped by event signature, events.py) and the copy stories in it."""

    id: str
    articles: tuple[str, ...]
    stories: tuple[str, ...] = ()



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
    # "named" (a person or organisation by name), "description" ("a spokesman"), "vague" ("some",
    # "reports", "sources", "critics": never a person), "pronoun" (an unresolved "I"/"we"), "" (none)
    speaker_kind: str = ""
    role: str = ""  # the title or description said of a named speaker ("Kremlin spokesman")


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


@dataclass(frozen=True)
class ClaimsResult:
    """Claims per article id (input order) and the claims linked across articles of the same group."""

    articles: Mapping[str, tuple[Claim, ...]]
    linked: tuple[LinkedClaim, ...] = ()


@dataclass(frozen=True, slots=True)
class SpinSuspect:
    """A word or phrase of a lone article that looks substituted by a spinner, and why."""

    span: Span
    text: str
    why: str


@dataclass(frozen=True, slots=True)
class ArticleSpin:
    """How likely one article is machine-spun (0..1), computed by the scan; reporters only format it."""

    article: str
    score: float
    rare_word_share: float
    collocation_oddness: float
    suspects: tuple[SpinSuspect, ...]
    machine_score: float = 0.0  # 0..1, reads like fluent chatbot prose (edits/machine_style.py), not thesaurus spin
    machine_features: tuple[tuple[str, float, float], ...] = ()  # (name, value, contribution to the logit)
    machine_words: tuple[tuple[str, float, int], ...] = ()  # (word, log-odds, count): machine-leaning words found


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan produced; reporters turn this into JSON, HTML or a terminal summary."""

    articles: tuple[CleanArticle, ...]
    pairs: Sequence[Pair]  # a tuple, or `PackedPairs` from `scan_articles` (read like a tuple)
    stories: tuple[Story, ...]
    errors: tuple[ReadError, ...]
    notes: tuple[str, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())  # event grouping (empty when not computed)
    claims: ClaimsResult | None = None  # per-article claims + claims linked within stories (ScanConfig.claims)
    spin: tuple[ArticleSpin, ...] = ()  # one per article, in `articles` order (ScanConfig.spin)


def _pickled_by_constructor(cls: type) -> None:
    """Pickle `cls` as a call of its constructor with its fields, in order.

    Why: a slotted dataclass pickles by default through `__setstate__`, which looks the fields up and
    sets them one by one for every object; the constructor does the same work with less overhead.
    Measured on 10k synthetic news articles and their 4,041 pairs (15 matches, 7 edits a pair): dumping
    took 0.85 s instead of 1.55 s and loading 0.76-1.3 s instead of 1.8-2.1 s. Results cross processes
    in both engines (the process pool's, the Dask workers'). Not for `Article`, whose `__post_init__`
    would search every text again.
    """
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self):  # noqa: N807 - the pickle protocol's name
        return cls, tuple([getattr(self, n) for n in names])

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]


for _cls in (Removed, Sentence, CleanArticle, Match, Edit, Pair, Story, SpinSuspect, ArticleSpin):
    _pickled_by_constructor(_cls)
del _cls
