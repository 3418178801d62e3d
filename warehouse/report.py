"""Run analysts' SQL read-only and write results as a table, CSV, JSON or Parquet; export the warehouse.

Analysts' SQL runs on ``warehouse.db.connect_analyst``: read-only (the engine
refuses any write) and locked down (no file but the warehouse, no network, no
extension, no setting changes). Before anything runs every statement is
classified by parsing it, so a script whose third statement is not a query is
refused whole, with a message that names the statement, instead of failing
half-way through. Only queries pass: SELECT (and VALUES, FROM-first, set
operations), WITH, DESCRIBE, SHOW, SUMMARIZE, and EXPLAIN of one of those.
Output files are written here, with pyarrow, from the query's Arrow record
batches; the engine itself writes no file. A statement time limit stops a
runaway query (``con.interrupt()`` from a timer thread).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import os
import re
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from warehouse.db import objects
from warehouse.migrate import WarehouseError

QUERIES_DIR = Path(__file__).with_name("queries")
FORMATS = ("table", "csv", "tsv", "markdown", "json", "jsonl", "parquet")
#: Rows ``table`` output shows unless a limit is given (0: every row); other formats are not cut by default.
DEFAULT_TABLE_LIMIT = 100
#: Display columns of one cell in ``table`` output before it is cut with an ellipsis.
CELL_WIDTH = 60
ENV_QUERY_TIMEOUT = "NEWSFACTS_QUERY_TIMEOUT"
DEFAULT_QUERY_TIMEOUT = 300.0
BATCH_ROWS = 10_000

_T = duckdb.StatementType
# Statement types that write to the database or to files, for the wording of the refusal.
_WRITE_TYPES = {_T.INSERT, _T.UPDATE, _T.DELETE, _T.CREATE, _T.CREATE_FUNC, _T.DROP, _T.ALTER, _T.COPY,
                _T.COPY_DATABASE, _T.ATTACH, _T.DETACH, _T.EXPORT, _T.VACUUM, _T.MERGE_INTO}
# Table and scalar functions that change the session, write a log or profile, or run SQL given as a string
# (which the statement check cannot see). `SELECT * FROM enable_logging(storage_path := ...)` is a SELECT.
REFUSED_FUNCTIONS = frozenset({
    "enable_logging", "disable_logging", "truncate_duckdb_logs", "write_log", "enable_profiling",
    "disable_profiling", "checkpoint", "force_checkpoint", "query", "json_execute_serialized_sql",
})
ALLOWED = "SELECT, WITH, EXPLAIN, DESCRIBE, SHOW and SUMMARIZE"


class QueryError(WarehouseError):
    """An analyst's query that cannot run: it would write, it is empty, or its output cannot be produced."""


class QueryTimeoutError(QueryError):
    """An analyst's query ran past its time limit and was stopped."""


def query_file(name: str) -> Path:
    """Path of a shipped query by its stem (e.g. ``people_spellings``)."""
    return QUERIES_DIR / f"{name}.sql"


