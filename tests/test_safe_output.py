"""Input-derived strings on the terminal, and the index file opened offline with one-line errors."""
from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys

import pytest
from rich.console import Console

from unspun.errors import InputError
from unspun.report.escape import plain, safe


def test_escape_sequences_and_bidi_overrides_are_shown_not_obeyed():
    assert plain("wire\x1b[2Jstory") == "wire\\x1b[2Jstory"
    assert plain("invoice\u202etxt.exe") == "invoice\\u202etxt.exe"
    assert plain("a\nb\tc\x9b") == "a\\x0ab\\x09c\\x9b"
    assert plain("Zürich — 東京") == "Zürich — 東京"  # ordinary text untouched


def test_rich_markup_in_an_id_is_printed_literally():
    out = io.StringIO()
    Console(file=out, force_terminal=False, width=200).print(f"skipped {safe('[/][bold]x')}: {safe('id[red]')}")
    assert out.getvalue().strip() == "skipped [/][bold]x: id[red]"


duckdb = pytest.importorskip("duckdb")
from unspun.store.opening import open_duckdb  # noqa: E402


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_text("hello\n" * 20), "is not a DuckDB database"),
        (lambda p: p.write_bytes(os.urandom(4096)), "is not a DuckDB database"),
        (lambda p: p.write_bytes(b""), "is an empty file"),
        (lambda p: sqlite3.connect(p).execute("create table t(x)").connection.commit(), "is an SQLite database"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
)
def test_unusable_index_paths_are_one_line_errors_naming_the_file(tmp_path, make, says):
    path = tmp_path / "news.duckdb"
    make(path)
    with pytest.raises(InputError) as info:
        open_duckdb(str(path))
    message = str(info.value)
    assert str(path) in message and says in message and "\n" not in message


def test_missing_folder_and_missing_read_only_index(tmp_path):
    with pytest.raises(InputError, match="folder .*missing does not exist"):
        open_duckdb(str(tmp_path / "missing" / "news.duckdb"))
    with pytest.raises(InputError, match="does not exist; create it first"):
        open_duckdb(str(tmp_path / "news.duckdb"), read_only=True)


def test_an_index_locked_by_another_process_names_the_process(tmp_path):
    path = tmp_path / "news.duckdb"
    open_duckdb(str(path)).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(InputError, match=rf"in use by another process \(process {holder.pid}"):
            open_duckdb(str(path))
    finally:
        holder.kill()
        holder.wait()


def test_sqlite_file_never_triggers_an_extension_download(tmp_path):
    path = tmp_path / "old.sqlite"
    sqlite3.connect(path).execute("create table t(x)").connection.commit()
    with pytest.raises(InputError, match="SQLite"):
        open_duckdb(str(path))
    con = open_duckdb(":memory:")
    settings = dict(con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%known_extensions'").fetchall())
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
