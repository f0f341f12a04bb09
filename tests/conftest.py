"""Shared fixture builders for the core pipeline tests.

The story fixtures in tests/data/core are one local-news article and its offspring:
- original.txt          the source
- doubled_caption.txt   the source with the photo caption scraped twice (’ vs ', extra space)
- truncated.txt         an aggregator copy of the first half
- spun.txt              a machine-spun rewrite (synonym swaps, clause reorders; names/numbers kept)
- other_event.txt       the same mayor and councilmember in a different story
- unrelated.txt         a different story about different people
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unspun.clean import clean_article
from unspun.config import CleanConfig
from unspun.records import Article, CleanArticle

CORE_DATA = Path(__file__).parent / "data" / "core"
STORY_FIXTURES = ("original", "doubled_caption", "truncated", "spun", "other_event", "unrelated")


def fixture_text(name: str) -> str:
    """Text of tests/data/core/<name>.txt exactly as stored."""
    return (CORE_DATA / f"{name}.txt").read_text(encoding="utf-8")


def make_article(ident: str, text: str, **kwargs: str) -> Article:
    """An in-memory Article whose origin says it came from a test."""
    return Article(id=ident, text=text, origin=f"<test:{ident}>", **kwargs)


def load_article(name: str, ident: str | None = None) -> Article:
    return make_article(ident or name, fixture_text(name))


def clean(text_or_article: str | Article, ident: str = "t", config: CleanConfig = CleanConfig()) -> CleanArticle:
    """Clean a raw string (wrapped as an Article) or an Article."""
    article = text_or_article if isinstance(text_or_article, Article) else make_article(ident, text_or_article)
    return clean_article(article, config)


def copy_fixtures(dest: Path, names: tuple[str, ...] = STORY_FIXTURES) -> Path:
    """Copy the named story fixtures into `dest` (a folder the CLI or `scan` can read)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORE_DATA / f"{name}.txt", dest / f"{name}.txt")
    return dest


@pytest.fixture(scope="session")
def story() -> dict[str, CleanArticle]:
    """Every story fixture, cleaned with the default config, keyed by file stem."""
    return {name: clean(load_article(name)) for name in STORY_FIXTURES}


def pair_pmi_by_strings(colloc, text):
    """The string path `Collocations.text_pair_pmi` must equal (its compiled pass is tested against this):
    `_PAIR.findall`, each word normalised as a string, function-word pairs dropped, `pmi_many`."""
    from unspun.edits.collocation import _PAIR, function_words, norm_word

    top = function_words()
    pairs = [(norm_word(a), norm_word(b)) for a, b in _PAIR.findall(text)]
    return pmi_by_strings(colloc, [(a, b) for a, b in pairs if not (a in top and b in top)])


def pmi_by_strings(colloc, pairs):
    """`Collocations.pmi_many` by the string path it had until i15dir2 (the oracle of its compiled lookups):
    each word's count and each "w1 w2" bigram's count found by binary search of the sorted tables."""
    import numpy as np

    from unspun.edits.collocation import _line_hashes

    colloc.load()
    if not pairs:
        return np.zeros(0)
    c1 = colloc._uni.get(_line_hashes([a for a, _ in pairs]))
    c2 = colloc._uni.get(_line_hashes([b for _, b in pairs]))
    return colloc._pmi(c1, c2, colloc._bi.get(_line_hashes([" ".join(p) for p in pairs])))