def query_timeout(explicit: float | None = None) -> float | None:
    """Seconds a query may run: the argument, else ``$NEWSFACTS_QUERY_TIMEOUT``, else 300; 0 means no limit."""
    if explicit is None:
        raw = os.environ.get(ENV_QUERY_TIMEOUT)
        if not raw:
            return DEFAULT_QUERY_TIMEOUT
        try:
            explicit = float(raw)
        except ValueError:
            raise QueryError(f"{ENV_QUERY_TIMEOUT}={raw!r} is not a number of seconds; set it to e.g. 600") from None
    if math.isnan(explicit) or explicit <= 0:
        return None
    return explicit


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one statement (or of the last of several)."""
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description] if cur.description else []
    return cols, cur.fetchall()


def _short(sql: str, width: int = 60) -> str:
    one = " ".join(sql.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _first_word(sql: str) -> str:
    tokens = duckdb.tokenize(sql)
    if not tokens:
        return ""
    start = tokens[0][0]
    end = tokens[1][0] if len(tokens) > 1 else len(sql)
    return sql[start:end].strip().split("(")[0].upper()


def _explained(sql: str) -> str | None:
    """The statement an ``EXPLAIN [ANALYZE] [(options)] statement`` explains (or runs, with ANALYZE)."""
    tokens = duckdb.tokenize(sql)
    i = 1  # tokens[0] is EXPLAIN
    if i < len(tokens) and sql[tokens[i][0]:].upper().startswith(("ANALYZE", "ANALYSE")):
        i += 1
    if i < len(tokens) and sql[tokens[i][0]] == "(":
        depth = 0
        while i < len(tokens):
            ch = sql[tokens[i][0]]
            depth += (ch == "(") - (ch == ")")
            i += 1
            if depth == 0:
                break
    return sql[tokens[i][0]:] if i < len(tokens) else None


def _function_names(node: object) -> Iterator[str]:
    """Every function a parsed statement calls, table functions included, at any depth."""
    if isinstance(node, dict):
        name = node.get("function_name")
        if isinstance(name, str):
            yield name.lower()
        for v in node.values():
            yield from _function_names(v)
    elif isinstance(node, list):
        for v in node:
            yield from _function_names(v)


def _refusal(con: duckdb.DuckDBPyConnection, st: duckdb.Statement, sql: str, depth: int = 0) -> str | None:
    """Why statement ``st`` may not run in `newsfacts query`, or None for a query.

    ``extract_statements`` calls DESCRIBE, SHOW, SUMMARIZE and ``PRAGMA version`` all SELECT, so the type
    alone cannot tell them apart; DuckDB's parser can: ``json_serialize_sql`` returns the syntax tree of a
    SELECT-family statement (DESCRIBE/SHOW/SUMMARIZE are SELECTs over a SHOW node) and an error for
    anything else, PRAGMA included. The tree also names every function the statement calls. One more
    twist: the parser hands back a PRAGMA that only reads (``PRAGMA version``, ``PRAGMA table_info(t)``)
    already rewritten as ``SELECT * FROM pragma_version();``, text that is not in ``sql``; a statement
    found as written is one the analyst wrote.
    """
    if st.type == _T.EXPLAIN and depth == 0:
        inner = _explained(st.query)
        inner_st = con.extract_statements(inner) if inner else []
        if len(inner_st) != 1:
            return "is not a query"
        return _refusal(con, inner_st[0], inner, depth + 1)
    if st.type != _T.SELECT:
        return "would write" if st.type in _WRITE_TYPES else "is not a query"
    if st.query.strip() not in sql:
        return "is a PRAGMA, not a query"
    tree = json.loads(con.execute("SELECT json_serialize_sql(?::VARCHAR)", [st.query]).fetchone()[0])
    if tree.get("error") or len(tree.get("statements", [])) != 1:
        return "is not a query"
    called = REFUSED_FUNCTIONS.intersection(_function_names(tree["statements"]))
    if called:
        return f"calls {', '.join(f'{f}()' for f in sorted(called))}, which is not a query"
    return None


def read_only_statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    """The statements of ``sql``; refuse the whole text if any one of them is not a read-only query."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"cannot parse the query: {exc}") from exc
    if not statements:
        raise QueryError("the query is empty; give a SQL statement or a file that holds one")
    for n, st in enumerate(statements, 1):
        try:
            why = _refusal(con, st, sql)
        except duckdb.Error as exc:
            raise QueryError(f"cannot parse statement {n} (`{_short(st.query)}`): {exc}") from exc
        if why:
            kind = "PRAGMA" if "PRAGMA" in why else _first_word(st.query) or st.type.name.replace("_", " ")
            raise QueryError(
                f"refused: statement {n} ({kind}: `{_short(st.query)}`) {why}, and `newsfacts query` is "
                f"read-only: it runs {ALLOWED} only. The warehouse changes only through the pipeline and "
                "`newsfacts review accept|reject`; to save a result use --format csv|json|parquet --output FILE, "
                "or `newsfacts export --parquet DIR`")
    return statements


