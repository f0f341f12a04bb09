#!/usr/bin/env python3
"""A crude context-blind thesaurus spinner, for checking direction and spin scores on machine-style spins.

    python benchmarks/edits/synthetic.py            # direction accuracy + spin AUC on the 52 originals

Each benchmark original is spun by swapping words for entries of the small synonym list below (written
for this check, not taken from the benchmark's rewrites): every listed word is swapped with probability
`--rate`, capitalisation kept, with no regard for the neighbouring words (that is what spinners do).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"

# word -> thesaurus replacement (one sense only, as a spinner's lookup table would have it)
SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "asked": "requested", "big": "massive",
    "large": "sizeable", "small": "little", "new": "novel", "old": "aged", "high": "elevated",
    "low": "reduced", "heavy": "weighty", "strong": "potent", "weak": "feeble", "fast": "speedy",
    "quickly": "swiftly", "slowly": "leisurely", "important": "momentous", "major": "significant",
    "key": "crucial", "main": "principal", "help": "assist", "helped": "assisted", "need": "require",
    "needed": "required", "make": "create", "made": "created", "take": "grab", "took": "grabbed",
    "taken": "grabbed", "get": "acquire", "got": "acquired", "give": "bestow", "gave": "bestowed",
    "show": "exhibit", "showed": "exhibited", "shows": "exhibits", "start": "commence",
    "started": "commenced", "begin": "commence", "began": "commenced", "end": "conclusion",
    "ended": "concluded", "buy": "purchase", "bought": "purchased", "sell": "vend", "sold": "vended",
    "use": "utilise", "used": "utilised", "try": "attempt", "tried": "attempted", "keep": "retain",
    "kept": "retained", "plan": "scheme", "plans": "schemes", "planned": "schemed", "city": "metropolis",
    "town": "township", "people": "individuals", "children": "youngsters", "police": "constabulary",
    "officers": "officials", "company": "firm", "firm": "enterprise", "money": "funds",
    "cost": "expense", "costs": "expenses", "price": "value", "prices": "values", "job": "occupation",
    "jobs": "occupations", "work": "labour", "worked": "laboured", "home": "residence",
    "homes": "residences", "house": "dwelling", "car": "automobile", "road": "roadway",
    "week": "seven days", "year": "twelve months", "years": "twelve months", "day": "date",
    "time": "period", "first": "initial", "last": "final", "next": "subsequent", "late": "tardy",
    "early": "premature", "public": "communal", "government": "administration", "council": "assembly",
    "minister": "secretary", "meeting": "gathering", "report": "account", "reported": "recounted",
    "statement": "assertion", "decision": "verdict", "deal": "arrangement", "talks": "discussions",
    "rain": "precipitation", "fire": "blaze", "water": "aqua", "food": "nourishment", "school": "academy",
    "hospital": "infirmary", "doctor": "physician", "doctors": "physicians", "staff": "personnel",
    "workers": "labourers", "market": "marketplace", "rise": "ascent", "rose": "ascended",
    "fell": "descended", "fall": "descent", "increase": "augment", "cut": "slash", "hit": "strike",
    "hard": "arduous", "easy": "effortless", "clear": "evident", "likely": "probable",
    "around": "roughly", "about": "approximately", "almost": "virtually", "very": "extremely",
    "also": "additionally", "but": "however", "because": "since", "after": "following",
    "before": "prior to", "during": "amid", "serious": "grave", "problem": "issue",
    "problems": "issues", "question": "query", "questions": "queries", "answer": "response",
    "chief": "head", "head": "chief", "leader": "chief", "local": "regional", "national": "countrywide",
    "group": "collective", "team": "squad", "game": "match", "match": "contest", "win": "triumph",
    "won": "triumphed", "lost": "misplaced", "record": "document", "case": "instance",
    "court": "tribunal", "judge": "adjudicator", "trial": "hearing", "found": "discovered",
    "believe": "reckon", "think": "reckon", "known": "recognised", "expected": "anticipated",
    "support": "backing", "lead": "guide", "led": "guided", "way": "method", "part": "portion",
    "place": "location", "area": "region", "areas": "regions", "number": "quantity",
    "figures": "statistics", "rate": "charge", "rates": "charges", "interest": "curiosity",
}
_WORD = re.compile(r"[A-Za-z]+")


def spin(text: str, rng: random.Random, rate: float = 0.5) -> tuple[str, int]:
    """The text with listed words swapped (probability `rate` per occurrence, capitalisation kept) and the
    number of swaps."""
    count = 0

    def swap(m: re.Match) -> str:
        nonlocal count
        w = m.group()
        new = SYNONYMS.get(w.casefold())
        if new is None or rng.random() >= rate:
            return w
        count += 1
        if w.isupper() and len(w) > 1:
            return new.upper()
        return new[:1].upper() + new[1:] if w[:1].isupper() else new

    out = _WORD.sub(swap, text)
    return out, count


def spins(rate: float = 0.5, seed: int = 7) -> list[tuple[str, str, str, int]]:
    """(pair id, original, spun original, swaps) for every benchmark pair."""
    rng = random.Random(seed)
    out = []
    for p in sorted(DATA.glob("pair-*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        out.append((d["id"], d["original"], *spin(d["original"], rng, rate)))
    return out


def auc(pos: list[float], neg: list[float]) -> float:
    return sum((x > y) + 0.5 * (x == y) for x in pos for y in neg) / (len(pos) * len(neg)) if pos and neg else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    from unspun import compare
    from unspun.edits.spin import spin_score

    triples = spins(args.rate, args.seed)
    correct = unknown = 0
    swaps = 0
    for pid, orig, spun, k in triples:
        swaps += k
        for a, b, want in ((orig, spun, "a"), (spun, orig, "b")):  # both orders, so a side bias cannot help
            c = compare(a, b)
            got = {c.a.id: "a", c.b.id: "b"}.get(c.original or "")
            correct += got == want
            unknown += got is None
            if args.verbose and got != want:
                print(pid, want, got, c.original_confidence, c.original_signals[:3])
    n = 2 * len(triples)
    print(f"synthetic spins: {len(triples)} originals, {swaps} swapped words (rate {args.rate}, seed {args.seed})")
    print(f"direction (both orders, n={n}): accuracy {correct / n:.3f}, unknown {unknown / n:.3f}, "
          f"accuracy of decided {correct / max(1, n - unknown):.3f}")
    neg = [spin_score(o).score for _, o, _, _ in triples]
    pos = [spin_score(s).score for _, _, s, _ in triples]
    print(f"lone-article spin score, originals vs synthetic spins: AUC {auc(pos, neg):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
