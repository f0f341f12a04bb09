"""The scan's spin runs in two steps beside the other stages (`scan._spinning`): a few tasks as soon as the
articles are cleaned, the rest when the pair stage ends; each article still gets its own score, in order."""
from __future__ import annotations

import importlib

from conftest import fixture_text, make_article
from unspun.clean import clean_article
from unspun.config import EmbedConfig, ScanConfig
from unspun.scan import article_spin, twins

scan = importlib.import_module("unspun.scan")  # (the package's `scan` is the function)


def test_tapered_chunks_cover_the_items_in_order_the_last_ones_finer():
    chunks = [list(c) for c in scan._tapered(range(23), 5, 2)]
    assert [x for c in chunks for x in c] == list(range(23))
    assert [len(c) for c in chunks] == [5, 5, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]


def test_tapered_with_fewer_items_than_the_tail_cuts_all_finer():
    assert [list(c) for c in scan._tapered(range(3), 10, 4)] == [[0, 1], [2]]


def test_the_spin_handed_over_in_two_steps_scores_each_article_under_its_own_id(monkeypatch):
    base = fixture_text("original")
    texts = [base + f"\n\nA closing line, number {k}, was added by the desk." for k in range(9)]
    articles = [make_article(f"a{k}", t) for k, t in enumerate(texts)]
    articles.append(make_article("twin", texts[4]))  # a twin: scored once, reported under its own id
    cleans = [clean_article(a) for a in articles]
    same = twins(c.article.text for c in cleans)
    monkeypatch.setattr(scan, "_tapered", lambda items, size, tail: ([i] for i in items))  # one article a task
    config = ScanConfig(embed=EmbedConfig(enabled=False))
    done: list[int] = []
    with scan._spinning(cleans, same, 2, config, lambda stage, n, total: done.append(n)) as spin:
        assert len(spin._futures) == int(9 * scan._SPIN_AHEAD) == 1  # handed over at once: an eighth
        spin.release()
        assert len(spin._futures) == 9
        got = spin.collect()
    assert [s.article for s in got] == [a.id for a in articles]
    alone = article_spin(cleans[4])
    assert (got[9].score, got[9].suspects) == (alone.score, alone.suspects) == (got[4].score, got[4].suspects)
    assert done[-1] == len(articles)


def test_a_scan_without_spin_has_none():
    result = scan.scan_articles([make_article("x", fixture_text("original"))],
                                ScanConfig(embed=EmbedConfig(enabled=False), spin=False))
    assert result.spin == ()


class _Released:
    def __init__(self) -> None:
        self.at: list[tuple[str, int]] = []
        self.stage = ("", 0)

    def release(self) -> None:
        self.at.append(self.stage)


def test_the_spin_rest_is_released_near_the_end_of_either_pair_stage():
    """The spin's rest goes to its pool when the pair stage has one task per worker or fewer left: the lexical
    pass's ("align", chunks of `_PAIR_CHUNK`) or, with embeddings, the semantic one's ("assist", its blocks)."""
    spin, seen = _Released(), []

    def report(stage: str, done: int, total: int) -> None:
        seen.append(stage)

    staged = scan._releasing(report, spin, 2)
    for stage, total, step in (("fingerprint", 1000, 100), ("align", 1000, 100), ("assist", 1209, 152)):
        for done in range(0, total + 1, step):
            spin.stage = (stage, done)
            staged(stage, done, total)
    block = scan._worker_block(1209, 2)
    assert block == 152
    assert ("fingerprint", 900) not in spin.at and ("align", 700) not in spin.at and ("align", 800) in spin.at
    # reports at 0, 152, ..., 1064 of 1,209: the first with two blocks or fewer left is 912
    assert min(d for s, d in spin.at if s == "assist") == 912 and ("assist", 760) not in spin.at
    assert seen.count("assist") == 8 and seen.count("align") == 11  # every report still reaches the caller
