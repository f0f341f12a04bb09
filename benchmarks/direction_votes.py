"""CPU time of the pair stage's direction votes alone (`edits.direction.votes`), over a synthetic corpus.

Usage: python benchmarks/direction_votes.py [--n 2000] [--rounds 4]
Runs the pair stage untimed (as `pair_stage.py`: `scan.confirm` over every candidate pair, one process) while
recording what each pair hands to `direction.decide`, then times `votes` over the recorded pairs `--rounds`
times, the per-text memos (`_span`, word counts, casing forms, details, specific words, machine style)
cleared before each round so every round reads each article afresh as a scan does. Prints each round's CPU
seconds, the minimum and median, and a digest of the votes (equal digests: equal votes). Run two trees
alternately (PYTHONPATH=tree/src) for a ratio on a shared machine.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

import unspun.edits.compare as compare  # noqa: E402
from unspun import Article, ScanConfig, fingerprint  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402
from unspun.edits import casing, collocation, direction, information, machine_style  # noqa: E402
from unspun.scan import SideCache, Tables, _prepare, candidate_pairs, confirm  # noqa: E402

_MEMOS = (direction._span, collocation.word_count, casing._forms, information.details, fingerprint.specific_words,
          machine_style.machine_style)


def recorded(n: int) -> list[tuple]:
    """(a, b, edits, coverage_a, coverage_b, matches) of every pair the pair stage decides, synthetic corpus."""
    return recorded_of([Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(n)])


def recorded_of(articles: list[Article]) -> list[tuple]:
    """`recorded` over the given articles."""
    cfg = ScanConfig(embed=EmbedConfig(enabled=False), workers=1)
    prepared = [_prepare(a, cfg, with_table=False) for a in articles]
    work = [(i, j, frozenset(ch)) for (i, j), ch in sorted(candidate_pairs(prepared, cfg).items())]
    tables, sides, calls = Tables([p.clean for p in prepared]), SideCache(), []
    decide = compare.decide

    def record(a, b, edits, coverage_a, coverage_b, config, matches=()):
        calls.append((a, b, edits, coverage_a, coverage_b, matches))
        return decide(a, b, edits, coverage_a, coverage_b, config, matches=matches)

    compare.decide = record
    try:
        for i, j, channels in work:
            confirm(tables.prepared(i), tables.prepared(j), channels, cfg, sides=sides)
    finally:
        compare.decide = decide
    return calls


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    calls = recorded(args.n)
    times = []
    for _ in range(args.rounds):
        for memo in _MEMOS:
            memo.cache_clear()
        t = time.process_time()
        found = [direction.votes(a, b, e, ca, cb, None, m) for a, b, e, ca, cb, m in calls]
        times.append(time.process_time() - t)
    digest = hashlib.sha256(repr([(v.signal, v.weight, v.why) for vs in found for v in vs]).encode()).hexdigest()
    ordered = sorted(times)
    print(f"{len(calls)} pairs, votes CPU s per round {' '.join(f'{t:.2f}' for t in times)}; min {ordered[0]:.2f}, "
          f"median {ordered[len(ordered) // 2]:.2f}; digest {digest[:16]}")


if __name__ == "__main__":
    main()
