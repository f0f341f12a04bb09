"""Ingest: turn files and directories into `Article` records, reporting bad items as `ReadError`.

One reader module per format (text, html, jsonl, csv, parquet, warc); this module only finds files,
picks the reader by extension and keeps ids unique. See docs/input-formats.md for the full rules.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..records import Article, ReadError
from .common import MAX_ARTICLE_CHARS, ColumnMap, error, stream_errors
from .csv import read_csv
from .html import extract_html, read_html
from .jsonl import read_jsonl
from .language import detect_language
from .parquet import read_parquet
from .text import read_text
from .warc import read_warc

__all__ = [
    "ColumnMap",
    "read_sources",
    "list_files",
    "read_file",
    "extract_html",
    "detect_format",
    "SUPPORTED_EXTENSIONS",
    "MAX_ARTICLE_CHARS",
]

FORMATS = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".warc": "warc",
}
COMPRESSIONS = {".gz": "gzip", ".zst": "zstd"}
SUPPORTED_EXTENSIONS = tuple(FORMATS)


def detect_format(name: str) -> tuple[str | None, str | None, str]:
    """(format, compression, stem) for a file name; format is None when the extension is unsupported.

    `story.jsonl.gz` -> ("jsonl", "gzip", "story"); compression suffixes apply to every format but
    Parquet (which compresses internally); WARC decompresses itself.
    """
    lower = name.lower()
    compression = None
    base = name
    for suffix, kind in COMPRESSIONS.items():
        if lower.endswith(suffix):
            compression = kind
            base = name[: -len(suffix)]
            lower = lower[: -len(suffix)]
            break
    ext = os.path.splitext(lower)[1]
    fmt = FORMATS.get(ext)
    stem = base[: -len(ext)] if ext and fmt else base
    if fmt == "parquet" and compression:
        fmt = None
    return fmt, compression, stem


def read_sources(
    paths: Iterable[str | os.PathLike[str]],
    columns: ColumnMap | None = None,
    *,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> Iterator[Article | ReadError]:
    """Read every article under `paths` lazily, yielding `Article` or `ReadError` in a stable order.

    Directories are walked recursively in sorted name order, skipping hidden entries; a file reached
    twice is read once. Ids are unique within one call: a repeated id becomes `id~2`, `id~3`, ...
    Bad files or lines become `ReadError` records and reading goes on; so does an article longer
    than `max_chars` characters (later stages need memory in proportion). Raises `InputError` at call
    time (before anything is read) when a path named in `paths` does not exist — a usage error the
    CLI maps to exit code 2. Missing optional readers raise `MissingExtraError` with the pip hint.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not an iterable of characters
    roots = [Path(os.fspath(p)) for p in paths]
    missing = [str(p) for p in roots if not os.path.lexists(p)]
    if missing:
        raise InputError(
            f"no such file or directory: {', '.join(missing)}; check the path(s) and try again"
        )
    broken = [str(p) for p in roots if not p.exists()]
    if broken:
        raise InputError(f"broken symbolic link: {', '.join(broken)}; point it at an existing file")
    return _read_all(roots, columns or ColumnMap(), max_chars)


