"""The review queue for uncertain name pairs, and the decisions analysts record."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from warehouse.bulk import bulk_insert
from warehouse.migrate import WarehouseError

STATUSES = ("pending", "accepted", "rejected")


class ReviewError(WarehouseError):
    """A review action that cannot be carried out; the message says why."""


def add_uncertain(con: duckdb.DuckDBPyConnection,
                  pairs: Iterable[tuple[str, str, str, str, float]]) -> int:
    """Queue ``(name_a, name_b, key_a, key_b, score)`` pairs; pairs already queued are kept as they are.

    One bulk insert (``warehouse.bulk``; the first of repeated pairs kept, as row-by-row inserts would):
    ``executemany`` cost ~10 ms a pair, and a batch of news about many people can hold thousands.
    """
    rows: dict[tuple[str, str], tuple] = {}
    for a, b, ka, kb, s in pairs:
        row = (a, b, ka, kb, s) if ka <= kb else (b, a, kb, ka, s)
        rows.setdefault((row[2], row[3]), row)
    before = con.execute("SELECT count(*) FROM name_review").fetchone()[0]
    bulk_insert(con, "name_review", ("name_a", "name_b", "key_a", "key_b", "score"), list(rows.values()))
    return con.execute("SELECT count(*) FROM name_review").fetchone()[0] - before


def decisions(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], bool]:
    """Recorded decisions keyed by the (key_a, key_b) pair: True = same person."""
    rows = con.execute("SELECT key_a, key_b, status FROM name_review WHERE status <> 'pending'").fetchall()
    return {(a, b): status == "accepted" for a, b, status in rows}


def list_pairs(con: duckdb.DuckDBPyConnection, status: str = "pending") -> list[tuple]:
    """Queued pairs with the given status (or every pair for ``status='all'``), highest score first."""
    where = "" if status == "all" else "WHERE status = ?"
    params = [] if status == "all" else [status]
    return con.execute(
        f"SELECT id, name_a, name_b, round(score, 3) AS score, status FROM name_review {where} "
        "ORDER BY score DESC, id", params).fetchall()


def decide(con: duckdb.DuckDBPyConnection, pair_id: int, same: bool) -> tuple[str, str]:
    """Record a decision for queued pair ``pair_id``; return its two spellings."""
    row = con.execute("SELECT name_a, name_b FROM name_review WHERE id = ?", [pair_id]).fetchone()
    if row is None:
        raise ReviewError(f"no review pair with id {pair_id}; `newsfacts review` lists them")
    con.execute("UPDATE name_review SET status = ?, decided_at = current_timestamp WHERE id = ?",
                ["accepted" if same else "rejected", pair_id])
    return row
