"""Claims as JSON: one serialiser per claim record (shapes documented in docs/claims.md), used by the
CLI, the scan JSON and the store.  Why here: report sits above the claims family, which never formats."""
from __future__ import annotations

from typing import Any, Sequence

from ..records import Claim, ClaimMention, ClaimsResult, LinkedClaim

__all__ = ["claims_to_json", "linked_claims_to_json", "result_to_json"]


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
            "speaker_kind": c.speaker_kind or None,
            "role": c.role or None,
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


def result_to_json(result: ClaimsResult) -> dict[str, list[dict[str, Any]]]:
    """`{"claims": [...], "linked_claims": [...]}` with the shapes in docs/claims.md."""
    return {
        "claims": [d for aid, cs in result.articles.items() for d in claims_to_json(cs, article=aid)],
        "linked_claims": linked_claims_to_json(result.linked),
    }
