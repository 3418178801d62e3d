"""Run analysts' SQL read-only and write results as a table, CSV, JSON or Parquet; export the warehouse.

Read-only is enforced twice: the connection is opened read-only (the engine
refuses any write), and every statement is classified before anything runs, so
a script whose third statement would write is refused whole, with a message
that names the statement, instead of failing half-way through. Files are
written by DuckDB's own writers (``COPY``, relation ``to_csv``/``to_parquet``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import duckdb

from warehouse.db import objects
from warehouse.migrate import WarehouseError

QUERIES_DIR = Path(__file__).with_name("queries")
FORMATS = ("table", "csv", "json", "jsonl", "parquet")

_T = duckdb.StatementType
# Statements that read, explain, or change only this connection's settings.
READ_ONLY_TYPES = {_T.SELECT, _T.EXPLAIN, _T.PRAGMA, _T.SET, _T.VARIABLE_SET, _T.CALL}


class QueryError(WarehouseError):
    """An analyst's query that cannot run: it would write, it is empty, or its output cannot be produced."""


def query_file(name: str) -> Path:
    """Path of a shipped query by its stem (e.g. ``people_spellings``)."""
    return QUERIES_DIR / f"{name}.sql"


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one statement (or of the last of several)."""
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description] if cur.description else []
    return cols, cur.fetchall()


def _short(sql: str, width: int = 60) -> str:
    one = " ".join(sql.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def read_only_statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    """The statements of ``sql``; refuse the whole text if any one of them would write."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"cannot parse the query: {exc}") from exc
    if not statements:
        raise QueryError("the query is empty; give a SQL statement or a file that holds one")
    for n, st in enumerate(statements, 1):
        if st.type not in READ_ONLY_TYPES:
            kind = st.type.name.replace("_", " ")
            raise QueryError(
                f"refused: statement {n} ({kind}: `{_short(st.query)}`) would write, and `newsfacts query` is "
                "read-only. The warehouse changes only through the pipeline and `newsfacts review accept|reject`; "
                "to save a result use --format csv|json|parquet --output FILE, or `newsfacts export --parquet DIR`")
    return statements


def _result(con: duckdb.DuckDBPyConnection, sql: str) -> duckdb.DuckDBPyRelation | None:
    """Run every statement read-only; return the last one's result (None for e.g. a SET)."""
    statements = read_only_statements(con, sql)
    try:
        for st in statements[:-1]:
            con.execute(st.query)
        return con.sql(statements[-1].query)
    except duckdb.Error as exc:
        raise _query_error(exc) from exc


def _query_error(exc: duckdb.Error) -> QueryError:
    """The engine's error as a QueryError; a write the engine refused says so plainly."""
    if "read-only mode" in str(exc):
        return QueryError(f"refused: the query would write, and `newsfacts query` is read-only ({exc})")
    return QueryError(str(exc))


def run_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of the last statement of ``sql``, refusing anything that would write."""
    rel = _result(con, sql)
    if rel is None:
        return [], []
    try:
        return list(rel.columns), rel.fetchall()
    except duckdb.Error as exc:
        raise _query_error(exc) from exc


def write_result(con: duckdb.DuckDBPyConnection, sql: str, fmt: str, output: Path | None = None,
                 stdout: TextIO | None = None) -> int | None:
    """Write the result of read-only ``sql`` as ``fmt`` to ``output`` (or stdout); return its row count.

    ``table`` is for reading on a terminal; ``csv`` has a header row; ``json`` is
    one array of objects; ``jsonl`` one object per line; ``parquet`` needs a file.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet" and output is None:
        raise QueryError("Parquet is binary: give --output FILE.parquet")
    stdout = stdout or sys.stdout
    rel = _result(con, sql)
    if rel is None:
        return None
    if fmt == "table":
        try:
            text = format_table(list(rel.columns), rel.fetchall()) + "\n"
        except duckdb.Error as exc:
            raise _query_error(exc) from exc
        if output is None:
            stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
        return None
    with tempfile.TemporaryDirectory(prefix="newsfacts-query-") as tmp:
        staged = Path(tmp) / "result.parquet"
        try:
            rel.to_parquet(str(staged))  # runs the query once, keeping its types
            target = output if output is not None else Path(tmp) / f"result.{fmt}"
            options = {"csv": "FORMAT csv, HEADER true", "json": "FORMAT json, ARRAY true",
                       "jsonl": "FORMAT json", "parquet": "FORMAT parquet"}[fmt]
            con.execute(f"COPY (FROM read_parquet({_lit(staged)})) TO {_lit(target)} ({options})")
            rows = con.execute(f"SELECT count(*) FROM read_parquet({_lit(staged)})").fetchone()[0]
        except duckdb.Error as exc:
            if "read-only mode" in str(exc):
                raise _query_error(exc) from exc
            raise QueryError(f"cannot write the result as {fmt}: {exc}") from exc
        if output is None:
            with target.open(encoding="utf-8") as f:
                shutil.copyfileobj(f, stdout)
    return rows


def _lit(path: Path) -> str:
    """A path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


@dataclass(frozen=True)
class Exported:
    name: str
    kind: str  # table | view
    rows: int
    path: Path


def export_parquet(con: duckdb.DuckDBPyConnection, directory: Path) -> list[Exported]:
    """Write every table and view of the warehouse to ``directory/NAME.parquet``; return what was written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QueryError(f"cannot create export folder {directory}: {exc.strerror}; choose another folder") from exc
    out = []
    for name, kind in objects(con):
        path = directory / f"{name}.parquet"
        try:
            con.execute(f'COPY (FROM "{name}") TO {_lit(path)} (FORMAT parquet)')
            rows = con.execute(f"SELECT count(*) FROM read_parquet({_lit(path)})").fetchone()[0]
        except duckdb.Error as exc:
            raise QueryError(f"cannot export {kind} {name} to {path}: {exc}") from exc
        out.append(Exported(name, kind, rows, path))
    return out


def _cell(v: object, max_width: int) -> str:
    if v is None:
        s = ""
    elif isinstance(v, list):
        s = " | ".join("" if x is None else str(x) for x in v)
    else:
        s = str(v)
    s = s.replace("\n", " ")
    return s if len(s) <= max_width else s[: max_width - 1] + "…"


def format_table(cols: list[str], rows: list[tuple], max_width: int = 60) -> str:
    """A fixed-width text table; lists are joined with ' | ', long cells are cut with an ellipsis."""
    body = [[_cell(v, max_width) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(cols)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in body]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
