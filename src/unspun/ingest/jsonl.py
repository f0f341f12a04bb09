"""JSON Lines (.jsonl/.ndjson): one JSON object per line, read one line at a time."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..records import Article, ReadError
from .common import ColumnMap, DecodeFailure, decode_line, error, iter_lines, open_binary
from .fields import article_from_record


def read_jsonl(
    path: Path, origin: str, stem: str, compression: str | None, columns: ColumnMap
) -> Iterator[Article | ReadError]:
    """One article per non-blank line; a bad line is a ReadError and reading goes on.

    A NUL byte means the file is binary, so the rest of it is skipped after one error.
    """
    seen_any = False
    with open_binary(path, compression) as stream:
        for number, offset, raw in iter_lines(stream):
            nul = raw.find(b"\x00")
            if nul != -1:
                yield error(
                    origin,
                    number,
                    f"binary data: NUL byte at byte offset {offset + nul}; this is not a JSON Lines "
                    "file, the rest of it is skipped",
                )
                return
            if not raw.strip():
                continue
            seen_any = True
            try:
                line = decode_line(raw, number, offset)
            except DecodeFailure as exc:
                yield error(origin, number, str(exc))
                continue
            try:
                value = json.loads(line.rstrip("\n"))
            except json.JSONDecodeError as exc:
                yield error(origin, number, f"malformed JSON: {exc}")
                continue
            if not isinstance(value, dict):
                yield error(
                    origin, number, f"JSON line is {_json_kind(value)}, expected an object with a text or html field"
                )
                continue
            try:
                yield article_from_record(
                    value, columns, origin=f"{origin}:{number}", default_id=f"{stem}:{number}"
                )
            except DecodeFailure as exc:
                yield error(origin, number, str(exc))
    if not seen_any:
        yield error(origin, None, "empty file (no JSON lines)")


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"
