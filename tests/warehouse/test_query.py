"""`newsfacts query` and `newsfacts export`: read-only, output formats, every table and view as Parquet."""

import json

import duckdb
import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from warehouse.db import connect, table_counts
from warehouse.report import QueryError, read_only_statements


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("sql", [
    "INSERT INTO persons VALUES ('x', 'X', NULL)",
    "DELETE FROM counts",
    "CREATE TABLE t AS SELECT 1",
    "DROP VIEW people",
    "COPY persons TO '/tmp/newsfacts-should-not-exist.csv'",
    "ATTACH ':memory:' AS scratch",
    "UPDATE name_review SET status = 'accepted'",
    "SELECT nextval('name_review_id')",  # a SELECT that writes: the engine refuses it
])
def test_a_statement_that_would_write_is_refused_with_a_clear_message(warehouse_file, sql):
    before = _counts(warehouse_file)
    result = run("query", "--db", warehouse_file, sql)
    assert result.exit_code == 1
    assert "refused" in result.output and "read-only" in result.output
    assert _counts(warehouse_file) == before


def test_a_script_is_refused_whole_before_anything_runs(warehouse_file, tmp_path):
    script = tmp_path / "s.sql"
    out = tmp_path / "never.csv"
    script.write_text(f"COPY (SELECT 1) TO '{out}';\nSELECT 1;\nDELETE FROM counts;\n")
    result = run("query", "--db", warehouse_file, "-f", script)
    assert result.exit_code == 1
    assert "statement 1 (COPY" in result.output
    assert not out.exists()


def test_the_engine_refuses_writes_too(warehouse_file):
    # The statement check is the friendly message; the read-only connection is the guarantee.
    con = connect(warehouse_file, read_only=True)
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("INSERT INTO persons VALUES ('x', 'X', NULL)")
    with pytest.raises(QueryError, match="refused"):
        read_only_statements(con, "SELECT 1; CREATE TEMP TABLE t (x INTEGER)")


def test_table_output_and_reading_from_a_file(warehouse_file, tmp_path):
    result = run("query", "--db", warehouse_file, "SELECT name, articles FROM people ORDER BY name")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["name", "articles"]
    assert lines[-1] == "(2 rows)"
    sql = tmp_path / "q.sql"
    sql.write_text("-- a comment\nSELECT 1;\nSELECT count(*) AS n FROM counts;\n")  # SET is refused now
    result = run("query", "--db", warehouse_file, "-f", sql)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2].strip() == "6"


def test_csv_json_and_jsonl_on_stdout(warehouse_file):
    sql = "SELECT text, value, published FROM counts_in_context ORDER BY value DESC, text LIMIT 2"
    csv = run("query", "--db", warehouse_file, "--format", "csv", sql)
    assert csv.exit_code == 0, csv.output
    assert csv.output.splitlines()[:2] == [
        "text,value,published", '"More than 1,100 political prisoners",1100,2025-09-12']
    js = json.loads(run("query", "--db", warehouse_file, "--format", "json", sql).output)
    assert js[0] == {"text": "More than 1,100 political prisoners", "value": 1100, "published": "2025-09-12"}
    lines = run("query", "--db", warehouse_file, "--format", "jsonl", sql).output.splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["value"] == 1100


def test_parquet_needs_a_file_and_keeps_types(warehouse_file, tmp_path):
    assert run("query", "--db", warehouse_file, "--format", "parquet", "SELECT 1").exit_code != 0
    out = tmp_path / "people.parquet"
    result = run("query", "--db", warehouse_file, "--format", "parquet", "-o", out, "SELECT * FROM people")
    assert result.exit_code == 0, result.output
    got = duckdb.sql(f"SELECT spellings, articles FROM '{out}' WHERE person_id = 'p-siarhei'").fetchall()
    assert got == [(["Sergei Tikhanovsky"], 1)]


def test_export_writes_every_table_and_view_as_parquet(warehouse_file, tmp_path):
    out = tmp_path / "export"
    result = run("export", "--db", warehouse_file, "--parquet", out)
    assert result.exit_code == 0, result.output
    con = connect(warehouse_file, read_only=True)
    names = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal UNION SELECT view_name FROM duckdb_views() "
        "WHERE NOT internal").fetchall()}
    assert {"articles", "counts", "events", "event_clusters", "people", "facts", "person_events", "release_events",
            "schema_migrations"} <= names
    assert {p.stem for p in out.glob("*.parquet")} == names
    for name in names:
        n = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert duckdb.sql(f"SELECT count(*) FROM '{out / name}.parquet'").fetchone()[0] == n, name
    con.close()


def test_a_missing_warehouse_is_a_clear_error(tmp_path):
    result = run("query", "--db", tmp_path / "none.duckdb", "SELECT 1")
    assert result.exit_code == 1
    assert "no warehouse at" in result.output


def _counts(path):
    con = connect(path, read_only=True)
    try:
        return table_counts(con)
    finally:
        con.close()
