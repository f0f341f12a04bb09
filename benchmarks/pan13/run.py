"""PAN 2013 text alignment: unspun beside plain baselines, scored with the PAN measures.

    .venv/bin/python benchmarks/pan13/run.py [--limit-per-type N] [--workers 2] [--root DIR]

Every pair is aligned by (a) a difflib word-tiling baseline and (b) `unspun.align.align_texts` with
sentence matches merged into passages (adapter.py). Pair detection compares a datasketch MinHash
Jaccard threshold (tuned for F1 on the run's own pairs, i.e. on the training corpus) with "align_texts
returns at least one sentence match" (the passage filters in adapter.py are for char precision and
would cost pair recall). Unlabelled 05-summary pairs (truth without a plagiarism feature) are
left out of every figure.
"""
from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from dataclasses import dataclass, field, replace
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adapter import MergeConfig, merge_matches  # noqa: E402
from baselines import DifflibConfig, best_threshold, difflib_passages, minhash_jaccard, tokens  # noqa: E402
from loader import DEFAULT_ROOT, TYPES, PairRef, iter_pair_refs, load_pair  # noqa: E402
from plagdet import Annotation, Scores, evaluate  # noqa: E402

Span = tuple[int, int]


@dataclass
class PairResult:
    """Everything measured on one pair: gold, raw unspun matches, both methods' detections, timings."""

    ref: PairRef
    labelled: bool
    cases: list[Annotation]
    jaccard: float
    baseline: list[Annotation]
    unspun_raw: list[tuple[Span, Span, float]]  # (susp span, src span, score) per sentence match
    unspun: list[Annotation] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _anns(key: tuple[str, str], spans) -> list[Annotation]:
    return [Annotation(key, a[0], a[1] - a[0], b[0], b[1] - b[0]) for a, b in spans]


_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def join_lines(text: str) -> str:
    """Single newlines to spaces, so only blank lines separate paragraphs; offsets are unchanged."""
    return _LONE_NEWLINE.sub(" ", text)


_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s)|$)", re.M)


def chunk_long(text: str, target: int = 200) -> str:
    """join_lines, then cut sentences longer than `target` chars into ~`target`-char pieces by turning
    a space into a newline (a paragraph break for unspun's splitter); offsets are unchanged."""
    joined = join_lines(text)
    chars = list(joined)
    for m in _SENTENCE.finditer(joined):
        if m.end() - m.start() <= 1.5 * target:
            continue
        last = m.start()
        for i in range(m.start(), m.end()):
            if chars[i] == " " and i - last >= target and m.end() - i >= target // 2:
                chars[i] = "\n"
                last = i
    return "".join(chars)


PREP = {"none": lambda t: t, "join-lines": join_lines, "chunk-200": chunk_long,
        "chunk-120": lambda t: chunk_long(t, 120), "chunk-300": lambda t: chunk_long(t, 300)}


def _work(args: tuple[PairRef, Path, bool, str, dict[str, float]]) -> PairResult:
    ref, root, run_unspun, prep, overrides = args
    pair = load_pair(ref, root)
    key = ref.key
    secs: dict[str, float] = {}

    t = time.perf_counter()
    wa, _ = tokens(pair.susp_text)
    wb, _ = tokens(pair.src_text)
    jac = minhash_jaccard(wa, wb)
    secs["minhash"] = time.perf_counter() - t

    t = time.perf_counter()
    base = _anns(key, difflib_passages(pair.susp_text, pair.src_text, DifflibConfig()))
    secs["difflib"] = time.perf_counter() - t

    raw: list[tuple[Span, Span, float]] = []
    if run_unspun:
        from unspun.align import align_texts
        from unspun.config import AlignConfig

        config = replace(AlignConfig(), **overrides)
        t = time.perf_counter()
        matches = align_texts(PREP[prep](pair.susp_text), PREP[prep](pair.src_text), config)
        secs["unspun"] = time.perf_counter() - t
        raw = [(tuple(m.a_span), tuple(m.b_span), float(m.score)) for m in matches]
    cases = [Annotation(key, c.this_offset, c.this_length, c.source_offset, c.source_length) for c in pair.cases]
    return PairResult(ref, pair.labelled, cases, jac, base, raw, seconds=secs)


