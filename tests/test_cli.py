"""cli: `unspun scan` exit codes, written reports, and messages (CliRunner, in-process)."""
from __future__ import annotations

import json

import pytest
from conftest import copy_fixtures
from typer.testing import CliRunner

from unspun.cli import app

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path):
    return copy_fixtures(tmp_path / "corpus", ("original", "truncated", "spun", "unrelated"))


def test_scan_of_good_articles_exits_0_and_writes_json_and_html(tmp_path, corpus):
    json_out, html_out = tmp_path / "out.json", tmp_path / "out.html"
    result = runner.invoke(app, ["scan", str(corpus), "--json", str(json_out), "--html", str(html_out), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(json_out.read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in data["articles"]) == ["original", "spun", "truncated", "unrelated"]
    assert data["errors"] == []
    relations = {frozenset((p["a"], p["b"])): p["relation"] for p in data["pairs"]}
    assert relations[frozenset(("original", "truncated"))] == "near-duplicate"
    assert relations[frozenset(("original", "spun"))] == "rewrite"
    assert html_out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_scan_without_spin_leaves_every_spin_null_and_the_pairs_unchanged(tmp_path, corpus):
    outs = {flag: tmp_path / f"{flag}.json" for flag in ("--spin", "--no-spin")}
    for flag, out in outs.items():
        result = runner.invoke(app, ["scan", str(corpus), flag, "--no-embed", "--json", str(out), "-q"])
        assert result.exit_code == 0, result.output
    scored, unscored = (json.loads(outs[f].read_text(encoding="utf-8")) for f in ("--spin", "--no-spin"))
    assert all(a["spin"] is None for a in unscored["articles"])
    assert all(a["spin"] is not None and 0.0 <= a["spin"]["score"] <= 1.0 for a in scored["articles"])
    assert unscored["pairs"] == scored["pairs"]


def test_scan_prints_a_summary_of_what_it_found(corpus):
    result = runner.invoke(app, ["scan", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "4 articles read" in result.stdout
    assert "rewrite" in result.stdout


def test_scan_with_an_empty_and_a_binary_file_exits_3_and_names_them_in_json_errors(tmp_path, corpus):
    (corpus / "blank.txt").write_text("\n   \n", encoding="utf-8")
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    json_out = tmp_path / "out.json"
    result = runner.invoke(app, ["scan", str(corpus), "--json", str(json_out), "-q"])
    assert result.exit_code == 3, result.output
    data = json.loads(json_out.read_text(encoding="utf-8"))
    errors = {e["source"].rsplit("/", 1)[-1]: e["reason"] for e in data["errors"]}
    assert set(errors) == {"blank.txt", "photo.txt"}
    assert "empty" in errors["blank.txt"]
    assert "binary" in errors["photo.txt"]
    assert len(data["articles"]) == 4  # the good articles were still scanned


def test_scan_lists_skipped_inputs_in_the_terminal_summary(corpus):
    (corpus / "blank.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["scan", str(corpus)], env={"COLUMNS": "400"})  # no folded paths
    assert result.exit_code == 3
    assert "1 skipped" in result.stdout and "blank.txt" in result.stdout


def test_scan_of_a_missing_path_exits_2_with_a_clear_message(tmp_path):
    missing = tmp_path / "no-such-folder"
    result = runner.invoke(app, ["scan", str(missing)])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert str(missing) in result.output
    assert "Traceback" not in result.output


def test_scan_with_no_paths_is_a_usage_error():
    result = runner.invoke(app, ["scan"])
    assert result.exit_code == 2


def test_quiet_scan_prints_nothing_on_stdout(tmp_path, corpus):
    result = runner.invoke(app, ["scan", str(corpus), "-q"])
    assert result.exit_code == 0
    assert result.stdout.strip() == ""


def test_scan_with_json_into_a_missing_folder_exits_2_with_a_clear_message(tmp_path, corpus):
    out = tmp_path / "no-such-dir" / "out.json"
    result = runner.invoke(app, ["scan", str(corpus), "--json", str(out), "-q"])
    assert result.exit_code == 2
    assert "no-such-dir" in result.output


def test_check_json_prints_the_api_check_shape(tmp_path):
    pytest.importorskip("duckdb")
    indexed = copy_fixtures(tmp_path / "indexed", ("original", "unrelated"))
    probe = copy_fixtures(tmp_path / "probe", ("spun",))
    db = tmp_path / "ix.duckdb"
    assert runner.invoke(app, ["index", "add", str(indexed), "--db", str(db), "-q"]).exit_code == 0
    result = runner.invoke(app, ["check", str(probe / "spun.txt"), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    [checked] = json.loads(result.stdout)
    assert checked["article"]["id"] == "spun" and set(checked["article"]) == {"id", "title", "url", "source", "published"}
    [hit] = checked["matches"]
    assert hit["article"]["id"] == "original" and hit["story"].startswith("story-")
    pair = hit["pair"]
    assert (pair["a"], pair["b"]) == ("original", "spun")
    assert set(pair["coverage"]) == {"a", "b"} and "original_signals" in pair and "coverage_a" not in pair


def test_scan_summary_names_each_story_original_and_its_identical_copies(corpus):
    # a scraper republished the original word for word: the two are one text, and the story names one of them
    (corpus / "original-mirror.txt").write_text((corpus / "original.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["scan", str(corpus), "--no-embed"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    block = result.stdout.split("Story originals", 1)[1]
    row = next(line for line in block.splitlines() if "original-mirror" in line)
    cells = [c.strip() for c in row.split("\u2502")][1:-1]  # story, original, identical copies, why
    assert {cells[1], cells[2]} == {"original", "original-mirror"}  # one named, its twin listed beside it
    assert cells[3].startswith("judged the original against")
