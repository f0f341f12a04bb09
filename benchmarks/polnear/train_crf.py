"""Train unspun's learned attribution tagger on PolNeAR train and score it on dev.

    python benchmarks/polnear/train_crf.py [--limit-train N] [--iterations 120] [--rules]

PolNeAR has no stated licence: the model is written to a temporary directory and deleted after the
run (never shipped, never committed).  One example per annotation file (multi-annotator texts count
once per annotator in training); dev scoring averages over annotators (score.py).  --rules also runs
the parse-based rule extractor (unspun.claims) in the same run for the comparison row.  The test
split is never read.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

from loader import load_split  # noqa: E402
from score import PUBLISHED, ROLES, TARGET, Scores, score_document  # noqa: E402

from unspun.claims.crf import Attribution, AttributionConfig, temp_model_dir, train_tagger  # noqa: E402

RULES_DOCUMENTED = {"source": 58.9, "cue": 58.3, "content": 42.5}  # docs/claims.md, run.py --split dev


def _row(name: str, f: dict[str, float]) -> str:
    return f"{name:<26}{f['source']:>8.1f}{f['cue']:>8.1f}{f['content']:>9.1f}"


def _scores(docs, preds) -> Scores:
    s = Scores()
    for d, p in zip(docs, preds):
        score_document(d, p, s)
    return s


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit-train", type=int, default=0)
    ap.add_argument("--limit-dev", type=int, default=0)
    ap.add_argument("--iterations", type=int, default=AttributionConfig.max_iterations)
    ap.add_argument("--c1", type=float, default=AttributionConfig.c1)
    ap.add_argument("--c2", type=float, default=AttributionConfig.c2)
    ap.add_argument("--rules", action="store_true", help="also run the rule extractor (spaCy) on dev")
    ap.add_argument("--keep", type=Path, default=None, help="write the model here instead of a temp dir")
    args = ap.parse_args()
    train = load_split("train")
    dev = load_split("dev")
    if args.limit_train:
        train = train[: args.limit_train]
    if args.limit_dev:
        dev = dev[: args.limit_dev]
    examples = [
        (d.text, [Attribution(a.source, a.cue, a.content) for a in ann.attributions])
        for d in train
        for ann in d.annotations
    ]
    model_dir = args.keep or temp_model_dir()
    cfg = AttributionConfig(c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    try:
        t0 = time.perf_counter()
        tagger = train_tagger(examples, model_dir, cfg)
        train_s = time.perf_counter() - t0
        tagger.tag("Warm-up, she said.")
        t0, c0 = time.perf_counter(), time.process_time()
        preds = tagger.tag_many([d.text for d in dev])
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        if args.keep is None:
            shutil.rmtree(model_dir, ignore_errors=True)
    scores = _scores(dev, preds)
    rule_scores = None
    if args.rules:
        from run import claims_to_polnear

        from unspun.claims import ClaimExtractor

        ex = ClaimExtractor()
        claims = ex.extract_many([d.text for d in dev])
        rule_scores = _scores(dev, [claims_to_polnear(d.text, c) for d, c in zip(dev, claims)])

    n_ann = sum(len(d.annotations) for d in dev)
    print(f"trained on PolNeAR train: {len(train)} texts, {len(examples)} annotations, "
          f"{cfg.max_iterations} iterations, c1={cfg.c1} c2={cfg.c2}, {train_s:.0f} s")
    print(f"PolNeAR dev: {len(dev)} texts, {n_ann} annotations (multi-annotator texts weighted 1/k)")
    print(f"{'system':<26}{'source':>8}{'cue':>8}{'content':>9}   (F1, %)")
    for name, f in PUBLISHED.items():
        print(_row(name + " (exact)", f))
    if rule_scores is None:
        print(_row("unspun rules (exact)*", RULES_DOCUMENTED))
    else:
        print(_row("unspun rules (exact)", {r: 100 * rule_scores.roles[r].f1(True)[2] for r in ROLES}))
        print(_row("unspun rules (overlap)", {r: 100 * rule_scores.roles[r].f1(False)[2] for r in ROLES}))
    print(_row("unspun CRF (exact)", {r: 100 * scores.roles[r].f1(True)[2] for r in ROLES}))
    print(_row("unspun CRF (overlap)", {r: 100 * scores.roles[r].f1(False)[2] for r in ROLES}))
    print(_row("target (exact)", TARGET))
    for r in ROLES:
        p, rc, _ = scores.roles[r].f1(True)
        po, ro, _ = scores.roles[r].f1(False)
        print(f"  CRF {r:<8} exact P {100*p:5.1f} R {100*rc:5.1f} | overlap P {100*po:5.1f} R {100*ro:5.1f}")
    if rule_scores is None:
        print("  * rules row as documented in docs/claims.md (run with --rules to measure it here)")
    words = sum(len(d.text.split()) for d in dev) / len(dev)
    print(f"CRF speed: {len(dev) / dt:.1f} articles/s wall on 1 process, {len(dev) / cpu:.1f} per CPU-second "
          f"(mean {words:.0f} words/article)")


if __name__ == "__main__":
    main()
