"""Articles with byte-identical text are cleaned, fingerprinted and spin-scored once (`scan.twins`),
and every one of them still gets its own records, under its own id and metadata."""
from __future__ import annotations

import pytest

from conftest import fixture_text, make_article
from unspun import ScanConfig, scan_articles
from unspun.clean import clean_article
from unspun.config import EmbedConfig
from unspun.scan import article_spin, confirm, prepare, twins


def test_twins_number_distinct_texts_in_order_of_first_use():
    same = twins(["a b", "c", "a b", "a b ", "c"])
    assert same.first == [0, 1, 3]  # "a b " (trailing space) is another text: offsets would differ
    assert same.of == [0, 1, 0, 2, 1]
    assert same.counts() == [2, 2, 1]
    # results over the distinct texts, in chunks, stand for this many articles so far
    assert [done for _, done in same.covered([["A", "C"], ["A "]])] == [4, 5]


@pytest.mark.parametrize("workers", [1, 2])
def test_each_twin_gets_the_records_it_would_get_alone(workers):
    original, spun = fixture_text("original"), fixture_text("spun")
    articles = [
        make_article("wire", original, source="Wire Service", title="Council approves bridge"),
        make_article("spun", spun),
        make_article("paper-a", original, source="Daily Ledger", url="https://ledger.example/bridge"),
        make_article("paper-b", original + "\n", source="Evening Post"),  # one byte more: not a twin
        make_article("paper-c", original, source="Harbour Times"),
    ]
    config = ScanConfig(embed=EmbedConfig(enabled=False), workers=workers, parallel_min_articles=2)
    result = scan_articles(articles, config)

    assert [c.article for c in result.articles] == articles  # each keeps its own id, source, title, url
    for got, article in zip(result.articles, articles):
        alone = clean_article(article)
        assert (got.sentences, got.removed, got.norm_text) == (alone.sentences, alone.removed, alone.norm_text)
    assert [s.article for s in result.spin] == [a.id for a in articles]
    for got, article in zip(result.spin, articles):
        assert got == article_spin(clean_article(article))
    relations = {frozenset((p.a, p.b)): p.relation for p in result.pairs}
    for a, b in (("wire", "paper-a"), ("wire", "paper-c"), ("paper-a", "paper-c")):
        assert relations[frozenset((a, b))] == "exact"
    assert relations[frozenset(("wire", "spun"))] not in (None, "exact", "same-story")


def test_a_pair_repeated_by_twins_is_the_pair_confirmed_alone():
    """(spun, paper-a) and (spun, paper-c) hold the same two texts in the same order: the second is not
    confirmed again but must equal what confirming it would give, its original named by its own id; a twin
    with a published date of its own is confirmed on its own (the direction reads dates)."""
    original, spun = fixture_text("original"), fixture_text("spun")
    articles = [
        make_article("wire", original),
        make_article("spun", spun),
        make_article("paper-a", original),
        make_article("paper-c", original),
        make_article("paper-d", original, published="2026-03-02"),
    ]
    config = ScanConfig(embed=EmbedConfig(enabled=False), workers=1)
    result = scan_articles(articles, config)
    by_id = {a.id: a for a in articles}
    checked = 0
    for p in result.pairs:
        if "spun" not in (p.a, p.b):
            continue
        alone = confirm(prepare(by_id[p.a], config), prepare(by_id[p.b], config), p.channels, config)
        assert (p.relation, p.score, p.matches, p.edits, p.original, p.original_confidence, p.original_signals) == (
            alone.relation, alone.score, alone.matches, alone.edits, alone.original, alone.original_confidence,
            alone.original_signals)
        checked += 1
    assert checked == 4
    assert {p.original for p in result.pairs if "spun" in (p.a, p.b)} >= {"wire", "paper-a", "paper-c"}
