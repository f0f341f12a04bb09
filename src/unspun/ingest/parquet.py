"""Parquet files (.parquet): one article per row, read in row batches with pyarrow (extra `scale`)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import require
from ..records import Article, ReadError
from .common import ColumnMap, DecodeFailure, article_from_record, error

BATCH_ROWS = 1024


def read_parquet(path: Path, origin: str, stem: str, columns: ColumnMap) -> Iterator[Article | ReadError]:
    """One article per row; the row number (from 1) plays the part of a line number."""
    require("pyarrow", "scale", "Reading Parquet files")
    pq = require("pyarrow.parquet", "scale", "Reading Parquet files")
    import pyarrow as pa

    try:
        pfile = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        yield error(origin, None, f"not a readable Parquet file: {exc}")
        return
    available = set(pfile.schema_arrow.names)
    if columns.text not in available and columns.html not in available:
        yield error(
            origin,
            None,
            f"Parquet file has no '{columns.text}' or '{columns.html}' column "
            f"(found: {', '.join(pfile.schema_arrow.names)})",
        )
        return
    wanted = [name for name in dict.fromkeys(_fields(columns)) if name in available]
    if pfile.metadata.num_rows == 0:
        yield error(origin, None, "Parquet file has no rows")
        return
    row = 0
    try:
        for batch in pfile.iter_batches(batch_size=BATCH_ROWS, columns=wanted):
            for record in batch.to_pylist():
                row += 1
                try:
                    yield article_from_record(
                        record, columns, origin=f"{origin}:{row}", default_id=f"{stem}:{row}"
                    )
                except DecodeFailure as exc:
                    yield error(origin, row, str(exc))
    except pa.ArrowException as exc:
        yield error(origin, row + 1, f"cannot read Parquet data: {exc}")


def _fields(columns: ColumnMap) -> tuple[str, ...]:
    return (
        columns.id,
        columns.url,
        columns.source,
        columns.published,
        columns.title,
        columns.text,
        columns.html,
    )
