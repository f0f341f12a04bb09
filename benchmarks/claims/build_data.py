"""Turn articles.txt (hand-written articles + annotations) into data/<id>.json with character spans.

Run after editing articles.txt:  python benchmarks/claims/build_data.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent


def _find(text: str, needle: str, used: set[tuple[int, int]], where: str) -> list[int]:
    # "needle @@ anchor" finds the needle after the anchor (for short contents such as "that")
    start = 0
    if " @@ " in needle:
        needle, anchor = needle.split(" @@ ")
        start = text.find(anchor)
        if start < 0:
            sys.exit(f"{where}: anchor not found: {anchor!r}")
    while True:
        i = text.find(needle, start)
        if i < 0:
            sys.exit(f"{where}: not found in text: {needle!r}")
        if (i, i + len(needle)) not in used:
            used.add((i, i + len(needle)))
            return [i, i + len(needle)]
        start = i + 1


def parse(source: str) -> list[dict]:
    articles = []
    for block in source.split("\n=== ")[1:]:
        head, rest = block.split("\n", 1)
        aid, published, title = [p.strip() for p in head.split("|", 2)]
        text, ann = rest.split("\n---\n", 1)
        text = text.strip("\n")
        used: set[tuple[int, int]] = set()
        claims, partial = [], []
        for line in ann.strip().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split(" | ")]
            kind = parts[0]
            where = f"{aid}: {line[:60]}"
            if kind == "P":
                partial.append(_find(text, parts[1], used, where))
                continue
            _, content, speaker, cue, stance = parts
            if kind == "D":
                pieces = [_find(text, p.strip(), used, where) for p in content.split("||")]
                span = [pieces[0][0], pieces[-1][1]]
            else:
                pieces = []
                span = _find(text, content, used, where)
            claims.append(
                {
                    "kind": "direct" if kind == "D" else "indirect",
                    "content_span": span,
                    "quote_spans": pieces,
                    "text": content,
                    "speaker": None if speaker == "-" else speaker.split("/"),
                    "cue": None if cue == "-" else cue,
                    "stance": stance,
                }
            )
        articles.append(
            {"id": aid, "published": published, "title": title, "text": text, "claims": claims, "partial_quotes": partial}
        )
    return articles


def main() -> None:
    # articles.txt -> data/ (development set); heldout.txt -> heldout/ (written after tuning)
    for source, target in (("articles.txt", "data"), ("heldout.txt", "heldout")):
        out = HERE / target
        out.mkdir(exist_ok=True)
        arts = parse((HERE / source).read_text(encoding="utf-8"))
        for a in arts:
            (out / f"{a['id']}.json").write_text(json.dumps(a, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(arts)} articles, {sum(len(a['claims']) for a in arts)} claims to {out}")


if __name__ == "__main__":
    main()