def collect(refs: list[PairRef], root: Path, workers: int, run_unspun: bool, prep: str = "none",
            overrides: dict[str, float] | None = None) -> list[PairResult]:
    jobs = [(r, root, run_unspun, prep, overrides or {}) for r in refs]
    if workers <= 1:
        return [_work(j) for j in jobs]
    with Pool(workers) as pool:
        return list(pool.imap(_work, jobs, chunksize=8))


def apply_merge(results: list[PairResult], config: MergeConfig) -> None:
    for r in results:
        r.unspun = _anns(r.ref.key, merge_matches(r.unspun_raw, config))


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
        row = f"{name:28s} {n:5d} {b.n_cases:5d} | {b.plagdet:7.3f} {b.precision:6.3f} {b.recall:6.3f} {b.granularity:6.3f}"
        row += " | " + (f"{u.plagdet:7.3f} {u.precision:6.3f} {u.recall:6.3f} {u.granularity:6.3f}" if has_unspun else "   n/a")
        lines.append(row)
    gold = [bool(r.cases) for r in results]
    bp = pair_prf([r.jaccard >= threshold for r in results], gold)
    lines.append("")
    lines.append(f"pair detection ({sum(gold)} positive, {len(gold) - sum(gold)} negative pairs)        precision  recall     F1")
    lines.append(f"  baseline: MinHash word-5-gram Jaccard >= {threshold:.4f} (tuned) {bp[0]:9.3f} {bp[1]:7.3f} {bp[2]:6.3f}")
    if has_unspun:
        up = pair_prf([bool(r.unspun_raw) for r in results], gold)
        lines.append(f"  unspun:   align_texts returns >= 1 sentence match  {up[0]:9.3f} {up[1]:7.3f} {up[2]:6.3f}")
    lines.append("")
    n = len(results)  # timings below cover the labelled pairs only
    for name in ("minhash", "difflib", "unspun"):
        cpu = sum(r.seconds.get(name, 0.0) for r in results)
        if cpu:
            lines.append(f"time {name:8s} {cpu:8.1f} s cpu  {n / cpu:8.1f} pairs/s per core")
    lines.append(f"wall {wall:.1f} s for {processed} pairs read and aligned on {workers} worker(s) "
                 f"({processed / wall:.1f} pairs/s, all three methods)")
    lines.append(
        "micro-averaged plagdet (overall): baseline {:.3f}, unspun {}".format(
            base["overall"].micro_plagdet, f"{uns['overall'].micro_plagdet:.3f}" if has_unspun else "n/a"
        )
    )
    return "\n".join(lines)


def _kv(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    return name, float(value) if "." in value else int(value)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="PAN13 corpus directory")
    ap.add_argument("--limit-per-type", type=int, default=None, help="first N pairs of each type")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-unspun", action="store_true", help="baselines only")
    ap.add_argument("--save", type=Path, default=None, help="pickle the per-pair results (offsets only) here")
    ap.add_argument("--max-gap", type=int, default=MergeConfig.max_gap)
    ap.add_argument("--min-single-chars", type=int, default=MergeConfig.min_single_chars)
    ap.add_argument("--min-single-score", type=float, default=MergeConfig.min_single_score)
    ap.add_argument("--min-match-score", type=float, default=MergeConfig.min_score)
    ap.add_argument("--prep", choices=sorted(PREP), default="none",
                    help="length-preserving rewrite of both texts before align_texts (prototyping)")
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
    results = collect(refs, args.root, args.workers, run_unspun, args.prep,
                      dict(_kv(s) for s in args.align_set))
    wall = time.perf_counter() - t0
    skipped = sum(not r.labelled for r in results)
    results = [r for r in results if r.labelled]
    apply_merge(results, MergeConfig(max_gap=args.max_gap, min_single_chars=args.min_single_chars,
                                     min_single_score=args.min_single_score, min_score=args.min_match_score))
    threshold, _ = best_threshold([r.jaccard for r in results], [bool(r.cases) for r in results])
    if args.save:
        with open(args.save, "wb") as fh:
            pickle.dump(results, fh)
    print(f"PAN 2013 text alignment, {args.root.name}: {len(results)} labelled pairs "
          f"({skipped} unlabelled 05-summary pairs skipped); unspun prep={args.prep} "
          f"align overrides={args.align_set or 'none'}")
    print(table(results, wall, args.workers, threshold, len(refs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
