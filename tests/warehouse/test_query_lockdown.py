"""`newsfacts query` reads the warehouse and nothing else: no file, no network, no extension, no setting.

Every case here ran on the old code (read-only connection, statement-type check only): files were read,
SET/PRAGMA/CALL wrote log and profile files anywhere, and the engine tried to fetch an extension.
"""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from warehouse.db import connect, connect_analyst
from warehouse.report import QueryError, read_only_statements, write_result

ROOT = Path(__file__).resolve().parents[2]
NEWSFACTS = shutil.which("newsfacts", path=str(Path(sys.executable).parent)) or "newsfacts"
SECRET = "s3cr3t-do-not-print-7f1c"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def outside(tmp_path):
    """A folder outside the warehouse holding a file with a secret in it, a CSV and a Parquet file."""
    d = tmp_path / "outside"
    d.mkdir()
    (d / "secret.txt").write_text(f"{SECRET}\n")
    (d / "data.csv").write_text(f"a,b\n1,{SECRET}\n")
    duckdb.sql(f"COPY (SELECT '{SECRET}' AS s) TO '{d / 'data.parquet'}' (FORMAT parquet)")
    return d


def _state(warehouse_file):
    st = warehouse_file.stat()
    return warehouse_file.read_bytes(), st.st_mtime_ns


# (sql, path that must not appear) with {d} the outside folder and {w} the warehouse file.
REFUSED = {
    "read_text": "SELECT * FROM read_text('{d}/secret.txt')",
    "read_csv": "SELECT * FROM read_csv('{d}/data.csv')",
    "read_blob": "SELECT * FROM read_blob('{d}/secret.txt')",
    "glob": "SELECT * FROM glob('{d}/*')",
    "glob_root": "SELECT * FROM glob('/root/**')",
    "read_parquet": "SELECT * FROM read_parquet('{d}/data.parquet')",
    "parquet_by_name": "SELECT * FROM '{d}/data.parquet'",
    "http": "SELECT * FROM 'http://127.0.0.1:1/x.csv'",
    "set_log_query_path": "SET log_query_path = '{d}/new.log'",
    "set_log_query_path_warehouse": "SET log_query_path = '{w}'",
    "pragma_profiling_output": "PRAGMA profiling_output = '{d}/new.log'",
    "pragma_enable_profiling": "PRAGMA enable_profiling",
    "pragma_version": "PRAGMA version",
    "call_enable_logging": "CALL enable_logging(storage_path := '{d}/newlogs')",
    "select_enable_logging": "SELECT * FROM enable_logging(storage_path := '{d}/newlogs')",
    "select_query_string": "SELECT * FROM query('SELECT * FROM enable_logging(storage_path := ''{d}/newlogs'')')",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "attach": "ATTACH '{d}/new.duckdb' AS other",
    "copy_to": "COPY (SELECT 1) TO '{d}/new.csv'",
    "copy_over_warehouse": "COPY (SELECT 1) TO '{w}'",
    "explain_analyze_copy": "EXPLAIN ANALYZE COPY (SELECT 1) TO '{d}/new.csv'",
    "export_database": "EXPORT DATABASE '{d}/newdb'",
    "set_threads": "SET threads = 1",
    "call_checkpoint": "CALL checkpoint()",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_nothing_read_or_written(warehouse_file, outside, name):
    sql = REFUSED[name].format(d=outside, w=warehouse_file)
    before_files = sorted(p.name for p in outside.iterdir())
    before = _state(warehouse_file)
    result = CliRunner().invoke(app, ["query", "--db", str(warehouse_file), sql])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: refused:"), result.output
    assert "not allowed" in result.output or "read-only" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert SECRET not in result.output
    assert sorted(p.name for p in outside.iterdir()) == before_files
    assert _state(warehouse_file) == before


def test_the_engine_itself_refuses_files_the_statement_check_lets_through(warehouse_file, outside):
    """The parse check is the friendly message; the locked connection is the guarantee."""
    con = connect_analyst(warehouse_file)
    try:
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            con.execute(f"SELECT * FROM read_text('{outside}/secret.txt')")
        with pytest.raises(duckdb.Error, match="locked"):
            con.execute(f"SET log_query_path = '{outside}/new.log'")
        with pytest.raises(duckdb.Error):
            con.execute("SET enable_external_access = true")
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"COPY (SELECT 1) TO '{outside}/new.csv'")
        assert con.execute("SELECT current_setting('autoload_known_extensions')").fetchone()[0] is False
    finally:
        con.close()
    assert not (outside / "new.log").exists() and not (outside / "new.csv").exists()


