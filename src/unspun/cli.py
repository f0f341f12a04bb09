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
from .records import Article, ReadError
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
    claims: Annotated[bool, typer.Option("--claims", help="Also find who claimed what (quotes, reported speech) and link claims within stories.")] = False,
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
            result = scan(paths, ScanConfig(claims=claims), progress)
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


index_app = typer.Typer(no_args_is_help=True, help="A persistent index of articles in one DuckDB file.")
app.add_typer(index_app, name="index")
DB_OPTION = typer.Option("--db", help="The index file (DuckDB); created if missing.")


@index_app.command("add")
def index_add_cmd(
    sources: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .md .html .jsonl (and more).")],
    db: Annotated[Path, DB_OPTION] = Path("unspun.duckdb"),
    batch_size: Annotated[int, typer.Option(help="Articles per transaction (a crash redoes at most one batch).")] = 500,
    claims: Annotated[bool, typer.Option("--claims/--no-claims", help="Extract and store claims (spaCy; slower).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Add articles to the index: already indexed ones (same id, url and text) are skipped."""
    from .index import Index, IndexConfig
    from .ingest import read_sources

    console = Console(quiet=quiet)
    err = Console(stderr=True)
    try:
        with Index(str(db), IndexConfig(batch_size=batch_size, claims=claims)) as index:
            result = index.add(
                read_sources(sources),
                lambda stage, done, total: err.print(f"{done} articles read", end="\r") if not quiet else None,
            )
            stats = index.stats()
    except UnspunError as exc:
        raise _fail(err, exc) from None
    for e in result.errors:
        err.print(f"[yellow]skipped[/] {e.source}{'' if e.line is None else f':{e.line}'}: {e.reason}")
    for note in result.notes:
        err.print(f"[yellow]note:[/] {note}")
    console.print(
        f"{len(result.added)} articles added, {len(result.duplicates)} already indexed, "
        f"{len(result.errors)} skipped, {result.pairs} new related pairs; index: {stats['articles']} articles, "
        f"{stats['linked_stories']} stories with copies or rewrites"
    )
    raise typer.Exit(EXIT_SKIPPED if result.errors else EXIT_OK)


@app.command("check")
def check_cmd(
    file_or_url: Annotated[str, typer.Argument(
        help="A file to check, or the url of an already indexed article (looked up in the index, never fetched).")],
    db: Annotated[Path, DB_OPTION] = Path("unspun.duckdb"),
    json_out: Annotated[bool, typer.Option("--json", help="Print the matches as JSON.")] = False,
) -> None:
    """Is this article a copy or rewrite of anything indexed? Lists the matches with their evidence.

    Exit code 0 when something matched, 1 when nothing did, 2 on a usage error.
    """
    import json

    from .index import Index
    from .ingest import read_sources
    from .records import Article, ReadError

    console = Console()
    err = Console(stderr=True)
    if not db.exists():
        err.print(f"[bold red]error:[/] no index at {db}; create one with: unspun index add SOURCES --db {db}")
        raise typer.Exit(EXIT_USAGE)
    try:
        with Index(str(db), read_only=True) as index:
            if "://" in file_or_url and not Path(file_or_url).exists():
                found = index.check_url(file_or_url)
                if found is None:
                    err.print(f"[bold red]error:[/] no indexed article has the url {file_or_url} (urls are never fetched)")
                    raise typer.Exit(EXIT_USAGE)
                results = [found]
            else:
                items = list(read_sources([file_or_url]))
                for e in (x for x in items if isinstance(x, ReadError)):
                    err.print(f"[yellow]skipped[/] {e.source}{'' if e.line is None else f':{e.line}'}: {e.reason}")
                results = [index.check(a) for a in items if isinstance(a, Article)]
    except UnspunError as exc:
        raise _fail(err, exc) from None
    if json_out:
        from .report.json_report import pair_to_dict

        print(json.dumps([
            {"article": r.article.id, "candidates": r.candidates,
             "matches": [{"indexed": h.article.id, "title": h.article.title, "url": h.article.url, "story": h.story,
                          "pair": pair_to_dict(h.pair)} for h in r.hits]}
            for r in results
        ], ensure_ascii=False, indent=1))
    else:
        for r in results:
            if not r.hits:
                console.print(f"{r.article.id}: no copy or rewrite indexed ({r.candidates} candidates rejected)")
            for h in r.hits:
                p = h.pair
                console.print(
                    f"{r.article.id}: {p.relation} of {h.article.id} ({h.story}) score {p.score:.2f}, "
                    f"{p.coverage_b:.0%} of it matched, {len(p.matches)} passages via {', '.join(p.channels)}"
                )
    raise typer.Exit(EXIT_OK if any(r.hits for r in results) else 1)


@app.command("serve")
def serve_cmd(
    db: Annotated[Path, DB_OPTION] = Path("unspun.duckdb"),
    host: Annotated[str, typer.Option(help="Address to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes (larger gets 413).")] = 2 * 1024 * 1024,
) -> None:
    """Serve the index: JSON API (spec at /openapi.json) and the web page at /."""
    from .server import serve

    err = Console(stderr=True)
    err.print(f"serving {db} on http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        serve(str(db), host, port, max_body)
    except UnspunError as exc:
        raise _fail(err, exc) from None


@app.command("claims")
def claims_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .md .html .jsonl (and more).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write claims and linked claims as JSON.")] = None,
) -> None:
    """Who claimed what: quotes and reported speech per article, and claims repeated (or altered) across them."""
    import json

    from .claims import claims_for_articles, result_to_json
    from .ingest import read_sources
    from .report.claims_view import print_claims

    console = Console()
    err = Console(stderr=True)
    if json_out is not None and not json_out.parent.is_dir():
        err.print(f"[bold red]error:[/] cannot write {json_out}: folder {json_out.parent} does not exist")
        raise typer.Exit(EXIT_USAGE)
    try:
        items = list(read_sources(paths))
        articles = [a for a in items if isinstance(a, Article)]
        errors = [e for e in items if isinstance(e, ReadError)]
        result = claims_for_articles(articles)
    except UnspunError as exc:
        raise _fail(err, exc) from None
    for e in errors:
        err.print(f"[yellow]skipped[/] {e.source}{'' if e.line is None else f':{e.line}'}: {e.reason}")
    print_claims(result, console, {a.id: a.title for a in articles})
    if json_out:
        data = {**result_to_json(result), "errors": [{"source": e.source, "line": e.line, "reason": e.reason} for e in errors]}
        json_out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        console.print(f"JSON written to {json_out}")
    raise typer.Exit(EXIT_SKIPPED if errors else EXIT_OK)


def main() -> None:
    app()
