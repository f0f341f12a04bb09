#!/usr/bin/env python3
"""How often the contradiction signal fires on real news, and which way: planted up/down flips in PolNeAR.

    python benchmarks/edits/contradiction.py [--data /work/shared/data/polnear/data]

Every up/down word of PolNeAR's 924 real news articles ("rose", "up", "higher", "increased" ...) is flipped
in turn to its opposite, one flip per copy, as a spinner does. `unspun.edits.contradiction.clashes` then judges the
pair. Right: the flipped copy contradicts its own context. Wrong: the untouched original "contradicts"
itself by the rule (a false alarm that would vote for the copy). The rest: the signal stays silent, as it
should whenever the context names no direction. Texts are read at run time, never shipped.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "polnear"))

from loader import DEFAULT_ROOT, load_split  # noqa: E402

from unspun.clean import clean_article  # noqa: E402
from unspun.edits.contradiction import clashes  # noqa: E402
from unspun.records import Article, Edit  # noqa: E402

_PAIRS = [
    ("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("rising", "falling"), ("risen", "fallen"),
    ("increased", "decreased"), ("increase", "decrease"), ("increases", "decreases"), ("up", "down"),
    ("higher", "lower"), ("highest", "lowest"), ("climbed", "dropped"), ("grew", "shrank"),
    ("jumped", "slumped"), ("more", "fewer"), ("gained", "declined"),
]
FLIP = {**dict(_PAIRS), **{b: a for a, b in _PAIRS}}
_WORD = re.compile(r"\b(" + "|".join(FLIP) + r")\b", re.IGNORECASE)


def flips(text: str):
    """(span, replacement) for every up/down word, the replacement in the word's case."""
    for m in _WORD.finditer(text):
        word = m.group(1)
        new = FLIP[word.casefold()]
        yield m.span(1), new.capitalize() if word[0].isupper() else new


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--examples", type=int, default=5, help="false alarms to print")
    args = ap.parse_args()
    docs = [d for split in ("train", "dev") for d in load_split(split, args.data)]
    tally, by_word, wrong = Counter(), Counter(), []
    for doc in docs:
        a = clean_article(Article(doc.name, doc.text, doc.name))
        for (start, end), new in flips(doc.text):
            spun = doc.text[:start] + new + doc.text[end:]
            b = clean_article(Article(doc.name + "~", spun, doc.name))
            edit = Edit("meaning_flip", (start, end), (start, start + len(new)), doc.text[start:end], new, "", "high")
            found = clashes(a, b, [edit])
            verdict = "silent" if not found else ("right" if found[0].side == "b" else "wrong")
            tally[verdict] += 1
            by_word[doc.text[start:end].casefold(), verdict] += 1
            if verdict == "wrong" and len(wrong) < args.examples:
                wrong.append(found[0].why)
    n = sum(tally.values())
    fired = tally["right"] + tally["wrong"]
    print(f"{len(docs)} PolNeAR articles, {n:,} planted up/down flips")
    print(f"fired on {fired} ({fired / n:.1%}): right {tally['right']}, wrong {tally['wrong']}, "
          f"precision {tally['right'] / fired if fired else float('nan'):.3f}; silent {tally['silent']}")
    words = sorted({w for w, _ in by_word}, key=lambda w: -sum(by_word[w, v] for v in ("right", "wrong")))
    for w in words[:10]:
        print(f"  {w:<10} right {by_word[w, 'right']:4}  wrong {by_word[w, 'wrong']:3}  silent {by_word[w, 'silent']:5}")
    for why in wrong:
        print("  false alarm:", why)
    return 0


if __name__ == "__main__":
    sys.exit(main())
