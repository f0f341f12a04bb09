"""Score unspun's claim extractor on PolNeAR and print it beside the published figures.

    python benchmarks/polnear/run.py [--split dev] [--limit N] [--offset K]

Develop rules on train (the default split for --split is dev, the one to report).  Speed is measured
over the split on one process with the spaCy model already loaded.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

from loader import Attribution, load_split  # noqa: E402
from score import PUBLISHED, ROLES, TARGET, Scores, score_document  # noqa: E402

from unspun.claims import Claim, ClaimExtractor  # noqa: E402



def to_polnear(text: str, c: Claim) -> Attribution:
    """Map a Claim onto PolNeAR's conventions: direct content includes the quote marks."""
    source = (c.speaker_span,) if c.speaker_span else ()
    cue = (c.cue_span,) if c.cue_span else ()
    if c.kind == "direct" and c.quote_marks:
        content = tuple(_with_marks(text, a, b) for a, b in c.quote_spans)
    else:
        content = c.content_parts or (c.content_span,)
    return Attribution(source, cue, content)


def claims_to_polnear(text: str, claims: list[Claim]) -> list[Attribution]:
    """PolNeAR conventions: a quote that continues the previous speaker's quote without a new cue is
    part of that attribution; quotes with neither cue nor speaker (scare quotes) are not attributions;
    an appositive source keeps its closing comma ("Jim Bennett, 57,")."""
    out: list[Attribution] = []
    prev: Claim | None = None
    for c in claims:
        if not c.cue and c.kind == "direct":
            if prev is not None and prev.kind == "direct" and c.speaker and c.speaker == prev.speaker and out:
                last = out[-1]
                extra = tuple(_with_marks(text, a, b) for a, b in c.quote_spans)
                out[-1] = Attribution(last.source, last.cue, last.content + extra)
            continue
        a = to_polnear(text, c)
        if out and prev is not None and c.cue_span is not None and c.cue_span == prev.cue_span and c.kind == "direct":
            # “Judge,” I said, “I have never ...”: both pieces belong to one attribution
            last = out[-1]
            out[-1] = Attribution(last.source, last.cue, last.content + a.content)
            continue
        if a.source and "," in text[a.source[0][0]:a.source[0][1]] and text[a.source[0][1]:a.source[0][1] + 1] == ",":
            a = Attribution(((a.source[0][0], a.source[0][1] + 1),), a.cue, a.content)
        out.append(a)
        prev = c
    return out


def _with_marks(text: str, a: int, b: int) -> tuple[int, int]:
    if a > 1 and text[a - 2:a] in ("''", "``"):  # typewriter marks are two characters
        a -= 2
    elif a > 0 and text[a - 1] in "\"“‘'«„":
        a -= 1
    if text[b:b + 2] == "''":
        b += 2
    elif b < len(text) and text[b] in "\"”’'»“":  # “ closes in mixed-mark text ("unusual,“ said")
        b += 1
    return (a, b)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--offset", type=int, default=0, help="skip this many texts first (a second tuning slice)")
    ap.add_argument("--processes", type=int, default=1, help="spaCy worker processes for parsing")
    ap.add_argument("--attitudes", action="store_true",
                    help="also extract wants/stances (ClaimExtractor(attitudes=True)), as PolNeAR annotates them")
    args = ap.parse_args()
    docs = load_split(args.split)[args.offset:]
    if args.limit:
        docs = docs[: args.limit]
    ex = ClaimExtractor(n_process=args.processes, attitudes=args.attitudes)
    ex.extract("Warm-up, she said.")
    t0, c0 = time.perf_counter(), time.process_time()
    preds = ex.extract_many([d.text for d in docs])
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    scores = Scores()
    for d, claims in zip(docs, preds):
        score_document(d, claims_to_polnear(d.text, claims), scores)
    n_ann = sum(len(d.annotations) for d in docs)
    print(f"PolNeAR {args.split}: {len(docs)} texts, {n_ann} annotations (multi-annotator texts weighted 1/k)")
    print(f"{'system':<22}{'source':>8}{'cue':>8}{'content':>9}   (exact-match F1, %)")
    for name, f in PUBLISHED.items():
        print(f"{name:<22}{f['source']:>8.1f}{f['cue']:>8.1f}{f['content']:>9.1f}")
    ex_f = {r: 100 * scores.roles[r].f1(True)[2] for r in ROLES}
    ov_f = {r: 100 * scores.roles[r].f1(False)[2] for r in ROLES}
    mode = "+att" if args.attitudes else ""
    print(f"{'unspun' + mode + ' (exact)':<22}{ex_f['source']:>8.1f}{ex_f['cue']:>8.1f}{ex_f['content']:>9.1f}")
    print(f"{'unspun' + mode + ' (overlap)':<22}{ov_f['source']:>8.1f}{ov_f['cue']:>8.1f}{ov_f['content']:>9.1f}")
    print(f"{'target (exact)':<22}{TARGET['source']:>8.1f}{TARGET['cue']:>8.1f}{TARGET['content']:>9.1f}")
    for r in ROLES:
        p, rc, f = scores.roles[r].f1(True)
        po, ro, fo = scores.roles[r].f1(False)
        print(f"  {r:<8} exact P {100*p:5.1f} R {100*rc:5.1f} | overlap P {100*po:5.1f} R {100*ro:5.1f}")
    words = sum(len(d.text.split()) for d in docs) / len(docs)
    print(f"speed: {len(docs) / dt:.1f} articles/s wall ({args.processes} process(es), mean {words:.0f} words/article)")
    if args.processes == 1:  # load-independent figure: the box is shared, wall time depends on neighbours
        print(f"       {len(docs) / cpu:.1f} articles per CPU-second of this process")


if __name__ == "__main__":
    main()