def _bind(statements: list[duckdb.Statement], params: dict[str, str] | None) -> list[dict[str, str] | None]:
    """For each statement, the values of the ``$name`` parameters it uses (DuckDB binds them; never pasted)."""
    params = params or {}
    used: set[str] = set()
    out: list[dict[str, str] | None] = []
    for st in statements:
        names = set(st.named_parameters)
        missing = sorted(names - params.keys())
        if missing:
            raise QueryError(f"the SQL uses {', '.join('$' + m for m in missing)}; give a value with "
                             + " ".join(f"-p {m} VALUE" for m in missing))
        used |= names
        out.append({k: params[k] for k in names} or None)
    unused = sorted(params.keys() - used)
    if unused:
        raise QueryError(f"-p {unused[0]}: the SQL has no ${unused[0]} parameter")
    return out


def _result(con: duckdb.DuckDBPyConnection, sql: str,
            params: dict[str, str] | None = None) -> duckdb.DuckDBPyRelation | None:
    """Run every statement read-only, ``$name`` parameters bound from ``params``; return the last one's result."""
    statements = read_only_statements(con, sql)
    values = _bind(statements, params)
    try:
        for st, v in zip(statements[:-1], values, strict=False):
            con.execute(st.query, v)
        return con.sql(statements[-1].query, params=values[-1])
    except duckdb.Error as exc:
        raise _query_error(exc) from exc


_ACCESS = re.compile(r'Cannot access (file|directory) "(.*?)" - file system operations are disabled')
_ELSEWHERE = ("; it reads only the warehouse. To save a result use --format csv|json|jsonl|parquet --output FILE "
              "or `newsfacts export --parquet DIR`; to query other files use the stock duckdb CLI on a copy")


def _query_error(exc: duckdb.Error) -> QueryError:
    """The engine's error as a QueryError; what the engine refused (a write, a file, ...) is said plainly.

    A refusal names what was refused, never the engine's whole message: nothing of a file's content can
    come out this way.
    """
    msg = str(exc)
    if isinstance(exc, duckdb.InterruptException):
        return QueryError("the query was interrupted")
    if "read-only mode" in msg:
        return QueryError(f"refused: the query would write, and `newsfacts query` is read-only ({msg})")
    m = _ACCESS.search(msg)
    if m:
        target = m.group(2)
        what = "the network" if re.match(r"^[a-z][a-z0-9+.-]*://", target) and not target.startswith(
            "file://") else f"{m.group(1)}s"
        return QueryError(f"refused: reading {what} ({target}) is not allowed in `newsfacts query`{_ELSEWHERE}")
    if isinstance(exc, duckdb.PermissionException) or "disabled by configuration" in msg:
        return QueryError(f"refused: reading files or the network is not allowed in `newsfacts query`{_ELSEWHERE}")
    if "configuration has been locked" in msg:
        return QueryError("refused: settings cannot be changed in `newsfacts query`")
    if re.search(r"\bextension\b", msg, re.IGNORECASE) and re.search(r"\b(INSTALL|LOAD|autoload|autoinstall)",
                                                                      msg, re.IGNORECASE):
        return QueryError("refused: installing or loading DuckDB extensions is not allowed in `newsfacts query`; "
                          "use the stock duckdb CLI on a copy of the warehouse")
    return QueryError(msg)


@contextmanager
def time_limit(con: duckdb.DuckDBPyConnection, seconds: float | None) -> Iterator[None]:
    """Interrupt ``con``'s running query after ``seconds`` (None: no limit); raise QueryTimeoutError then.

    DuckDB has no statement timeout: a timer thread calls ``con.interrupt()``, which stops the query
    (execution or fetching) with an InterruptException.
    """
    if seconds is None:
        yield
        return
    fired = threading.Event()

    def stop() -> None:
        fired.set()
        con.interrupt()

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    except (duckdb.Error, QueryError) as exc:
        if fired.is_set():
            raise QueryTimeoutError(f"query stopped after {seconds:g} s (--timeout); narrow it or raise --timeout") \
                from exc
        raise
    finally:
        timer.cancel()


