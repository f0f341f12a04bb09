"""No command touches the network: the CLI runs in a network namespace with no interfaces but
loopback, and a Python audit hook records every socket connection or name lookup it tries.

DuckDB once tried to download its SQLite extension when given an SQLite file as `--db`; the
namespace makes any such attempt fail loudly, the audit hook catches the Python-level ones.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_fixtures

ROOT = Path(__file__).resolve().parent.parent
AUDIT = """
import sys, os
_log = os.environ["UNSPUN_NET_LOG"]
def _hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
        target = args[1] if event != "socket.getaddrinfo" else args[0]
        if event == "socket.connect" and isinstance(target, str):  # AF_UNIX path: local, allowed
            return
        with open(_log, "a") as fh:
            fh.write(f"{event} {target!r}\\n")
sys.addaudithook(_hook)
"""


def _netns_works() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


pytestmark = pytest.mark.skipif(not _netns_works(), reason="unshare -rn (user + network namespace) not allowed here")


def run_offline(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir(exist_ok=True)
    (hook_dir / "sitecustomize.py").write_text(AUDIT)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(hook_dir), str(ROOT / "src"), env.get("PYTHONPATH", "")])
    env["UNSPUN_NET_LOG"] = str(tmp_path / "net.log")
    code = "import sys; from unspun.cli import main; sys.argv = ['unspun', *sys.argv[1:]]; main()"
    return subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", code, *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600,
    )


def network_attempts(tmp_path: Path) -> list[str]:
    log = tmp_path / "net.log"
    return log.read_text().splitlines() if log.exists() else []


@pytest.mark.slow
def test_scan_compare_index_and_check_run_with_networking_blocked(tmp_path):
    corpus = copy_fixtures(tmp_path / "corpus")
    steps = [
        ("scan", str(corpus), "--json", "report.json"),
        ("compare", str(corpus / "original.txt"), str(corpus / "spun.txt")),
        ("index", "add", str(corpus), "--db", "news.duckdb"),
        ("check", str(corpus / "truncated.txt"), "--db", "news.duckdb"),
    ]
    for args in steps:
        done = run_offline(tmp_path, *args)
        assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    assert (tmp_path / "report.json").stat().st_size > 0
    assert network_attempts(tmp_path) == []


def test_an_sqlite_file_as_db_fails_in_one_line_without_a_download(tmp_path):
    corpus = copy_fixtures(tmp_path / "corpus", ("original", "spun"))
    sqlite3.connect(tmp_path / "old.db").execute("create table t(x)").connection.commit()
    done = run_offline(tmp_path, "index", "add", str(corpus), "--db", "old.db")
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "old.db" in lines[0] and "SQLite" in lines[0]
    assert "Traceback" not in done.stderr
    assert network_attempts(tmp_path) == []
