"""Warehouse commands for analysts: query (read-only SQL, several output formats) and export (Parquet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfacts.cli import DbOption, app

WaitOption = Annotated[
    float | None,
    typer.Option("--wait", metavar="SECONDS",
                 help="How long to wait while a crawl holds the warehouse lock [env NEWSFACTS_LOCK_TIMEOUT; "
                      "default 30]."),
]


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


@app.command()
def query(
    sql: Annotated[str | None, typer.Argument(help="SQL to run (read-only); of several statements, the last prints.")]
    = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", help="Read the SQL from this file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json (one array), jsonl or parquet.")] = "table",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout "
                                                "(needed for parquet).")] = None,
    db: DbOption = None,
    wait: WaitOption = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", metavar="SECONDS", help="Stop the query after this long; 0 for no limit "
                                             "[env NEWSFACTS_QUERY_TIMEOUT; default 300].")] = None,
) -> None:
    """Run read-only SQL on the warehouse; print a table, or write CSV, JSON or Parquet.

    Only SELECT, WITH, EXPLAIN, DESCRIBE, SHOW and SUMMARIZE run; anything else
    (INSERT, CREATE, COPY, ATTACH, SET, PRAGMA, CALL, ...) is refused before
    anything runs, and the query reads the warehouse only: no other file, no
    network, no extension. While a crawl is writing, the query waits for it (see --wait).
    Views for common questions: people, person_spellings, person_timeline,
    counts_in_context, release_counts, facts (docs/warehouse.md).
    """
    from warehouse.db import WarehouseError, connect_analyst
    from warehouse.report import FORMATS, query_timeout, write_result

    if (sql is None) == (file is None):
        raise typer.BadParameter("give either a SQL string or -f FILE")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", param_hint="--format")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("Parquet is binary: give --output FILE.parquet", param_hint="--output")
    if file is not None and not file.is_file():
        raise typer.BadParameter(f"{file} is not a file", param_hint="--file")
    text = file.read_text(encoding="utf-8") if file else sql
    try:
        limit = query_timeout(timeout)
        con = connect_analyst(db, timeout=wait)
    except (WarehouseError, FileNotFoundError) as exc:
        raise _fail(exc) from exc
    try:
        rows = write_result(con, text, fmt, output, timeout=limit)
    except WarehouseError as exc:
        raise _fail(exc) from exc
    finally:
        con.close()
    if output is not None and rows is not None:
        typer.echo(f"wrote {rows} row{'s' if rows != 1 else ''} to {output}", err=True)


@app.command()
def export(
    parquet: Annotated[Path, typer.Option("--parquet", metavar="DIR",
                                          help="Folder to write NAME.parquet into, one per table and view.")],
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    """Write every table and view of the warehouse as Parquet files (for pandas, Polars, Spark, R, ...).

    Opens the warehouse read-only; existing files of the same name are replaced.
    """
    from warehouse.db import WarehouseError, connect_analyst
    from warehouse.report import export_parquet, format_table

    try:
        con = connect_analyst(db, timeout=wait)
    except (WarehouseError, FileNotFoundError) as exc:
        raise _fail(exc) from exc
    try:
        done = export_parquet(con, parquet)
    except WarehouseError as exc:
        raise _fail(exc) from exc
    finally:
        con.close()
    typer.echo(format_table(["name", "kind", "rows", "file"], [(e.name, e.kind, e.rows, str(e.path)) for e in done]))