def list_files(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Path | ReadError]:
    """The files `read_sources` would read, in its order (a ReadError for what cannot be listed).

    For engines that read files in parallel (`unspun dedup --engine dask`): each file is then read
    with `read_file`, which keeps ids as the file gives them (no `~N` renaming across files).
    Raises InputError like `read_sources` when a named path does not exist.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    roots = [Path(os.fspath(p)) for p in paths]
    missing = [str(p) for p in roots if not os.path.lexists(p)]
    if missing:
        raise InputError(f"no such file or directory: {', '.join(missing)}; check the path(s) and try again")
    seen: set[Path] = set()
    return [item for root in roots for item in _walk(root, seen)]


def read_file(
    path: str | os.PathLike[str], columns: ColumnMap | None = None, *, max_chars: int = MAX_ARTICLE_CHARS,
    identify_language: bool = True,
) -> Iterator[Article | ReadError]:
    """Articles (or ReadErrors) of one file, streamed; the format is picked by its extension.

    `identify_language=False` leaves `Article.language` unknown (""): for callers that never read it.
    Identification is most of the reading cost (~0.9 ms of ~1 ms an article, measured on Parquet news),
    and the one reader of the field (`embed.assist.embeddable`) identifies an unknown language itself.
    """
    return _read_file(Path(os.fspath(path)), columns or ColumnMap(), max_chars, identify_language)


def _read_all(roots: list[Path], columns: ColumnMap, max_chars: int) -> Iterator[Article | ReadError]:
    used: set[str] = set()
    next_suffix: dict[str, int] = {}
    seen_files: set[Path] = set()
    for root in roots:
        for item in _walk(root, seen_files):
            if isinstance(item, ReadError):
                yield item
                continue
            for record in _read_file(item, columns, max_chars):
                if isinstance(record, Article):
                    record = _unique(record, used, next_suffix)
                yield record


def _unique(article: Article, used: set[str], next_suffix: dict[str, int]) -> Article:
    """Keep the article, renaming a repeated id to the first free `id~N` (N >= 2)."""
    new_id = _unique_id(article.id, used, next_suffix)
    return article if new_id == article.id else replace(article, id=new_id)


def _unique_id(ident: str, used: set[str], next_suffix: dict[str, int]) -> str:
    if ident not in used:
        used.add(ident)
        return ident
    n = next_suffix.get(ident, 2)
    while f"{ident}~{n}" in used:
        n += 1
    next_suffix[ident] = n + 1
    new_id = f"{ident}~{n}"
    used.add(new_id)
    return new_id


def unique_ids(ids: Iterable[str]) -> list[str]:
    """The ids `read_sources` gives articles read in this order (a repeat becomes `id~N`), for engines
    that read files apart (`scan --engine dask`) and name the articles afterwards."""
    used: set[str] = set()
    next_suffix: dict[str, int] = {}
    return [_unique_id(i, used, next_suffix) for i in ids]


def _walk(path: Path, seen_files: set[Path], seen_dirs: set[Path] | None = None) -> Iterator[Path | ReadError]:
    """Files under `path` depth-first in sorted name order; hidden names and repeats skipped."""
    if path.is_dir():
        seen_dirs = set() if seen_dirs is None else seen_dirs
        real = path.resolve()
        if real in seen_dirs:
            return  # a symlink loop or the same directory named twice
        seen_dirs.add(real)
        try:
            names = sorted(entry.name for entry in os.scandir(path))
        except OSError as exc:
            yield error(str(path), None, f"cannot list directory: {exc.strerror or exc}")
            return
        for name in names:
            if name.startswith("."):
                continue
            yield from _walk(path / name, seen_files, seen_dirs)
        return
    if not path.exists():
        yield error(str(path), None, "file not found (broken symbolic link or removed while reading)")
        return
    real = path.resolve()
    if real in seen_files:
        return
    seen_files.add(real)
    yield path


def _read_file(
    path: Path, columns: ColumnMap, max_chars: int, identify_language: bool = True
) -> Iterator[Article | ReadError]:
    origin = str(path)
    fmt, compression, stem = detect_format(path.name)
    if fmt is None:
        yield error(origin, None, _unsupported(path.name))
        return
    if not path.is_file():
        yield error(origin, None, "not a regular file")
        return
    if fmt in ("text", "html") and compression is None and path.stat().st_size > 4 * max_chars:
        # no need to read it: even at 4 bytes a character its text is over the limit
        yield error(origin, None, _too_long(path.stat().st_size, max_chars, "bytes"))
        return
    for record in _read_format(path, fmt, compression, stem, columns):
        if isinstance(record, Article):
            if len(record.text) > max_chars:
                record = error(*_where(record, origin), _too_long(len(record.text), max_chars, "characters"))
            elif identify_language:
                record = replace(record, language=detect_language(record.text))
        yield record


def _where(article: Article, origin: str) -> tuple[str, int | None]:
    """(source, line) of an article for a ReadError: `path:12` -> (path, 12), WARC `path#id` kept."""
    rest = article.origin[len(origin) + 1 :] if article.origin.startswith(origin + ":") else ""
    return (origin, int(rest)) if rest.isdigit() else (article.origin, None)


def _too_long(size: int, limit: int, unit: str) -> str:
    return (
        f"article too long: {size:,} {unit}, the limit is {limit:,} characters; split it into "
        "articles, or raise the limit (max_chars / --max-chars) if it really is one article"
    )


def _read_format(
    path: Path, fmt: str, compression: str | None, stem: str, columns: ColumnMap
) -> Iterator[Article | ReadError]:
    origin = str(path)
    if fmt == "text":
        reader = read_text(path, origin, stem, compression)
    elif fmt == "html":
        reader = read_html(path, origin, stem, compression)
    elif fmt == "jsonl":
        reader = read_jsonl(path, origin, stem, compression, columns)
    elif fmt == "csv":
        reader = read_csv(path, origin, stem, compression, columns)
    elif fmt == "parquet":
        reader = read_parquet(path, origin, stem, columns)
    else:
        reader = read_warc(path, origin)
    # Corrupt compressed streams and I/O failures surface as exceptions from deep inside the
    # readers; they end this file with one error instead of ending the scan.
    failures = stream_errors(compression) + (UnicodeError,)
    try:
        yield from reader
    except PermissionError:
        yield error(origin, None, "cannot read file: permission denied")
    except failures as exc:
        what = {"gzip": "gzip", "zstd": "zstandard"}.get(compression or "", "")
        prefix = f"corrupt or truncated {what} stream" if what else "cannot read file"
        yield error(origin, None, f"{prefix}: {exc}")


def _unsupported(name: str) -> str:
    supported = ", ".join(SUPPORTED_EXTENSIONS)
    lower = name.lower()
    compressed = lower.endswith(tuple(COMPRESSIONS))
    if compressed:
        lower = os.path.splitext(lower)[0]
    ext = os.path.splitext(lower)[1]
    if compressed and ext == ".parquet":
        return "compressed Parquet is not supported (Parquet compresses internally); decompress the file"
    if not ext:
        return f"unsupported file type (no extension); supported: {supported} (optionally .gz/.zst)"
    return f"unsupported file extension '{ext}'; supported: {supported} (optionally .gz/.zst)"
