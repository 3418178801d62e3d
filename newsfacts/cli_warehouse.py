"""Warehouse commands for analysts: query (and later export)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfacts.cli import DbOption, _open_read_only, app


@app.command()
def query(
    sql: Annotated[str | None, typer.Argument(help="One SQL statement (read-only).")] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", help="Read the SQL from this file.")] = None,
    db: DbOption = None,
) -> None:
    """Run a read-only SQL query on the warehouse and print the result as a table."""
    import duckdb

    from warehouse.report import format_table, run_sql

    if (sql is None) == (file is None):
        raise typer.BadParameter("give either a SQL string or -f FILE")
    text = file.read_text(encoding="utf-8") if file else sql
    con = _open_read_only(db)
    try:
        typer.echo(format_table(*run_sql(con, text)))
    except duckdb.Error as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        con.close()
