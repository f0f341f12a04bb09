"""unspun: trace copied and machine-rewritten news back to its source.

Public API: `scan` (files/folders), `scan_articles` (records), `align_texts`, `claims(text)` (who
claimed what; the `unspun.claims` module is callable and also holds `ClaimExtractor`, `link_claims`),
and the records in `unspun.records`. Everything the CLI does is available here.
"""
from __future__ import annotations

from . import claims
from .align import align_texts
from .config import ScanConfig
from .errors import ConfigError, InputError, MissingExtraError, UnspunError
from .edits.compare import Comparison, compare
from .store.index import Index, IndexConfig
from .records import Article, CleanArticle, Match, Pair, ReadError, ScanResult, Story
from .scan import scan, scan_articles

__all__ = [
    "Article", "CleanArticle", "Comparison", "compare", "Index", "IndexConfig", "ConfigError", "InputError", "Match", "MissingExtraError", "Pair",
    "ReadError", "ScanConfig", "ScanResult", "Story", "UnspunError", "align_texts", "claims", "scan", "scan_articles",
]
__version__ = "0.1.0"
