"""Build benchmarks/edits/plain/pair-NNN.json from pairs_src.py with the main set's builder.

Usage: python build.py   (writes ../pair-NNN.json, prints counts)
"""
import importlib.util
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
sys.dont_write_bytecode = True


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load("edits_build", HERE.parents[1] / "data" / "_authoring" / "build.py")


def main():
    PAIRS = _load("plain_pairs_src", HERE / "pairs_src.py").PAIRS
    for old in OUT.glob("pair-*.json"):
        old.unlink()
    counts, words = Counter(), []
    for n, spec in enumerate(PAIRS, 1):
        pair, nw = builder.build_pair(n, spec)
        words.append(nw)
        counts.update(e["kind"] for e in pair["edits"])
        (OUT / f"{pair['id']}.json").write_text(builder.dump(pair), encoding="utf-8")
    print(f"pairs={len(PAIRS)} words min={min(words)} max={max(words)}")
    for k in builder.KINDS.values():
        print(f"  {k:14s} {counts[k]}")


if __name__ == "__main__":
    main()
