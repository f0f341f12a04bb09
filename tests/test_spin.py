"""Lone-article spin score: substituted-looking words are found, a clean article scores low."""
from __future__ import annotations

from unspun.spin import spin_score

CLEAN = (
    "Defence minister Orla Kestrell met senior officers in the capital on Monday. "
    "Kestrell said the army would keep its winter training schedule. "
    "Officials said the new barracks were only the tip of the iceberg. Kestrell left at noon."
)


def test_clean_article_scores_low():
    result = spin_score(CLEAN)
    assert result.score < 0.3
    assert result.suspects == ()


def test_name_replaced_by_lookalike_common_word_is_suspect():
    spun = CLEAN.replace("Kestrell said", "The kestrel said")
    result = spin_score(spun)
    assert any(s.text == "kestrel" for s in result.suspects)
    assert result.score > spin_score(CLEAN).score


def test_broken_fixed_expression_is_suspect_and_spans_slice():
    spun = CLEAN.replace("tip of the iceberg", "top of the iceberg")
    result = spin_score(spun)
    assert [spun[s.span[0]:s.span[1]] for s in result.suspects] == ["top of the iceberg"]
