"""Read PolNeAR (brat standoff) into plain records.

Layout (see /work/shared/data/polnear/SOURCE.txt): <split>/text/<name>.txt and
<split>/attributions/<name>_<annotator>.ann; an "E" line links Source, Cue and Content "T" spans of
one attribution.  Spans may be discontinuous ("start end;start end"). The .ann parser is the
library's (`unspun.claims.crf.attributions_from_brat`); this module adds the corpus layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from unspun.claims.crf import Attribution, Frags, attributions_from_brat  # noqa: F401 - re-exported

DEFAULT_ROOT = Path("/work/shared/data/polnear/data")


@dataclass(frozen=True)
class Annotation:
    annotator: str
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    annotations: tuple[Annotation, ...]  # one per annotator who annotated the text


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
            Annotation(p.stem.rsplit("_", 1)[1], tuple(attributions_from_brat(p.read_text(encoding="utf-8"))))
            for p in by_name[name]
        )
        docs.append(Document(name, text, anns))
    return docs
