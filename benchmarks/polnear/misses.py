"""Where the claim extractor misses PolNeAR attributions: a per-pattern miss table.

    python benchmarks/polnear/misses.py [--split dev] [--limit N] [--show PATTERN]

Every gold attribution (each annotator's, weighted 1/k as in run.py) is put in one pattern by its
form (first matching row wins): "according to", a nominal cue ("a statement", "the claim"), a quote
with the speaker after the cue ("..., said X"), a multi-sentence quote, a quote, nested (its content
holds another attribution's cue), reported speech with a speech verb, reported speech with another
verb (know, see, want ...), no source.  For each pattern it prints how many gold attributions there
are, how many cues the extractor found exactly, and source/content exact hits among those, so the
table says which form costs the most recall.  `--show` prints a few missed examples of one pattern.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

from loader import Attribution, load_split  # noqa: E402
from run import claims_to_polnear  # noqa: E402
from score import trim  # noqa: E402  (as score.py compares fragments)

from unspun.claims import ClaimExtractor  # noqa: E402
from unspun.claims.lexicon import PRONOUNS, SPEECH, VERB_LEMMA  # noqa: E402

_QUOTES = "\"“”'‘’«»"
_NOMINAL = re.compile(r"(?:ment|tion|sion|ance|ence|ism|ure|al|ory|ion|ics|ing)s?$")
PATTERNS = ("according to", "nominal cue", "quote, speaker after cue", "multi-sentence quote", "quote",
            "nested", "reported, speech verb", "reported, other verb", "no source")


def _txt(text: str, frags: tuple[tuple[int, int], ...]) -> str:
    return " | ".join(text[a:b] for a, b in frags)


def pattern(text: str, a: Attribution, cues: list[tuple[int, int]]) -> str:
    """The form of one gold attribution (see the module docstring for the order)."""
    cue = _txt(text, a.cue).lower().strip()
    words = re.findall(r"[a-z]+", cue)
    content = _txt(text, a.content).strip()
    c0 = min((x for x, _ in a.content), default=0)
    c1 = max((y for _, y in a.content), default=0)
    s0 = min((x for x, _ in a.source), default=-1)
    q0 = a.cue[0][0] if a.cue else 0
    if "according" in words:
        return "according to"
    last = words[-1] if words else ""
    if last and last not in VERB_LEMMA and not last.endswith(("ed", "s")) and _NOMINAL.search(last) or last in {
            "claim", "claims", "statement", "report", "comments", "remarks", "view", "words", "interview",
            "letter", "message", "speech", "announcement", "warning", "denial", "promise", "argument"}:
        return "nominal cue"
    quoted = content[:1] in _QUOTES or content[-1:] in _QUOTES
    if quoted and s0 > q0 and c0 < q0:
        return "quote, speaker after cue"
    if quoted and re.search(r"[.!?][”\"’]?\s+[“\"‘]?[A-Z]", text[c0:c1]):
        return "multi-sentence quote"
    if quoted:
        return "quote"
    if any(c0 <= x < c1 for x, _ in cues if (x, _) not in a.cue):
        return "nested"
    if not a.source:
        return "no source"
    lemma = VERB_LEMMA.get(last, last)
    return "reported, speech verb" if lemma in SPEECH else "reported, other verb"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--attitudes", action="store_true")
    ap.add_argument("--show", default="", help="print missed examples of this pattern (or 'source')")
    ap.add_argument("--n", type=int, default=12)
    args = ap.parse_args()
    docs = load_split(args.split)[: args.limit or None]
    ex = ClaimExtractor(attitudes=args.attitudes)
    preds = ex.extract_many([d.text for d in docs])
    gold = defaultdict(float)
    cue_hit = defaultdict(float)
    src_hit = defaultdict(float)
    con_hit = defaultdict(float)
    pron = [0.0, 0.0]
    shown = 0
    for d, claims in zip(docs, preds):
        pred = claims_to_polnear(d.text, claims)
        by_cue = {trim(d.text, p.cue): p for p in pred if p.cue}
        w = 1.0 / len(d.annotations)
        for ann in d.annotations:
            cues = [c for a in ann.attributions for c in a.cue]
            for a in ann.attributions:
                pat = pattern(d.text, a, cues)
                gold[pat] += w
                p = by_cue.get(trim(d.text, a.cue))
                if p is not None:
                    cue_hit[pat] += w
                    src_ok = trim(d.text, p.source) == trim(d.text, a.source)
                    src_hit[pat] += w * src_ok
                    con_hit[pat] += w * (trim(d.text, p.content) == trim(d.text, a.content))
                    if _txt(d.text, a.source).lower().strip() in PRONOUNS:
                        pron[0] += w
                        pron[1] += w * src_ok
                    if args.show == "source" and not src_ok and shown < args.n:
                        shown += 1
                        print(f"- [{_txt(d.text, a.source)}] vs [{_txt(d.text, p.source)}] cue [{_txt(d.text, a.cue)}]")
                elif args.show == pat and shown < args.n:
                    shown += 1
                    s = max(0, min(x for x, _ in a.cue + a.content) - 40)
                    e = max(y for _, y in a.cue + a.content + a.source) + 20
                    print(f"- S[{_txt(d.text, a.source)}] C[{_txt(d.text, a.cue)}] :: {d.text[s:e]!r}")
    total = sum(gold.values())
    print(f"PolNeAR {args.split}: {len(docs)} texts, {total:.0f} gold attributions (weighted)")
    print(f"{'pattern':<28}{'gold':>7}{'share':>7}{'cue found':>10}{'missed':>8}{'src ok':>8}{'content ok':>11}")
    for pat in PATTERNS:
        g = gold[pat]
        if not g:
            continue
        c = cue_hit[pat]
        print(f"{pat:<28}{g:7.0f}{100 * g / total:6.1f}%{100 * c / g:9.1f}%{g - c:8.0f}"
              f"{100 * src_hit[pat] / max(c, 1e-9):7.1f}%{100 * con_hit[pat] / max(c, 1e-9):10.1f}%")
    c = sum(cue_hit.values())
    print(f"{'all':<28}{total:7.0f}{100.0:6.1f}%{100 * c / total:9.1f}%{total - c:8.0f}"
          f"{100 * sum(src_hit.values()) / c:7.1f}%{100 * sum(con_hit.values()) / c:10.1f}%")
    if pron[0]:
        print(f"pronoun sources among found cues: {pron[0]:.0f}, exact source {100 * pron[1] / pron[0]:.1f}%")


if __name__ == "__main__":
    main()
