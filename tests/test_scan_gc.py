"""The scan runs with fewer cycle collections and gives the caller's collector settings back."""
from __future__ import annotations

import gc

import pytest

from conftest import fixture_text, make_article
from unspun import ScanConfig, scan_articles
from unspun.config import EmbedConfig
from unspun.scan import _SCAN_GC


def _articles():
    return [make_article("wire", fixture_text("original")), make_article("spun", fixture_text("spun"))]


def test_the_scan_collects_less_often_and_restores_the_callers_thresholds():
    seen = set()
    before = gc.get_threshold()
    gc.set_threshold(900, 11, 12)  # the caller's own choice, not Python's default
    try:
        result = scan_articles(_articles(), ScanConfig(embed=EmbedConfig(enabled=False)),
                               lambda stage, done, total: seen.add(gc.get_threshold()))
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)
    assert seen == {_SCAN_GC}
    assert len(result.pairs) == 1


def test_a_failing_scan_also_restores_them():
    def fail(stage, done, total):
        raise KeyboardInterrupt  # the user stops a long scan

    before = gc.get_threshold()
    with pytest.raises(KeyboardInterrupt):
        scan_articles(_articles(), ScanConfig(embed=EmbedConfig(enabled=False)), fail)
    assert gc.get_threshold() == before != _SCAN_GC


def _slow_chunk(chunk, config, log):
    import time

    with open(log, "a") as fh:
        fh.write(f"{chunk}\n")
    time.sleep(0.2)
    return chunk


def test_a_failing_block_cancels_the_pools_tasks_not_yet_started(tmp_path):
    from unspun.scan import _running

    log = tmp_path / "ran.txt"
    with pytest.raises(KeyboardInterrupt):
        with _running(2, _slow_chunk, range(40), ScanConfig(), (str(log),)):
            raise KeyboardInterrupt  # the user stops the scan while the pool works
    ran = log.read_text().split()
    assert len(ran) < 10  # the tasks already handed to the two workers, not all 40 (8 s of work)