@pytest.mark.parametrize("sql", [
    "PRAGMA version", "SET threads = 1", "RESET threads", "CALL pragma_version()", "SET VARIABLE x = 1",
    "INSTALL httpfs", "LOAD httpfs", "USE memory", "CHECKPOINT", "PREPARE p AS SELECT 1", "VACUUM",
    "EXPLAIN COPY (SELECT 1) TO 'x.csv'", "EXPLAIN PRAGMA version", "SELECT write_log('x')",
    "DESCRIBE SELECT * FROM enable_profiling()", "WITH x AS (SELECT 1) SELECT * FROM x, disable_logging()",
])
def test_not_a_query_is_refused_by_parsing(sql):
    with pytest.raises(QueryError, match=r"refused: statement 1 \("):
        read_only_statements(duckdb.connect(), sql)


ALLOWED = {
    "select": "SELECT name FROM persons ORDER BY name",
    "with": "WITH p AS (SELECT name FROM persons) SELECT * FROM p ORDER BY name",
    "from_first": "FROM persons SELECT name ORDER BY name",
    "values": "VALUES (1), (2)",
    "union": "(SELECT 1) UNION ALL (SELECT 2)",
    "explain": "EXPLAIN SELECT * FROM people",
    "explain_analyze": "EXPLAIN ANALYZE SELECT count(*) FROM counts",
    "explain_options": "EXPLAIN (FORMAT json) SELECT 1",
    "describe": "DESCRIBE persons",
    "describe_query": "DESCRIBE SELECT * FROM people",
    "show": "SHOW persons",
    "show_tables": "SHOW TABLES",
    "summarize": "SUMMARIZE counts",
    "summarize_query": "SUMMARIZE SELECT value FROM counts",
    "settings": "SELECT value FROM duckdb_settings() WHERE name = 'enable_external_access'",
    "views": "SELECT * FROM counts_in_context; SELECT * FROM facts; SELECT * FROM person_timeline; "
             "SELECT * FROM person_spellings; SELECT * FROM linked_events; SELECT * FROM person_events; "
             "SELECT * FROM release_events; SELECT * FROM held_over_time; SELECT * FROM event_disagreements; "
             "SELECT * FROM people",
}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_queries_run_on_a_real_warehouse(warehouse_file, name):
    before = _state(warehouse_file)
    result = run("query", "--db", warehouse_file, ALLOWED[name])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("row)") or result.output.rstrip().endswith("rows)")
    assert "\n(0 rows)" not in result.output
    assert _state(warehouse_file) == before