def write_result(con: duckdb.DuckDBPyConnection, sql: str, fmt: str, output: Path | None = None,
                 stdout: TextIO | None = None, timeout: float | None = None,
                 params: dict[str, str] | None = None, limit: int | None = None,
                 stderr: TextIO | None = None) -> int | None:
    """Write the result of read-only ``sql`` as ``fmt`` to ``output`` (or stdout); return its row count.

    ``table`` is for reading on a terminal (numbers right-aligned, long cells cut); ``tsv`` and ``markdown``
    are tab-separated and GitHub-flavoured tables; ``csv`` has a header row; ``json`` is one array of objects;
    ``jsonl`` one object per line; ``parquet`` needs a file. ``params`` binds ``$name`` parameters.
    ``limit``: at most this many rows (0: all); None is ``DEFAULT_TABLE_LIMIT`` for ``table`` and no limit
    for the other formats. ``table`` ends with how many rows were left out; the other text formats say it
    on ``stderr``. ``timeout`` (seconds, None for none) bounds running the query and writing it.
    A file is written beside ``output`` and renamed into place when complete.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet" and output is None:
        raise QueryError("Parquet is binary: give --output FILE.parquet")
    if limit is None:
        limit = DEFAULT_TABLE_LIMIT if fmt == "table" else 0
    if limit < 0:
        raise QueryError(f"--limit {limit}: give a number of rows, or 0 for all")
    stdout = stdout or sys.stdout
    with time_limit(con, timeout):
        rel = _result(con, sql, params)
        if rel is None:
            return None
        if fmt in ("table", "tsv", "markdown"):
            try:
                text, rows, more = render_text(rel, fmt, limit)
            except duckdb.Error as exc:
                raise _query_error(exc) from exc
            if more and fmt != "table":
                (stderr or sys.stderr).write(f"… {more:,} more row{'s' if more != 1 else ''} "
                                             "(use --limit 0 for all)\n")
            if output is None:
                stdout.write(text)
                return None
            _write_file(output, lambda f: f.write(text), binary=False)
            return rows
        if limit:
            rel = rel.limit(limit)
        if output is None:
            return _write(rel, fmt, stdout)
        return _write_file(output, lambda f: _write(rel, fmt, f), binary=fmt == "parquet")


def _write_file(output: Path, write, binary: bool) -> int:
    """``write(f)`` into a file beside ``output``, renamed into place when complete; its return value."""
    partial = output.with_name(f".{output.name}.{os.getpid()}.partial")
    try:
        with partial.open("wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as f:
            rows = write(f)
        os.replace(partial, output)
    except OSError as exc:
        raise QueryError(f"cannot write the result to {output}: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return rows


def _write(rel: duckdb.DuckDBPyRelation, fmt: str, out) -> int:
    """Stream ``rel`` as ``fmt`` to the open file ``out`` (text, or binary for parquet); return the rows."""
    try:
        if fmt == "parquet":
            return write_parquet(rel, out)
        if fmt == "csv":
            return write_csv(rel, out)
        return write_json(rel, out, lines=fmt == "jsonl")
    except duckdb.Error as exc:
        raise _query_error(exc) from exc
    except (pa.ArrowException, TypeError, ValueError) as exc:
        raise QueryError(f"cannot write the result as {fmt}: {exc}") from exc


def _batches(rel: duckdb.DuckDBPyRelation) -> pa.RecordBatchReader:
    return rel.to_arrow_reader(BATCH_ROWS)


# DuckDB types written in JSON as DuckDB's own text for them, as its JSON writer does (Arrow's Python values for
# these would give other text: "T" in timestamps, intervals as tuples, ...).
_TEXT_IN_JSON = {"timestamp", "timestamp with time zone", "timestamp_s", "timestamp_ms", "timestamp_ns", "time",
                 "time with time zone", "time_ns", "interval", "blob", "bit", "varint", "bignum"}


def _as_text(rel: duckdb.DuckDBPyRelation, types: set[str] | None = None) -> duckdb.DuckDBPyRelation:
    """``rel`` with the columns of ``types`` (None: every column) cast to VARCHAR, by position (names may
    repeat)."""
    ids = [t.id for t in rel.dtypes]
    if types is not None and not types.intersection(ids):
        return rel
    cols = []
    for i, (name, tid) in enumerate(zip(rel.columns, ids, strict=True), 1):
        quoted = '"' + name.replace('"', '""') + '"'
        cast = types is None or tid in types
        cols.append(f"CAST(#{i} AS VARCHAR) AS {quoted}" if cast else f"#{i} AS {quoted}")
    return rel.project(", ".join(cols))


def _csv_fields(values: pa.Array) -> pa.Array:
    """CSV fields of text values: quoted where needed (a comma, quote or line break, or empty), NULL empty."""
    values = values.cast(pa.string())
    needs = pc.or_(pc.match_substring_regex(values, '[",\\r\\n]'), pc.equal(values, ""))
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(values, '"', '""'), '"', "")
    return pc.fill_null(pc.if_else(needs, quoted, values), "")


def write_csv(rel: duckdb.DuckDBPyRelation, out: TextIO) -> int:
    """CSV with a header row, as DuckDB's CSV writer gives it, from Arrow record batches (``pyarrow.compute``).

    Every value is DuckDB's own text for it (lists as ``[a, b]``, timestamps as ``2025-09-12 10:00:00``);
    fields are quoted only where needed and NULL is an empty field. Not ``pyarrow.csv``: it quotes every
    string, header included, which changes the text that readers of this output compare against.
    """
    reader = _batches(_as_text(rel))
    header = _csv_fields(pa.array(reader.schema.names, pa.string())).to_pylist()
    out.write(",".join(header) + "\n")
    rows = 0
    for batch in reader:
        if batch.num_rows == 0:
            continue
        fields = [_csv_fields(batch.column(i)) for i in range(batch.num_columns)]
        lines = pc.binary_join_element_wise(*fields, ",") if len(fields) > 1 else fields[0]
        out.write("\n".join(lines.to_pylist()) + "\n")
        rows += batch.num_rows
    return rows


def _json_value(v: object) -> object:
    """What ``json`` cannot encode, as DuckDB's JSON writer gives it."""
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() and v.as_tuple().exponent >= 0 else float(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).decode("utf-8", "backslashreplace")
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, dt.timedelta):
        return str(v)
    raise TypeError(f"cannot write a {type(v).__name__} value as JSON")


