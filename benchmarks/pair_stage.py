"""CPU time (or a pyinstrument profile) of the scan's pair stage alone, over a synthetic corpus.

Usage: python benchmarks/pair_stage.py [--n 1000] [--ai] [--no-edits | --explain-only] [--profile OUT.txt]
`--ai` runs over the 500 texts of ../shared/data/ai-rewrites-wiki (long fluent rewrites) instead.
`--explain-only` times only `classify.explain` (the word diff and the edit rules, no direction vote) over the
confirmed pairs, aligned untimed first: a steadier figure for work on the rules than the whole stage.
Prepares the articles and finds the candidate pairs untimed, then runs `scan.confirm` (align, relation,
explain, direction) over every candidate pair in one process, as a pair worker does (`Tables`, `SideCache`),
and prints the CPU seconds. Run two trees back to back (PYTHONPATH=tree/src) for a ratio on a shared machine.
What the scan loads in its parent before the pair workers fork (the compiled kernels, the n-gram table, wordfreq's
list, scipy's solver) is loaded untimed here too: a worker inherits it (until i15pairs the kernels, wordfreq
and scipy were timed). scipy's import is done here, not only through `scan._load_kernels`, so that a tree whose
scan does not load it before forking is timed without it too. The run has the scan's collector thresholds
(`scan.fewer_collections`) where the tree has them.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig  # noqa: E402
from unspun.align import assign  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402
from unspun.edits.classify import explain  # noqa: E402
from unspun.edits.collocation import shared  # noqa: E402
from unspun.fingerprint import load_details  # noqa: E402
from unspun.scan import SideCache, Tables, _load_kernels, _prepare, candidate_pairs, confirm  # noqa: E402

try:  # the scan's collector thresholds (stop 32 on); an older tree is timed with the default ones it ran with
    from unspun.scan import fewer_collections  # noqa: E402
except ImportError:
    from contextlib import nullcontext as fewer_collections  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--ai", action="store_true", help="the ai-rewrites-wiki texts instead of synthetic ones")
    ap.add_argument("--no-edits", action="store_true", help="the pair stage without the edit explanation")
    ap.add_argument("--explain-only", action="store_true", help="time classify.explain alone over the confirmed pairs")
    ap.add_argument("--profile", type=Path, help="write a pyinstrument profile (0.5 ms) here instead of timing")
    args = ap.parse_args()
    cfg = ScanConfig(embed=EmbedConfig(enabled=False), workers=1, edits=not (args.no_edits or args.explain_only))
    if args.ai:
        from scan_identical import AI_DATA, ai_articles

        articles = ai_articles(AI_DATA)
    else:
        articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(args.n)]
    prepared = [_prepare(a, cfg, with_table=False) for a in articles]
    work = [(i, j, frozenset(ch)) for (i, j), ch in sorted(candidate_pairs(prepared, cfg).items())]
    tables, sides = Tables([p.clean for p in prepared]), SideCache()
    _load_kernels(cfg)  # what the scan's parent loads before its workers fork (`scan._load_kernels`,
    shared().load()  # `scan._confirm_all`): the compiled kernels, the n-gram table, wordfreq's list
    load_details()
    assign(np.ones((2, 2)), 0.5)  # scipy's solver imported (two candidates for one sentence)

    if args.explain_only:  # the pairs aligned untimed; `explain` is what `explain_pair` runs on each
        found = [(tables.prepared(i).clean, tables.prepared(j).clean, p) for i, j, ch in work
                 if (p := confirm(tables.prepared(i), tables.prepared(j), ch, cfg)) and p.relation != "exact"]

        def run() -> None:
            for a, b, pair in found:
                explain(a, b, pair.matches, cfg.explain, sides)
    else:
        found = work

        def run() -> None:
            for i, j, channels in work:
                confirm(tables.prepared(i), tables.prepared(j), channels, cfg, sides=sides)

    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        with fewer_collections():
            run()
        profiler.stop()
        args.profile.write_text(profiler.output_text(unicode=False, color=False))
        return
    t = time.process_time()
    with fewer_collections():
        run()
    dt = time.process_time() - t
    what = " (explain only)" if args.explain_only else ""
    print(f"{len(found)} pairs{what}, {dt:.2f} s CPU, {1000 * dt / max(len(found), 1):.2f} ms/pair")


if __name__ == "__main__":
    main()
