"""The ``newsfacts`` command line: a thin layer over the libraries and flows.

Heavy imports (spaCy, Prefect, DuckDB) happen inside the commands, so
``newsfacts --help`` and the fast commands start quickly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="newsfacts: turn news articles into queryable facts (people, counts of people, dates).",
    no_args_is_help=True,
    add_completion=False,
)
names_app = typer.Typer(help="Decide whether name spellings name the same person.", no_args_is_help=True)
app.add_typer(names_app, name="names")
review_app = typer.Typer(
    help="Uncertain pairs of spellings: list them, and record whether they name the same person.",
)
app.add_typer(review_app, name="review")

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def _page_paths(paths: list[Path]) -> list[Path]:
    """Expand folders into the pages they hold; keep files as given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(PAGE_SUFFIXES)))
        else:
            out.append(p)
    return out


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Saved article pages (.html, .htm, optionally .gz) or folders.")],
    fmt: Annotated[str, typer.Option("--format", help="Output format: jsonl (one JSON object per page).")] = "jsonl",
) -> None:
    """Extract people, counts of people and dates from saved pages; print one JSON line per page.

    Needs no warehouse and no network. A page that cannot be read prints an
    object with an "error" field; the exit code is 0 when every page was processed.
    """
    if fmt != "jsonl":
        raise typer.BadParameter(f"unknown format {fmt!r}; use jsonl", param_hint="--format")
    from extractors.jsonl import page_record
    from extractors.pipeline import extract_pages_isolated, resolve_pages
    from extractors.settings import SettingsError, extract_settings
    from extractors.text import ExtractionError, extract_article, read_page

    try:
        extract_settings()  # a bad setting stops here with one line, before any page
    except SettingsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    files = _page_paths(paths)
    articles, sources, failures = [], {}, []
    for f in files:
        try:
            art = extract_article(read_page(f), url=None)
        except (OSError, ExtractionError) as exc:
            failures.append({"source": str(f), "error": str(exc)})
            continue
        except Exception as exc:  # noqa: BLE001 - one bad page is one error line, never a stopped run
            failures.append({"source": str(f), "error": f"{f}: {type(exc).__name__}: {exc}"})
            continue
        articles.append(art)
        sources[id(art)] = str(f)
    pages, failed = extract_pages_isolated(articles)
    failures += [{"source": sources[id(art)], "error": reason} for art, reason in failed]
    resolve_pages(pages)
    out = sys.stdout
    for page in pages:
        out.write(json.dumps(page_record(sources[id(page.article)], page), ensure_ascii=False) + "\n")
    for failure in failures:
        out.write(json.dumps(failure, ensure_ascii=False) + "\n")


DB_HELP = "Warehouse DuckDB file [env NEWSFACTS_DB; default warehouse/newsfacts.duckdb]"
DbOption = Annotated[str | None, typer.Option("--db", help=DB_HELP)]


@app.command()
def demo(
    db: DbOption = None,
    port: Annotated[int, typer.Option(help="Loopback port for the sample site; keep it the same between runs.")] = 8765,
) -> None:
    """Run the whole pipeline on the bundled sample news site (loopback only) and print a summary.

    Starts a local HTTP server with the sample site, runs the Prefect ``pipeline``
    flow on an ephemeral Prefect API (nothing to start by hand), loads the
    DuckDB warehouse and prints what landed. Running it twice adds nothing.
    """
    import gazetteer
    from crawler.settings import fetch_settings
    from flows.demo import run_demo
    from newsfacts.progress import run_shown
    from warehouse.db import connect
    from warehouse.report import format_table, query_file, run_sql

    gazetteer.validate()  # a bad gazetteer entry or setting stops the demo before anything is written
    fetch_settings()

    typer.echo(f"Serving the sample site on 127.0.0.1:{port} and running the Prefect pipeline "
               "(a cold Prefect API takes ~20 s to start)...")
    try:
        run_shown(run_demo, db, port=port, echo=typer.echo)  # progress on stderr, then the summary table
    except OSError as exc:
        typer.echo(f"error: cannot serve the sample site on 127.0.0.1:{port} ({exc.strerror}); "
                   "pass --port with a free port", err=True)
        raise typer.Exit(1) from exc
    con = connect(db, read_only=True)
    try:
        sections = [
            ("Articles loaded", "articles_loaded"),
            ("People and their merged spellings", "people_spellings"),
            ("Counts of people with their dates", "counts_with_dates"),
            ("Example query 1: reports of people released, per month", "released_per_month"),
            ("Example query 2: every spelling of Tsikhanouskaya and the articles that used it", "spellings_of"),
            ("Example query 3: articles reporting at least 100 people freed", "articles_100_freed"),
        ]
        for title, name in sections:
            sql = query_file(name).read_text(encoding="utf-8")
            typer.echo(f"\n== {title}")
            if name in ("released_per_month", "spellings_of", "articles_100_freed"):
                typer.echo("\n".join("   " + line for line in sql.strip().splitlines() if not line.startswith("--")))
            typer.echo(format_table(*run_sql(con, sql)))
    finally:
        con.close()
    typer.echo("\nQuery it yourself: newsfacts query \"SELECT * FROM persons LIMIT 5\"")


