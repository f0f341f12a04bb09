"""Pieces every reader shares: the column map, byte decoding, compressed streams, the size limit.

Text policy (the same for every format): a leading byte-order mark is dropped, CRLF line ends become
LF and lone UTF-16 surrogates become U+FFFD (one code point for one, so offsets do not move); nothing
else in the text is touched, so downstream offsets index `Article.text` exactly.
"""
from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import require
from ..records import ReadError

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# Articles longer than this many characters are refused with a ReadError: every later stage is at
# least linear in the text and some hold several copies, so one 50 MB "article" took 6.6 GB.
MAX_ARTICLE_CHARS = 5_000_000

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


def utf16_codec(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when `data` looks like UTF-16 without a BOM, else None.

    Text in Latin, Greek, Cyrillic or CJK scripts written as UTF-16 has a NUL in most high (or low)
    bytes of its first kilobytes; a binary file or UTF-8 text with a stray NUL does not.
    """
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.8 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.8 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def split_bom(data: bytes) -> tuple[bytes, str | None]:
    """(`data` without its byte-order mark, the codec the mark names or None)."""
    if data.startswith(BOM):
        return data[len(BOM) :], "utf-8"
    for mark, codec in UTF16_BOMS.items():
        if data.startswith(mark):
            return data[len(mark) :], codec
    return data, None


def fix_newlines(text: str) -> str:
    """Convert CRLF to LF (lone CR is kept: it is too rare to be worth a second rule)."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def decode_utf8(data: bytes, base_offset: int = 0) -> str:
    """Decode a whole text document strictly: BOM dropped, NUL rejected, CRLF -> LF.

    UTF-16 (with a byte-order mark, or recognised by its NUL pattern) is decoded too, since
    Windows tools save "Unicode" text that way. `base_offset` is added to reported byte offsets.
    """
    body, codec = split_bom(data)
    codec = codec or utf16_codec(data)
    if codec and codec.startswith("utf-16"):
        try:
            return fix_newlines(body.decode(codec))
        except UnicodeDecodeError as exc:
            raise DecodeFailure(
                f"invalid UTF-16 at byte offset {base_offset + len(data) - len(body) + exc.start}; "
                "re-encode the file as UTF-8"
            ) from None
    nul = data.find(b"\x00")
    if nul != -1:
        raise DecodeFailure(
            f"binary data: NUL byte at byte offset {base_offset + nul}; this is not a text file"
        )
    skip = len(data) - len(body)
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


def error(source: str, line: int | None, reason: str) -> ReadError:
    return ReadError(source=source, line=line, reason=reason)
