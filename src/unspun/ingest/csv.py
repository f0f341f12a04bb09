"""CSV files (.csv): a header row naming the columns, then one article per row, streamed."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..records import Article, ReadError
from .common import ColumnMap, DecodeFailure, decode_line, error, iter_lines, open_binary
from .fields import article_from_record


def read_csv(
    path: Path, origin: str, stem: str, compression: str | None, columns: ColumnMap
) -> Iterator[Article | ReadError]:
    """One article per data row; `line` in errors and origins is the physical line the row starts on.

    An empty cell counts as absent. A row whose field count differs from the header's is an error
    (it usually means broken quoting), as is a line that is not valid UTF-8.
    """
    pending: list[ReadError] = []
    with open_binary(path, compression) as stream:
        reader = csv.reader(_decoded(stream, origin, pending))
        try:
            header = next(reader, None)
        except csv.Error as exc:
            yield error(origin, 1, f"malformed CSV header: {exc}")
            return
        had_errors = bool(pending)
        yield from pending
        pending.clear()
        if not header or not any(cell.strip() for cell in header):
            if not had_errors:
                yield error(origin, None, "empty file (no CSV header row)")
            return
        names = [cell.strip() for cell in header]
        if columns.text not in names and columns.html not in names:
            yield error(
                origin,
                1,
                f"CSV header has no '{columns.text}' or '{columns.html}' column "
                f"(found: {', '.join(names)})",
            )
            return
        rows = 0
        last_line = reader.line_num
        while True:
            start = last_line + 1
            try:
                row = next(reader, None)
            except csv.Error as exc:
                yield from pending
                pending.clear()
                reason = f"malformed CSV row: {exc}"
                if "field limit" in str(exc):
                    # raising the limit is process-global state (csv.field_size_limit), so we don't
                    reason += "; use JSONL or Parquet for texts this long"
                yield error(origin, start, reason)
                if reader.line_num == last_line:
                    return  # the reader cannot move past the problem
                last_line = reader.line_num
                continue
            yield from pending
            pending.clear()
            if row is None:
                break
            last_line = reader.line_num
            if not row or not any(cell.strip() for cell in row):
                continue
            rows += 1
            if len(row) != len(names):
                yield error(origin, start, f"row has {len(row)} fields but the header has {len(names)}")
                continue
            record = dict(zip(names, row, strict=True))
            try:
                yield article_from_record(
                    record, columns, origin=f"{origin}:{start}", default_id=f"{stem}:{start}"
                )
            except DecodeFailure as exc:
                yield error(origin, start, str(exc))
        if rows == 0:
            yield error(origin, None, "CSV file has a header but no data rows")


def _decoded(stream, origin: str, pending: list[ReadError]) -> Iterator[str]:
    """Lines for csv.reader; undecodable lines are dropped and reported through `pending`."""
    for number, offset, raw in iter_lines(stream):
        nul = raw.find(b"\x00")
        if nul != -1:
            pending.append(
                error(origin, number, f"binary data: NUL byte at byte offset {offset + nul}; this is not a CSV file")
            )
            return
        try:
            yield decode_line(raw, number, offset)
        except DecodeFailure as exc:
            pending.append(error(origin, number, str(exc)))
            yield "\n"  # keep csv.reader's line count aligned with the file
