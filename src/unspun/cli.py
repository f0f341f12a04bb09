"""Command line: parses options, calls the library, prints. No pipeline logic lives here.

Exit codes: 0 everything read; 3 some inputs skipped (see the errors table); 2 usage error.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .config import EmbedConfig, ScanConfig
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
    embed: Annotated[bool, typer.Option("--embed/--no-embed", help="Use sentence embeddings (the embed extra) to catch rewrites that share few words.")] = True,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Where embedding vectors are cached between scans (default: ~/.cache/unspun).")] = None,
    claims: Annotated[bool, typer.Option("--claims", help="Also find who claimed what (quotes, reported speech) and link claims within stories.")] = False,
    edits: Annotated[bool, typer.Option("--edits/--no-edits", help="Classify each pair's edits and decide its original (off: relations and matched passages only, faster on big corpora).")] = True,
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
            config = ScanConfig(claims=claims, edits=edits, embed=_embed_config(embed, cache_dir))
            result = scan(paths, config, progress)
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


@app.command("claims")
def claims_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .md .html .jsonl (and more).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write claims and linked claims as JSON.")] = None,
) -> None:
    """Who claimed what: quotes and reported speech per article, and claims repeated (or altered) across them."""
    import json

    from .claims.extract import claims_for_articles, result_to_json
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


@app.command("dedup")
def dedup_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (any input format; WARC/Parquet/CSV/JSONL, .gz/.zst).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Parquet output: a file (local engine) or a folder of part files (dask).")] = Path("dedup.parquet"),
    engine: Annotated[str, typer.Option(help="local (this process) or dask.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address; default: a LocalCluster with one worker per core.")] = None,
    threshold: Annotated[float, typer.Option(help="Estimated Jaccard of word 3-grams at which two articles are near-duplicates.")] = 0.8,
    text_column: Annotated[str, typer.Option(help="Column/field holding the text (JSONL, CSV, Parquet).")] = "text",
    id_column: Annotated[str, typer.Option(help="Column/field holding the article id.")] = "id",
    date_column: Annotated[str, typer.Option(help="Column/field holding the publication date.")] = "published",
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Cluster exact and near-duplicate articles at corpus scale (MinHash + LSH only, no alignment)."""
    from dataclasses import replace

    from .config import NearDupConfig
    from .ingest import ColumnMap
    from .dedup.neardup import dedup, write_parquet

    console = Console(quiet=quiet)
    err = Console(stderr=True)
    if engine not in ("local", "dask"):
        err.print(f"[bold red]error:[/] --engine must be local or dask, not {engine!r}")
        raise typer.Exit(EXIT_USAGE)
    if not output.parent.is_dir():
        err.print(f"[bold red]error:[/] cannot write {output}: folder {output.parent} does not exist")
        raise typer.Exit(EXIT_USAGE)
    columns = replace(ColumnMap(), text=text_column, id=id_column, published=date_column)
    try:
        config = NearDupConfig(threshold=threshold)
        if engine == "dask":
            from .dedup.dask import dedup_dask

            result = dedup_dask(paths, config, columns, scheduler=scheduler, output=output)
        else:
            result = dedup(paths, config, columns)
            write_parquet(result.rows, output)
    except UnspunError as exc:
        raise _fail(err, exc) from None
    for e in result.errors:
        err.print(f"[yellow]skipped[/] {e.source}{'' if e.line is None else f':{e.line}'}: {e.reason}")
    if result.rows:
        counts: dict[str, int] = {}
        for r in result.rows:
            counts[r.relation] = counts.get(r.relation, 0) + 1
        console.print(f"{len(result.rows)} articles: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    console.print(f"{result.n_edges} confirmed near-duplicate links; written to {output}")
    raise typer.Exit(EXIT_SKIPPED if result.errors else EXIT_OK)


def _embed_config(enabled: bool, cache_dir: Path | None) -> EmbedConfig:
    if cache_dir is None:
        cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "unspun"
    return EmbedConfig(enabled=enabled, cache_dir=str(cache_dir / "embeddings"))


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
    from .store.index import Index, IndexConfig
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

    from .store.index import Index
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
        from .report.json import pair_to_dict

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
    claims: Annotated[bool, typer.Option("--claims/--no-claims", help="Extract claims of added articles, and of others on request (spaCy).")] = False,
) -> None:
    """Serve the index: JSON API (spec at /openapi.json) and the web page at /."""
    from .store.index import IndexConfig
    from .server import serve

    err = Console(stderr=True)
    err.print(f"serving {db} on http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        serve(str(db), host, port, max_body, IndexConfig(claims=claims))
    except UnspunError as exc:
        raise _fail(err, exc) from None


def _load_version(ref: str, corpus: list[Path] | None) -> Article:
    """An article from a file path, or by id from the corpus (any format `unspun scan` reads)."""
    from .ingest import read_sources

    path = Path(ref)
    if path.is_file() and not corpus:
        found = [a for a in read_sources([path]) if isinstance(a, Article)]
        if len(found) == 1:
            return found[0]
        if found:
            raise typer.BadParameter(f"{ref} holds {len(found)} articles; pass --from {ref} and an article id")
        raise typer.BadParameter(f"no article could be read from {ref}")
    for item in read_sources(corpus or []):
        if isinstance(item, Article) and item.id == ref:
            return item
    raise typer.BadParameter(f"{ref} is neither a readable file nor an article id in --from")


@app.command("compare")
def compare_cmd(
    a: Annotated[str, typer.Argument(help="First version: a file, or an article id with --from.")],
    b: Annotated[str, typer.Argument(help="Second version: a file, or an article id with --from.")],
    corpus: Annotated[Optional[list[Path]], typer.Option("--from", help="Files/folders to look ids up in.")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the comparison as JSON.")] = None,
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write a self-contained HTML page.")] = None,
    edits_only: Annotated[bool, typer.Option("--edits-only", help="Only the list of edits.")] = False,
) -> None:
    """Show what changed between two versions, sentence by sentence, most serious edits first."""
    from .clean import clean_article
    from .edits.classify import compare_articles
    from .report import compare as compare_report

    console = Console()
    try:
        ca, cb = clean_article(_load_version(a, corpus)), clean_article(_load_version(b, corpus))
    except (typer.BadParameter, UnspunError) as exc:
        raise _fail(Console(stderr=True), exc) from None
    result = compare_articles(ca, cb)
    compare_report.print_comparison(result, console, show_text=not edits_only)
    if json_out:
        compare_report.write_json(result, json_out)
        console.print(f"JSON written to {json_out}")
    if html_out:
        compare_report.write_html(result, html_out)
        console.print(f"HTML written to {html_out}")
    raise typer.Exit(EXIT_OK)


@app.command("spin")
def spin_cmd(
    path: Annotated[Path, typer.Argument(help="An article file (.txt .md .html ...).")],
) -> None:
    """How likely a lone article is machine-spun (with the words that look substituted) or fluent machine text."""
    from rich.text import Text

    from .edits.spin import spin_score

    console = Console()
    try:
        article = _load_version(str(path), None)
    except typer.BadParameter as exc:
        raise _fail(Console(stderr=True), exc) from None
    result = spin_score(article.text)
    console.print(f"[bold]{article.id}[/]: spin score {result.score:.2f} "
                  f"(rare-word share {result.rare_word_share:.1%}, {len(result.suspects)} suspect words)")
    if result.machine is not None:
        console.print(f"machine-text score {result.machine_score:.2f} (chatbot prose: {result.machine.why(5)})")
    for s in result.suspects:
        start = max(0, s.span[0] - 50)
        line = Text(article.text[start:s.span[0]].replace("\n", " "))
        line.append(s.text, style="bold white on red")
        line.append(article.text[s.span[1]:s.span[1] + 50].replace("\n", " "))
        console.print(line)
        console.print(f"  [dim]{s.why}[/]")
    raise typer.Exit(EXIT_OK)


def main() -> None:
    app()
