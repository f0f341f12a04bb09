"""Turn unspun's sentence matches into PAN detections (passage pairs).

The passage building itself (order-free near-merge, lone-match filter, summaries, fitting verbatim
passages) lives in the library: `unspun.passages.build_passages` with `PassageConfig`, whose defaults
were tuned here. This module only converts its `Match` passages to PAN span pairs and holds the
PAN runner's "long documents" settings.
"""
from __future__ import annotations

from typing import Sequence

from unspun.config import CleanConfig
from unspun.passages import PassageConfig, build_passages
from unspun.records import Match

Span = tuple[int, int]

# Long web documents: run-on "sentences" (lists, menus) are cut shorter than the news default (300),
# so a 200-char case inside an 800-char line can still reach the sentence threshold.
LONG_DOCUMENTS = CleanConfig(max_sentence_chars=180)


def detections(matches: Sequence[Match], susp: str, src: str, config: PassageConfig = PassageConfig()) -> list[tuple[Span, Span]]:
    """(susp_span, src_span) passages of one pair's sentence matches."""
    return [(p.a_span, p.b_span) for p in build_passages(matches, susp, src, config)]
