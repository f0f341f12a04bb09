"""Stories benchmark on real news (ECB+ topics 1-22): link reports of one event, keep two similar
events apart, and never call independent reports copies.

One run scans the shared set as a user would (default config; embeddings with a cold cache in a
temp dir unless --no-embed) and prints, next to a TF-IDF cosine baseline measured in the same run:

- same-event links: pairwise P/R/F1 of every reported pair (any relation) against "same event_id";
- the event grouping: B-cubed P/R/F1, ARI and pairwise F1 of the scan's groups (its `events` when the
  result has them, else its stories);
- copy verdicts (exact / near-duplicate / rewrite) between articles of different events (target 0),
  and how many same-event copy verdicts share no verbatim text (copy coverage < 0.1);
- wall time of the scan.

    python benchmarks/stories/run.py [--data DIR] [--no-embed] [--show N] [--dump pairs.jsonl]

The TF-IDF baseline is an oracle: its cosine threshold (over title + first two sentences) is the best
one on this very set, for links and for the grouping separately, so it is an upper bound of what that
baseline reaches.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from math import comb
from pathlib import Path

COPY = {"exact", "near-duplicate", "rewrite"}
DEFAULT_DATA = Path("/work/shared/data/ecbplus-dev")


def load_labels(data: Path) -> tuple[dict[str, str], dict[str, str]]:
    """id -> event_id and id -> topic from labels.tsv."""
    event, topic = {}, {}
    lines = (data / "labels.tsv").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{data / 'labels.tsv'}:{n}: expected id, event_id, topic")
        event[parts[0]], topic[parts[0]] = parts[1], parts[2]
    return event, topic


# --- metrics ----------------------------------------------------------------------------------------


def prf(tp: int, n_pred: int, n_true: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pair_scores(pred: set[tuple[str, str]], event: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise P/R/F1 of predicted links against "same event"."""
    by_event: Counter = Counter(event.values())
    n_true = sum(comb(n, 2) for n in by_event.values())
    tp = sum(1 for a, b in pred if event[a] == event[b])
    return prf(tp, len(pred), n_true)


def group_pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}


