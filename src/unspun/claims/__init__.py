"""Who claimed what: quotes, attribution, speaker resolution and claim linking across a story.

`unspun.claims(text)` is the one-call API, while `unspun.claims.ClaimExtractor` etc. stay importable:
the package module itself is callable (a function named `claims` in `unspun` would shadow this
package for `import unspun.claims as c` and `mock.patch("unspun.claims.x")`).  The claim records
live in `unspun.records` and are re-exported here; their JSON is in `unspun.report.claims_json`.
"""
from __future__ import annotations

import sys
import types

from ..records import Claim, ClaimMention, ClaimsResult, LinkedClaim
from .extract import ClaimExtractor, extract_claims
from .link import claims_for_articles, link_claims
from .quotes import find_quotes

__all__ = [
    "Claim",
    "ClaimExtractor",
    "ClaimMention",
    "ClaimsResult",
    "LinkedClaim",
    "claims_for_articles",
    "extract_claims",
    "find_quotes",
    "link_claims",
]


class _CallableModule(types.ModuleType):
    """Makes `unspun.claims(text)` work: the package is callable and still a package."""

    def __call__(self, text: str, extractor: ClaimExtractor | None = None) -> list[Claim]:
        return extract_claims(text, extractor)


sys.modules[__name__].__class__ = _CallableModule
