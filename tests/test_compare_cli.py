"""`unspun compare` and `unspun spin` from the command line: terminal, JSON and HTML output."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from unspun.cli import app

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
runner = CliRunner()


def test_compare_files_writes_json_and_html(tmp_path):
    out_json, out_html = tmp_path / "c.json", tmp_path / "c.html"
    result = runner.invoke(app, ["compare", str(DEMO / "fund-original.txt"), str(DEMO / "fund-spin-1.txt"),
                                 "--json", str(out_json), "--html", str(out_html)])
    assert result.exit_code == 0, result.output
    assert "quote_altered" in result.output
    data = json.loads(out_json.read_text())
    assert {"kind", "a_span", "b_span", "a_text", "b_text", "why", "severity"} <= set(data["edits"][0])
    severities = [e["severity"] for e in data["edits"]]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)
    html = out_html.read_text()
    assert "puffed up" in html and "<script" not in html


def test_compare_by_ids_from_a_corpus():
    result = runner.invoke(app, ["compare", "fund-original", "fund-spin-2", "--from", str(DEMO), "--edits-only"])
    assert result.exit_code == 0, result.output
    assert "meaning_flip" in result.output


def test_compare_unknown_id_is_a_usage_error():
    result = runner.invoke(app, ["compare", "nope", "fund-spin-2", "--from", str(DEMO)])
    assert result.exit_code == 2


def test_spin_command_prints_score(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Minister Orla Kestrell spoke on Monday. Later the kestrel said the army would stay. "
                    "Kestrell left at noon.", encoding="utf-8")
    result = runner.invoke(app, ["spin", str(path)])
    assert result.exit_code == 0, result.output
    assert "spin score" in result.output and "kestrel" in result.output


def test_html_escapes_article_text(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The <b>mayor</b> said the bridge would open in May. The council agreed on Monday.")
    b.write_text("The <b>mayor</b> said the bridge would open in June. The council agreed on Monday.")
    out = tmp_path / "o.html"
    assert runner.invoke(app, ["compare", str(a), str(b), "--html", str(out)]).exit_code == 0
    assert "<b>mayor" not in out.read_text()
