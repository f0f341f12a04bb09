"""Turn marked.txt into brat standoff files doc<N>.txt / doc<N>.ann (run from any directory)."""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent
MARK = re.compile(r"\{([SCT])(\d+):([^{}]*)\}")
ROLE = {"S": "Source", "C": "Cue", "T": "Content"}


def convert(marked: str) -> tuple[str, str]:
    text, pos, spans = [], 0, []
    out_len = 0
    for m in MARK.finditer(marked):
        text.append(marked[pos:m.start()])
        out_len += m.start() - pos
        spans.append((m.group(1), int(m.group(2)), out_len, out_len + len(m.group(3)), m.group(3)))
        text.append(m.group(3))
        out_len += len(m.group(3))
        pos = m.end()
    text.append(marked[pos:])
    plain = "".join(text)
    lines, tid, eid = [], 0, 0
    by_rel: dict[int, dict[str, list[tuple[int, int, str]]]] = {}
    for role, rel, a, b, s in spans:
        by_rel.setdefault(rel, {}).setdefault(role, []).append((a, b, s))
    for rel in sorted(by_rel):
        args = []
        for role in "SCT":
            frags = by_rel[rel].get(role)
            if not frags:
                continue
            tid += 1
            spec = ";".join(f"{a} {b}" for a, b, _ in frags)
            lines.append(f"T{tid}\t{ROLE[role]} {spec}\t{' '.join(s for *_, s in frags)}")
            args.append(f"{ROLE[role]}:T{tid}")
        eid += 1
        lines.append(f"E{eid}\tAttribution:T{tid} " + " ".join(args))
    return plain, "\n".join(lines) + "\n"


def main() -> None:
    body = "\n".join(l for l in (HERE / "marked.txt").read_text(encoding="utf-8").splitlines() if not l.startswith("#"))
    for i, doc in enumerate(body.split("\n===\n"), 1):
        plain, ann = convert(doc.strip("\n") + "\n")
        (HERE / f"doc{i}.txt").write_text(plain, encoding="utf-8")
        (HERE / f"doc{i}.ann").write_text(ann, encoding="utf-8")


if __name__ == "__main__":
    main()
