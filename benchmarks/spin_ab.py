"""CPU of the per-article spin (`scan.article_spin`) of this tree against a base tree's, in one process, the
two called on each article in turn (order alternated), so the machine's load falls on both alike.

Usage: PYTHONPATH=$PWD/src python benchmarks/spin_ab.py --base /tmp/base/src [--n 1500] [--ai 500] [--rounds 3]
The base tree's whole package is copied as `unspun_base` (its imports are relative; the copy is kept in the temp
folder, so its numba cache survives between runs) and imported beside this tree's; both spin one probe text
first (kernels loaded outside the timing). Prints, for a first pass (per-word memos and word tables as the probe
left them) and for each further pass (machine style's memo cleared before it, as a scan scores each text once),
the ms of process CPU per article of each and their ratio, and how many records have equal reprs (all must).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig  # noqa: E402

AI_DATA = Path("/work/shared/data/ai-rewrites-wiki")


def base_package(src: Path):
    """The base tree's `unspun` package imported as `unspun_base` from a copy in the temp folder (one per base
    path; files copied with their times, so the copy's compiled kernels stay cached)."""
    into = Path(tempfile.gettempdir()) / f"spin_ab_{hashlib.md5(str(src.resolve()).encode()).hexdigest()[:12]}"
    shutil.copytree(src / "unspun", into / "unspun_base", ignore=shutil.ignore_patterns("__pycache__"),
                    dirs_exist_ok=True)
    sys.path.insert(0, str(into))
    return importlib.import_module("unspun_base.scan"), importlib.import_module("unspun_base.edits.machine_style")


def one_pass(spins, cleans) -> tuple[list[int], int]:
    """CPU ns of each spin over every article (called in turn, order alternated) and the equal reprs."""
    spent, same = [0] * len(spins), 0
    for i, clean in enumerate(cleans):
        outs = [None] * len(spins)
        for k in (range(len(spins)) if i % 2 else reversed(range(len(spins)))):
            t = time.process_time_ns()
            outs[k] = spins[k](clean)
            spent[k] += time.process_time_ns() - t
        same += len({repr(o) for o in outs}) == 1
    return spent, same


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True, help="the base tree's src folder")
    ap.add_argument("--n", type=int, default=1500, help="synthetic articles")
    ap.add_argument("--ai", type=int, default=500, help="ai-rewrites texts, when present")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    mine = importlib.import_module("unspun.scan")
    from unspun.edits.machine_style import machine_style

    base, base_style = base_package(args.base)
    texts = [d.text for d in synth.corpus(args.n)]
    if (AI_DATA / "docs").is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted((AI_DATA / "docs").glob("*.txt"))][:args.ai]
    cfg = ScanConfig()
    cleans = [mine._prepare(Article(f"a{i}", t, "t"), cfg, with_table=False).clean for i, t in enumerate(texts)]
    probe = mine._prepare(mine._KERNEL_PROBE, cfg, with_table=False).clean
    one_pass([base.article_spin, mine.article_spin], [probe])
    for n in range(1 + args.rounds):
        machine_style.cache_clear()
        base_style.machine_style.cache_clear()
        (b, m), same = one_pass([base.article_spin, mine.article_spin], cleans)
        print(f"{'first pass' if n == 0 else f'pass {n}'}, {len(cleans)} texts: base {b / 1e6 / len(cleans):.3f} "
              f"ms, this {m / 1e6 / len(cleans):.3f} ms, {b / m:.2f}x; equal records {same}/{len(cleans)}")


if __name__ == "__main__":
    main()
