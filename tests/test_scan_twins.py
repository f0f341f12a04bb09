"""Articles with byte-identical text are cleaned, fingerprinted and spin-scored once (`scan.text_twins`),
and every one of them still gets its own records, under its own id and metadata."""
from __future__ import annotations

import pytest

from conftest import fixture_text, make_article
from unspun import ScanConfig, scan_articles
from unspun.clean import clean_article
from unspun.config import EmbedConfig
from unspun.scan import article_spin, text_twins


def test_text_twins_numbers_distinct_texts_in_order_of_first_use():
    twins = text_twins(["a b", "c", "a b", "a b ", "c"])
    assert twins.first == [0, 1, 3]  # "a b " (trailing space) is another text: offsets would differ
    assert twins.of == [0, 1, 0, 2, 1]
    assert twins.counts() == [2, 2, 1]


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
