"""The pair gate's retelling path: a short text that retells a whole long one passes, a lead-only brief does not."""
from __future__ import annotations

from unspun.align import summarize
from unspun.clean import clean_article
from unspun.config import RelationConfig
from unspun.provenance import retells
from unspun.records import Article, Match

LONG = (
    "The Varnholt ferry line will stop its winter crossings to Skellig Ness from 3 November, the operator "
    "Brannock Marine said on Tuesday. "
    "The company blamed a 38% rise in diesel prices and a shortage of licensed deckhands. "
    "Its two vessels, the Corrie Maid and the Aldous, are both more than forty years old. "
    "Islanders rely on the route for groceries, hospital visits and the secondary school in Varnholt. "
    "Councillor Ingrid Tolloch said the decision left 412 residents with no reliable link for five months. "
    "Brannock Marine has asked the regional transport board for a subsidy of £640,000. "
    "The board meets on 19 October and has not said whether it will consider the request. "
    "A helicopter service ran briefly in 2009 but closed after eleven weeks. "
    "Some families say they will move to the mainland if the crossings do not resume by spring."
)
RETELLING = (
    "Brannock Marine is halting the Varnholt to Skellig Ness winter ferry from 3 November, citing diesel costs. "
    "Councillor Ingrid Tolloch warned that 412 islanders would be cut off for five months. "
    "Several families are considering a move to the mainland unless service returns by spring."
)


def _clean(text: str, aid: str):
    return clean_article(Article(aid, text, f"<{aid}>"))


def _alignment(pairs: list[tuple[int, int]], short_text: str = RETELLING):
    long, short = _clean(LONG, "long"), _clean(short_text, "short")
    matches = [
        Match(long.sentences[i].span, short.sentences[j].span, "paraphrase", 0.5, (i,), (j,)) for i, j in pairs
    ]
    return long, short, summarize(long, short, matches)


def test_a_short_text_that_follows_the_long_one_to_its_end_retells_it():
    long, short, alignment = _alignment([(0, 0), (4, 1), (8, 2)])
    assert alignment.coverage_b == 1.0 and alignment.coverage_a < 0.4  # the long side is barely covered
    assert retells(long, short, alignment, RelationConfig())
    assert retells(short, long, summarize(short, long, [
        Match(m.b_span, m.a_span, m.kind, m.score, m.b_sentences, m.a_sentences) for m in alignment.matches
    ]), RelationConfig())  # either order


def test_matches_only_in_the_lead_of_the_long_text_are_not_a_retelling():
    long, short, alignment = _alignment([(0, 0), (1, 1), (2, 2)])
    assert not retells(long, short, alignment, RelationConfig())


def test_matches_out_of_the_long_texts_order_are_not_a_retelling():
    long, short, alignment = _alignment([(8, 0), (4, 1), (0, 2)])
    assert not retells(long, short, alignment, RelationConfig())


def test_a_short_text_with_details_of_its_own_is_not_a_retelling():
    own = (
        "Ferry operators across the northern isles are struggling with fuel bills and ageing boats this winter. "
        "Harbourmaster Oskar Lindqvist of Port Eilean said three routes near Tarrow Sound had already been cut. "
        "Campaigners in Dunmarra are collecting signatures for a petition to the Holyrood transport committee."
    )
    long, short, alignment = _alignment([(0, 0), (4, 1), (8, 2)], own)
    assert not retells(long, short, alignment, RelationConfig())