@review_app.callback(invoke_without_command=True)
def review(
    ctx: typer.Context,
    status: Annotated[str, typer.Option(help="Which pairs to list: pending, accepted, rejected or all.")] = "pending",
    db: DbOption = None,
) -> None:
    """List the pairs of spellings the resolver was unsure about (not merged), highest score first.

    Record a decision with `newsfacts review accept ID` or `newsfacts review reject ID`;
    every later run honours it.
    """
    if ctx.invoked_subcommand is not None:
        return
    from warehouse.report import format_table
    from warehouse.review import STATUSES, list_pairs

    if status not in (*STATUSES, "all"):
        raise typer.BadParameter(f"unknown status {status!r}; use one of {', '.join(STATUSES)}, all",
                                 param_hint="--status")
    con = _open_read_only(db)
    try:
        typer.echo(format_table(["id", "name_a", "name_b", "score", "status"], list_pairs(con, status)))
    finally:
        con.close()


def _decide(pair_id: int, same: bool, db: str | None) -> None:
    from warehouse.db import WarehouseError, connect
    from warehouse.review import decide

    try:
        con = connect(db)
    except WarehouseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    try:
        a, b = decide(con, pair_id, same)
    except WarehouseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        con.close()
    verdict = "the same person" if same else "different people"
    typer.echo(f"recorded: {a!r} and {b!r} are {verdict}; later runs honour this")


@review_app.command("accept")
def review_accept(pair_id: Annotated[int, typer.Argument(help="Pair id from `newsfacts review`.")],
                  db: DbOption = None) -> None:
    """Record that the two spellings of pair ID name the same person."""
    _decide(pair_id, True, db)


@review_app.command("reject")
def review_reject(pair_id: Annotated[int, typer.Argument(help="Pair id from `newsfacts review`.")],
                  db: DbOption = None) -> None:
    """Record that the two spellings of pair ID name different people."""
    _decide(pair_id, False, db)


def _open_read_only(db: str | None):
    """A read-only, locked-down warehouse connection, or a clear error (missing, locked, too new) and exit 1."""
    from warehouse.db import WarehouseError, connect_analyst

    try:
        return connect_analyst(db)
    except (WarehouseError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


@names_app.command("match")
def names_match(
    file: Annotated[Path, typer.Argument(help="TSV with header name_a<TAB>name_b, one pair per line.")],
) -> None:
    """For each pair print name_a, name_b, same (1/0) and a score, tab-separated."""
    from gazetteer.resolve import same_person

    if not file.exists():
        raise typer.BadParameter(f"{file} does not exist", param_hint="FILE")
    lines = file.read_text(encoding="utf-8").splitlines()
    out = sys.stdout
    for n, line in enumerate(lines):
        if not line.strip() or (n == 0 and line.startswith("name_a\t")):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            typer.echo(f"{file}:{n + 1}: expected two tab-separated names", err=True)
            raise typer.Exit(2)
        same, score = same_person(cols[0], cols[1])
        out.write(f"{cols[0]}\t{cols[1]}\t{int(same)}\t{score:.3f}\n")


def main() -> None:
    """Console entry point: known input errors end with one clear line and exit code 2, not a traceback."""
    from crawler.settings import SettingsError
    from crawler.sources import SourcesError
    from flows.gc_tuning import tune_gc
    from gazetteer.load import GazetteerError
    from warehouse.migrate import WarehouseError

    tune_gc()  # batch work: see flows.gc_tuning
    try:
        app(standalone_mode=True)
    except (GazetteerError, SourcesError, SettingsError, WarehouseError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None


# Commands that live in their own modules register themselves on `app` when imported.
from newsfacts import cli_crawl, cli_warehouse  # noqa: E402, F401
