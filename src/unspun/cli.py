"""Command line: parses options, calls the library, prints. No pipeline logic lives here.

Exit codes (the README has the table): 0 done, everything read; 1 `check` found no match; 2 usage
error (bad option, missing path, unusable --db or output path, busy port), nothing done; 3 done but
some inputs were skipped (listed on stderr, also under -q).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .config import EmbedConfig, ScanConfig, user_cache_dir
from .errors import UnspunError
from .records import Article, ReadError
from .report import write_html, write_json
from .report.escape import safe
from .report.terminal import print_summary
from .scan import scan

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Trace copied and spun news back to its source.")
EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


@app.callback()
def _root() -> None:
    """unspun: which articles are copies or rewrites of which, and what each rewrite changed."""


def _fail(console: Console, exc: Exception) -> typer.Exit:
    console.print(f"[bold red]error:[/] {safe(exc)}", soft_wrap=True)
    return typer.Exit(EXIT_USAGE)


def _check_output(err: Console, *paths: Path | None) -> None:
    """Refuse an output path that cannot be written before any work starts (exit 2)."""
    for out in paths:
        if out is None:
            continue
        if out.is_dir():
            err.print(f"[bold red]error:[/] cannot write {safe(out)}: it is a folder; give a file name", soft_wrap=True)
            raise typer.Exit(EXIT_USAGE)
        if not out.parent.is_dir():
            err.print(f"[bold red]error:[/] cannot write {safe(out)}: folder {safe(out.parent)} does not exist",
                      soft_wrap=True)
            raise typer.Exit(EXIT_USAGE)
        if not os.access(out.parent, os.W_OK):
            err.print(f"[bold red]error:[/] cannot write {safe(out)}: folder {safe(out.parent)} is not writable",
                      soft_wrap=True)
            raise typer.Exit(EXIT_USAGE)


def _skipped(err: Console, errors: Iterable[ReadError]) -> None:
    """One line per skipped input on stderr, also under -q (a partial result must say what it lacks)."""
    for e in errors:
        where = safe(e.source if e.line is None else f"{e.source}:{e.line}")
        err.print(f"[yellow]skipped[/] {where}: {safe(e.reason)}", soft_wrap=True)


@app.command("scan")
def scan_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .md .html .jsonl (and more).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the full result as JSON.")] = None,
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write a self-contained HTML report.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or tables.")] = False,
    embed: Annotated[bool, typer.Option("--embed/--no-embed", help="Use sentence embeddings (the embed extra) to catch rewrites that share few words.")] = True,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Where embedding vectors and the parsed n-gram table are cached between scans (default: ~/.cache/unspun).")] = None,
    claims: Annotated[bool, typer.Option("--claims", help="Also find who claimed what (quotes, reported speech) and link claims within stories.")] = False,
    edits: Annotated[bool, typer.Option("--edits/--no-edits", help="Classify each pair's edits and decide its original (off: relations and matched passages only, faster on big corpora).")] = True,
    spin: Annotated[bool, typer.Option("--spin/--no-spin", help="Score each article for machine spinning and chatbot prose (off: articles[].spin is null; about half of a --no-edits scan's time).")] = True,
    engine: Annotated[str, typer.Option(help="local (this machine's cores) or dask (a Dask cluster; lexical matching only, no claims yet).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (--engine dask); default: a LocalCluster.")] = None,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes of the LocalCluster (--engine dask without --scheduler); default: one per core.")] = None,
) -> None:
    """Find exact copies, near-duplicates and spun rewrites among articles."""
    console = Console(stderr=False, quiet=quiet)
    err = Console(stderr=True)
    _check_output(err, json_out, html_out)
    if engine not in ("local", "dask"):
        err.print(f"[bold red]error:[/] --engine must be local or dask, not {safe(engine)!r}")
        raise typer.Exit(EXIT_USAGE)
    if engine == "local" and (scheduler or workers):
        err.print("[bold red]error:[/] --scheduler and --workers are for --engine dask")
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
            config = ScanConfig(claims=claims, edits=edits, spin=spin, embed=_embed_config(embed, cache_dir),
                                cache_dir=None if cache_dir is None else str(cache_dir))  # n-grams beside the vectors
            if engine == "dask":
                from .scan_dask import scan_dask

                result = scan_dask(paths, config, progress, scheduler=scheduler, workers=workers)
            else:
                result = scan(paths, config, progress)
        except UnspunError as exc:
            raise _fail(err, exc) from None
    print_summary(result, console)
    if quiet:
        _skipped(err, result.errors)  # the summary is silenced, the skipped inputs are not
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
    from .claims import claims_for_articles
    from .report.json import dumps, error_to_dict
    from .ingest import read_sources
    from .report.claims_json import result_to_json
    from .report.claims_view import print_claims

    console = Console()
    err = Console(stderr=True)
    _check_output(err, json_out)
    try:
        items = list(read_sources(paths))
        articles = [a for a in items if isinstance(a, Article)]
        errors = [e for e in items if isinstance(e, ReadError)]
        result = claims_for_articles(articles)
    except UnspunError as exc:
        raise _fail(err, exc) from None
    for e in errors:
        _skipped(err, [e])
    print_claims(result, console, {a.id: a.title for a in articles})
    if json_out:
        data = {**result_to_json(result), "errors": [error_to_dict(e) for e in errors]}
        json_out.write_text(dumps(data), encoding="utf-8")
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
    if engine == "local" or not output.is_dir():  # dask writes a folder of part files
        _check_output(err, output)
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
        _skipped(err, [e])
    if result.rows:
        counts: dict[str, int] = {}
        for r in result.rows:
            counts[r.relation] = counts.get(r.relation, 0) + 1
        console.print(f"{len(result.rows)} articles: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    console.print(f"{result.n_edges} confirmed near-duplicate links; written to {output}")
    raise typer.Exit(EXIT_SKIPPED if result.errors else EXIT_OK)


def _embed_config(enabled: bool, cache_dir: Path | None) -> EmbedConfig:
    if cache_dir is None:
        cache_dir = user_cache_dir()
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
        _skipped(err, [e])
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

    Exit code 0 when something matched, 1 when nothing did, 2 on a usage error, 3 when the input
    could not be read.
    """
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
                _skipped(err, (x for x in items if isinstance(x, ReadError)))
                results = [index.check(a) for a in items if isinstance(a, Article)]
    except UnspunError as exc:
        raise _fail(err, exc) from None
    if json_out:
        from .report.json import article_meta, check_hit_to_dict, dumps

        print(dumps([
            {"article": article_meta(r.article), "candidates": r.candidates,
             "matches": [check_hit_to_dict(h.pair, h.article, h.story) for h in r.hits]}
            for r in results
        ]))
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
    if not results:
        raise typer.Exit(EXIT_SKIPPED)  # nothing could be read, so nothing was checked
    raise typer.Exit(EXIT_OK if any(r.hits for r in results) else EXIT_NO_MATCH)


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
    busy = _port_problem(host, port)
    if busy:
        err.print(f"[bold red]error:[/] cannot serve on {safe(host)}:{port}: {busy}", soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    err.print(f"serving {safe(db)} on http://{safe(host)}:{port}/ (Ctrl-C to stop)")
    try:
        serve(str(db), host, port, max_body, IndexConfig(claims=claims))
    except UnspunError as exc:
        raise _fail(err, exc) from None


def _port_problem(host: str, port: int) -> str | None:
    """Why `host:port` cannot be bound (in use, not an address here), or None; checked before the
    index is opened so a busy port is a usage error (exit 2), not a crash."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"unknown host ({exc.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            hint = "; stop the other server or pick another --port" if exc.errno == 98 else ""
            return f"{exc.strerror or exc}{hint}"
    return None


def _load_version(ref: str, corpus: list[Path] | None, command: str = "compare") -> Article:
    """An article from a file path, or by id from the corpus (any format `unspun scan` reads)."""
    from .ingest import read_sources

    path = Path(ref)
    if path.is_file() and not corpus:
        items = list(read_sources([path]))
        found = [a for a in items if isinstance(a, Article)]
        if len(found) == 1:
            return found[0]
        if found:
            how = f"pass --from {ref} and an article id" if command == "compare" else "give a file with one article"
            raise typer.BadParameter(f"{ref} holds {len(found)} articles; {how}")
        reasons = "; ".join(e.reason for e in items if isinstance(e, ReadError)) or "it holds no article"
        raise typer.BadParameter(f"no article could be read from {ref}: {reasons}")
    if command != "compare":
        raise typer.BadParameter(f"{ref} is not a readable file")
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
    from .edits.compare import compare_articles
    from .report import compare as compare_report

    console = Console()
    _check_output(Console(stderr=True), json_out, html_out)
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
        article = _load_version(str(path), None, command="spin")
    except typer.BadParameter as exc:
        raise _fail(Console(stderr=True), exc) from None
    result = spin_score(article.text)
    console.print(f"[bold]{safe(article.id)}[/]: spin score {result.score:.2f} "
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
    """Console entry point. The environment is set here, never inside the library: tokenizers' own
    thread pool would warn (and can deadlock) when the scan forks worker processes after a model ran,
    and the packaged model never needs the network."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    app()
