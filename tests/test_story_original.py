"""A story names its original from all its pairs: exact copies count as one text, one wrong pair vote does not
hide the original, and a story whose evidence is split names none."""
from __future__ import annotations

from conftest import fixture_text, make_article
from unspun import ScanConfig, scan_articles
from unspun.config import EmbedConfig
from unspun.edits.consensus import lacking
from unspun.edits.direction import story_original, story_verdict
from unspun.records import Pair
from unspun.report.json import story_to_dict

PARAGRAPHS = [
    "The harbour board voted on Monday to close the old pier at Kilbrannan for repairs until the spring.",
    "Board chair Ilse Marrow said divers had found rot in eleven of the timber piles under the deck.",
    "Fishing crews who land their catch at the pier will use the north quay while the work goes on.",
    "The repairs are expected to cost about 2.4 million pounds, paid from the board's reserve fund.",
    "Marrow said the board would publish a timetable for the work before the end of the month.",
]
ORIGINAL = "\n\n".join(PARAGRAPHS)


def pair(a: str, b: str, original: str | None, confidence: float = 0.9, relation: str = "rewrite") -> Pair:
    return Pair(a, b, relation, 0.9, 0.9, 0.9, (), original=original,
                original_confidence=confidence if original else 0.0)


def spun(*swaps: tuple[str, str]) -> str:
    text = ORIGINAL
    for old, new in swaps:
        assert old in text
        text = text.replace(old, new)
    return text


COPIES = {  # each copy of the original changes its own words
    "c1": spun(("voted on Monday", "decided on Monday"), ("rot", "decay")),
    "c2": spun(("close the old pier", "shut the aged pier"), ("north quay", "northern quay")),
    "c3": spun(("expected to cost", "likely to cost"), ("publish a timetable", "release a schedule")),
    "c4": spun(("found rot in eleven", "discovered rot in eleven"), ("catch at the pier", "haul at the pier")),
}


def test_exact_copies_of_the_original_are_one_text_and_the_story_lists_them():
    # "o" and "twin" hold the same text: their pair has no direction, so each alone would be unbeaten
    pairs = [pair("o", "twin", None, relation="exact"), pair("o", "c1", "o"), pair("twin", "c1", "twin"),
             pair("o", "c2", "o"), pair("twin", "c2", "twin")]
    verdict = story_verdict(["twin", "o", "c1", "c2"], pairs, {})
    assert verdict.original == "twin"  # undated: the first of the twins in the story's order
    assert verdict.identical == ("o",)
    # a dated twin is named before an undated one
    dated = story_verdict(["twin", "o", "c1", "c2"], pairs, {"o": "2024-05-01"})
    assert (dated.original, dated.identical) == ("o", ("twin",))


def test_one_wrong_vote_in_a_big_story_does_not_hide_the_original():
    texts = {"o": ORIGINAL, **COPIES}
    # the original wins three pairs, loses one by a wrong vote; the copies' own pairs are split
    pairs = [pair("o", "c1", "o"), pair("o", "c2", "o"), pair("o", "c3", "o"), pair("o", "c4", "c4", 0.6),
             pair("c1", "c4", "c1"), pair("c2", "c3", "c2")]
    assert story_original(list(texts), pairs, {}) is None  # without the texts the votes do not settle it
    verdict = story_verdict(list(texts), pairs, {}, texts)
    assert verdict.original == "o"
    assert any("holds most of what the others share" in s for s in verdict.signals)


def test_a_copy_that_only_moved_paragraphs_does_not_tie_with_its_source():
    moved = "\n\n".join([PARAGRAPHS[0], PARAGRAPHS[3], PARAGRAPHS[1], PARAGRAPHS[4], PARAGRAPHS[2]])
    texts = {"moved": moved, "o": ORIGINAL, "c1": COPIES["c1"], "c2": COPIES["c2"]}
    # the same sentences in another order: the pair (o, moved) has no direction, both beat the spun copies
    pairs = [pair("o", "moved", None, relation="near-duplicate"), pair("o", "c1", "o"), pair("o", "c2", "o"),
             pair("moved", "c1", "moved"), pair("moved", "c2", "moved")]
    lack = lacking(texts)
    assert lack["o"] < lack["moved"]  # the joins the move broke are held by every other copy
    assert story_original(list(texts), pairs, {}, texts) == "o"


def test_a_genuinely_split_story_names_no_original():
    # three texts each holding two of three paragraphs, and votes going round in a circle
    p = PARAGRAPHS
    texts = {"x": f"{p[0]}\n\n{p[1]}", "y": f"{p[1]}\n\n{p[2]}", "z": f"{p[2]}\n\n{p[0]}"}
    pairs = [pair("x", "y", "x"), pair("y", "z", "y"), pair("x", "z", "z")]
    verdict = story_verdict(list(texts), pairs, {}, texts)
    assert verdict.original is None
    assert verdict.signals  # it says why
    # and a story whose pairs have no direction at all
    assert story_original(["x", "y"], [pair("x", "y", None)], {}, texts) is None


def test_a_text_that_loses_more_than_it_wins_is_not_named_by_the_consensus():
    texts = {"o": ORIGINAL, **COPIES}
    # every vote says o is a copy: the texts alone cannot overrule that many votes
    pairs = [pair(c, "o", c) for c in COPIES] + [pair("c1", "c2", "c2"), pair("c2", "c1", "c1")]
    assert story_original(list(texts), pairs, {}, texts) != "o"


def test_scan_names_one_of_the_identical_originals_and_lists_the_other():
    original, spun_text = fixture_text("original"), fixture_text("spun")
    articles = [make_article("wire", original), make_article("spun", spun_text), make_article("paper", original)]
    result = scan_articles(articles, ScanConfig(embed=EmbedConfig(enabled=False)))
    story = next(s for s in result.stories if "wire" in s.articles)
    assert set(story.articles) == {"wire", "spun", "paper"}
    assert story.original == "wire"
    assert story.identical == ("paper",)
    out = story_to_dict(story)
    assert out["identical"] == ["paper"] and out["original_signals"]
