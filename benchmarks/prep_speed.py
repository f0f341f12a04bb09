"""CPU per stage of prepare and of the lexical pair stage, and of a whole `--no-edits` scan, for one tree.

Usage: PYTHONPATH=TREE/src python benchmarks/prep_speed.py [--n 1500] [--rounds 3] [--scan 3000] [--cold]
       PYTHONPATH=TREE/src python benchmarks/prep_speed.py --prepare [--n 2000] [--rounds 3] [--against BASE/src]
                                                            [--ab 5] [--texts 'GLOB']
Prints, in ms of process CPU (best of `--rounds` passes: the pass least disturbed by other jobs):
per article clean (`clean_article`), fingerprint (`fingerprint` without features: immutables + MinHash) and
the pair stage's feature table (`scan.Tables`, as a pair worker builds it); per candidate pair the pair
stage without edits (`confirm`: align, relation, make_pair) over prebuilt tables. The per-text memos the
pair stage fills (sentence features/immutables, specific words) are emptied before each pass, as a scan
fills them once. With `--scan N`, one whole scan of N synthetic articles (lexical, no edits, 2 workers):
CPU seconds of the process and its children (`os.times`). Run two trees alternately for ratios.

`--prepare` prints only the prepare stage as a scan's workers run it (`scan._prepare_chunk` over chunks of
250 articles: clean, fingerprint, text keys, the pickled signatures), in ms of CPU an article, best of
`--rounds` passes, each from empty per-thread word tables (a freshly forked worker). With `--against
BASE/src` it runs that figure for this tree and for BASE in child processes, alternately, `--ab` times each,
and prints each round's ratio base / this.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig, fingerprint as fp, provenance, scan_articles  # noqa: E402
from unspun.align import assign  # noqa: E402
from unspun.clean import clean_article  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402
from unspun.scan import Tables, _prepare, candidate_pairs, confirm  # noqa: E402
from unspun.sketch import sketch_batch  # noqa: E402


COLD = False
"""With `--cold`, each pass also starts from empty per-thread word tables and word-frequency memos, as a
freshly forked worker does (wordfreq's list stays loaded: a scan reads it once)."""


def _forget() -> None:
    """Empty the per-text memos the pair stage fills (whichever this tree has)."""
    for module, name in ((fp, "sentence_features"), (fp, "sentence_immutables"), (fp, "specific_words"),
                         (provenance, "sentence_figures_and_names"), (provenance, "_folded")):
        clear = getattr(getattr(module, name, None), "cache_clear", None)
        if clear:
            clear()
    if COLD:
        import wordfreq
        from unspun import tokens

        fp._local.__dict__.clear()
        tokens.zipf.cache_clear()
        wordfreq._wf_cache.clear()


def best_ms(fn, items, rounds: int, per: int | None = None) -> float:
    """Least process CPU of `rounds` passes of fn over items, in ms per item (or per `per`)."""
    best = float("inf")
    for _ in range(rounds):
        _forget()
        t = time.process_time()
        fn(items)
        best = min(best, time.process_time() - t)
    return 1000 * best / max(1, per or len(items))


def whole_scan(n: int) -> float:
    """CPU seconds (process and children) of one lexical `--no-edits` scan of n synthetic articles, 2 workers."""
    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(n)]
    t0 = os.times()
    result = scan_articles(articles, ScanConfig(embed=EmbedConfig(enabled=False), edits=False, workers=2))
    t1 = os.times()
    cpu = (t1.user + t1.system + t1.children_user + t1.children_system) - (
        t0.user + t0.system + t0.children_user + t0.children_system)
    print(f"whole scan, {n} articles, --no-edits, 2 workers: CPU {cpu:.2f} s, {len(result.pairs)} pairs")
    return cpu


def prepare_ms(n: int, rounds: int, texts: str | None = None) -> float:
    """Least CPU of `rounds` passes of `scan._prepare_chunk` over n synthetic articles (or the first n files
    matching the glob `texts`, read at run time) in chunks of 250, in ms an article; each pass from empty
    per-thread word tables, the compiled kernels loaded first."""
    from glob import glob

    from unspun.scan import _load_kernels, _prepare_chunk

    cfg = ScanConfig(embed=EmbedConfig(enabled=False), workers=1, edits=False)
    if texts:
        paths = sorted(glob(texts))[:n]
        articles = [Article(p, Path(p).read_text(encoding="utf-8", errors="replace"), p) for p in paths]
        n = len(articles)
    else:
        articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(n)]
    _load_kernels(cfg)
    chunks = [articles[k : k + 250] for k in range(0, n, 250)]
    best = float("inf")
    for _ in range(rounds):
        fp._local.__dict__.clear()
        t = time.process_time()
        for chunk in chunks:
            _prepare_chunk(chunk, cfg)
        best = min(best, time.process_time() - t)
    return 1000 * best / n


