"""Plain frozen records that flow between stages; no dicts of dicts cross module boundaries.

Every `Span` is a half-open (start, end) pair of character offsets into `Article.text` exactly as read
(after HTML extraction), so any verdict can be highlighted in the source.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # claims.py imports this module; the annotation is a string at runtime
    from .claims.extract import ClaimsResult

Span = tuple[int, int]


@dataclass(frozen=True)
class Article:
    """One article as read. `origin` says where it came from (path, path:line or WARC record)."""

    id: str
    text: str
    origin: str
    source: str = ""  # outlet / site name when the input gives one
    title: str = ""
    url: str = ""
    published: str | None = None  # ISO 8601 date or datetime string, as given


@dataclass(frozen=True)
class ReadError:
    """An input item that was skipped, with where it was and why (errors are values at the edges)."""

    source: str
    line: int | None
    reason: str


@dataclass(frozen=True)
class Removed:
    """Text excluded from matching (e.g. a doubled photo caption), reported instead of dropped."""

    kind: str  # "duplicate_line" | "duplicate_sentence"
    span: Span
    text: str
    duplicate_of: Span


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned article: its position and its span in the original text."""

    index: int
    span: Span
    text: str


@dataclass(frozen=True)
class CleanArticle:
    """An article after normalization: sentences kept for matching and what was removed."""

    article: Article
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]
    norm_text: str  # normalized kept text, for exact-copy checks and hashing

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True)
class Match:
    """A matched passage: spans in both texts, how it matched, and the score that decided it."""

    a_span: Span
    b_span: Span
    kind: str  # "copy" | "paraphrase"
    score: float
    a_sentences: tuple[int, ...] = ()
    b_sentences: tuple[int, ...] = ()


@dataclass(frozen=True)
class Edit:
    """One difference between two aligned versions, classified and ranked."""

    kind: str  # synonym | meaning_flip | number_change | name_change | quote_altered | idiom_broken | added | removed
    a_span: Span | None
    b_span: Span | None
    a_text: str
    b_text: str
    why: str
    severity: str  # "high" | "medium" | "low"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Story:
    """A group of articles linked by confirmed pairs."""

    id: str
    articles: tuple[str, ...]
    original: str | None = None
    event: str | None = None  # id of the Event holding most of its articles (events.py)


@dataclass(frozen=True)
class Event:
    """Articles reporting one event (grouped by event signature, events.py) and the copy stories in it."""

    id: str
    articles: tuple[str, ...]
    stories: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan produced; reporters turn this into JSON, HTML or a terminal summary."""

    articles: tuple[CleanArticle, ...]
    pairs: tuple[Pair, ...]
    stories: tuple[Story, ...]
    errors: tuple[ReadError, ...]
    notes: tuple[str, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())  # event grouping (empty when not computed)
    claims: ClaimsResult | None = None  # per-article claims + claims linked within stories (ScanConfig.claims)
