"""Who claimed what: quotes, attribution, speaker resolution and claim linking across a story.

`unspun.claims(text)` is the one-call API, while `unspun.claims.ClaimExtractor` etc. stay importable:
the package module itself is callable (a function named `claims` in `unspun` would shadow this
package for `import unspun.claims as c` and `mock.patch("unspun.claims.x")`).
"""
from __future__ import annotations

import sys
import types

from .extract import (
    Claim,
    ClaimExtractor,
    ClaimMention,
    ClaimsResult,
    LinkedClaim,
    claims_for_articles,
    claims_to_json,
    extract_claims,
    find_quotes,
    link_claims,
    linked_claims_to_json,
)

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


class _CallableModule(types.ModuleType):
    """Makes `unspun.claims(text)` work: the package is callable and still a package."""

    def __call__(self, text: str, extractor: ClaimExtractor | None = None) -> list[Claim]:
        return extract_claims(text, extractor)


sys.modules[__name__].__class__ = _CallableModule
