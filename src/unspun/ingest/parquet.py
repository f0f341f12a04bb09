"""Parquet files (.parquet): one article per row, read in row batches with pyarrow (extra `scale`)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import require
from ..records import Article, ReadError
from .common import ColumnMap, DecodeFailure, error
from .fields import article_from_record

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


@dataclass(frozen=True)
class TextBatch:
    """A batch of rows as plain columns, for stages that only need id, text and date (near-dup).

    `texts` is a list of str, or a pyarrow string array when every row of the batch has usable text
    (then no Python string is made per row).
    """

    ids: list[str]
    texts: Sequence[str]
    published: list[str | None]
    errors: list[ReadError]


def arrow_buffers(texts) -> tuple[np.ndarray, np.ndarray]:
    """(UTF-8 bytes, int64 offsets[n + 1]) of a pyarrow string / large_string array, without copying."""
    import pyarrow as pa

    _, off_buf, data_buf = texts.buffers()
    width = np.int64 if pa.types.is_large_string(texts.type) else np.int32
    offsets = np.frombuffer(off_buf, dtype=width)[texts.offset : texts.offset + len(texts) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    return data, offsets.astype(np.int64)


def _clean_texts(texts):
    """The text column as a string array if every row is usable as it is (not null, not blank, no
    carriage returns to normalize), else None (the batch then goes row by row)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type)) or texts.null_count:
        return None
    data, offsets = arrow_buffers(texts)
    if (offsets[1:] == offsets[:-1]).any() or (data[offsets[0] : offsets[-1]] == 13).any():
        return None
    if pc.any(pc.utf8_is_space(texts)).as_py():
        return None
    return texts


def _column_strings(rb, name: str, default: list) -> list:
    """A column as Python strings; a missing column or a null value takes `default`'s entry."""
    if name not in rb.schema.names:
        return default
    return [d if v is None else str(v) for v, d in zip(rb.column(name).to_pylist(), default)]


def read_parquet_columns(
    path: Path, columns: ColumnMap, batch_rows: int = 8192, threads: bool = True
) -> Iterator[TextBatch]:
    """Columnar fast path: no Article per row. Rows whose text is missing go through the full
    record path (html extraction, or a ReadError saying what is wrong), so nothing is dropped.
    `threads=False` decodes in the calling thread instead of Arrow's pool (a Dask worker's one
    task thread should use one core)."""
    stem = path.name.split(".")[0]
    origin = str(path)
    pq = require("pyarrow.parquet", "scale", "Reading Parquet files")
    import pyarrow as pa

    try:
        pfile = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        yield TextBatch([], [], [], [error(origin, None, f"not a readable Parquet file: {exc}")])
        return
    available = set(pfile.schema_arrow.names)
    if columns.text not in available:
        batch = TextBatch([], [], [], [])
        for item in read_parquet(path, origin, stem, columns):
            if isinstance(item, ReadError):
                batch.errors.append(item)
            else:
                batch.ids.append(item.id)
                batch.texts.append(item.text)
                batch.published.append(item.published)
        yield batch
        return
    wanted = [name for name in dict.fromkeys(_fields(columns)) if name in available]
    row = 0
    for rb in pfile.iter_batches(batch_size=batch_rows, columns=wanted, use_threads=threads):
        clean = _clean_texts(rb.column(columns.text))
        if clean is not None:  # the common case: the text column stays an arrow array
            n = len(clean)
            yield TextBatch(
                _column_strings(rb, columns.id, [f"{stem}:{row + k + 1}" for k in range(n)]),
                clean,
                _column_strings(rb, columns.published, [None] * n),
                [],
            )
            row += n
            continue
        cols = {name: rb.column(name).to_pylist() for name in wanted}
        texts = cols[columns.text]
        n = len(texts)
        ids = cols.get(columns.id) or [None] * n
        dates = cols.get(columns.published) or [None] * n
        out = TextBatch([], [], [], [])
        for k in range(n):
            row += 1
            text = texts[k]
            if isinstance(text, str) and text.strip() and "\r" not in text:
                out.ids.append(str(ids[k]) if ids[k] is not None else f"{stem}:{row}")
                out.texts.append(text)
                out.published.append(str(dates[k]) if dates[k] is not None else None)
                continue
            record = {name: cols[name][k] for name in wanted}
            try:
                art = article_from_record(record, columns, origin=f"{origin}:{row}", default_id=f"{stem}:{row}")
            except DecodeFailure as exc:
                out.errors.append(error(origin, row, str(exc)))
                continue
            out.ids.append(art.id)
            out.texts.append(art.text)
            out.published.append(art.published)
        yield out
