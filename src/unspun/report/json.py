"""The machine-readable shapes: one serialiser per record type (contract: docs/json-format.md).

Every front end (`scan --json`, `compare --json`, `check --json`, the HTML report, the HTTP API, the
store's match column) builds its JSON from these functions, so one record has one shape everywhere.
Reporters only format: nothing here computes (spin, claims and edits are computed by the pipeline).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..records import (
    Article, ArticleSpin, CleanArticle, DirectionVote, Edit, Event, Match, Pair, ReadError, Removed, ScanResult,
    Story,
)

SCHEMA_VERSION = 1


def removed_to_dict(r: Removed) -> dict[str, Any]:
    return {"kind": r.kind, "span": list(r.span), "text": r.text, "duplicate_of": list(r.duplicate_of)}


def spin_to_dict(s: ArticleSpin) -> dict[str, Any]:
    """`articles[].spin` of a scan."""
    return {
        "score": s.score,
        "rare_word_share": s.rare_word_share,
        "collocation_oddness": s.collocation_oddness,
        "suspects": [{"span": list(x.span), "text": x.text, "why": x.why} for x in s.suspects],
        "machine_score": s.machine_score,
        "machine_features": [{"name": n, "value": v, "contribution": c} for n, v, c in s.machine_features],
        "machine_words": [{"word": w, "log_odds": lo, "count": c} for w, lo, c in s.machine_words],
    }


def article_meta(a: Article) -> dict[str, Any]:
    """An article's identity and metadata, as the API and `check --json` name an article."""
    return {"id": a.id, "title": a.title, "url": a.url, "source": a.source, "published": a.published}


def article_to_dict(a: CleanArticle, spin: ArticleSpin | None = None) -> dict[str, Any]:
    """`articles[]` of a scan: metadata, sizes, removed noise and the article's spin score (null if not scored)."""
    art = a.article
    return {
        "id": art.id,
        "source": art.source or art.origin,
        "origin": art.origin,
        "title": art.title,
        "url": art.url,
        "published": art.published,
        "text_chars": len(art.text),
        "sentences": len(a.sentences),
        "removed": [removed_to_dict(r) for r in a.removed],
        "spin": None if spin is None else spin_to_dict(spin),
    }


def match_to_dict(m: Match, sentences: bool = False) -> dict[str, Any]:
    """A matched passage; `sentences` adds the sentence indices (the store keeps them to rebuild the record)."""
    out: dict[str, Any] = {"a_span": list(m.a_span), "b_span": list(m.b_span), "kind": m.kind, "score": m.score}
    if sentences:
        out["a_sentences"] = list(m.a_sentences)
        out["b_sentences"] = list(m.b_sentences)
    return out


def match_from_dict(d: dict[str, Any]) -> Match:
    """The inverse of `match_to_dict` (sentence indices default to none)."""
    return Match(
        tuple(d["a_span"]), tuple(d["b_span"]), d["kind"], float(d["score"]),
        tuple(d.get("a_sentences", ())), tuple(d.get("b_sentences", ())),
    )


def edit_to_dict(e: Edit) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "a_span": list(e.a_span) if e.a_span else None,
        "b_span": list(e.b_span) if e.b_span else None,
        "a_text": e.a_text,
        "b_text": e.b_text,
        "why": e.why,
        "severity": e.severity,
    }


def vote_to_dict(v: DirectionVote) -> dict[str, Any]:
    """`pairs[].original_votes[]`: one direction vote, `weight` > 0 for a as the original, < 0 for b."""
    return {"kind": v.kind, "weight": v.weight, "why": v.why}


def vote_from_dict(d: dict[str, Any]) -> DirectionVote:
    return DirectionVote(d["kind"], float(d["weight"]), d["why"])


