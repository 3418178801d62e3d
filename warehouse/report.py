"""Run the SQL files in ``queries/`` and format results as plain-text tables."""

from __future__ import annotations

from pathlib import Path

import duckdb

QUERIES_DIR = Path(__file__).with_name("queries")


def query_file(name: str) -> Path:
    """Path of a shipped query by its stem (e.g. ``people_spellings``)."""
    return QUERIES_DIR / f"{name}.sql"


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one statement."""
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description] if cur.description else []
    return cols, cur.fetchall()


def format_table(cols: list[str], rows: list[tuple], max_width: int = 60) -> str:
    """A fixed-width text table; long cells are cut with an ellipsis."""
    def cell(v: object) -> str:
        s = "" if v is None else str(v)
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    body = [[cell(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(cols)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in body]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
