"""Score unspun.claims on the hand-annotated articles in data/*.json and time it.

    python benchmarks/claims/run.py [--repeat 5]

Prints precision/recall/F1 for quote spans (exact character spans inside the marks), claim detection
(direct by quote, indirect by content overlap), speaker/cue/stance accuracy over matched claims and
end to end, and articles per second (model load excluded).  These articles are short (~60 words);
speed on news-length text, beside the extractor of an earlier commit: speed.py.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent / "src"))

from unspun.claims import Claim, ClaimExtractor  # noqa: E402


def load(data_dir: Path = HERE / "data") -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(data_dir.glob("*.json"))]


def _norm_speaker(s: str | None) -> str:
    if not s:
        return ""
    s = s.lower().strip()
    for det in ("the ", "a ", "an "):
        if s.startswith(det):
            s = s[len(det):]
    return s.replace("’", "'")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_claims(gold: list[dict], pred: list[Claim]) -> list[tuple[dict, Claim | None]]:
    """Pair each gold claim with at most one predicted claim."""
    taken: set[int] = set()
    out = []
    for g in gold:
        best, best_score = None, 0.0
        for i, p in enumerate(pred):
            if i in taken:
                continue
            if g["kind"] == "direct":
                gp = {tuple(x) for x in g["quote_spans"]}
                score = 2.0 if gp & set(p.quote_spans) else (
                    1.0 if _overlap(tuple(g["content_span"]), p.content_span) > 0 and p.kind == "direct" else 0.0)
            else:
                gs = tuple(g["content_span"])
                ov = _overlap(gs, p.content_span)
                shorter = min(gs[1] - gs[0], p.content_span[1] - p.content_span[0]) or 1
                score = ov / shorter if p.kind == "indirect" else 0.0
                score = score if score >= 0.5 else 0.0
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            taken.add(best)
            out.append((g, pred[best]))
        else:
            out.append((g, None))
    return out


def prf(tp: float, npred: float, ngold: float) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(articles: list[dict], preds: list[list[Claim]], verbose: bool = False) -> dict[str, float]:
    q_tp = q_pred = q_gold = 0
    c_tp = c_pred = c_gold = 0
    spk = cue = stance = 0
    for art, pred in zip(articles, preds):
        gold_q = {tuple(s) for c in art["claims"] for s in c["quote_spans"]} | {tuple(s) for s in art["partial_quotes"]}
        pred_q = {s for c in pred for s in c.quote_spans}
        q_tp += len(gold_q & pred_q)
        q_pred += len(pred_q)
        q_gold += len(gold_q)
        pairs = match_claims(art["claims"], pred)
        c_gold += len(art["claims"])
        c_pred += len(pred)
        for g, p in pairs:
            if p is None:
                if verbose:
                    print(f"  MISS {art['id']} {g['kind']} {g['text'][:60]!r}")
                continue
            c_tp += 1
            aliases = {_norm_speaker(s) for s in (g["speaker"] or [])}
            ok_s = _norm_speaker(p.speaker) in aliases if aliases else p.speaker is None
            spk += ok_s
            cue += (p.cue or None) == g["cue"] or (g["cue"] is None and not p.cue)
            stance += p.stance == g["stance"]
            if verbose and (not ok_s or p.stance != g["stance"]):
                print(f"  WRONG {art['id']} speaker {p.speaker!r} vs {g['speaker']} stance {p.stance} vs {g['stance']} | {g['text'][:50]!r}")
        if verbose:
            matched = {id(p) for _, p in pairs if p is not None}
            for p in pred:
                if id(p) not in matched:
                    print(f"  EXTRA {art['id']} {p.kind} {p.speaker!r} {p.cue!r} {p.text[:60]!r}")
            for s in sorted(pred_q - gold_q):
                print(f"  QUOTE-FP {art['id']} {art['text'][s[0]:s[1]][:60]!r}")
            for s in sorted(gold_q - pred_q):
                print(f"  QUOTE-FN {art['id']} {art['text'][s[0]:s[1]][:60]!r}")
    qp, qr, qf = prf(q_tp, q_pred, q_gold)
    cp, cr, cf = prf(c_tp, c_pred, c_gold)
    return {
        "quote_p": qp, "quote_r": qr, "quote_f1": qf,
        "claim_p": cp, "claim_r": cr, "claim_f1": cf,
        "speaker_acc": spk / c_tp if c_tp else 0.0,
        "cue_acc": cue / c_tp if c_tp else 0.0,
        "stance_acc": stance / c_tp if c_tp else 0.0,
        "speaker_e2e": spk / c_gold if c_gold else 0.0,
        "stance_e2e": stance / c_gold if c_gold else 0.0,
        "n_articles": len(articles), "n_claims": c_gold, "n_quotes": q_gold,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5, help="passes over the set for the speed figure")
    ap.add_argument("--set", default="data", choices=["data", "heldout"],
                    help="data = development set (32 articles), heldout = written after tuning")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss and wrong attribution")
    args = ap.parse_args()
    articles = load(HERE / args.set)
    ex = ClaimExtractor()
    ex.extract("Warm-up, she said.")  # load the model outside the timing
    texts = [a["text"] for a in articles]
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        preds = ex.extract_many(texts)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    m = evaluate(articles, preds, verbose=args.verbose)
    print(f"unspun claims benchmark ({args.set}): {m['n_articles']} articles, {m['n_claims']} gold claims, {m['n_quotes']} gold quote spans")
    print(f"{'metric':<28}{'P':>7}{'R':>7}{'F1':>7}")
    print(f"{'quote spans (exact)':<28}{m['quote_p']:7.3f}{m['quote_r']:7.3f}{m['quote_f1']:7.3f}   target F1 >= 0.95")
    print(f"{'claims (detected)':<28}{m['claim_p']:7.3f}{m['claim_r']:7.3f}{m['claim_f1']:7.3f}")
    print(f"speaker attribution accuracy {m['speaker_acc']:.3f} (matched claims; end to end {m['speaker_e2e']:.3f})   target >= 0.85")
    print(f"stance accuracy              {m['stance_acc']:.3f} (matched claims; end to end {m['stance_e2e']:.3f})   target >= 0.90")
    print(f"cue accuracy                 {m['cue_acc']:.3f}")
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"speed: {len(texts) * args.repeat / dt:.1f} articles/s wall, {len(texts) * args.repeat / cpu:.1f} per CPU-second "
          f"(1 process, mean {words:.0f} words/article)")


if __name__ == "__main__":
    main()
