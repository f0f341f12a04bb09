"""Labelled reuse corpus: real PolNeAR news articles as originals, derivatives made by our own rules.

Every group is one original plus one derivative per kind; other PolNeAR articles (2016 campaign
coverage of the same people) are unrelated same-topic hard negatives. "mashup" articles take most of
their sentences from one original and the rest from another: they are labelled with the first
original's group and test that one hub does not chain two groups (cluster ARI), but pairs touching
them are left out of pair precision/recall (either link is defensible).

Spinning uses two dictionaries kept here and never read by src/unspun: a hand-written table
(synonyms_hand.tsv) and WordNet 3.0 as shipped by Debian's `wordnet-base` (most frequent sense per
word, any single-word lemma of that synset). The paraphrase rules go forward through one dictionary
and back through the other, so a word rarely returns to itself, and restructure clauses.

Usage: python benchmarks/reuse/generate.py --out DIR [--groups 40] [--negatives 150] [--seed 5]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLNEAR = Path("/work/shared/data/polnear/data")
WORDNET = Path("/usr/share/wordnet")

KINDS = (
    "exact", "caption-noise", "truncation", "drop-insert", "shuffle",
    "spin-hand", "spin-wordnet", "paraphrase", "ocr-noise",
)
SPUN_KINDS = ("spin-hand", "spin-wordnet", "paraphrase")

_WORD = re.compile(r"[A-Za-z][a-z]+")
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_STOP = set("""the a an and or of to in on for with as by at from is was were are be been has have had
it its this that these those he she they we i you his her their our not no will would can could""".split())


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    group: str  # id of the original it derives from; its own id for originals and negatives
    kind: str  # original | negative | mashup | one of KINDS
    source: str = ""  # PolNeAR file name of the original text


# --- reading originals ---------------------------------------------------------------------------------


def polnear_texts(root: Path = POLNEAR) -> list[tuple[str, str]]:
    """(file stem, text) of PolNeAR articles, without wire copies (which may duplicate each other)."""
    wire: set[str] = set()
    meta = root / "metadata.tsv"
    if meta.exists():
        rows = [line.split("\t") for line in meta.read_text(encoding="utf-8").splitlines()[1:]]
        wire = {r[1] for r in rows if len(r) > 11 and r[11] not in ("None", "NA", "")}
    out = []
    for path in sorted(root.glob("*/text/*.txt")):
        if path.stem in wire:
            continue
        text = path.read_text(encoding="utf-8").strip()
        if 1500 <= len(text) <= 9000:
            out.append((path.stem, text))
    return out


def shingles(text: str, n: int = 5) -> set[int]:
    words = text.lower().split()
    return {hash(" ".join(words[i : i + n])) for i in range(len(words) - n + 1)}


def independent(texts: list[tuple[str, str]], max_shared: float = 0.05) -> list[tuple[str, str]]:
    """Drop articles that share more than `max_shared` of their 5-word shingles with a kept one."""
    owner: dict[int, int] = {}
    kept: list[tuple[str, str]] = []
    for stem, text in texts:
        sh = shingles(text)
        counts: dict[int, int] = {}
        for s in sh:
            k = owner.get(s)
            if k is not None:
                counts[k] = counts.get(k, 0) + 1
        if sh and counts and max(counts.values()) / len(sh) > max_shared:
            continue
        for s in sh:
            owner.setdefault(s, len(kept))
        kept.append((stem, text))
    return kept


# --- dictionaries --------------------------------------------------------------------------------------


def hand_dictionary(path: Path = HERE / "synonyms_hand.tsv") -> dict[str, list[str]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        word, repl = line.split("\t", 1)
        options = [r for r in repl.split("|") if r and r != word]
        if options:
            table[word] = options
    return table


def wordnet_dictionary(root: Path = WORDNET) -> dict[str, list[str]]:
    """word -> single-word synonyms from its most frequent WordNet sense (POS with most tagged senses)."""
    if not (root / "index.noun").exists():
        raise SystemExit("WordNet data not found: install Debian's wordnet-base (apt-get install wordnet-base)")
    synsets: dict[tuple[str, str], list[str]] = {}
    best: dict[str, tuple[int, str, str]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (root / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            parts = line.split()
            n = int(parts[3], 16)
            words = [re.sub(r"\(.*\)$", "", parts[4 + 2 * k]).lower() for k in range(n)]
            synsets[(pos, parts[0])] = [w for w in words if "_" not in w and w.isalpha()]
        for line in (root / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma, n_synsets, n_ptrs = parts[0], int(parts[2]), int(parts[3])
            tagged = int(parts[5 + n_ptrs])
            first = parts[6 + n_ptrs]
            if "_" in lemma or n_synsets == 0:
                continue
            if lemma not in best or tagged > best[lemma][0]:
                best[lemma] = (tagged, pos, first)
    table = {}
    for lemma, (_, pos, offset) in best.items():
        options = [w for w in synsets.get((pos, offset), []) if w != lemma]
        if options:
            table[lemma] = options
    return table


# --- derivative rules ----------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENT.split(paragraph) if s.strip()]


def join(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras if p)


def split_all(text: str) -> list[list[str]]:
    return [sentences(p) for p in paragraphs(text)]


def match_case(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def spin(text: str, table: dict[str, list[str]], rate: float, rng: random.Random, min_len: int = 3) -> str:
    """Replace dictionary words (not names: a capitalized word mid-sentence is left alone)."""

    def swap(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        start = m.start()
        sentence_start = start == 0 or text[max(0, start - 2) : start].strip() in {".", "!", "?", '"', "“"}
        if word[0].isupper() and not sentence_start:
            return word
        if low in _STOP or len(low) < min_len or low not in table or rng.random() > rate:
            return word
        return match_case(rng.choice(table[low]), word)

    return _WORD.sub(swap, text)


def caption_noise(text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    names = re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", text) or ["The candidate"]
    caption = f"{rng.choice(names)} speaks to supporters on the campaign trail. (Photo: Staff photographer)"
    out = []
    for n, p in enumerate(paras):
        out.append(p.replace('"', "“", 1) if n % 2 else p)
        if n in (0, len(paras) // 2):
            out.append(caption if n == 0 else caption.replace("(Photo", " (Photo").replace(". ", ".  "))
        if n == 1:
            out.append("Advertisement")
    return "\n\n".join(out)


def truncation(text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    keep = max(2, round(len(paras) * rng.uniform(0.45, 0.7)))
    return "\n\n".join(paras[:keep] + ["Read the full story on our website."])


FILLER = [
    "Sign up for our newsletter to get the day's top political stories.",
    "This article has been updated with additional reporting.",
    "Share your thoughts in the comments section below.",
    "Our correspondents will continue to follow the race in the coming days.",
]


def drop_insert(text: str, rng: random.Random) -> str:
    paras = split_all(text)
    out = [[s for s in p if rng.random() > 0.25] for p in paras]
    for filler in rng.sample(FILLER, 2):
        out.insert(rng.randrange(1, max(2, len(out))), [filler])
    return join(out)


def shuffle(text: str, rng: random.Random) -> str:
    paras = split_all(text)
    head, rest = paras[:1], paras[1:]
    rng.shuffle(rest)
    for p in rest:
        if len(p) > 2 and rng.random() < 0.5:
            rng.shuffle(p)
    return join(head + rest)


_SAID = re.compile(r"^(?P<who>[A-Z][\w.' -]{1,40}?) (?P<verb>said|says|told reporters|argued|added) (?:that )?(?P<what>.+?)\.$")


def paraphrase(text: str, hand: dict, wn: dict, rng: random.Random) -> str:
    """Own rules: forward through the hand table, back through WordNet, then clause restructuring."""
    forward = spin(text, hand, 0.7, rng)
    back = spin(forward, wn, 0.35, rng, min_len=4)
    out = []
    for para in split_all(back):
        new = []
        for s in para:
            m = _SAID.match(s)
            if m and rng.random() < 0.8:
                what = m.group("what")
                s = f"{what[:1].upper()}{what[1:]}, {m.group('who')} {m.group('verb')}."
            elif ", but " in s and rng.random() < 0.6:
                left, right = s.split(", but ", 1)
                s = f"{left}. But {right}"
            elif s.startswith(("However, ", "Still, ")) and rng.random() < 0.7:
                s = s.split(", ", 1)[1]
                s = s[:1].upper() + s[1:]
            s = s.replace(" don't ", " do not ").replace(" won't ", " will not ").replace(" isn't ", " is not ")
            new.append(s)
        out.append(new)
    return join(out)


_OCR = [("rn", "m"), ("m", "rn"), ("l", "1"), ("O", "0"), ("e", "c"), ("i", "l"), ("cl", "d"), ("h", "b")]


def ocr_noise(text: str, rng: random.Random, rate: float = 0.04) -> str:
    def damage(m: re.Match) -> str:
        w = m.group(0)
        if rng.random() > rate:
            return w
        r = rng.random()
        if r < 0.6:
            for a, b in rng.sample(_OCR, len(_OCR)):
                if a in w:
                    return w.replace(a, b, 1)
        if r < 0.8 and len(w) > 3:
            k = rng.randrange(1, len(w) - 1)
            return w[:k] + w[k + 1 :]
        k = rng.randrange(1, len(w))
        return w[:k] + "- " + w[k:]  # a line-end hyphenation left in

    return re.sub(r"[A-Za-z]{3,}", damage, text)


def mashup(major: str, minor: str, rng: random.Random) -> str:
    a, b = [s for p in split_all(major) for s in p], [s for p in split_all(minor) for s in p]
    take_a = a[: max(3, round(len(a) * 0.6))]
    take_b = b[: max(2, round(len(b) * 0.4))]
    return "\n\n".join(" ".join(take_a[i : i + 3]) for i in range(0, len(take_a), 3)) + "\n\n" + "\n\n".join(
        " ".join(take_b[i : i + 3]) for i in range(0, len(take_b), 3)
    )


def derive(kind: str, text: str, hand: dict, wn: dict, rng: random.Random) -> str:
    if kind == "exact":
        return text
    if kind == "caption-noise":
        return caption_noise(text, rng)
    if kind == "truncation":
        return truncation(text, rng)
    if kind == "drop-insert":
        return drop_insert(text, rng)
    if kind == "shuffle":
        return shuffle(text, rng)
    if kind == "spin-hand":
        return spin(text, hand, 0.9, rng)
    if kind == "spin-wordnet":
        return spin(text, wn, 0.6, rng, min_len=4)
    if kind == "paraphrase":
        return paraphrase(text, hand, wn, rng)
    if kind == "ocr-noise":
        return ocr_noise(text, rng)
    raise ValueError(kind)


def build(groups: int = 40, negatives: int = 150, mashups: int = 10, seed: int = 5, reuse: bool = False) -> list[Doc]:
    """The labelled corpus, deterministic for a seed.

    `reuse` lets originals repeat once the pool runs out (speed runs only: labels are then wrong).
    """
    rng = random.Random(seed)
    pool = independent(polnear_texts())
    rng.shuffle(pool)
    if len(pool) < groups + negatives and not reuse:
        raise SystemExit(f"only {len(pool)} independent PolNeAR articles; ask for fewer")
    hand, wn = hand_dictionary(), wordnet_dictionary()
    docs: list[Doc] = []
    originals = [pool[k % len(pool)] for k in range(groups)]
    for n, (stem, text) in enumerate(originals):
        gid = f"g{n:03d}"
        docs.append(Doc(f"{gid}-original", text, gid, "original", stem))
        for kind in KINDS:
            docs.append(Doc(f"{gid}-{kind}", derive(kind, text, hand, wn, rng), gid, kind, stem))
    for n in range(min(mashups, groups // 2)):
        (sa, ta), (sb, tb) = originals[2 * n], originals[2 * n + 1]
        docs.append(Doc(f"g{2 * n:03d}-mashup", mashup(ta, tb, rng), f"g{2 * n:03d}", "mashup", sa))
    for n, (stem, text) in enumerate(pool[groups : groups + negatives] if not reuse else pool[:negatives]):
        docs.append(Doc(f"neg{n:03d}", text, f"neg{n:03d}", "negative", stem))
    rng.shuffle(docs)
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--groups", type=int, default=40)
    ap.add_argument("--negatives", type=int, default=150)
    ap.add_argument("--mashups", type=int, default=10)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    docs = build(args.groups, args.negatives, args.mashups, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(asdict(d)) + "\n")
    print(f"{len(docs)} articles written to {args.out / 'corpus.jsonl'}")


if __name__ == "__main__":
    main()
