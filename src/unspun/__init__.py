"""unspun: trace copied and machine-rewritten news back to its source.

Public API: `scan` (files/folders), `scan_articles` (records), `align_texts`, and the records in
`unspun.records`. Everything the CLI does is available here.
"""
from __future__ import annotations

from .align import align_texts
from .config import ScanConfig
from .errors import ConfigError, InputError, MissingExtraError, UnspunError
from .records import Article, CleanArticle, Match, Pair, ReadError, ScanResult, Story
from .scan import scan, scan_articles

__all__ = [
    "Article", "CleanArticle", "ConfigError", "InputError", "Match", "MissingExtraError", "Pair",
    "ReadError", "ScanConfig", "ScanResult", "Story", "UnspunError", "align_texts", "scan", "scan_articles",
]
__version__ = "0.1.0"
