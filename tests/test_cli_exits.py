"""Exit codes keep their documented meanings, output paths are checked before the work, and what
the terminal shows about an input is escaped (ESC sequences, bidi overrides, rich markup)."""
from __future__ import annotations

import json
import socket

import pytest
from conftest import copy_fixtures, fixture_text
from typer.testing import CliRunner

from unspun.cli import app

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path):
    return copy_fixtures(tmp_path / "corpus", ("original", "spun"))


def test_ids_with_escape_sequences_and_bidi_overrides_reach_the_terminal_escaped(tmp_path):
    rows = [{"id": "wire\x1b[2J\u202eevil", "text": fixture_text("original")},
            {"id": "[bold]copy[/]", "text": fixture_text("original")}]
    (tmp_path / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "bad\x1b]0;owned\x07.txt").write_bytes(b"")
    result = runner.invoke(app, ["scan", str(tmp_path)])
    assert result.exit_code == 3
    out = result.stdout + result.stderr
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "\\x1b" in result.stdout and "\\u202e" in result.stdout  # shown as visible escapes
    assert "[bold]" in result.stdout  # markup printed, not applied


def test_quiet_still_lists_skipped_inputs_on_stderr(tmp_path, corpus):
    (corpus / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["scan", str(corpus), "-q"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "skipped" in result.stderr and "empty.txt" in result.stderr and "empty file" in result.stderr


@pytest.mark.parametrize("command", ["compare", "scan"])
def test_an_unwritable_output_path_is_refused_before_the_work(tmp_path, corpus, command):
    args = [str(corpus / "original.txt"), str(corpus / "spun.txt")] if command == "compare" else [str(corpus)]
    for out, says in ((tmp_path / "missing" / "x.json", "does not exist"), (tmp_path, "it is a folder")):
        result = runner.invoke(app, [command, *args, "--json", str(out)])
        assert result.exit_code == 2, result.output
        assert says in result.stderr and "Traceback" not in result.output


def test_dedup_to_an_existing_folder_is_refused_before_the_work(tmp_path, corpus):
    result = runner.invoke(app, ["dedup", str(corpus), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "it is a folder" in result.stderr


def test_compare_and_spin_keep_the_read_errors_reason(tmp_path, corpus):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["compare", str(tmp_path / "blob.txt"), str(corpus / "spun.txt")])
    assert result.exit_code == 2
    assert "binary data: NUL byte" in result.stderr.replace("\n", " ")
    result = runner.invoke(app, ["spin", str(tmp_path / "blob.txt")])
    assert result.exit_code == 2
    assert "binary data: NUL byte" in result.stderr.replace("\n", " ") and "--from" not in result.stderr


def test_check_of_an_unreadable_input_exits_3_not_no_match(tmp_path, corpus):
    db = tmp_path / "news.duckdb"
    assert runner.invoke(app, ["index", "add", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["check", str(tmp_path / "empty.txt"), "--db", str(db)])
    assert result.exit_code == 3
    (tmp_path / "other.txt").write_text(fixture_text("unrelated"))
    assert runner.invoke(app, ["check", str(tmp_path / "other.txt"), "--db", str(db)]).exit_code == 1


def test_a_busy_port_is_a_usage_error(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr


def test_a_bad_db_is_one_line_and_exit_2(tmp_path, corpus):
    (tmp_path / "notes.txt").write_text("not a database\n" * 10)
    result = runner.invoke(app, ["index", "add", str(corpus), "--db", str(tmp_path / "notes.txt")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "notes.txt" in result.stderr and "not a DuckDB database" in result.stderr
