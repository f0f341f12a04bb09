"""CPU of the scan's spin stage (`scan._spinning`: byte-identical texts worked once, one process) of this tree
against a base tree's, in one process on the same prepared articles, the four runs in ABBA order (or BAAB with
--this-first), so the first run of each tree meets memos as cold as a scan's and a shared cache warmed by the
other tree favours neither in the sums.

Usage: PYTHONPATH=$PWD/src python benchmarks/spin_stage_ab.py --base /tmp/base/src [--n 2000] [--this-first]
The base tree is imported as `unspun_base` (`spin_ab.base_package`); both score one probe article first
(kernels and tables loaded outside the timing, as a scan with workers does before it forks).
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402
from spin_ab import base_package  # noqa: E402

from unspun import Article, ScanConfig  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402


def spin_stage(scan_module, cleans: list, cfg: ScanConfig) -> tuple:
    """A tree's spin stage over `cleans` in this process, as a scan runs it (`_spinning`, one worker). Since stop 37
    `_spinning` takes the articles' `Twins` and yields a `_Spin` to collect; older trees find the twins themselves
    and yield a callable."""
    if "same" not in inspect.signature(scan_module._spinning).parameters:
        with scan_module._spinning(cleans, 1, cfg, lambda *a: None) as spins:
            return spins()
    same = scan_module.twins(c.article.text for c in cleans)
    with scan_module._spinning(cleans, same, 1, cfg, lambda *a: None) as spin:
        return spin.collect()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True, help="the base tree's src folder")
    ap.add_argument("--n", type=int, default=2000, help="synthetic articles")
    ap.add_argument("--this-first", action="store_true", help="BAAB: this tree's run first")
    args = ap.parse_args()
    mine = importlib.import_module("unspun.scan")
    from unspun.edits.machine_style import machine_style

    base, base_style = base_package(args.base)
    cfg = ScanConfig(embed=EmbedConfig(enabled=False), edits=False, workers=1)
    cleans = [mine._prepare(Article(d.id, d.text, "synth"), cfg, with_table=False).clean for d in synth.corpus(args.n)]
    probe = mine._prepare(mine._KERNEL_PROBE, cfg, with_table=False).clean
    base.article_spin(probe)
    mine.article_spin(probe)
    spent: dict[str, list[float]] = {"base": [], "this": []}
    for name in ("this", "base", "base", "this") if args.this_first else ("base", "this", "this", "base"):
        machine_style.cache_clear()
        base_style.machine_style.cache_clear()
        t = time.process_time()
        spin_stage(base if name == "base" else mine, cleans, cfg)
        spent[name].append(time.process_time() - t)
        print(f"{name}: {spent[name][-1]:.2f} CPU-s", flush=True)
    b, m = spent["base"], spent["this"]
    print(f"first runs (memos cold): base {b[0]:.2f} this {m[0]:.2f} -> {b[0] / m[0]:.2f}x; second runs: base "
          f"{b[1]:.2f} this {m[1]:.2f} -> {b[1] / m[1]:.2f}x; sums {sum(b) / sum(m):.2f}x")


if __name__ == "__main__":
    main()
