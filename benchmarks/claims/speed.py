"""Claims extraction speed on news-length articles: the extractor as it was at a baseline commit
beside the current one, in the same run (the machine is shared, so only same-run ratios mean much).

    python benchmarks/claims/speed.py [--baseline 11b419d] [--limit 300] [--min-words 200] [--rounds 2]

Texts: PolNeAR articles (real 2016 news, ~800 words) read from ../shared/data at run time only.
Each configuration (baseline / current x 1 / 2 processes) runs `extract_many` over all texts, in
alternating rounds; the best round is reported as articles/s wall, plus articles per CPU-second of
the parent process for the 1-process runs.  Model load is excluded.  Quality is not measured here:
see run.py (own and held-out sets) and ../polnear/run.py.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

import unspun
from unspun import claims as current

POLNEAR = Path("/work/shared/data/polnear/data")
BASELINE = "11b419d"  # claims.py before the speed work of issue 5 (paragraph filter, 1 process: 8-19 art/s)


def load_texts(limit: int, min_words: int) -> list[str]:
    paths = sorted((POLNEAR / "dev" / "text").glob("*.txt")) + sorted((POLNEAR / "train" / "text").glob("*.txt"))
    texts = (p.read_text(encoding="utf-8") for p in paths)
    return [t for t in texts if len(t.split()) >= min_words][:limit]


def baseline_module(rev: str) -> ModuleType:
    """src/unspun/claims.py at `rev`, imported as unspun._claims_<rev> (its relative imports still work)."""
    src = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:src/unspun/claims.py"],
                         check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "claims_baseline.py"
    path.write_text(src, encoding="utf-8")
    name = f"unspun._claims_{rev}"
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = unspun.__name__
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def timed(extractor, texts: list[str]) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    extractor.extract_many(texts)
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", default=BASELINE, help="git revision of src/unspun/claims.py to compare with")
    ap.add_argument("--limit", type=int, default=300, help="PolNeAR articles (dev first, then train)")
    ap.add_argument("--min-words", type=int, default=200, help="skip shorter texts (briefs, headline-only items)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best is reported")
    args = ap.parse_args()
    texts = load_texts(args.limit, args.min_words)
    if not texts:
        sys.exit(f"no PolNeAR texts under {POLNEAR}")
    words = sum(len(t.split()) for t in texts) / len(texts)
    old = baseline_module(args.baseline)
    configs = {}
    for label, mod in (("baseline " + args.baseline, old), ("current", current)):
        for n in (1, 2):
            ex = mod.ClaimExtractor(n_process=n)
            ex.extract("Warm-up, she said.")  # model load outside the timing
            configs[(label, n)] = ex
    best: dict[tuple[str, int], tuple[float, float]] = {}
    for _ in range(args.rounds):
        for key, ex in configs.items():
            dt, cpu = timed(ex, texts)
            if key not in best or dt < best[key][0]:
                best[key] = (dt, cpu)
    print(f"claims speed: {len(texts)} PolNeAR articles, mean {words:.0f} words, best of {args.rounds} rounds")
    print(f"{'extractor':<22}{'processes':>10}{'articles/s wall':>17}{'per CPU-s (parent)':>20}")
    for (label, n), (dt, cpu) in best.items():
        per_cpu = f"{len(texts) / cpu:20.1f}" if n == 1 else f"{'':>20}"
        print(f"{label:<22}{n:>10}{len(texts) / dt:17.1f}{per_cpu}")
    base1 = best[("baseline " + args.baseline, 1)][0]
    cur2 = best[("current", 2)][0]
    print(f"current (2 processes) vs baseline (1 process): {base1 / cur2:.2f}x; target >= 50 articles/s wall")


if __name__ == "__main__":
    main()
