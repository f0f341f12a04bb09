"""Kill -9 in the middle of `unspun index add` of 5,000 articles, run it again: nothing lost or doubled.

The subprocess is really killed (SIGKILL) while a batch is in flight, twice; the index is checked after
each kill (consistent on its own) and after the final run (identical to an uninterrupted run).
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from unspun.store.index import Index

N_ARTICLES = 5000
N_GROUPS = 500  # story groups of three (original, renamed exact copy, rewrite); the rest are singletons
BATCH = 250

SYLLABLES = "ka lo mi ne ru sa ti vo de pa gre tor lin mar bes cul fen hob jur kel nav pim quo ras sul tev".split()


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(n)]


def synthetic_articles(n: int = N_ARTICLES, groups: int = N_GROUPS, seed: int = 11) -> list[dict]:
    """`groups` story groups of three (an original, a renamed exact copy, a light rewrite) and
    unrelated single articles up to `n`, shuffled."""
    rng = random.Random(seed)
    vocab = _words(rng, 3000)
    swap = {w: rng.choice(vocab) for w in vocab}
    names = [w.capitalize() for w in _words(rng, 800)]
    function = "the a of to in and that for on with as by at from was is were has had will said".split()

    def sentences() -> list[str]:
        out = []
        for _ in range(rng.randint(5, 7)):
            words = []
            for _ in range(rng.randint(10, 14)):
                x = rng.random()
                words.append(rng.choice(function) if x < 0.35 else rng.choice(names) if x < 0.45
                             else str(rng.randint(2, 9000)) if x < 0.5 else rng.choice(vocab))
            words[0] = words[0].capitalize()
            out.append(" ".join(words) + ".")
        return out

    out = []
    for g in range(groups):
        sents = sentences()
        original = " ".join(sents)
        spun = " ".join(" ".join(swap.get(w, w) if rng.random() < 0.2 else w for w in s.split()) for s in sents)
        for kind, text in (("o", original), ("c", original), ("s", spun)):
            out.append({"id": f"g{g:04d}-{kind}", "text": text, "url": f"https://site-{kind}.example/{g}"})
    for k in range(n - len(out)):
        out.append({"id": f"single-{k:04d}", "text": " ".join(sentences()), "url": f"https://other.example/{k}"})
    rng.shuffle(out)
    return out


def _run_add(jsonl: Path, db: Path, kill_after: int | None) -> tuple[int, str]:
    """Run `unspun index add`; with kill_after, SIGKILL it while the batch after that many articles runs."""
    cmd = [sys.executable, "-c", "from unspun.cli import main; main()", "index", "add", str(jsonl),
           "--db", str(db), "--batch-size", str(BATCH)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = threading.Event()
    log: list[bytes] = []

    def watch() -> None:
        buf = b""
        while True:
            chunk = proc.stderr.read1(4096) if hasattr(proc.stderr, "read1") else proc.stderr.read(1)
            if not chunk:
                return
            log.append(chunk)
            buf = (buf + chunk)[-200:]
            for part in buf.replace(b"\r", b"\n").split(b"\n"):
                words = part.split()
                if kill_after is not None and len(words) >= 2 and words[1] == b"articles" and words[0].isdigit():
                    if int(words[0]) >= kill_after:
                        seen.set()

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    if kill_after is None:
        proc.wait(timeout=900)
    else:
        assert seen.wait(timeout=900), b"".join(log).decode(errors="replace")
        time.sleep(0.25)  # land inside the next batch (prepare / confirm / transaction)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    t.join(timeout=10)
    return proc.returncode, b"".join(log).decode(errors="replace")


def _snapshot(db: Path) -> tuple[int, set[str], set[tuple[str, str, str]], set[frozenset[str]], list[str]]:
    with Index(str(db), read_only=True) as ix:
        con = ix._cursor()
        count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        ids = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        pairs = {tuple(r) for r in con.execute(
            "SELECT x.id, y.id, p.relation FROM pairs p JOIN articles x ON x.n = p.a JOIN articles y ON y.n = p.b"
        ).fetchall()}
        stories = {frozenset(s.articles) for s in ix.stories(min_size=1, limit=100_000)}
        return count, ids, pairs, stories, ix.verify()


@pytest.mark.slow
def test_kill_9_during_index_add_loses_and_doubles_nothing(tmp_path):
    articles = synthetic_articles()
    assert len(articles) == N_ARTICLES
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = tmp_path / "crashed.duckdb"
    reference = tmp_path / "reference.duckdb"
    ref_result: list[tuple[int, str]] = []
    ref = threading.Thread(target=lambda: ref_result.append(_run_add(jsonl, reference, kill_after=None)))
    ref.start()  # the uninterrupted run, on the other core

    code, log = _run_add(jsonl, db, kill_after=1000)
    assert code == -signal.SIGKILL, log
    count, ids, _, _, problems = _snapshot(db)
    assert 1000 <= count < 5000 and count % BATCH == 0  # whole batches only
    assert problems == []

    code, log = _run_add(jsonl, db, kill_after=3000)  # re-run, killed again further on
    assert code == -signal.SIGKILL, log
    count2, _, _, _, problems = _snapshot(db)
    assert count <= count2 < 5000 and problems == []

    code, log = _run_add(jsonl, db, kill_after=None)
    assert code == 0, log
    count, ids, pairs, stories, problems = _snapshot(db)
    assert count == 5000 and ids == {a["id"] for a in articles}  # none lost, none doubled
    assert problems == []

    ref.join()
    code, log = ref_result[0]
    assert code == 0, log
    _, ref_ids, ref_pairs, ref_stories, _ = _snapshot(reference)
    assert ids == ref_ids and pairs == ref_pairs and stories == ref_stories
    # and the detector did its job on the synthetic groups: copies found, groups joined
    linked = [s for s in stories if len(s) > 1]
    assert len(pairs) >= 2.5 * N_GROUPS and len(linked) >= 0.95 * N_GROUPS