def bcubed(groups: list[list[str]], event: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision/recall/F1 (Bagga & Baldwin 1998) of a partition against the events."""
    of = {x: tuple(g) for g in groups for x in g}
    members: dict[str, list[str]] = defaultdict(list)
    for x, e in event.items():
        members[e].append(x)
    p = r = 0.0
    for x in event:
        g = of.get(x, (x,))
        same = sum(1 for y in g if event[y] == event[x])
        p += same / len(g)
        r += same / len(members[event[x]])
    p, r = p / len(event), r / len(event)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ari(groups: list[list[str]], event: dict[str, str]) -> float:
    """Adjusted Rand Index of a partition against the events."""
    of = {x: n for n, g in enumerate(groups) for x in g}
    ids = list(event)
    contingency = Counter((of.get(x, f"alone-{x}"), event[x]) for x in ids)
    rows = Counter(of.get(x, f"alone-{x}") for x in ids)
    cols = Counter(event[x] for x in ids)
    index = sum(comb(n, 2) for n in contingency.values())
    sr, sc, total = sum(comb(n, 2) for n in rows.values()), sum(comb(n, 2) for n in cols.values()), comb(len(ids), 2)
    expected = sr * sc / total
    top = (sr + sc) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def components(ids: list[str], links: set[tuple[str, str]]) -> list[list[str]]:
    parent = {x: x for x in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[find(a)] = find(b)
    out: dict[str, list[str]] = defaultdict(list)
    for x in ids:
        out[find(x)].append(x)
    return list(out.values())


# --- systems ----------------------------------------------------------------------------------------


def tfidf_baseline(articles, event: dict[str, str]) -> dict:
    """TF-IDF cosine over title + first two sentences; best thresholds on this set (an upper bound)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from unspun.clean import clean_article

    from unspun.config import CleanConfig

    ids = [a.id for a in articles]
    texts = []
    for a in articles:
        clean = clean_article(a, CleanConfig())
        texts.append(" ".join([a.title] + [s.text for s in clean.sentences[:2]]))
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    sims = (matrix @ matrix.T).toarray()
    cells = [(sims[i, j], ids[i], ids[j]) for i, j in combinations(range(len(ids)), 2)]
    best_links = (0.0, 0.0, (0.0, 0.0, 0.0))
    best_groups = (0.0, 0.0, (0.0, 0.0, 0.0), 0.0)
    for t in [x / 100 for x in range(5, 80, 2)]:
        links = {(a, b) for s, a, b in cells if s >= t}
        f = pair_scores(links, event)
        if f[2] > best_links[0]:
            best_links = (f[2], t, f)
        groups = components(ids, links)
        b = bcubed(groups, event)
        if b[2] > best_groups[0]:
            best_groups = (b[2], t, b, ari(groups, event))
    return {"links": best_links[2], "link_threshold": best_links[1], "bcubed": best_groups[2],
            "group_threshold": best_groups[1], "ari": best_groups[3]}


def run_unspun(articles, embed: bool, cache_dir: Path | None = None):
    from unspun.config import EmbedConfig, ScanConfig
    from unspun.scan import scan_articles

    with tempfile.TemporaryDirectory(prefix="unspun-stories-cache-") as cold:
        config = ScanConfig(embed=EmbedConfig(enabled=embed, cache_dir=str(cache_dir or cold)))
        start = time.perf_counter()
        result = scan_articles(articles, config)
        seconds = time.perf_counter() - start
    return result, seconds


def event_groups(result) -> tuple[str, list[list[str]]]:
    """The scan's event grouping: `result.events` when present, else its stories."""
    events = getattr(result, "events", None)
    if events:
        return "events", [list(e.articles) for e in events]
    return "stories", [list(s.articles) for s in result.stories]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-embed", action="store_true", help="scan without sentence embeddings")
    ap.add_argument("--show", type=int, default=8, help="print this many cross-event copy verdicts")
    ap.add_argument("--cache", type=Path, help="embedding cache dir to keep between runs (default: cold)")
    ap.add_argument("--dump", type=Path, help="write every reported pair as JSON lines (for analysis)")
    args = ap.parse_args()

    from unspun.ingest import read_sources

    event, topic = load_labels(args.data)
    articles = [a for a in read_sources([args.data / "docs"]) if hasattr(a, "text")]
    articles = [a for a in articles if a.id in event]
    event = {a.id: event[a.id] for a in articles}
    print(f"data: {args.data} — {len(articles)} articles, {len(set(event.values()))} events, "
          f"{len(set(topic.values()))} topics")

    start = time.perf_counter()
    base = tfidf_baseline(articles, event)
    base_seconds = time.perf_counter() - start

    result, seconds = run_unspun(articles, not args.no_embed, args.cache)
    pairs = list(result.pairs)
    links = {tuple(sorted((p.a, p.b))) for p in pairs}
    link = pair_scores(links, event)
    groupings = [("stories", [list(x.articles) for x in result.stories])]
    source, groups = event_groups(result)
    if source == "events":
        groupings.append(("events", groups))
    by_rel_cross = Counter(p.relation for p in pairs if event[p.a] != event[p.b])
    by_rel_same = Counter(p.relation for p in pairs if event[p.a] == event[p.b])
    cross_copy = [p for p in pairs if p.relation in COPY and event[p.a] != event[p.b]]
    same_copy = [p for p in pairs if p.relation in COPY and event[p.a] == event[p.b]]
    no_verbatim = sum(1 for p in same_copy if p.copy_coverage < 0.1)

    mode = "lexical only (--no-embed)" if args.no_embed else (
        "with embeddings, " + ("warm cache " + str(args.cache) if args.cache else "cold cache"))
    print(f"\nunspun scan, {mode}: {seconds:.1f} s wall")
    print(f"{'':34} {'P':>6} {'R':>6} {'F1':>6}   vs TF-IDF F1")
    print(f"{'reported pairs (any relation)':34} {link[0]:6.3f} {link[1]:6.3f} {link[2]:6.3f}   "
          f"{base['links'][2]:.3f} (t={base['link_threshold']:.2f}; x{link[2] / max(base['links'][2], 1e-9):.2f})")
    for name, grouping in groupings:
        b3, gp, adj = bcubed(grouping, event), pair_scores(group_pairs(grouping), event), ari(grouping, event)
        print(f"{name + ' B-cubed':34} {b3[0]:6.3f} {b3[1]:6.3f} {b3[2]:6.3f}   "
              f"{base['bcubed'][2]:.3f} (t={base['group_threshold']:.2f}; x{b3[2] / max(base['bcubed'][2], 1e-9):.2f})")
        print(f"{name + ' pairwise (same-event links)':34} {gp[0]:6.3f} {gp[1]:6.3f} {gp[2]:6.3f}   "
              f"{base['links'][2]:.3f}")
        print(f"{name + ' ARI':34} {adj:6.3f} {'':13}   {base['ari']:.3f}")
    print(f"{source}: {len(groups)} ({sum(1 for g in groups if len(g) > 1)} with 2+ articles); "
          f"TF-IDF baseline {base_seconds:.1f} s")
    print(f"\nrelations within one event:  {dict(sorted(by_rel_same.items()))}")
    print(f"relations across events:     {dict(sorted(by_rel_cross.items()))}")
    print(f"copy verdicts across events: {len(cross_copy)} (target 0)")
    print(f"same-event copy verdicts with copy coverage < 0.1: {no_verbatim} of {len(same_copy)}")
    rewrites = [p for p in result.pairs if p.relation == "rewrite"]
    print(f"rewrite pairs with an original (no direction labels here; a guard on sibling rules): "
          f"{sum(p.original is not None for p in rewrites)} of {len(rewrites)}")
    lengths = {a.id: len(a.text.split()) for a in articles}
    for p in sorted(cross_copy, key=lambda p: -p.score)[: args.show]:
        print(f"  {p.relation:14} {p.a} ({event[p.a]}, {lengths[p.a]}w) ~ {p.b} ({event[p.b]}, {lengths[p.b]}w) "
              f"score {p.score:.2f} cov {p.coverage_a:.2f}/{p.coverage_b:.2f} copy {p.copy_coverage:.2f} "
              f"matches {len(p.matches)} via {','.join(p.channels)}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for p in pairs:
                fh.write(json.dumps({
                    "a": p.a, "b": p.b, "relation": p.relation, "score": p.score, "coverage_a": p.coverage_a,
                    "coverage_b": p.coverage_b, "copy_coverage": p.copy_coverage, "channels": p.channels,
                    "same_event": event[p.a] == event[p.b],
                    "matches": [[m.a_span, m.b_span, m.kind, m.score] for m in p.matches],
                }) + "\n")
        print(f"pairs written to {args.dump}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    main()
