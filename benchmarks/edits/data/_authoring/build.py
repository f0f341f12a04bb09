"""Build benchmarks/edits/data/pair-NNN.json from the hand-written sources.

Authoring format (see pairs_src*.py): each pair is written once as an
*aligned* text in which every difference between original and rewrite is an
inline marker ``{k:A>B}`` -- ``A`` is the original wording, ``B`` the rewrite
wording, ``k`` one letter:

    s synonym        f meaning_flip   n number_change   p name_change
    q quote_altered  i idiom_broken   a added (A empty)  r removed (B empty)
    x unlabelled rewording (a synonym swap we chose not to label)
    o unlabelled clause reordering (same words, different order)
    u unlabelled typography change (quote marks / punctuation only)

Segments (sentence groups) are separated by ``§``; ``order`` permutes them
in the rewrite. Spans are computed here, never by hand.

Usage: python build.py [SET_DIR]   (writes ../pair-NNN.json, or SET_DIR/pair-NNN.json from
SET_DIR/_authoring/pairs_src.py, e.g. ../../heldout; prints counts)
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True

KINDS = {
    "s": "synonym", "f": "meaning_flip", "n": "number_change",
    "p": "name_change", "q": "quote_altered", "i": "idiom_broken",
    "a": "added", "r": "removed",
}
UNLABELLED = {"x", "o", "u"}
MARK = re.compile(r"\{([sfnpqiarxou]):([^{}>]*)>([^{}]*)\}")


def words(s):
    return re.findall(r"[A-Za-z0-9$%]+(?:['’][A-Za-z]+)?", s.lower())


def render(seg, pid):
    """Return (a_text, b_text, edits-with-local-spans)."""
    a, b, edits = [], [], []
    pa = pb = 0
    pos = 0
    for m in MARK.finditer(seg):
        lit = seg[pos:m.start()]
        a.append(lit); b.append(lit)
        pa += len(lit); pb += len(lit)
        k, ta, tb = m.group(1), m.group(2), m.group(3)
        if ta == tb:
            raise SystemExit(f"{pid}: marker with identical sides: {m.group(0)}")
        if ta != ta.strip() or tb != tb.strip():
            raise SystemExit(f"{pid}: marker sides must not have edge spaces: {m.group(0)}")
        if k == "a" and ta:
            raise SystemExit(f"{pid}: added marker with original text: {m.group(0)}")
        if k == "r" and tb:
            raise SystemExit(f"{pid}: removed marker with rewrite text: {m.group(0)}")
        if k not in "ar" and (not ta or not tb):
            raise SystemExit(f"{pid}: empty side in {m.group(0)}")
        if k == "o" and sorted(words(ta)) != sorted(words(tb)):
            raise SystemExit(f"{pid}: reorder marker changes words: {m.group(0)}")
        if k == "u" and words(ta) != words(tb):
            raise SystemExit(f"{pid}: typography marker changes words: {m.group(0)}")
        if k in KINDS:
            edits.append({
                "kind": KINDS[k], "a_text": ta, "b_text": tb,
                "a_span": [pa, pa + len(ta)] if ta else None,
                "b_span": [pb, pb + len(tb)] if tb else None,
            })
        a.append(ta); b.append(tb)
        pa += len(ta); pb += len(tb)
        pos = m.end()
    lit = seg[pos:]
    a.append(lit); b.append(lit)
    if "{" in lit or "}" in lit:
        raise SystemExit(f"{pid}: stray brace / malformed marker near: {lit[:60]!r}")
    return "".join(a), "".join(b), edits


def join(parts):
    """parts: list of (text, local_edits, side). Returns text, shifted edits."""
    text, out = "", []
    for t, eds, side in parts:
        t0 = t.strip()
        if not t0:
            # a segment that exists only on the other side
            continue
        lead = len(t) - len(t.lstrip())
        if text:
            text += " "
        base = len(text) - lead
        text += t0
        for e in eds:
            sp = e[side]
            if sp is not None:
                e[side] = [sp[0] + base, sp[1] + base]
        out.extend(eds)
    return text, out


def build_pair(n, spec):
    pid = f"pair-{n:03d}"
    src = re.sub(r"\s+", " ", spec["text"]).strip()
    segs = [s.strip() for s in src.split("§")]
    rendered = [render(s, pid) for s in segs]
    edit_lists = [eds for _, _, eds in rendered]
    original, _ = join([(ra, eds, "a_span") for (ra, _, _), eds in zip(rendered, edit_lists)])
    order = spec.get("order") or list(range(len(segs)))
    if sorted(order) != list(range(len(segs))):
        raise SystemExit(f"{pid}: bad order {order} for {len(segs)} segments")
    rewrite, _ = join([(rendered[i][1], edit_lists[i], "b_span") for i in order])
    edits = [e for eds in edit_lists for e in eds]
    complete = bool(spec.get("complete"))
    if complete and re.search(r"\{x:", src):
        raise SystemExit(f"{pid}: synonyms_complete pair has unlabelled x markers")
    for e in edits:
        if e["a_span"] is not None:
            assert original[slice(*e["a_span"])] == e["a_text"], (pid, e)
        if e["b_span"] is not None:
            assert rewrite[slice(*e["b_span"])] == e["b_text"], (pid, e)
    nwords = len(original.split())
    if not 80 <= nwords <= 250:
        raise SystemExit(f"{pid}: original has {nwords} words (need 80-250)")
    nonsyn = sum(e["kind"] != "synonym" for e in edits)
    if nonsyn > 6:
        raise SystemExit(f"{pid}: {nonsyn} non-synonym edits (max 6)")
    return {
        "id": pid,
        "original": original,
        "rewrite": rewrite,
        "original_published": spec.get("op"),
        "rewrite_published": spec.get("rp"),
        "synonyms_complete": complete,
        "edits": edits,
    }, nwords


def dump(pair):
    """Pretty JSON with one edit per line."""
    d = lambda v: json.dumps(v, ensure_ascii=False)
    lines = ["{"]
    for k in ("id", "original", "rewrite", "original_published",
              "rewrite_published", "synonyms_complete"):
        lines.append(f"  {d(k)}: {d(pair[k])},")
    eds = [f"    {d(e)}" for e in pair["edits"]]
    lines.append('  "edits": [' + ("\n" + ",\n".join(eds) + "\n  ]" if eds else "]"))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _pairs(set_dir):
    """PAIRS of a set's _authoring/pairs_src.py (the main set's when set_dir is None)."""
    if set_dir is None:
        from pairs_src import PAIRS

        return PAIRS
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"{set_dir.name}_pairs_src", set_dir / "_authoring" / "pairs_src.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PAIRS


def main(set_dir=None):
    """Write `set_dir`/pair-NNN.json (default: the main set, ../) from that set's pairs_src.py."""
    out = OUT if set_dir is None else set_dir
    PAIRS = _pairs(set_dir)
    counts, nonsyn_pairs, controls, words_ = Counter(), [], 0, []
    for old in out.glob("pair-*.json"):
        old.unlink()
    for n, spec in enumerate(PAIRS, 1):
        pair, nw = build_pair(n, spec)
        words_.append(nw)
        c = Counter(e["kind"] for e in pair["edits"])
        counts.update(c)
        if sum(v for k, v in c.items() if k != "synonym") == 0:
            controls += 1
        (out / f"{pair['id']}.json").write_text(dump(pair), encoding="utf-8")
    print(f"pairs={len(PAIRS)} controls={controls} words min={min(words_)} max={max(words_)}")
    for k in KINDS.values():
        print(f"  {k:14s} {counts[k]}")
    print(f"  added+removed  {counts['added'] + counts['removed']}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else None)
