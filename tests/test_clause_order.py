"""A subordinate clause moved to the front, against news's usual order, marks the rewrite."""
from __future__ import annotations

import math

from unspun import compare
from unspun.edits.clause_order import ORDER_COUNTS, order_bits, reorder

TRAILING = "The ferry to Inchmore was cancelled on Sunday morning because high winds closed the harbour."
FRONTED = "Because high winds closed the harbour, the ferry to Inchmore was cancelled on Sunday morning."
STORY = (
    "The ferry to Inchmore was cancelled on Sunday morning because high winds closed the harbour. "
    "About 40 passengers were offered places on Monday's first crossing. "
    "The operator said it would refund tickets for anyone who could not travel."
)


def test_fronted_clause_is_found_on_its_side():
    r = reorder(TRAILING, FRONTED)
    assert r is not None and r.side == "b" and r.word == "because"
    assert r.clause == "high winds closed the harbour"
    assert reorder(FRONTED, TRAILING).side == "a"


def test_bits_are_the_news_log_odds():
    fronted, trailing = ORDER_COUNTS["because"]
    assert math.isclose(order_bits("because"), math.log2((trailing + 1) / (fronted + 1)))
    # News fronts "although" far more often than "because": its reordering says less.
    assert order_bits("although") < order_bits("because")


def test_same_order_or_unrelated_sentences_are_not_reorderings():
    assert reorder(TRAILING, TRAILING) is None
    assert reorder(FRONTED, FRONTED) is None
    # A sentence that merely contains the word, with other words around it, is not the clause moved.
    merged = "Passengers were angry because nobody told them, and the cafe on the harbour closed early."
    assert reorder(merged, FRONTED) is None


def test_compare_uses_clause_order_for_direction():
    spun = STORY.replace(TRAILING, FRONTED)
    forward, backward = compare(STORY, spun), compare(spun, STORY)
    assert forward.original == "a" and backward.original == "b"
    assert any("'because' clause" in s for s in forward.original_signals)