def test_the_real_cli_never_prints_a_files_content(warehouse_file, outside):
    result = subprocess.run(
        [NEWSFACTS, "query", "--db", str(warehouse_file), f"SELECT * FROM read_text('{outside}/secret.txt')"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "refused" in result.stderr and "not allowed in `newsfacts query`" in result.stderr
    assert SECRET not in result.stdout and SECRET not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_runaway_query_stops_at_the_timeout_and_releases_the_lock(warehouse_file, tmp_path):
    out = tmp_path / "never.csv"
    start = time.monotonic()
    result = subprocess.run(
        [NEWSFACTS, "query", "--db", str(warehouse_file), "--timeout", "1", "--format", "csv", "-o", str(out),
         "SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = -1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    took = time.monotonic() - start
    assert result.returncode == 1
    assert result.stderr.strip() == "error: query stopped after 1 s (--timeout); narrow it or raise --timeout"
    assert took < 15, took  # includes starting Python and the CLI
    assert not out.exists() and not list(tmp_path.glob(".never.csv.*"))
    con = connect(warehouse_file, timeout=0)  # a writer gets the lock at once
    con.close()


def test_the_timeout_comes_from_the_environment(warehouse_file, monkeypatch):
    monkeypatch.setenv("NEWSFACTS_QUERY_TIMEOUT", "0.5")
    start = time.monotonic()
    result = run("query", "--db", warehouse_file, "SELECT count(*) FROM range(100000000) a, range(100000000) b")
    assert result.exit_code == 1
    assert "query stopped after 0.5 s (--timeout)" in result.output
    assert time.monotonic() - start < 10
    monkeypatch.setenv("NEWSFACTS_QUERY_TIMEOUT", "soon")
    result = run("query", "--db", warehouse_file, "SELECT 1")
    assert result.exit_code == 1 and "NEWSFACTS_QUERY_TIMEOUT='soon' is not a number" in result.output


TYPED = ("SELECT 1 AS i, 12345678901234 AS big, DATE '2025-09-12' AS d, TIMESTAMP '2025-09-12 10:00:00' AS ts, "
         "['a', NULL]::VARCHAR[] AS l, [1, 2] AS li, 'x,\"y\"' AS s, NULL::INTEGER AS n, 1.5::DECIMAL(4, 2) AS dec "
         "UNION ALL SELECT NULL, NULL, NULL, NULL, [], NULL, '', NULL, NULL ORDER BY i NULLS LAST")


def test_csv_round_trip(warehouse_file, tmp_path):
    out = tmp_path / "r.csv"
    result = run("query", "--db", warehouse_file, "--format", "csv", "-o", out, TYPED)
    assert result.exit_code == 0, result.output
    assert "wrote 2 rows" in result.output
    assert out.read_text().splitlines() == [
        "i,big,d,ts,l,li,s,n,dec",
        '1,12345678901234,2025-09-12,2025-09-12 10:00:00,"[a, NULL]","[1, 2]","x,""y""",,1.50',
        ',,,,[],,"",,',
    ]
    got = duckdb.sql(f"SELECT * FROM read_csv('{out}', header = true) ORDER BY i NULLS LAST").fetchall()
    assert got[0][:4] == (1, 12345678901234, dt.date(2025, 9, 12), dt.datetime(2025, 9, 12, 10))
    assert got[0][6] == 'x,"y"' and got[1][0] is None


def test_json_and_jsonl_round_trip(warehouse_file, tmp_path):
    expected = [
        {"i": 1, "big": 12345678901234, "d": "2025-09-12", "ts": "2025-09-12 10:00:00", "l": ["a", None],
         "li": [1, 2], "s": 'x,"y"', "n": None, "dec": 1.5},
        {"i": None, "big": None, "d": None, "ts": None, "l": [], "li": None, "s": "", "n": None, "dec": None},
    ]
    out = tmp_path / "r.json"
    assert run("query", "--db", warehouse_file, "--format", "json", "-o", out, TYPED).exit_code == 0
    assert json.loads(out.read_text()) == expected
    assert out.read_text().startswith("[\n\t{") and out.read_text().endswith("}\n]\n")
    lines = run("query", "--db", warehouse_file, "--format", "jsonl", TYPED).output.splitlines()
    assert [json.loads(x) for x in lines] == expected
    empty = run("query", "--db", warehouse_file, "--format", "json", "SELECT 1 AS x WHERE false").output
    assert json.loads(empty) == []


def test_parquet_round_trip_keeps_types(warehouse_file, tmp_path):
    out = tmp_path / "r.parquet"
    assert run("query", "--db", warehouse_file, "--format", "parquet", "-o", out, TYPED).exit_code == 0
    table = pq.read_table(out)
    assert [str(t) for t in table.schema.types] == [
        "int32", "int64", "date32[day]", "timestamp[us]", "list<element: string>", "list<element: int32>",
        "string", "int32", "decimal128(4, 2)"]
    rows = table.to_pylist()
    assert rows[0]["l"] == ["a", None] and rows[0]["d"] == dt.date(2025, 9, 12) and rows[1]["l"] == []
    assert rows[1]["i"] is None and rows[1]["n"] is None


def test_writers_work_on_the_locked_connection_without_the_engine_writing(warehouse_file, tmp_path):
    con = connect_analyst(warehouse_file)
    try:
        for fmt in ("csv", "json", "jsonl", "parquet"):
            out = tmp_path / f"people.{fmt}"
            assert write_result(con, "SELECT * FROM people ORDER BY name", fmt, out) == 2
            assert out.stat().st_size > 0
    finally:
        con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["w.duckdb", "people.csv", "people.json", "people.jsonl", "people.parquet"])


def test_export_works_on_the_locked_connection(warehouse_file, tmp_path):
    out = tmp_path / "export"
    result = run("export", "--db", warehouse_file, "--parquet", out)
    assert result.exit_code == 0, result.output
    assert pq.read_table(out / "people.parquet").num_rows == 2
    assert not list(out.glob(".*partial"))


CHILD = """
import os, sys
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
from warehouse.db import connect_analyst
con = connect_analyst(sys.argv[1])
print(con.execute("SELECT current_setting('threads')").fetchone()[0])
con.close()
"""


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs a process allowed on two CPUs or more")
def test_the_locked_connection_fits_its_threads_at_connect(warehouse_file):
    out = subprocess.run([sys.executable, "-c", CHILD, str(warehouse_file)], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    assert out == ["1"]
