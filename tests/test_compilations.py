"""A text made of two unrelated texts (a content farm's mashup) is their compilation, never their source."""
from __future__ import annotations

from conftest import make_article

from unspun import scan_articles
from unspun.config import EmbedConfig, ScanConfig
from unspun.provenance import compilations
from unspun.records import Match, Pair

LEXICAL = ScanConfig(embed=EmbedConfig(enabled=False), spin=False)

FLOOD = [
    "Floodwater closed the A614 between Selby and Howden on Tuesday after the River Ouse burst its banks.",
    "North Yorkshire police said 42 homes in the village of Barlby were evacuated overnight.",
    "Residents were taken to a rest centre at Selby Leisure Centre, where the council provided beds and food.",
    "The Environment Agency issued 11 severe flood warnings along the Ouse and the Derwent.",
    "Forecasters expect another 30 millimetres of rain on Thursday, which could push the river higher still.",
    "Council leader Maya Okonjo said crews had filled 6,000 sandbags since the weekend.",
    "The agency said the river at Barlby peaked at 5.2 metres, the highest level since 2000.",
    "Drivers were told to use the M62 instead and to expect delays of up to an hour.",
    "Okonjo said the council would review its flood defences once the water had gone down.",
    "Insurers said claims from the village could run into millions of pounds.",
]
MUSEUM = [
    "The Hartley Museum in Leeds will reopen on 14 June after a two-year renovation costing 18 million pounds.",
    "Director Samuel Achterberg said the building's Victorian glass roof had been rebuilt pane by pane.",
    "A new gallery will show the museum's collection of 1,200 Roman coins found near Tadcaster in 1963.",
    "The renovation was paid for by the city council, a national lottery grant and 3,400 private donors.",
    "Achterberg said entry would stay free, with a charge only for temporary exhibitions.",
    "The museum expects 250,000 visitors in its first year, up from 160,000 before it closed.",
    "Local schools will be offered guided tours of the coin gallery from September.",
    "The glass roof was made by a Sheffield firm that restored the Palm House in Liverpool.",
    "A cafe and a shop have been added on the ground floor beside the main entrance.",
    "Achterberg thanked the donors, whose names are engraved on a wall in the atrium.",
]


def _paragraphs(sentences):
    return "\n\n".join(" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))


def test_a_mashup_of_two_unrelated_reports_is_named_the_source_of_neither():
    flood, museum = _paragraphs(FLOOD), _paragraphs(MUSEUM)
    mashup = _paragraphs(FLOOD[:6] + MUSEUM[:6])  # most of one report, then most of another
    result = scan_articles([make_article("flood", flood), make_article("museum", museum),
                            make_article("roundup", mashup)], LEXICAL)
    pairs = {frozenset((p.a, p.b)): p for p in result.pairs}
    assert frozenset(("flood", "museum")) not in pairs  # the two reports share nothing
    for source in ("flood", "museum"):
        pair = pairs[frozenset((source, "roundup"))]
        assert pair.relation in ("rewrite", "near-duplicate")
        assert pair.original != "roundup"  # the compilation is never named their source
    said = sorted(s for p in result.pairs for s in p.original_signals if "compilation" in s)
    assert len(said) == 2 and all(s.startswith("roundup holds") for s in said)


def _pair(a, b, original, cov_a, cov_b, spans_a, spans_b):
    matches = tuple(Match(sa, sb, "copy", 1.0, (k,), (k,)) for k, (sa, sb) in enumerate(zip(spans_a, spans_b)))
    return Pair(a, b, "rewrite", 0.9, cov_a, cov_b, matches, original=original, original_confidence=0.8,
                original_signals=("a vote",))


def test_two_excerpts_of_one_long_text_keep_it_as_their_source():
    # each excerpt lies wholly inside the long text (coverage 1.0): the long text may well be their source
    long_first = _pair("long", "first", "long", 0.5, 1.0, [(0, 500)], [(0, 500)])
    long_second = _pair("long", "second", "long", 0.5, 1.0, [(500, 1000)], [(0, 500)])
    kept = compilations([long_first, long_second], {"long": 1000, "first": 500, "second": 500})
    assert [p.original for p in kept] == ["long", "long"]
    # with material of their own beside it, they are two texts the long one put together
    own_first = _pair("long", "first", "long", 0.5, 0.6, [(0, 500)], [(0, 500)])
    own_second = _pair("long", "second", "long", 0.5, 0.6, [(500, 1000)], [(0, 500)])
    withdrawn = compilations([own_first, own_second], {"long": 1000, "first": 830, "second": 830})
    assert [p.original for p in withdrawn] == [None, None]
    assert "compilation of both" in withdrawn[0].original_signals[0]
    # and not when the two parts are related: then they may be one story retold
    related = _pair("first", "second", "first", 0.8, 0.8, [(0, 100)], [(0, 100)])
    assert [p.original for p in compilations([own_first, own_second, related],
                                             {"long": 1000, "first": 830, "second": 830})][:2] == ["long", "long"]
