"""Opening the index file: offline, and every way it can fail said in one line naming the file.

DuckDB reads foreign files through extensions and, by default, downloads a missing one: an SQLite
file given as `--db` made it try the network. The tool promises to run offline, so extension
auto-install and auto-load are off. Its own errors ("IO Error: Could not set lock on file ...")
become an `InputError` that says what to do (the CLI maps it to exit code 2).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import InputError, require

# Every DuckDB database file has this at byte 8 (its storage header).
DUCKDB_MAGIC = b"DUCK"
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_FOREIGN = {b"SQLite format 3\x00": "an SQLite database", b"PAR1": "a Parquet file", b"PK\x03\x04": "a zip file"}


def open_duckdb(path: str, read_only: bool = False) -> Any:
    """A DuckDB connection to `path` (":memory:" allowed) with extension downloads off; raises
    InputError with one line naming the file when it cannot be used as the index."""
    duckdb = require("duckdb", "store", "the article index")
    if path != ":memory:":
        _check_path(Path(path), read_only)
    try:
        return duckdb.connect(path, read_only=read_only, config=dict(OFFLINE))
    except duckdb.Error as exc:
        raise InputError(explain(path, exc)) from None


def _check_path(path: Path, read_only: bool) -> None:
    if path.is_dir():
        raise InputError(f"index {path} is a folder; give a file path such as {path / 'news.duckdb'}")
    parent = path.parent if str(path.parent) else Path(".")
    if not path.exists():
        if read_only:
            raise InputError(f"index {path} does not exist; create it first with `unspun index add {path} ...`")
        if not parent.is_dir():
            raise InputError(f"cannot create index {path}: folder {parent} does not exist; create it first")
        if not os.access(parent, os.W_OK):
            raise InputError(f"cannot create index {path}: folder {parent} is not writable")
        return
    if not os.access(path, os.R_OK) or (not read_only and not os.access(path, os.W_OK)):
        raise InputError(f"index {path}: permission denied; check the file's owner and mode")
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head[8:12] != DUCKDB_MAGIC:
        kind = next((name for magic, name in _FOREIGN.items() if head.startswith(magic)), None)
        if not head:
            kind = "an empty file"
        what = kind or "not a DuckDB database"
        raise InputError(f"index {path} is {what}, not an unspun index; give a new or existing .duckdb path")


def explain(path: str, exc: BaseException) -> str:
    """One line for a DuckDB error on opening `path`."""
    message = str(exc).split("\n")[0]
    if "lock" in message.lower():
        pid = re.search(r"PID (\d+)", message)
        holder = f" (process {pid.group(1)}, e.g. `unspun serve` or another `index add`)" if pid else ""
        return f"index {path} is in use by another process{holder}; stop it or work on a copy of the file"
    if "not a valid DuckDB database" in message:
        return f"index {path} is not a DuckDB database, not an unspun index; give a new or existing .duckdb path"
    if "version" in message.lower():
        return f"index {path} was written by a different DuckDB version: {message}"
    return f"cannot open index {path}: {message}"
