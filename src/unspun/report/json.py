"""The machine-readable scan result (contract documented in docs/json-format.md)."""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..events import copy_family
from ..records import CleanArticle, Edit, Event, Match, Pair, ReadError, ScanResult, Story

SCHEMA_VERSION = 1


def article_to_dict(a: CleanArticle) -> dict[str, Any]:
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
        "removed": [
            {"kind": r.kind, "span": list(r.span), "text": r.text, "duplicate_of": list(r.duplicate_of)}
            for r in a.removed
        ],
        "spin": _spin(a),
    }


def _spin(a: CleanArticle) -> dict[str, Any]:
    from ..edits.spin import spin_article, spin_to_dict

    return spin_to_dict(spin_article(a))


def match_to_dict(m: Match) -> dict[str, Any]:
    return {"a_span": list(m.a_span), "b_span": list(m.b_span), "kind": m.kind, "score": m.score}


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


def pair_to_dict(p: Pair) -> dict[str, Any]:
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
        "matches": [match_to_dict(m) for m in p.matches],
        "edits": [edit_to_dict(e) for e in p.edits],
    }


def story_to_dict(s: Story, pairs: Sequence[Pair] = ()) -> dict[str, Any]:
    """A story (copy group) with its copy family and the event it belongs to."""
    family = copy_family(s.articles, s.original, pairs)
    return {
        "id": s.id, "articles": list(s.articles), "original": s.original, "event": s.event,
        "family": {k: list(v) for k, v in family.items()},
    }


def event_to_dict(e: Event) -> dict[str, Any]:
    return {"id": e.id, "articles": list(e.articles), "stories": list(e.stories)}


def error_to_dict(e: ReadError) -> dict[str, Any]:
    return {"source": e.source, "line": e.line, "reason": e.reason}


def result_to_dict(result: ScanResult) -> dict[str, Any]:
    """Plain dict following the documented JSON contract."""
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [article_to_dict(a) for a in result.articles],
        "pairs": [pair_to_dict(p) for p in result.pairs],
        "stories": [story_to_dict(s, result.pairs) for s in result.stories],
        "events": [event_to_dict(e) for e in result.events],
        "errors": [error_to_dict(e) for e in result.errors],
        "notes": list(result.notes),
        **(_claims_to_dict(result) if result.claims is not None else {}),
    }


def _claims_to_dict(result: ScanResult) -> dict[str, Any]:
    from ..claims.extract import result_to_json  # shapes documented in docs/claims.md

    return result_to_json(result.claims)


def write_json(result: ScanResult, path: str | Path) -> None:
    Path(path).write_text(json.dumps(result_to_dict(result), ensure_ascii=False, indent=1), encoding="utf-8")
