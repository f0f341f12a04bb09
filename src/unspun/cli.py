"""Command line: parses options, calls the library, prints. No pipeline logic lives here.

Exit codes: 0 everything read; 3 some inputs skipped (see the errors table); 2 usage error.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .config import ScanConfig
from .errors import UnspunError
from .report import write_html, write_json
from .report.terminal import print_summary
from .scan import scan

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Trace copied and spun news back to its source.")
EXIT_OK, EXIT_USAGE, EXIT_SKIPPED = 0, 2, 3


@app.callback()
def _root() -> None:
    """unspun: which articles are copies or rewrites of which, and what each rewrite changed."""


def _fail(console: Console, exc: Exception) -> typer.Exit:
    console.print(f"[bold red]error:[/] {exc}")
    return typer.Exit(EXIT_USAGE)


@app.command("scan")
def scan_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .md .html .jsonl (and more).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the full result as JSON.")] = None,
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write a self-contained HTML report.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or tables.")] = False,
) -> None:
    """Find exact copies, near-duplicates and spun rewrites among articles."""
    console = Console(stderr=False, quiet=quiet)
    err = Console(stderr=True)
    for out in (json_out, html_out):
        if out is not None and not out.parent.is_dir():
            err.print(f"[bold red]error:[/] cannot write {out}: folder {out.parent} does not exist")
            raise typer.Exit(EXIT_USAGE)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True, quiet=quiet), transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        try:
            result = scan(paths, ScanConfig(), progress)
        except UnspunError as exc:
            raise _fail(err, exc) from None
    print_summary(result, console)
    if json_out:
        write_json(result, json_out)
        console.print(f"JSON written to {json_out}")
    if html_out:
        write_html(result, html_out)
        console.print(f"HTML report written to {html_out}")
    raise typer.Exit(EXIT_SKIPPED if result.errors else EXIT_OK)


def main() -> None:
    app()
