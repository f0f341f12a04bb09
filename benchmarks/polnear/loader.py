"""Read PolNeAR (brat standoff) into plain records.

Layout (see /work/shared/data/polnear/SOURCE.txt): <split>/text/<name>.txt and
<split>/attributions/<name>_<annotator>.ann; an "E" line links Source, Cue and Content "T" spans of
one attribution.  Spans may be discontinuous ("start end;start end").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = Path("/work/shared/data/polnear/data")

Frags = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; each part is a tuple of (start, end) fragments, empty when absent."""

    source: Frags
    cue: Frags
    content: Frags


@dataclass(frozen=True)
class Annotation:
    annotator: str
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    annotations: tuple[Annotation, ...]  # one per annotator who annotated the text


def _frags(spec: str) -> Frags:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(sorted(out))


def parse_ann(ann: str) -> tuple[Attribution, ...]:
    spans: dict[str, tuple[str, Frags]] = {}
    rels: list[dict[str, str]] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, spec = parts[1].partition(" ")
            spans[parts[0]] = (label, _frags(spec))
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            rels.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for r in rels:
        def get(role: str) -> Frags:
            tid = r.get(role)
            return spans[tid][1] if tid in spans else ()

        out.append(Attribution(get("Source"), get("Cue"), get("Content")))
    return tuple(out)


def load_split(split: str, root: Path = DEFAULT_ROOT) -> list[Document]:
    """All documents of a split ("train" or "dev"), with every annotator's annotation."""
    text_dir = root / split / "text"
    ann_dir = root / split / "attributions"
    by_name: dict[str, list[Path]] = {}
    names = {p.stem for p in text_dir.glob("*.txt")}
    for p in sorted(ann_dir.glob("*.ann")):
        m = re.match(r"(.+)_([0-9a-f]{4})$", p.stem)
        if m and m.group(1) in names:
            by_name.setdefault(m.group(1), []).append(p)
    docs = []
    for name in sorted(by_name):
        text = (text_dir / f"{name}.txt").read_text(encoding="utf-8")
        anns = tuple(
            Annotation(p.stem.rsplit("_", 1)[1], parse_ann(p.read_text(encoding="utf-8"))) for p in by_name[name]
        )
        docs.append(Document(name, text, anns))
    return docs