def write_json(rel: duckdb.DuckDBPyRelation, out: TextIO, lines: bool = False) -> int:
    """One JSON array of objects (``lines=False``) or one object per line, streamed batch by batch.

    The shape is DuckDB's JSON writer's: dates and timestamps as ISO strings, lists as arrays, structs and
    maps as objects, NULL as null.
    """
    reader = _batches(_as_text(rel, _TEXT_IN_JSON))
    names = reader.schema.names
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_value).encode
    rows = 0
    if not lines:
        out.write("[\n")
    for batch in reader:
        columns = [batch.column(i).to_pylist(maps_as_pydicts="lossy") for i in range(batch.num_columns)]
        for r in range(batch.num_rows):
            obj = {n: c[r] for n, c in zip(names, columns, strict=True)}
            text = encode(obj)
            if lines:
                out.write(text + "\n")
            else:
                out.write(("\t" if rows == 0 else ",\n\t") + text)
            rows += 1
    if not lines:
        out.write(("\n" if rows else "") + "]\n")
    return rows


def write_parquet(rel: duckdb.DuckDBPyRelation, out) -> int:
    """Parquet written by ``pyarrow.parquet``, keeping the query's types; ``out`` is a path or binary file."""
    reader = _batches(rel)
    rows = 0
    with pq.ParquetWriter(out, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


@dataclass(frozen=True)
class Exported:
    name: str
    kind: str  # table | view
    rows: int
    path: Path


def export_parquet(con: duckdb.DuckDBPyConnection, directory: Path) -> list[Exported]:
    """Write every table and view of the warehouse to ``directory/NAME.parquet``; return what was written.

    Each file is written by ``pyarrow.parquet`` beside its final name and renamed into place when complete.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QueryError(f"cannot create export folder {directory}: {exc.strerror}; choose another folder") from exc
    out = []
    for name, kind in objects(con):
        path = directory / f"{name}.parquet"
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            rows = write_parquet(con.sql(f"FROM {quoted}"), str(partial))
            os.replace(partial, path)
        except (duckdb.Error, pa.ArrowException, OSError) as exc:
            raise QueryError(f"cannot export {kind} {name} to {path}: {exc}") from exc
        finally:
            partial.unlink(missing_ok=True)
        out.append(Exported(name, kind, rows, path))
    return out


_NUMERIC_TYPES = {"tinyint", "smallint", "integer", "bigint", "hugeint", "utinyint", "usmallint", "uinteger",
                  "ubigint", "uhugeint", "float", "double", "decimal", "varint", "bignum"}


def render_text(rel: duckdb.DuckDBPyRelation, fmt: str, limit: int = 0) -> tuple[str, int, int]:
    """``rel`` as ``table``, ``tsv`` or ``markdown`` text: (text, rows shown, rows left out by ``limit``).

    Every value is DuckDB's own text for it, as in CSV (lists as ``[a, b]``); NULL is empty; numeric
    columns are right-aligned.
    """
    cols = list(rel.columns)
    right = [t.id in _NUMERIC_TYPES for t in rel.dtypes]
    text_rel = _as_text(rel)
    rows = text_rel.fetchmany(limit) if limit else text_rel.fetchall()
    more = 0
    if limit:
        while chunk := text_rel.fetchmany(BATCH_ROWS):
            more += len(chunk)
    return _render(cols, rows, right, fmt, more), len(rows), more


def _cut(s: str, width: int) -> str:
    """``s`` on one line, cut to ``width`` display columns (wide characters count two) with an ellipsis."""
    from wcwidth import wcswidth, wcwidth

    s = s.replace("\r", " ").replace("\n", " ")
    if wcswidth(s) <= width:
        return s
    out, used = [], 0
    for ch in s:
        w = max(wcwidth(ch), 0)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _tsv_field(s: str | None) -> str:
    if s is None:
        return ""
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _render(cols: list[str], rows: list[tuple], right: list[bool], fmt: str, more: int = 0,
            max_width: int = CELL_WIDTH) -> str:
    if fmt == "tsv":
        lines = ["\t".join(_tsv_field(c) for c in cols)]
        lines += ["\t".join(_tsv_field(v) for v in r) for r in rows]
        return "\n".join(lines) + "\n"
    import tabulate as _tabulate
    from tabulate import tabulate

    _tabulate.MIN_PADDING = 0  # a column is as wide as its widest cell or header, no wider
    align = ["right" if r else "left" for r in right]
    if fmt == "markdown":
        esc = lambda v: "" if v is None else v.replace("|", "\\|").replace("\r", " ").replace("\n", " ")  # noqa: E731
        return tabulate([[esc(v) for v in r] for r in rows], headers=[esc(c) for c in cols], tablefmt="pipe",
                        colalign=align, disable_numparse=True) + "\n"
    body = [["" if v is None else _cut(v, max_width) for v in r] for r in rows]
    table = tabulate(body, headers=[_cut(c, max_width) for c in cols], tablefmt="simple", colalign=align,
                     disable_numparse=True) if cols else ""
    if not rows:  # tabulate prints no rule for an empty body
        table = tabulate([["" for _ in cols]], headers=cols, tablefmt="simple", colalign=align,
                         disable_numparse=True).rsplit("\n", 1)[0]
    table = "\n".join(line.rstrip() for line in table.splitlines())
    n = len(rows)
    if more:
        footer = f"… {more:,} more row{'s' if more != 1 else ''} (use --limit 0 for all)"
    else:
        footer = f"({n} row{'s' if n != 1 else ''})"
    return f"{table}\n{footer}\n"


def _text(v: object) -> str | None:
    """A Python value as ``table`` text: DuckDB's way for lists (``[a, b]``), NULL as None."""
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join("NULL" if x is None else str(x) for x in v) + "]"
    return str(v)


def format_table(cols: list[str], rows: list[tuple], max_width: int = CELL_WIDTH) -> str:
    """Python rows as the ``table`` format of ``newsfacts query``: numbers right-aligned, lists as ``[a, b]``,
    long cells cut with an ellipsis, then the row count."""
    def numeric(i: int) -> bool:
        vals = [r[i] for r in rows if r[i] is not None]
        return bool(vals) and all(isinstance(v, (int, float, decimal.Decimal)) and not isinstance(v, bool)
                                  for v in vals)

    right = [numeric(i) for i in range(len(cols))]
    return _render(cols, [tuple(_text(v) for v in r) for r in rows], right, "table", max_width=max_width).rstrip("\n")
