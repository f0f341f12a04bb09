"""Reuse benchmark: datasketch MinHash+LSH vs unspun lexical vs unspun with embeddings, side by side.

One run builds the labelled corpus (generate.py: PolNeAR originals, our own derivatives, same-topic
hard negatives), runs each system in its own process (so peak RSS is its own) and prints pair
precision/recall/F1, cluster Adjusted Rand Index, recall per derivative kind, docs/s and peak RSS; for the unspun
systems, the original named per derivative kind and the stories naming their original (`direction`).

    python benchmarks/reuse/run.py [--groups 40] [--negatives 150] [--systems minhash,lexical,embed]
    python benchmarks/reuse/run.py --speed --groups 900 --negatives 0 --systems lexical,embed

Pairs: the truth is every pair inside one group (original + its derivatives); pairs touching a mashup
are left out of precision/recall (either link is defensible) but mashups count in ARI. A system's
predicted pairs are its confirmed copy/rewrite links (same-story links are not copies).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import combinations
from math import comb
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

# A sibling link (two derivatives of one original, no direction) is a link the truth holds: same group.
COPY = {"exact", "near-duplicate", "rewrite", "sibling"}


# --- systems (each runs in a child process) -----------------------------------------------------------


def run_minhash(docs: list[dict], threshold: float = 0.5, shingle: int = 3) -> tuple[list, list]:
    """The common baseline: datasketch MinHash over word 3-grams, LSH at Jaccard 0.5, confirmed by the
    estimated Jaccard; clusters are connected components."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = []
    for i, d in enumerate(docs):
        words = d["text"].lower().split()
        m = MinHash(num_perm=128)
        m.update_batch([" ".join(words[k : k + shingle]).encode() for k in range(max(1, len(words) - shingle + 1))])
        lsh.insert(i, m)
        hashes.append(m)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i and m.jaccard(hashes[j]) >= threshold:
                pairs.add((min(i, j), max(i, j)))
    parent = list(range(len(docs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        parent[find(i)] = find(j)
    ids = [d["id"] for d in docs]
    return [(ids[i], ids[j]) for i, j in pairs], [ids[find(i)] for i in range(len(docs))]


def bench_embed_config():
    """EmbedConfig with the --embed-option overrides (passed to the child); model=minilm starts from
    MiniLM's own calibrated thresholds."""
    from unspun.config import EmbedConfig

    overrides = json.loads(os.environ.get("UNSPUN_BENCH_EMBED", "{}"))
    return EmbedConfig.minilm(**overrides) if overrides.get("model") == "minilm" else EmbedConfig(**overrides)


def run_unspun(docs: list[dict], embed: bool) -> tuple[list, list, dict]:
    from unspun import Article, scan_articles
    from unspun.config import EmbedConfig, ScanConfig
    from unspun.embed import Embedder

    config = ScanConfig(embed=replace(bench_embed_config(), enabled=embed))
    embedder = Embedder(config.embed) if embed else None
    stages: dict[str, float] = {}
    last = [time.perf_counter(), ""]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if last[1]:
            stages[last[1]] = stages.get(last[1], 0.0) + now - last[0]
        last[0], last[1] = now, stage

    articles = [Article(d["id"], d["text"], "bench") for d in docs]
    result = scan_articles(articles, config, progress, embedder=embedder)
    progress("end", 0, 0)
    pairs = [(p.a, p.b) for p in result.pairs if p.relation in COPY]
    story = {a: s.id for s in result.stories for a in s.articles}
    extra = {
        "stages": {k: round(v, 2) for k, v in stages.items()},
        "same_story": sum(p.relation == "same-story" for p in result.pairs),
        "notes": list(result.notes),
        "embedded_texts": embedder.encoded if embedder else 0,
        "channels": dict(Counter(c for p in result.pairs if p.relation in COPY for c in p.channels)),
        **direction(docs, result),
    }
    return pairs, [story[d["id"]] for d in docs], extra


def direction(docs: list[dict], result) -> dict:
    """Which text is named the original. Per derivative kind, of the (original, derivative) pairs found: how many
    name the original, none (unknown, not siblings) or are called siblings (no original either); per group, whether the story holding the original
    names it or its exact copy (the same text), none, or another text."""
    kind = {d["id"]: d["kind"] for d in docs}
    group = {d["id"]: d["group"] for d in docs}
    per_kind: dict[str, list[int]] = {}
    for p in result.pairs:
        if group[p.a] != group[p.b] or "original" not in (kind[p.a], kind[p.b]) or "mashup" in (kind[p.a], kind[p.b]):
            continue
        original, derivative = (p.a, p.b) if kind[p.a] == "original" else (p.b, p.a)
        row = per_kind.setdefault(kind[derivative], [0, 0, 0, 0])  # found, right, unknown, sibling
        row[0] += 1
        row[1] += p.original == original
        row[2] += p.original is None and p.relation != "sibling"
        row[3] += p.relation == "sibling"
    story_of = {a: s for s in result.stories for a in s.articles}
    named = Counter()
    for d in docs:
        story = story_of[d["id"]]
        if d["kind"] != "original" or len(story.articles) < 2:
            continue
        same = {d["id"], f"{d['group']}-exact"}
        named["right" if story.original in same else "none" if story.original is None else "other"] += 1
    return {"direction": per_kind, "stories_named": dict(named)}


def child(system: str, corpus: Path, out: Path, explain: bool = True) -> None:
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    if not explain:  # detection only: skip the word-level edit classification of each confirmed pair
        import unspun.scan  # noqa: F401

        sys.modules["unspun.scan"].explain_pair = lambda pair, *args, **kwargs: pair
    if system == "embed":  # load the model before the clock starts: a one-off cost, reported apart
        t = time.perf_counter()
        from unspun.embed import load_model

        load_model(bench_embed_config())
        load = time.perf_counter() - t
    start = time.perf_counter()
    extra: dict = {}
    if system == "minhash":
        pairs, labels = run_minhash(docs)
    else:
        pairs, labels, extra = run_unspun(docs, embed=system == "embed")
    seconds = time.perf_counter() - start
    if system == "embed":
        extra["model_load_s"] = round(load, 2)
    out.write_text(json.dumps({
        "pairs": pairs, "labels": labels, "seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **extra,
    }))


# --- scoring ------------------------------------------------------------------------------------------


def ari(truth: list[str], pred: list[str]) -> float:
    """Adjusted Rand Index of two labelings of the same items."""
    n = len(truth)
    table = Counter(zip(truth, pred))
    sum_cells = sum(comb(c, 2) for c in table.values())
    sum_t = sum(comb(c, 2) for c in Counter(truth).values())
    sum_p = sum(comb(c, 2) for c in Counter(pred).values())
    expected = sum_t * sum_p / comb(n, 2) if n > 1 else 0.0
    maximum = (sum_t + sum_p) / 2
    return 1.0 if maximum == expected else (sum_cells - expected) / (maximum - expected)


def score(docs: list[dict], pairs: list, labels: list[str]) -> dict:
    kind = {d["id"]: d["kind"] for d in docs}
    group = {d["id"]: d["group"] for d in docs}
    members = defaultdict(list)
    for d in docs:
        if d["kind"] != "mashup":
            members[d["group"]].append(d["id"])
    truth = {frozenset(p) for g in members.values() for p in combinations(g, 2)}
    found = {frozenset(p) for p in pairs if not {kind[p[0]], kind[p[1]]} & {"mashup"}}
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per_kind = {}
    for k in generate.KINDS:
        wanted = [frozenset((d["id"], f"{d['group']}-original")) for d in docs if d["kind"] == k]
        per_kind[k] = sum(w in found for w in wanted) / len(wanted) if wanted else float("nan")
    spun = [frozenset((d["id"], f"{d['group']}-original")) for d in docs if d["kind"] in generate.SPUN_KINDS]
    return {
        "precision": precision, "recall": recall, "f1": f1,
        "ari": ari([group[d["id"]] for d in docs], labels),
        "spun_recall": sum(w in found for w in spun) / len(spun) if spun else float("nan"),
        "per_kind": per_kind, "false_pairs": sorted(tuple(sorted(p)) for p in found - truth)[:8],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--groups", type=int, default=40)
    ap.add_argument("--negatives", type=int, default=150)
    ap.add_argument("--mashups", type=int, default=10)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--systems", default="minhash,lexical,embed")
    ap.add_argument("--speed", action="store_true", help="speed only: originals may repeat, no per-kind table")
    ap.add_argument("--no-explain", action="store_true", help="time detection only (no edit classification)")
    ap.add_argument("--embed-option", action="append", default=[], metavar="NAME=VALUE",
                    help="override an EmbedConfig field for the embeddings run, e.g. lead_sentences=2")
    ap.add_argument("--child", nargs=3, metavar=("SYSTEM", "CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]), not args.no_explain)
        return

    if args.embed_option:
        os.environ["UNSPUN_BENCH_EMBED"] = json.dumps(
            {k: json.loads(v) for k, v in (o.split("=", 1) for o in args.embed_option)}
        )
        print("embedding options:", os.environ["UNSPUN_BENCH_EMBED"])
    t = time.perf_counter()
    docs = [
        {"id": d.id, "text": d.text, "group": d.group, "kind": d.kind}
        for d in generate.build(args.groups, args.negatives, args.mashups, args.seed, reuse=args.speed)
    ]
    print(f"explain (edit classification per pair): {'off' if args.no_explain else 'on'}")
    print(f"corpus: {len(docs)} articles ({args.groups} originals x {len(generate.KINDS)} derivative kinds, "
          f"{sum(d['kind'] == 'mashup' for d in docs)} mashups, {args.negatives} same-topic negatives) "
          f"built in {time.perf_counter() - t:.1f}s")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
        for system in args.systems.split(","):
            out = Path(tmp) / f"{system}.json"
            flags = ["--no-explain"] if args.no_explain else []
            subprocess.run([sys.executable, __file__, "--child", system, str(corpus), str(out), *flags], check=True)
            results[system] = json.loads(out.read_text())
            results[system].update(score(docs, results[system]["pairs"], results[system]["labels"]))

    names = {"minhash": "datasketch MinHash+LSH", "lexical": "unspun lexical", "embed": "unspun + embeddings"}
    print(f"\n{'system':26} {'prec':>6} {'recall':>6} {'F1':>6} {'ARI':>6} {'spun-rec':>8} {'docs/s':>8} {'peak MB':>8}")
    for s, r in results.items():
        print(f"{names[s]:26} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['ari']:6.3f} "
              f"{r['spun_recall']:8.3f} {len(docs) / r['seconds']:8.1f} {r['peak_rss_mb']:8.0f}")
    if not args.speed:
        print(f"\n{'recall per kind':26} " + " ".join(f"{s[:12]:>12}" for s in results))
        for k in generate.KINDS:
            print(f"{k:26} " + " ".join(f"{results[s]['per_kind'][k]:12.3f}" for s in results))
    print_direction(results, names)
    for s, r in results.items():
        print(f"\n{names[s]}: {r['seconds']:.1f}s", {k: r[k] for k in ("stages", "same_story", "embedded_texts",
              "model_load_s", "channels", "notes") if k in r})
        if r["false_pairs"]:
            print("  some false pairs:", r["false_pairs"][:5])
    if "lexical" in results and "embed" in results:
        lex, emb = results["lexical"]["seconds"], results["embed"]["seconds"]
        print(f"\nembedding cost: scan with embeddings {emb:.1f}s vs lexical {lex:.1f}s = {emb / lex:.2f}x "
              f"(model load {results['embed'].get('model_load_s', 0):.1f}s not included)")


def print_direction(results: dict, names: dict) -> None:
    """The original named per derivative kind (right / unknown / sibling, of the found original-derivative
    pairs) and the stories naming their original (or its exact copy), for the unspun systems."""
    runs = {s: r for s, r in results.items() if "direction" in r}
    if not runs:
        return
    print(f"\n{'original named, of found':26} " + " ".join(f"{'right unk sib (' + s[:5] + ')':>22}" for s in runs))
    for k in generate.KINDS:
        cells = []
        for r in runs.values():
            n, right, unknown, sibling = r["direction"].get(k, [0, 0, 0, 0])
            cells.append(f"{right / n:6.3f} {unknown / n:6.3f} {sibling / n:6.3f}  " if n else f"{'-':>22}")
        print(f"{k:26} " + " ".join(f"{c:>22}" for c in cells))
    for s, r in runs.items():
        rows = [v for k, v in r["direction"].items() if k != "exact"]  # an exact copy has no direction to find
        found, right = sum(v[0] for v in rows), sum(v[1] for v in rows)
        named = r["stories_named"]
        total = sum(named.values())
        print(f"{names[s]}: original named in {right}/{found} = {right / max(1, found):.3f} of the found "
              f"original-derivative pairs (exact copies aside); stories naming the original or its exact copy "
              f"{named.get('right', 0)}/{total} = {named.get('right', 0) / max(1, total):.3f} "
              f"(none {named.get('none', 0)}, another text {named.get('other', 0)})")


if __name__ == "__main__":
    main()
