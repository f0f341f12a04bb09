"""PAN 2013 text alignment: unspun beside plain baselines, scored with the PAN measures.

    .venv/bin/python benchmarks/pan13/run.py [--limit-per-type N] [--workers 2] [--root DIR]

Every pair is aligned by (a) a difflib word-tiling baseline and (b) `unspun.align.align_texts` with
the library's long-documents presets, its sentence matches turned into passages by
`unspun.passages.build_passages` (adapter.py). Pair detection compares a datasketch MinHash Jaccard
threshold (tuned for F1 on the run's own pairs, i.e. on the training corpus) with "build_passages
returns at least one passage" (and, for reference, "align_texts returns at least one sentence
match"). Unlabelled 05-summary pairs (truth without a plagiarism feature) are left out of every
figure. --no-baseline skips (a) while tuning; --passage-set/--clean-set/--align-set override configs.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from dataclasses import dataclass, field, replace
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adapter import LONG_ALIGN, LONG_DOCUMENTS, detections  # noqa: E402
from baselines import DifflibConfig, best_threshold, difflib_passages, minhash_jaccard, tokens  # noqa: E402
from loader import DEFAULT_ROOT, TYPES, PairRef, iter_pair_refs, load_pair  # noqa: E402
from plagdet import Annotation, Scores, evaluate  # noqa: E402

from unspun.passages import PassageConfig  # noqa: E402
from unspun.records import Match  # noqa: E402

Span = tuple[int, int]


@dataclass
class PairResult:
    """Everything measured on one pair: gold, raw unspun matches, both methods' detections, timings."""

    ref: PairRef
    labelled: bool
    cases: list[Annotation]
    jaccard: float
    baseline: list[Annotation]
    unspun_raw: list  # unspun Match per aligned sentence pair
    unspun: list[Annotation] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _anns(key: tuple[str, str], spans) -> list[Annotation]:
    return [Annotation(key, a[0], a[1] - a[0], b[0], b[1] - b[0]) for a, b in spans]


def _work(args: tuple[PairRef, Path, bool, bool, dict, dict]) -> PairResult:
    ref, root, run_baseline, run_unspun, clean_overrides, align_overrides = args
    pair = load_pair(ref, root)
    key = ref.key
    secs: dict[str, float] = {}
    jac, base = 0.0, []
    if run_baseline:
        t = time.perf_counter()
        wa, _ = tokens(pair.susp_text)
        wb, _ = tokens(pair.src_text)
        jac = minhash_jaccard(wa, wb)
        secs["minhash"] = time.perf_counter() - t

        t = time.perf_counter()
        base = _anns(key, difflib_passages(pair.susp_text, pair.src_text, DifflibConfig()))
        secs["difflib"] = time.perf_counter() - t

    raw: list[Match] = []
    if run_unspun:
        from unspun.align import align_texts

        t = time.perf_counter()
        raw = align_texts(pair.susp_text, pair.src_text, replace(LONG_ALIGN, **align_overrides),
                          replace(LONG_DOCUMENTS, **clean_overrides))
        secs["unspun"] = time.perf_counter() - t
    cases = [Annotation(key, c.this_offset, c.this_length, c.source_offset, c.source_length) for c in pair.cases]
    return PairResult(ref, pair.labelled, cases, jac, base, raw, seconds=secs)


def collect(refs: list[PairRef], root: Path, workers: int, run_baseline: bool, run_unspun: bool,
            clean_overrides: dict | None = None, align_overrides: dict | None = None) -> list[PairResult]:
    jobs = [(r, root, run_baseline, run_unspun, clean_overrides or {}, align_overrides or {}) for r in refs]
    if workers <= 1:
        return [_work(j) for j in jobs]
    with Pool(workers) as pool:
        return list(pool.imap(_work, jobs, chunksize=8))


def apply_passages(results: list[PairResult], root: Path, config: PassageConfig,
                   max_sentence_chars: int = LONG_DOCUMENTS.max_sentence_chars) -> None:
    """Passages need the texts (summaries, fitting copies); they are re-read, which is cheap."""
    for r in results:
        if not r.unspun_raw:
            r.unspun = []
            continue
        pair = load_pair(r.ref, root)
        r.unspun = _anns(r.ref.key, detections(r.unspun_raw, pair.susp_text, pair.src_text, config,
                                                     max_sentence_chars))


def pair_prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def score_by_type(results: list[PairResult], method: str) -> dict[str, Scores]:
    """Per-type scores over that type's pairs; 'overall' covers every labelled pair, 01 negatives included."""
    out = {}
    groups = {t: [r for r in results if r.ref.type == t] for t in TYPES[1:]}
    groups["overall"] = results
    for name, rs in groups.items():
        if not rs:
            continue
        cases = [c for r in rs for c in r.cases]
        dets = [d for r in rs for d in getattr(r, method)]
        out[name] = evaluate(cases, dets)
    return out


