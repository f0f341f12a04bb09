"""Read the PAN 2013 text-alignment corpus: pairs, their obfuscation type, both texts and gold cases.

Layout (see shared/data/pan13-train/SOURCE.txt): ``src/``, ``susp/``, ``pairs`` and one directory per
type ``0K-<type>/`` holding that type's ``pairs`` file and one truth XML per pair. Offsets in the XML
are character offsets into the decoded text, so files are read with ``newline=""`` (no newline
translation would shift them).

The mirror's 05-summary truth files mostly lack their ``plagiarism`` feature (only ~238 of 1,185
carry one). Such pairs are plagiarised in reality but unlabelled here, so they are flagged
``labelled=False`` and the runner leaves them out of every figure instead of scoring them as negatives.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEFAULT_ROOT = Path("/work/shared/data/pan13-train")  # override with run.py --root

TYPES = (
    "01-no-plagiarism",
    "02-no-obfuscation",
    "03-random-obfuscation",
    "04-translation-obfuscation",
    "05-summary-obfuscation",
)


@dataclass(frozen=True)
class Case:
    """A gold plagiarism case: a passage of the suspicious text and the source passage it came from."""

    this_offset: int
    this_length: int
    source_offset: int
    source_length: int
    obfuscation: str = ""


@dataclass(frozen=True)
class PairRef:
    """One (suspicious, source) pair and where its truth lives; texts are read on demand."""

    type: str  # one of TYPES
    susp: str  # file name, e.g. suspicious-document00001.txt
    src: str
    truth: Path

    @property
    def key(self) -> tuple[str, str]:
        return (self.susp, self.src)


@dataclass(frozen=True)
class Pair:
    """A pair with both texts and its gold cases; `labelled` is False for truth files without features."""

    ref: PairRef
    susp_text: str
    src_text: str
    cases: tuple[Case, ...]
    labelled: bool

    @property
    def type(self) -> str:
        return self.ref.type

    @property
    def positive(self) -> bool:
        return bool(self.cases)


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def parse_truth(path: Path) -> tuple[tuple[Case, ...], bool]:
    """Gold cases of one truth XML and whether the file carries a verdict at all.

    A file with no ``plagiarism`` feature is a verdict ("no plagiarism") only in 01-no-plagiarism;
    elsewhere it is an unlabelled pair.
    """
    root = ET.parse(path).getroot()
    cases = []
    for feat in root.iter("feature"):
        if feat.get("name") != "plagiarism":
            continue
        cases.append(
            Case(
                this_offset=int(feat.get("this_offset")),
                this_length=int(feat.get("this_length")),
                source_offset=int(feat.get("source_offset")),
                source_length=int(feat.get("source_length")),
                obfuscation=feat.get("obfuscation") or feat.get("type") or "",
            )
        )
    labelled = bool(cases) or path.parent.name.startswith("01-")
    cases.sort(key=lambda c: (c.this_offset, c.source_offset))
    return tuple(cases), labelled


def iter_pair_refs(root: Path = DEFAULT_ROOT, types: tuple[str, ...] = TYPES,
                   limit_per_type: int | None = None) -> Iterator[PairRef]:
    """Pair references in file order, type by type; `limit_per_type` takes the first N of each type."""
    for t in types:
        pairs_file = root / t / "pairs"
        n = 0
        for line in read_text(pairs_file).splitlines():
            parts = line.split()
            if len(parts) != 2:
                continue
            susp, src = parts
            if limit_per_type is not None and n >= limit_per_type:
                break
            truth = root / t / f"{susp[:-4]}-{src[:-4]}.xml"
            yield PairRef(type=t, susp=susp, src=src, truth=truth)
            n += 1


def load_pair(ref: PairRef, root: Path = DEFAULT_ROOT) -> Pair:
    cases, labelled = parse_truth(ref.truth)
    return Pair(
        ref=ref,
        susp_text=read_text(root / "susp" / ref.susp),
        src_text=read_text(root / "src" / ref.src),
        cases=cases,
        labelled=labelled,
    )


def iter_pairs(root: Path = DEFAULT_ROOT, types: tuple[str, ...] = TYPES,
               limit_per_type: int | None = None) -> Iterator[Pair]:
    for ref in iter_pair_refs(root, types, limit_per_type):
        yield load_pair(ref, root)


if __name__ == "__main__":
    from collections import Counter

    counts: Counter[tuple[str, str]] = Counter()
    ncases: Counter[str] = Counter()
    for p in iter_pairs():
        counts[p.type, "labelled" if p.labelled else "unlabelled"] += 1
        ncases[p.type] += len(p.cases)
        for c in p.cases:
            if c.this_offset + c.this_length > len(p.susp_text) or c.source_offset + c.source_length > len(p.src_text):
                print("case out of bounds", p.ref)
    for (t, lab), n in sorted(counts.items()):
        print(f"{t:28s} {lab:10s} {n:5d} pairs  {ncases[t] if lab == 'labelled' else 0:5d} cases")