def pair_to_dict(p: Pair) -> dict[str, Any]:
    """`pairs[]` of a scan; the same shape in `check --json`, `/api/pair`, `/api/check` and the rest of the API."""
    return {
        "a": p.a,
        "b": p.b,
        "relation": p.relation,
        "score": p.score,
        "coverage": {"a": p.coverage_a, "b": p.coverage_b},
        "copy_coverage": p.copy_coverage,
        "channels": list(p.channels),
        "original": p.original,
        "original_confidence": p.original_confidence,
        "original_signals": list(p.original_signals),
        "original_votes": [vote_to_dict(v) for v in p.original_votes],
        "matches": [match_to_dict(m) for m in p.matches],
        "edits": [edit_to_dict(e) for e in p.edits],
    }


def story_to_dict(s: Story) -> dict[str, Any]:
    """A story (copy group) with its copy family and the event it belongs to."""
    return {
        "id": s.id, "articles": list(s.articles), "original": s.original, "identical": list(s.identical),
        "original_signals": list(s.original_signals), "event": s.event,
        "family": {"original": [s.original] if s.original else [], "copies": list(s.copies),
                   "rewrites": list(s.rewrites)},
    }


def event_to_dict(e: Event) -> dict[str, Any]:
    return {"id": e.id, "articles": list(e.articles), "stories": list(e.stories)}


def error_to_dict(e: ReadError) -> dict[str, Any]:
    return {"source": e.source, "line": e.line, "reason": e.reason}


def check_hit_to_dict(pair: Pair, indexed: Article, story: str) -> dict[str, Any]:
    """One hit of a check: the indexed article it copies or rewrites (pair.a = indexed, pair.b = checked)."""
    return {"article": article_meta(indexed), "story": story, "pair": pair_to_dict(pair)}


def result_to_dict(result: ScanResult) -> dict[str, Any]:
    """Plain dict following the documented JSON contract."""
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in _result_fields(result)}


def _result_fields(result: ScanResult) -> list[tuple[str, Any]]:
    """`result_to_dict`'s keys in order, the per-record lists as iterators (`write_json` streams them)."""
    spins = result.spin if len(result.spin) == len(result.articles) else (None,) * len(result.articles)
    return [
        ("schema_version", SCHEMA_VERSION),
        ("articles", (article_to_dict(a, s) for a, s in zip(result.articles, spins))),
        ("pairs", (pair_to_dict(p) for p in result.pairs)),
        ("stories", (story_to_dict(s) for s in result.stories)),
        ("events", (event_to_dict(e) for e in result.events)),
        ("errors", (error_to_dict(e) for e in result.errors)),
        ("notes", list(result.notes)),
        *(_claims_to_dict(result).items() if result.claims is not None else ()),
    ]


def _claims_to_dict(result: ScanResult) -> dict[str, Any]:
    from .claims_json import result_to_json  # shapes documented in docs/claims.md

    return result_to_json(result.claims)


def dumps(data: Any) -> str:
    """The project's JSON text: UTF-8 kept readable, one-space indent."""
    return json.dumps(data, ensure_ascii=False, indent=1)


def write_json(result: ScanResult, path: str | Path) -> None:
    """`dumps(result_to_dict(result))` written record by record: the whole dict of a 100k-article scan
    (75k pairs of ~60 edits each) would hold several times the result's own memory at once."""
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(_dumps_chunks(_result_fields(result)))


def _dumps_chunks(fields: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """`dumps` of a dict given as (key, value) items, in pieces; an iterator value is written as a list,
    one item at a time. Nested `json.dumps` text is re-indented by prefixing its lines: JSON strings
    never hold a raw newline, so every newline is one of the indent's."""
    yield "{"
    empty = True
    for key, value in fields:
        yield ("\n " if empty else ",\n ") + json.dumps(key, ensure_ascii=False) + ": "
        empty = False
        if isinstance(value, Iterator):
            first = True
            for item in value:
                yield ("[\n  " if first else ",\n  ") + dumps(item).replace("\n", "\n  ")
                first = False
            yield "[]" if first else "\n ]"
        else:
            yield dumps(value).replace("\n", "\n ")
    yield "}" if empty else "\n}"
