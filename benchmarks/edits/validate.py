#!/usr/bin/env python3
"""Validate the hand-labelled edit-classification benchmark.

Loads every benchmarks/edits/data/pair-NNN.json, checks its structure and
that every span slices to its recorded text, then prints a summary.
Exit status 1 if anything is wrong.

    python benchmarks/edits/validate.py [DATA_DIR]
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

KINDS = (
    "synonym", "meaning_flip", "number_change", "name_change",
    "quote_altered", "idiom_broken", "added", "removed",
)
EDIT_KEYS = {"kind", "a_text", "b_text", "a_span", "b_span"}
PAIR_KEYS = {
    "id", "original", "rewrite", "original_published", "rewrite_published",
    "synonyms_complete", "edits",
}
MAX_NONSYN = 6
WORDS_MIN, WORDS_MAX = 80, 250
# Minimum totals the dataset promises (see README.md).
TARGETS = {
    "pairs": 48, "meaning_flip": 30, "quote_altered": 30,
    "number_change": 20, "name_change": 20, "idiom_broken": 12,
    "added+removed": 20, "synonyms_complete pairs": 15,
    "undated pairs": 40,
}
_WORD = re.compile(r"[a-z0-9$%£€]+(?:'[a-z]+)?")


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def blank(text: str, spans: list[list[int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


def check_span(errs, where, text, span, expect):
    if span is None:
        return
    if (not isinstance(span, list) or len(span) != 2
            or not all(isinstance(x, int) for x in span)):
        errs.append(f"{where}: span must be [start, end] ints, got {span!r}")
        return
    s, e = span
    if not 0 <= s < e <= len(text):
        errs.append(f"{where}: span {span} out of range (len {len(text)})")
        return
    got = text[s:e]
    if got != expect:
        errs.append(f"{where}: span {span} slices to {got!r}, expected {expect!r}")
    elif got != got.strip():
        errs.append(f"{where}: span {span} has leading/trailing whitespace")


def check_pair(path: Path, pair: dict, errs: list[str]) -> None:
    pid = pair.get("id", path.stem)
    missing = PAIR_KEYS - pair.keys()
    if missing:
        errs.append(f"{pid}: missing keys {sorted(missing)}")
        return
    if pair["id"] != path.stem:
        errs.append(f"{pid}: id does not match file name {path.name}")
    for k in ("original", "rewrite"):
        if not isinstance(pair[k], str) or not pair[k].strip():
            errs.append(f"{pid}: {k} must be a non-empty string")
            return
    n = len(pair["original"].split())
    if not WORDS_MIN <= n <= WORDS_MAX:
        errs.append(f"{pid}: original has {n} words (expected {WORDS_MIN}-{WORDS_MAX})")
    for k in ("original_published", "rewrite_published"):
        v = pair[k]
        if v is not None:
            try:
                date.fromisoformat(v)
            except (TypeError, ValueError):
                errs.append(f"{pid}: {k} must be null or YYYY-MM-DD, got {v!r}")
    if not isinstance(pair["synonyms_complete"], bool):
        errs.append(f"{pid}: synonyms_complete must be true/false")
    if not isinstance(pair["edits"], list):
        errs.append(f"{pid}: edits must be a list")
        return

    a_spans, b_spans = [], []
    for i, ed in enumerate(pair["edits"]):
        where = f"{pid} edit {i}"
        if not isinstance(ed, dict) or set(ed) != EDIT_KEYS:
            errs.append(f"{where}: keys must be exactly {sorted(EDIT_KEYS)}")
            continue
        kind = ed["kind"]
        if kind not in KINDS:
            errs.append(f"{where}: unknown kind {kind!r}")
            continue
        if ed["a_text"] == ed["b_text"]:
            errs.append(f"{where}: a_text and b_text are identical")
        if kind == "added":
            if ed["a_span"] is not None or ed["a_text"] != "":
                errs.append(f"{where}: added edit needs a_span null and a_text ''")
        elif ed["a_span"] is None:
            errs.append(f"{where}: {kind} edit needs an a_span")
        if kind == "removed":
            if ed["b_span"] is not None or ed["b_text"] != "":
                errs.append(f"{where}: removed edit needs b_span null and b_text ''")
        elif ed["b_span"] is None:
            errs.append(f"{where}: {kind} edit needs a b_span")
        check_span(errs, where + " a_span", pair["original"], ed["a_span"], ed["a_text"])
        check_span(errs, where + " b_span", pair["rewrite"], ed["b_span"], ed["b_text"])
        if isinstance(ed["a_span"], list):
            a_spans.append(ed["a_span"])
        if isinstance(ed["b_span"], list):
            b_spans.append(ed["b_span"])

    for side, spans in (("a", a_spans), ("b", b_spans)):
        spans = sorted(tuple(s) for s in spans)
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            if s2 < e1:
                errs.append(f"{pid}: overlapping {side}_spans {[s1, e1]} and {[s2, e2]}")

    nonsyn = sum(e.get("kind") != "synonym" for e in pair["edits"])
    if nonsyn > MAX_NONSYN:
        errs.append(f"{pid}: {nonsyn} non-synonym edits (max {MAX_NONSYN})")

    # In a synonyms_complete pair every wording change is labelled, so the
    # words left outside the labelled spans must be the same multiset on both
    # sides (clause reordering and quote-mark typography are allowed).
    if pair["synonyms_complete"] and not any("span" in e for e in errs if e.startswith(pid)):
        ra = Counter(tokens(blank(pair["original"], a_spans)))
        rb = Counter(tokens(blank(pair["rewrite"], b_spans)))
        if ra != rb:
            errs.append(
                f"{pid}: synonyms_complete but unlabelled wording differs: "
                f"only in original {sorted((ra - rb).elements())}, "
                f"only in rewrite {sorted((rb - ra).elements())}")


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "data"
    files = sorted(data.glob("pair-*.json"))
    errs: list[str] = []
    pairs = []
    for f in files:
        try:
            pair = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            errs.append(f"{f.name}: cannot load: {exc}")
            continue
        if not isinstance(pair, dict):
            errs.append(f"{f.name}: top level must be an object")
            continue
        check_pair(f, pair, errs)
        pairs.append(pair)

    kinds = Counter()
    controls = complete = dated = curly = straight = 0
    nonsyn_hist = Counter()
    for p in pairs:
        eds = p.get("edits") or []
        kinds.update(e.get("kind") for e in eds if isinstance(e, dict))
        ns = sum(isinstance(e, dict) and e.get("kind") != "synonym" for e in eds)
        nonsyn_hist[ns] += 1
        controls += ns == 0
        complete += p.get("synonyms_complete") is True
        dated += bool(p.get("original_published") or p.get("rewrite_published"))
        text = p.get("original", "")
        curly += "“" in text
        straight += '"' in text

    totals = {
        "pairs": len(pairs), **{k: kinds[k] for k in KINDS},
        "added+removed": kinds["added"] + kinds["removed"],
        "synonyms_complete pairs": complete, "undated pairs": len(pairs) - dated,
    }
    for name, minimum in TARGETS.items():
        if totals[name] < minimum:
            errs.append(f"dataset: {name} = {totals[name]}, below the promised {minimum}")

    print(f"edit benchmark: {len(pairs)} pairs in {data}")
    print(f"  control pairs (no non-synonym edit): {controls}")
    print(f"  synonyms_complete pairs:             {complete}")
    print(f"  pairs with a publication date:       {dated}")
    print(f"  originals with curly / straight quotes: {curly} / {straight}")
    print("  non-synonym edits per pair: "
          + ", ".join(f"{k}:{nonsyn_hist[k]}" for k in sorted(nonsyn_hist)))
    print("  edits per kind:")
    for k in KINDS:
        print(f"    {k:15s} {kinds[k]:4d}")
    print(f"    {'added+removed':15s} {totals['added+removed']:4d}")
    print(f"    {'total':15s} {sum(kinds.values()):4d}"
          f"  (non-synonym {sum(kinds.values()) - kinds['synonym']})")
    if errs:
        print(f"\n{len(errs)} error(s):", file=sys.stderr)
        for e in errs:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