def table(results: list[PairResult], wall: float, workers: int, threshold: float, processed: int) -> str:
    base = score_by_type(results, "baseline")
    uns = score_by_type(results, "unspun")
    has_unspun = any("unspun" in r.seconds for r in results)
    has_baseline = any("difflib" in r.seconds for r in results)
    lines = []
    hdr = f"{'type':28s} {'pairs':>5s} {'cases':>5s} | {'plagdet':>7s} {'prec':>6s} {'rec':>6s} {'gran':>6s}"
    lines.append(f"{'':42s} | {'baseline (difflib word tiling)':34s} | unspun (align_texts + merge)")
    lines.append(hdr + " | " + f"{'plagdet':>7s} {'prec':>6s} {'rec':>6s} {'gran':>6s}")
    lines.append("-" * len(lines[-1]))
    for name in list(TYPES[1:]) + ["overall"]:
        if name not in base:
            continue
        n = len(results) if name == "overall" else sum(r.ref.type == name for r in results)
        b, u = base[name], uns[name]
        row = f"{name:28s} {n:5d} {u.n_cases:5d} | " + (
            f"{b.plagdet:7.3f} {b.precision:6.3f} {b.recall:6.3f} {b.granularity:6.3f}" if has_baseline else f"{'n/a':>7s}" + " " * 21)
        row += " | " + (f"{u.plagdet:7.3f} {u.precision:6.3f} {u.recall:6.3f} {u.granularity:6.3f}" if has_unspun else "   n/a")
        lines.append(row)
    gold = [bool(r.cases) for r in results]
    bp = pair_prf([r.jaccard >= threshold for r in results], gold)
    lines.append("")
    lines.append(f"pair detection ({sum(gold)} positive, {len(gold) - sum(gold)} negative pairs)        precision  recall     F1")
    if has_baseline:
        lines.append(f"  baseline: MinHash word-5-gram Jaccard >= {threshold:.4f} (tuned) {bp[0]:9.3f} {bp[1]:7.3f} {bp[2]:6.3f}")
    if has_unspun:
        up = pair_prf([bool(r.unspun) for r in results], gold)
        lines.append(f"  unspun:   build_passages returns >= 1 passage      {up[0]:9.3f} {up[1]:7.3f} {up[2]:6.3f}")
        up = pair_prf([bool(r.unspun_raw) for r in results], gold)
        lines.append(f"  (unspun:  align_texts returns >= 1 sentence match  {up[0]:9.3f} {up[1]:7.3f} {up[2]:6.3f})")
    lines.append("")
    n = len(results)  # timings below cover the labelled pairs only
    for name in ("minhash", "difflib", "unspun"):
        cpu = sum(r.seconds.get(name, 0.0) for r in results)
        if cpu:
            lines.append(f"time {name:8s} {cpu:8.1f} s cpu  {n / cpu:8.1f} pairs/s per core")
    lines.append(f"wall {wall:.1f} s for {processed} pairs read and aligned on {workers} worker(s) "
                 f"({processed / wall:.1f} pairs/s, all three methods)")
    lines.append(
        "micro-averaged plagdet (overall): baseline {}, unspun {}".format(
            f"{base['overall'].micro_plagdet:.3f}" if has_baseline else "n/a", f"{uns['overall'].micro_plagdet:.3f}" if has_unspun else "n/a"
        )
    )
    return "\n".join(lines)


def _kv(text: str) -> tuple[str, object]:
    name, _, value = text.partition("=")
    if value in ("True", "False"):
        return name, value == "True"
    return name, float(value) if "." in value else int(value)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="PAN13 corpus directory")
    ap.add_argument("--limit-per-type", type=int, default=None, help="first N pairs of each type")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-unspun", action="store_true", help="baselines only")
    ap.add_argument("--save", type=Path, default=None, help="pickle the per-pair results (offsets only) here")
    ap.add_argument("--no-baseline", action="store_true", help="unspun only (faster while tuning)")
    ap.add_argument("--passage-set", action="append", default=[], metavar="FIELD=VALUE",
                    help="override a PassageConfig field, e.g. max_gap=400 (repeatable)")
    ap.add_argument("--clean-set", action="append", default=[], metavar="FIELD=VALUE",
                    help="override a field of the long-documents CleanConfig, e.g. max_sentence_chars=300")
    ap.add_argument("--align-set", action="append", default=[], metavar="FIELD=VALUE",
                    help="override an AlignConfig field, e.g. min_score=0.35 (repeatable)")
    args = ap.parse_args(argv)

    run_unspun = not args.no_unspun
    if run_unspun:
        try:
            import unspun.align  # noqa: F401
        except ImportError as exc:
            print(f"unspun.align not importable ({exc}); running baselines only", file=sys.stderr)
            run_unspun = False

    refs = list(iter_pair_refs(args.root, TYPES, args.limit_per_type))
    t0 = time.perf_counter()
    results = collect(refs, args.root, args.workers, not args.no_baseline, run_unspun,
                      dict(_kv(s) for s in args.clean_set), dict(_kv(s) for s in args.align_set))
    wall = time.perf_counter() - t0
    skipped = sum(not r.labelled for r in results)
    results = [r for r in results if r.labelled]
    passage_config = replace(PassageConfig(), **dict(_kv(s) for s in args.passage_set))
    clean = replace(LONG_DOCUMENTS, **dict(_kv(s) for s in args.clean_set))
    apply_passages(results, args.root, passage_config, clean.max_sentence_chars)
    threshold, _ = best_threshold([r.jaccard for r in results], [bool(r.cases) for r in results])
    if args.save:
        with open(args.save, "wb") as fh:
            pickle.dump(results, fh)
    print(f"PAN 2013 text alignment, {args.root.name}: {len(results)} labelled pairs "
          f"({skipped} unlabelled 05-summary pairs skipped); unspun: {LONG_DOCUMENTS}, {LONG_ALIGN}, "
          f"overrides clean={args.clean_set or 'none'} align={args.align_set or 'none'} "
          f"passages={args.passage_set or 'none'}")
    print(table(results, wall, args.workers, threshold, len(refs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
