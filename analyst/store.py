"""Read the warehouse for the analysts' pages: named queries (``queries.sql``) returning rows as dicts.

Every read goes through the connection it is given (the analyst's read-only, locked-down connection from
``warehouse.db.connect_analyst``), so a page can never write to the warehouse or read another file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

QUERIES_FILE = Path(__file__).with_name("queries.sql")
Row = dict[str, Any]


@cache
def queries() -> dict[str, str]:
    """The named queries of ``queries.sql``: the text after each ``-- name: NAME`` line, up to the next one."""
    text = QUERIES_FILE.read_text(encoding="utf-8")
    parts = re.split(r"^-- name: (\w+)\s*$", text, flags=re.M)
    return {name: body.strip().rstrip(";") for name, body in zip(parts[1::2], parts[2::2], strict=True)}


class Store:
    """The warehouse as the pages read it."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def rows(self, name: str, *params: Any) -> list[Row]:
        cur = self.con.execute(queries()[name], list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def row(self, name: str, *params: Any) -> Row | None:
        got = self.rows(name, *params)
        return got[0] if got else None

    def is_empty(self) -> bool:
        """No article loaded yet (a fresh warehouse): the pages explain instead of showing empty tables."""
        return self.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
