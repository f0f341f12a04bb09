"""CPU seconds of `collocation.shared().load()` in a fresh process: the n-gram table's parse (cold cache, or a
tree without the cache) against the cached arrays' load (warm cache).

Usage: PYTHONPATH=TREE/src python benchmarks/colloc_load.py [--rounds 3]
Each round uses a fresh XDG_CACHE_HOME and starts four interpreters: cold then warm (the cold one wrote the
cache), each timed two ways: `load()` right after importing the module ("load": it also pays numba's kernel
load and wordfreq's import, which a scan pays anyway), and with the kernels and wordfreq already loaded, as the
scan's parent has them ("table only").
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

_CHILD = """
import time
from unspun.edits.collocation import Collocations, function_words
from unspun.edits.pair_kernel import fill_table, line_hashes
import numpy as np
function_words()
line_hashes(np.zeros(1, dtype=np.uint8), np.zeros(1, dtype=np.int64))
fill_table(np.zeros(0, dtype=np.int64), np.zeros((0, 1), dtype=np.int64), np.zeros((16, 2), dtype=np.int64), 0)
t = time.process_time()
Collocations().load()
print(f"{time.process_time() - t:.3f}")
"""
_LOAD = "import time\nfrom unspun.edits.collocation import shared\nt = time.process_time()\nshared().load()\n" \
        "print(f'{time.process_time() - t:.3f}')\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    for r in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="colloc-load-") as home:
            env = dict(os.environ, XDG_CACHE_HOME=home)
            for state in ("cold", "warm"):
                figures = []
                for child in (_LOAD, _CHILD):
                    if state == "cold":
                        shutil.rmtree(os.path.join(home, "unspun"), ignore_errors=True)
                    done = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True)
                    figures.append(done.stdout.strip())
                print(f"round {r + 1} {state}: load {figures[0]} s CPU, table only {figures[1]} s CPU")


if __name__ == "__main__":
    main()
