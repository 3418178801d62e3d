"""Warehouse commands for analysts: query (read-only SQL, several output formats), tables, schema and export."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from newsfacts.cli_common import DbOption, warehouse_exit

WaitOption = Annotated[
    float | None,
    typer.Option("--wait", metavar="SECONDS", envvar="NEWSFACTS_LOCK_TIMEOUT", show_default="30",
                 help="How long to wait while a crawl holds the warehouse lock."),
]

ROOT = Path(__file__).resolve().parents[1]


def _connect(db: str | None, wait: float | None = None):
    """The analyst's read-only, locked-down connection, or one error line (exit 2 for a bad path, else 1)."""
    from warehouse.db import WarehouseError, connect_analyst

    try:
        return connect_analyst(db, timeout=wait)
    except (WarehouseError, FileNotFoundError) as exc:
        raise warehouse_exit(exc) from exc


def _sql_text(sql: str | None, file: Path | None) -> str:
    """The SQL of `query`: the argument, a file, or a bundled query by name (``-f released_per_month``)."""
    from warehouse.report import QUERIES_DIR, query_file

    if (sql is None) == (file is None):
        raise typer.BadParameter("give either a SQL string or -f FILE")
    if file is None:
        return sql
    if not file.is_file() and file.suffix == "" and len(file.parts) == 1 and query_file(file.name).is_file():
        file = query_file(file.name)
    if not file.is_file():
        bundled = ", ".join(sorted(p.stem for p in QUERIES_DIR.glob("*.sql")))
        raise typer.BadParameter(f"{file} is not a file (bundled queries: {bundled})", param_hint="--file")
    return file.read_text(encoding="utf-8")


def query(
    sql: Annotated[str | None, typer.Argument(
        metavar="SQL", help="SQL to run (read-only); of several statements, the last prints.")] = None,
    file: Annotated[Path | None, typer.Option(
        "-f", "--file", metavar="FILE", show_default=False,
        help="Read the SQL from this file, or run a bundled query by name (e.g. released_per_month).")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "-p", "--param", metavar="NAME VALUE", show_default=False,
        help="Bind $NAME in the SQL to VALUE (a string; cast it in SQL, e.g. $n::INTEGER). Repeatable.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", metavar="FORMAT",
        help="table, csv, tsv, markdown, json (one array), jsonl or parquet.")] = "table",
    limit: Annotated[int | None, typer.Option(
        "--limit", metavar="N", show_default="100 for table, else all",
        help="Print at most N rows; 0 for all.")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", show_default="stdout",
        help="Write to this file instead of stdout (needed for parquet).")] = None,
    db: DbOption = None,
    wait: WaitOption = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", metavar="SECONDS", envvar="NEWSFACTS_QUERY_TIMEOUT", show_default="300",
        help="Stop the query after this long; 0 for no limit.")] = None,
) -> None:
    """Run read-only SQL on the warehouse; print a table, or write CSV, TSV, Markdown, JSON or Parquet.

    Only SELECT, WITH, EXPLAIN, DESCRIBE, SHOW and SUMMARIZE run; anything else
    (INSERT, CREATE, COPY, ATTACH, SET, PRAGMA, CALL, ...) is refused before
    anything runs, and the query reads the warehouse only: no other file, no
    network, no extension. While a crawl is writing, the query waits for it (see --wait).
    Views for common questions: people, person_spellings, person_timeline,
    counts_in_context, facts, linked_events, person_events, release_events, held_over_time,
    event_disagreements (`newsfacts tables`, docs/warehouse.md).
    """
    from warehouse.db import WarehouseError
    from warehouse.report import FORMATS, query_timeout, write_result

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", param_hint="--format")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("Parquet is binary: give --output FILE.parquet", param_hint="--output")
    if limit is not None and limit < 0:
        raise typer.BadParameter(f"{limit}: give a number of rows, or 0 for all", param_hint="--limit")
    params: dict[str, str] = {}
    for name, value in param or []:
        name = name.removeprefix("$")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise typer.BadParameter(f"{name!r} is not a parameter name (letters, digits, _)", param_hint="-p")
        params[name] = value
    text = _sql_text(sql, file)
    try:
        seconds = query_timeout(timeout)
    except WarehouseError as exc:
        raise warehouse_exit(exc) from exc
    con = _connect(db, wait)
    try:
        rows = write_result(con, text, fmt, output, timeout=seconds, params=params, limit=limit)
    except WarehouseError as exc:
        raise warehouse_exit(exc) from exc
    finally:
        con.close()
    if output is not None and rows is not None:
        typer.echo(f"wrote {rows} row{'s' if rows != 1 else ''} to {output}", err=True)


def _descriptions() -> dict[str, str]:
    """One line per table and view from docs/warehouse.md (in a checkout; empty when it is not there)."""
    try:
        doc = (ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8")
    except OSError:
        return {}
    out = {m.group(1): m.group(2).strip() for m in re.finditer(r"^### `(\w+)` — (.+)$", doc, re.M)}
    views = doc.split("\n## Views", 1)[-1].split("\n## ", 1)[0]
    out.update({m.group(1): "one row per " + m.group(2).strip()
                for m in re.finditer(r"^\| `(\w+)` \| ([^|]+) \|", views, re.M)})
    return out


def tables(db: DbOption = None, wait: WaitOption = None) -> None:
    """List every table and view of the warehouse with its row count and what one row is."""
    from warehouse.db import WarehouseError, objects
    from warehouse.report import format_table

    about = _descriptions()
    con = _connect(db, wait)
    try:
        rows = []
        for name, kind in objects(con):
            quoted = '"' + name.replace('"', '""') + '"'
            n = con.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
            rows.append((name, kind, n, about.get(name, "")))
    except (WarehouseError, Exception) as exc:  # noqa: BLE001 - a broken view is one error line
        raise warehouse_exit(exc) from exc
    finally:
        con.close()
    typer.echo(format_table(["name", "kind", "rows", "description"], rows, max_width=80))


def schema(
    table: Annotated[str | None, typer.Argument(
        metavar="TABLE", help="A table or view; without it, every one.")] = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    """Print the columns and types of a table or view (or of every one)."""
    from warehouse.db import objects
    from warehouse.report import format_table

    con = _connect(db, wait)
    try:
        names = [n for n, _ in objects(con)]
        if table is not None and table not in names:
            typer.echo(f"error: no table or view {table!r}; `newsfacts tables` lists them", err=True)
            raise typer.Exit(1)
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_catalog = current_database() "
            "AND (? IS NULL OR table_name = ?) ORDER BY table_name, ordinal_position", [table, table]).fetchall()
    finally:
        con.close()
    if table is not None:
        typer.echo(format_table(["column", "type"], [(c, t) for _, c, t in rows], max_width=80))
    else:
        typer.echo(format_table(["table", "column", "type"], rows, max_width=80))


def export(
    parquet: Annotated[Path, typer.Option("--parquet", metavar="DIR",
                                          help="Folder to write NAME.parquet into, one per table and view.")],
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    """Write every table and view of the warehouse as Parquet files (for pandas, Polars, Spark, R, ...).

    Opens the warehouse read-only; existing files of the same name are replaced.
    """
    from warehouse.db import WarehouseError
    from warehouse.report import export_parquet, format_table

    con = _connect(db, wait)
    try:
        done = export_parquet(con, parquet)
    except WarehouseError as exc:
        raise warehouse_exit(exc) from exc
    finally:
        con.close()
    typer.echo(format_table(["name", "kind", "rows", "file"], [(e.name, e.kind, e.rows, str(e.path)) for e in done]))
