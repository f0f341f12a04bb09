"""Request and response models of the HTTP API (needs the `server` extra: pydantic comes with FastAPI).

Response shapes mirror `report/json.py` (one serialiser per record; docs/json-format.md is the contract):
`PairOut` is exactly `pair_to_dict`, `ArticleMeta` is `article_meta`, `Hit` is `check_hit_to_dict`.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

MAX_TEXT = 1_000_000


def no_surrogates(v: Any) -> Any:
    """Refuse strings that cannot be encoded as UTF-8 (lone surrogates) with a clear message."""
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    return v


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="Article text (or HTML, see format)")
    id: str | None = Field(None, min_length=1, max_length=300, description="Name; derived from the text if absent")
    title: str = Field("", max_length=2000)
    url: str = Field("", max_length=4000, description="Recorded only; never fetched")
    source: str = Field("", max_length=300)
    published: str | None = Field(None, max_length=100)
    format: str = Field("text", pattern="^(text|html)$", description="html: extract the main text first")

    _v = field_validator("text", "id", "title", "url", "source", "published")(no_surrogates)


class AddRequest(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=500)


class CheckRequest(ArticleIn):
    views: bool = Field(False, description="Include the side-by-side segments for each match")


class MatchOut(BaseModel):
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    kind: str
    score: float


class EditOut(BaseModel):
    kind: str
    a_span: tuple[int, int] | None
    b_span: tuple[int, int] | None
    a_text: str
    b_text: str
    why: str
    severity: str


class Coverage(BaseModel):
    a: float
    b: float


class VoteOut(BaseModel):
    kind: str
    weight: float  # > 0 favours a as the original, < 0 favours b
    why: str


class PairOut(BaseModel):
    a: str
    b: str
    relation: str
    score: float
    coverage: Coverage
    copy_coverage: float
    channels: list[str]
    original: str | None
    original_confidence: float
    original_signals: list[str]
    original_votes: list[VoteOut]
    matches: list[MatchOut]
    edits: list[EditOut]


class ArticleMeta(BaseModel):
    id: str
    title: str
    url: str
    source: str
    published: str | None


class Segment(BaseModel):
    text: str
    classes: list[str]
    labels: list[str]


class View(BaseModel):
    a_segments: list[Segment]
    b_segments: list[Segment]
    changed_words: int


class Hit(BaseModel):
    article: ArticleMeta
    story: str
    pair: PairOut
    view: View | None = None


class CheckOut(BaseModel):
    article: ArticleMeta
    candidates: int
    matches: list[Hit]
    views_omitted: int = Field(0, description="matches beyond the first 10 get no view; ask /api/pair")


class Duplicate(BaseModel):
    id: str
    existing: str


class AddOut(BaseModel):
    added: list[str]
    duplicates: list[Duplicate]
    skipped: list[str]
    pairs: int


class ArticleOut(ArticleMeta):
    text: str
    story: str
    pairs: list[PairOut]


class StoryOut(BaseModel):
    id: str
    size: int
    articles: list[str]  # the first ten, in the order they were added
    original: str | None  # as the last batch touching the story named it; null when unknown or not yet written


class StoryDetailOut(BaseModel):
    id: str
    original: str | None  # the story's original (`story_verdict`), None when unknown
    identical: list[str]  # members with the original's exact text
    original_signals: list[str]  # why the original was named, or why none was
    articles: list[ArticleMeta]
    pairs: list[PairOut]


class PairView(BaseModel):
    pair: PairOut
    a: ArticleMeta
    b: ArticleMeta
    view: View


class ClaimsOut(BaseModel):
    article: str
    available: bool
    claims: list[dict[str, Any]]
    note: str


class Problem(BaseModel):
    detail: str
