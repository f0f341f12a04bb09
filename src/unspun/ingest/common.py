"""Pieces every reader shares: the column map, byte decoding, compressed streams, record mapping.

Text policy (the same for every format): a leading UTF-8 BOM is dropped and CRLF line ends become LF;
nothing else in the text is touched, so downstream offsets index `Article.text` exactly.
"""
from __future__ import annotations

import datetime as _dt
import gzip
import io
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import require
from ..records import Article, ReadError

BOM = b"\xef\xbb\xbf"

# Reading a corrupt or truncated file raises one of these from deep inside the stream readers;
# the driver turns them into a ReadError for the file instead of aborting the whole scan.
STREAM_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error)


@dataclass(frozen=True)
class ColumnMap:
    """Names of the fields/columns that hold each article attribute in JSONL, CSV and Parquet input."""

    id: str = "id"
    url: str = "url"
    source: str = "source"
    published: str = "published"
    title: str = "title"
    text: str = "text"
    html: str = "html"


class DecodeFailure(Exception):
    """Raised by the decoders with a human-readable reason; readers turn it into a ReadError."""


def fix_newlines(text: str) -> str:
    """Convert CRLF to LF (lone CR is kept: it is too rare to be worth a second rule)."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def decode_utf8(data: bytes, base_offset: int = 0) -> str:
    """Decode a whole text document strictly: BOM dropped, NUL rejected, CRLF -> LF.

    `base_offset` is added to reported byte offsets (for lines inside a larger file).
    """
    nul = data.find(b"\x00")
    if nul != -1:
        raise DecodeFailure(
            f"binary data: NUL byte at byte offset {base_offset + nul}; this is not a text file"
        )
    skip = 0
    if data.startswith(BOM):
        skip = len(BOM)
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = base_offset + skip + exc.start
        bad = data[skip + exc.start : skip + exc.start + 1].hex()
        raise DecodeFailure(
            f"invalid UTF-8 at byte offset {at} (byte 0x{bad}); re-encode the file as UTF-8"
        ) from None
    return fix_newlines(text)


def open_binary(path: Path, compression: str | None) -> BinaryIO:
    """Open `path` for streaming binary reads, decompressing gzip or zstandard transparently."""
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == "zstd":
        zstd = require("zstandard", "scale", "Reading .zst files")
        raw = open(path, "rb")  # noqa: SIM115 - closed via the wrapper below
        reader = zstd.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return open(path, "rb")  # noqa: SIM115


def stream_errors(compression: str | None) -> tuple[type[BaseException], ...]:
    """The exception types that mean "this stream is corrupt" for the given compression."""
    if compression == "zstd":
        zstd = require("zstandard", "scale", "Reading .zst files")
        return STREAM_ERRORS + (zstd.ZstdError,)
    return STREAM_ERRORS


def iter_lines(stream: BinaryIO) -> Iterator[tuple[int, int, bytes]]:
    """Yield (line number from 1, byte offset of the line, raw line bytes) without reading ahead."""
    offset = 0
    for number, raw in enumerate(stream, start=1):
        yield number, offset, raw
        offset += len(raw)


def decode_line(raw: bytes, number: int, offset: int) -> str:
    """Decode one line of a line-based file (BOM only on line 1); raises DecodeFailure."""
    if number == 1 and raw.startswith(BOM):
        raw = raw[len(BOM) :]
        offset += len(BOM)
    try:
        return fix_newlines(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        raise DecodeFailure(
            f"invalid UTF-8 at byte offset {offset + exc.start} (byte 0x{bad}, column {exc.start + 1} "
            f"of line {number}); re-encode the file as UTF-8"
        ) from None


def _scalar(value: object, field: str) -> str:
    """A metadata value as a stripped string; containers are an error, dates become ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DecodeFailure(f"field '{field}' must be a string, got {type(value).__name__}")
    return str(value)


def article_from_record(
    record: Mapping[str, object],
    columns: ColumnMap,
    *,
    origin: str,
    default_id: str,
) -> Article:
    """Build an Article from one JSONL/CSV/Parquet record; raises DecodeFailure saying what is wrong.

    A non-empty text field wins over the html field; html is run through the same extraction as
    .html files, and the record's own title/url/published fill in before extracted metadata.
    """
    raw_text = record.get(columns.text)
    raw_html = record.get(columns.html)
    for name, value in ((columns.text, raw_text), (columns.html, raw_html)):
        if value is not None and not isinstance(value, str):
            raise DecodeFailure(f"field '{name}' must be a string, got {type(value).__name__}")
    ident = _scalar(record.get(columns.id), columns.id) or default_id
    url = _scalar(record.get(columns.url), columns.url)
    source = _scalar(record.get(columns.source), columns.source)
    title = _scalar(record.get(columns.title), columns.title)
    published = _scalar(record.get(columns.published), columns.published) or None

    if isinstance(raw_text, str) and raw_text.strip():
        text = fix_newlines(raw_text)
    elif isinstance(raw_html, str) and raw_html.strip():
        from .html import extract_html

        page = extract_html(raw_html, url or None)
        if page is None:
            raise DecodeFailure(f"field '{columns.html}' has no extractable article text")
        text = page.text
        title = title or page.title
        url = url or page.url
        published = published or page.published
        source = source or page.source
    elif raw_text is None and raw_html is None:
        raise DecodeFailure(f"record has no '{columns.text}' or '{columns.html}' field")
    else:
        raise DecodeFailure(f"record's '{columns.text}'/'{columns.html}' field is empty")
    return Article(
        id=ident, text=text, origin=origin, source=source, title=title, url=url, published=published
    )


def error(source: str, line: int | None, reason: str) -> ReadError:
    return ReadError(source=source, line=line, reason=reason)
