"""Turn unspun's sentence matches into PAN detections (passage pairs).

The passage building itself (order-free near-merge, lone-match filter, summaries, fitting verbatim
passages) lives in the library: `unspun.passages.build_passages` with `PassageConfig`, whose defaults
were tuned here. This module only converts its `Match` passages to PAN span pairs and holds the
PAN runner's "long documents" settings
(the library's presets).
"""
from __future__ import annotations

from typing import Sequence

from unspun.clean import split_sentences
from unspun.passages import LONG_DOCUMENTS_ALIGN, LONG_DOCUMENTS_CLEAN, PassageConfig, build_passages
from unspun.records import Match

Span = tuple[int, int]

# The library's "long documents" presets (see unspun.passages): run-on "sentences" (lists, menus) cut
# at 180 chars instead of the news default 300, sentence thresholds 0.36/0.25 instead of 0.42/0.3.
LONG_DOCUMENTS = LONG_DOCUMENTS_CLEAN
LONG_ALIGN = LONG_DOCUMENTS_ALIGN


def detections(matches: Sequence[Match], susp: str, src: str, config: PassageConfig = PassageConfig(),
               max_sentence_chars: int = LONG_DOCUMENTS.max_sentence_chars) -> list[tuple[Span, Span]]:
    """(susp_span, src_span) passages of one pair's sentence matches (sentences split as align_texts did)."""
    if not matches:
        return []
    sa = split_sentences(susp, max_chars=max_sentence_chars)
    sb = split_sentences(src, max_chars=max_sentence_chars)
    return [(p.a_span, p.b_span) for p in build_passages(matches, susp, src, config, sa, sb)]
