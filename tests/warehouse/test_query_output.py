"""`newsfacts query` output: row cap on tables, $name parameters, tsv and markdown, alignment, tables/schema."""

import json

import pytest
from typer.testing import CliRunner
from wcwidth import wcswidth

from newsfacts.cli import app
from warehouse.db import connect_analyst
from warehouse.report import QueryError, write_result


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_table_output_is_capped_at_100_rows_by_default(warehouse_file):
    result = run("query", "--db", warehouse_file, "SELECT range AS n FROM range(250)")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 + 100 + 1
    assert lines[-1] == "… 150 more rows (use --limit 0 for all)"


@pytest.mark.parametrize(("limit", "rows"), [("0", 250), ("7", 7)])
def test_limit(warehouse_file, limit, rows):
    result = run("query", "--db", warehouse_file, "--limit", limit, "SELECT range AS n FROM range(250)")
    assert len(result.output.splitlines()) == 2 + rows + 1


def test_file_formats_are_not_capped_unless_asked(warehouse_file, tmp_path):
    sql = "SELECT range AS n FROM range(250)"
    result = run("query", "--db", warehouse_file, "--format", "jsonl", sql)
    assert len(result.output.splitlines()) == 250
    result = run("query", "--db", warehouse_file, "--format", "csv", "--limit", "5", sql)
    assert result.output.splitlines() == ["n", "0", "1", "2", "3", "4"]


def test_named_parameters_are_bound(warehouse_file, tmp_path):
    sql = tmp_path / "q.sql"
    sql.write_text("SELECT title FROM articles WHERE published >= $since AND title ILIKE $pat ORDER BY title",
                   encoding="utf-8")
    result = run("query", "--db", warehouse_file, "-f", sql, "-p", "since", "2025-01-01", "-p", "pat", "%freed%",
                 "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["title"] for line in result.output.splitlines()] == [
        "Fifty-two prisoners freed", "Tikhanovsky among 14 freed"]


def test_a_parameter_is_never_pasted_into_the_sql(warehouse_file):
    result = run("query", "--db", warehouse_file, "-p", "x", "1'; DELETE FROM counts; --",
                 "--format", "jsonl", "SELECT $x AS x")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"x": "1'; DELETE FROM counts; --"}


def test_missing_and_unused_parameters(warehouse_file):
    result = run("query", "--db", warehouse_file, "SELECT $x")
    assert result.exit_code == 1 and "give a value with -p x VALUE" in result.output
    result = run("query", "--db", warehouse_file, "-p", "y", "1", "SELECT 1")
    assert result.exit_code == 1 and "-p y: the SQL has no $y parameter" in result.output


def test_parameters_do_not_unlock_writes(warehouse_file):
    result = run("query", "--db", warehouse_file, "-p", "v", "1", "DELETE FROM counts WHERE value = $v")
    assert result.exit_code == 1 and "refused" in result.output


SQL = "SELECT * FROM (VALUES (1, 'Сергей Тихановский', ['a', 'b']), (1234, '習近平', [])) t(n, name, l) ORDER BY n"


def test_numbers_right_aligned_and_wide_characters_aligned(warehouse_file):
    lines = run("query", "--db", warehouse_file, SQL).output.splitlines()
    assert lines[2].startswith("   1  Сергей Тихановский") and lines[3].startswith("1234  習近平")
    # the column after `name` starts at the same display column on every row
    cols = [wcswidth(line[: line.index("[")]) for line in lines[2:4]]
    assert cols[0] == cols[1]


def test_lists_print_the_same_in_every_text_format(warehouse_file):
    outs = {fmt: run("query", "--db", warehouse_file, "--format", fmt, SQL).output
            for fmt in ("table", "csv", "tsv", "markdown")}
    for fmt, out in outs.items():
        assert "[a, b]" in out, (fmt, out)


def test_tsv_and_markdown(warehouse_file):
    sql = "SELECT 'a|b' AS s, 'tab\there' AS t, 3 AS n"
    tsv = run("query", "--db", warehouse_file, "--format", "tsv", sql).output
    assert tsv == "s\tt\tn\na|b\ttab\\there\t3\n"
    md = run("query", "--db", warehouse_file, "--format", "markdown", sql).output.splitlines()
    assert md[0].startswith("| s") and md[1].endswith("--:|") and "a\\|b" in md[2]


def test_write_result_limit_on_a_library_call(warehouse_file):
    import io

    con = connect_analyst(warehouse_file)
    try:
        out, err = io.StringIO(), io.StringIO()
        write_result(con, "SELECT * FROM range(5)", "tsv", stdout=out, stderr=err, limit=2)
        assert out.getvalue() == "range\n0\n1\n" and "3 more rows" in err.getvalue()
        with pytest.raises(QueryError):
            write_result(con, "SELECT 1", "table", stdout=out, limit=-1)
    finally:
        con.close()


def test_tables_and_schema(warehouse_file):
    result = run("tables", "--db", warehouse_file)
    assert result.exit_code == 0, result.output
    articles = next(line for line in result.output.splitlines() if line.startswith("articles "))
    assert " table " in articles and " 3 " in articles and "one row per article" in articles
    assert any(line.startswith("people ") and " view " in line for line in result.output.splitlines())
    result = run("schema", "articles", "--db", warehouse_file)
    assert result.exit_code == 0 and "published" in result.output and "DATE" in result.output
    result = run("schema", "nope", "--db", warehouse_file)
    assert result.exit_code == 1 and "newsfacts tables" in result.output


def test_bundled_query_by_name_from_any_directory(warehouse_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("query", "--db", warehouse_file, "-f", "released_per_month")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split()[0] == "month"
