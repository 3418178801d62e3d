"""The review queue's commands: ``review`` lists uncertain pairs of spellings, ``review accept|reject ID``."""

from __future__ import annotations

from typing import Annotated

import typer

from newsfacts.cli_common import DbOption, warehouse_exit


def review(
    ctx: typer.Context,
    status: Annotated[str, typer.Option(metavar="STATUS",
                                        help="Which pairs to list: pending, accepted, rejected or all.")] = "pending",
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
        raise warehouse_exit(exc) from exc
    try:
        a, b = decide(con, pair_id, same)
    except WarehouseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        con.close()
    verdict = "the same person" if same else "different people"
    typer.echo(f"recorded: {a!r} and {b!r} are {verdict}; later runs honour this")


def review_accept(pair_id: Annotated[int, typer.Argument(metavar="ID", help="Pair id from `newsfacts review`.")],
                  db: DbOption = None) -> None:
    """Record that the two spellings of pair ID name the same person."""
    _decide(pair_id, True, db)


def review_reject(pair_id: Annotated[int, typer.Argument(metavar="ID", help="Pair id from `newsfacts review`.")],
                  db: DbOption = None) -> None:
    """Record that the two spellings of pair ID name different people."""
    _decide(pair_id, False, db)


def _open_read_only(db: str | None):
    """A read-only, locked-down warehouse connection, or one error line: exit 2 for a bad path (a folder,
    not a DuckDB file), 1 when missing, locked or too new."""
    from warehouse.db import WarehouseError, connect_analyst

    try:
        return connect_analyst(db)
    except (WarehouseError, FileNotFoundError) as exc:
        raise warehouse_exit(exc) from exc
