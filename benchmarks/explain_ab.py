"""In-process A/B of `classify.explain`: a base tree's classify (and edit modules) against this tree's, same pairs.

Usage: PYTHONPATH=$PWD/src python benchmarks/explain_ab.py --base /tmp/base/src [--n 2000] [--ai] [--rounds 2]
On a loaded shared machine CPU seconds of two processes run minutes apart drift by +-20%; here both versions
run in one process, alternating every `--chunk` pairs (which one goes first alternates too), so drift hits
both alike. The base tree's `edits/classify.py` is loaded beside this tree's with the base tree's `forms`,
`word_memo`, `roles` and `groups` (not `opcodes` nor any kernel module: see `_BASE_MODULES`; other imports resolve
to this tree's modules). Every pair's edits are checked equal. Prints each version's CPU seconds per round and
the ratio base / this. `--warm-tokens` tokenizes every article first (the ratio of the diff and rules alone),
`--cold-memos` empties the per-process memos before each round (else rounds after the first find them warm).
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from unspun import Article, ScanConfig  # noqa: E402
from unspun.config import EmbedConfig  # noqa: E402
from unspun.edits import classify  # noqa: E402
from unspun.scan import Tables, _load_kernels, _prepare, candidate_pairs, confirm, fewer_collections  # noqa: E402


def _load(path: Path, name: str):
    """The module at `path` as `unspun.edits.<name>` (its relative imports read this tree's package)."""
    spec = importlib.util.spec_from_file_location(f"unspun.edits.{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# Loaded in this order. No numba kernel module: loaded under another name, its cache=True kernels would write
# cache files into the base tree that name a module no other run has (its next normal import fails to load them).
_BASE_MODULES = ("forms", "word_memo", "roles", "groups", "classify")


def _load_base(src: Path):
    """The base tree's classify with its own forms, word memo, roles and groups: each loaded module's
    names that an earlier base module defines are pointed at that module's (the rest resolve to this tree)."""
    loaded: dict[str, object] = {}
    for name in _BASE_MODULES:
        path = src / f"unspun/edits/{name}.py"
        if not path.exists():
            continue
        module = _load(path, f"_base_{name}")
        for dep in loaded.values():
            for attr in list(vars(module)):
                if not attr.startswith("__") and getattr(getattr(dep, attr, None), "__module__", None) == dep.__name__:
                    setattr(module, attr, getattr(dep, attr))
        loaded[name] = module
    return loaded["classify"]


# The per-process memos of the edit modules (module, name): `--cold-memos` empties them before each round.
_MEMOS = (("forms", "_FORM_REASONS"), ("forms", "spelling_key"), ("word_memo", "SPELLINGS"), ("word_memo", "STEMS"),
          ("classify", "_NEGATION_KINDS"), ("classify", "_WORD_RULES"), ("roles", "_KEY_CODES"),
          ("classify", "_KEY_ROLES"))


def _clear_memos(prefix: str) -> None:
    """Empty the memos of `_MEMOS` in the modules named `unspun.edits.<prefix><module>` (those that exist)."""
    for module, name in _MEMOS:
        memo = getattr(sys.modules.get(f"unspun.edits.{prefix}{module}"), name, None)
        if hasattr(memo, "cache_clear"):
            memo.cache_clear()
        elif isinstance(memo, dict):
            memo.clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True, help="the base tree's src directory")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--ai", action="store_true", help="the ai-rewrites-wiki texts instead of synthetic ones")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=25)
    ap.add_argument("--warm-tokens", action="store_true",
                    help="tokenize every article before timing (both versions share the tokenizer): the ratio of "
                         "the diff and the rules alone")
    ap.add_argument("--cold-memos", action="store_true",
                    help="empty both versions' per-process memos before each round (a scan's first pairs)")
    args = ap.parse_args()
    base = _load_base(args.base)
    cfg = ScanConfig(embed=EmbedConfig(enabled=False), workers=1, edits=False)
    if args.ai:
        from scan_identical import AI_DATA, ai_articles

        articles = ai_articles(AI_DATA)
    else:
        articles = [Article(d.id, d.text, f"synthetic:{d.id}") for d in synth.corpus(args.n)]
    prepared = [_prepare(a, cfg, with_table=False) for a in articles]
    work = sorted(candidate_pairs(prepared, cfg).items())
    tables = Tables([p.clean for p in prepared])
    _load_kernels(cfg)
    found = [(tables.prepared(i).clean, tables.prepared(j).clean, p) for (i, j), ch in work
             if (p := confirm(tables.prepared(i), tables.prepared(j), frozenset(ch), cfg)) and p.relation != "exact"]
    versions = {"base": base, "this": classify}
    with fewer_collections():  # the scan's GC thresholds: a full collection lands on whichever version runs
        _rounds(args, versions, found, cfg.explain)


def _rounds(args: argparse.Namespace, versions: dict, found: list, config) -> None:
    """Each round: fresh side caches (tokenized up front with `--warm-tokens`), the pairs in chunks, the two
    versions alternating which goes first; their edits checked equal."""
    for r in range(args.rounds):
        if args.cold_memos:
            _clear_memos("_base_")
            _clear_memos("")
        sides = {k: m.SideCache() for k, m in versions.items()}
        if args.warm_tokens:
            for k in versions:
                for a, b, _ in found:
                    for article in (a, b):
                        side = sides[k].get(article)
                        side.tokens
                        for i in range(len(side)):
                            side.content(i)
        spent = dict.fromkeys(versions, 0.0)
        for c, lo in enumerate(range(0, len(found), args.chunk)):
            chunk = found[lo : lo + args.chunk]
            got = {}
            for k in (("base", "this") if c % 2 else ("this", "base")):
                t = time.process_time()
                got[k] = [versions[k].explain(a, b, p.matches, config, sides[k]) for a, b, p in chunk]
                spent[k] += time.process_time() - t
            if got["base"] != got["this"]:
                raise SystemExit(f"edits differ in chunk {c}")
        print(f"round {r + 1}: {len(found)} pairs, base {spent['base']:.2f} s, this {spent['this']:.2f} s CPU, "
              f"base / this {spent['base'] / spent['this']:.3f}")


if __name__ == "__main__":
    main()