def prepare_ab(base: str, n: int, rounds: int, times: int, texts: str | None) -> None:
    """`prepare_ms` of BASE and of this tree in child processes, alternately, `times` rounds."""
    here = str(Path(__file__).resolve().parents[1] / "src")
    ratios = []
    for r in range(times):
        ms = {}
        for name, src in (("base", base), ("this", here)):
            more = ["--texts", texts] if texts else []
            out = subprocess.run([sys.executable, __file__, "--prepare", "--n", str(n), "--rounds", str(rounds), *more],
                                 env={**os.environ, "PYTHONPATH": src}, capture_output=True, text=True, check=True)
            ms[name] = float(out.stdout.split()[-2])
        ratios.append(ms["base"] / ms["this"])
        print(f"round {r + 1} (load {os.getloadavg()[0]:.1f}): prepare base {ms['base']:.3f}, this "
              f"{ms['this']:.3f} ms/article, ratio {ratios[-1]:.2f}x", flush=True)
    print(f"prepare ratio base/this over {times} rounds: min {min(ratios):.2f}x, median "
          f"{sorted(ratios)[len(ratios) // 2]:.2f}x, max {max(ratios):.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scan", type=int, default=0, help="also time one whole --no-edits scan of this many articles")
    ap.add_argument("--cold", action="store_true", help="empty the per-thread word tables before each pass too")
    ap.add_argument("--prepare", action="store_true", help="only the prepare stage (`_prepare_chunk`)")
    ap.add_argument("--against", help="with --prepare: a base tree's src, run alternately with this one")
    ap.add_argument("--ab", type=int, default=5, help="with --against: rounds of each tree")
    ap.add_argument("--texts", help="with --prepare: a glob of text files to prepare instead of synthetic articles")
    args = ap.parse_args()
    if args.prepare and args.against:
        return prepare_ab(args.against, args.n, args.rounds, args.ab, args.texts)
    if args.prepare:
        print(f"prepare {prepare_ms(args.n, args.rounds, args.texts):.4f} ms/article")
        return
    global COLD
    COLD = args.cold
    cfg = ScanConfig(embed=EmbedConfig(enabled=False), workers=1, edits=False)
    articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(args.n)]
    sketch_batch(["load the compiled kernels outside the timing"])
    assign(__import__("numpy").ones((2, 2)), 0.5)  # scipy's import, outside the timing
    Tables([clean_article(articles[0], cfg.clean)])[0]
    clean_ms = best_ms(lambda xs: [clean_article(a, cfg.clean) for a in xs], articles, args.rounds)
    cleans = [clean_article(a, cfg.clean) for a in articles]
    finger_ms = best_ms(lambda xs: [fp.fingerprint(c, None, cfg.fingerprint) for c in xs], cleans, args.rounds)
    table_ms = best_ms(lambda xs: [Tables(xs)[i] for i in range(len(xs))], cleans, args.rounds)
    prepared = [_prepare(a, cfg, with_table=False) for a in articles]
    work = [(i, j, frozenset(ch)) for (i, j), ch in sorted(candidate_pairs(prepared, cfg).items())]
    tables = Tables(cleans, keep=len(cleans))
    for i in range(len(cleans)):
        tables[i]

    def pairs(items) -> None:
        for i, j, channels in items:
            confirm(tables.prepared(i), tables.prepared(j), channels, cfg)

    pair_ms = best_ms(pairs, work, args.rounds)
    print(f"{args.n} synthetic articles ({len(work)} candidates), best of {args.rounds}, load average "
          f"{os.getloadavg()[0]:.1f}: clean {clean_ms:.3f}, fingerprint {finger_ms:.3f}, feature table "
          f"{table_ms:.3f} ms/article; pair stage without edits {pair_ms:.3f} ms/candidate")
    if args.scan:
        whole_scan(args.scan)


if __name__ == "__main__":
    main()
