"""A --db that is a folder or not a DuckDB file: one line and exit code 2 from every warehouse command."""

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from warehouse.db import WarehousePathError, connect

COMMANDS = [
    ["query", "SELECT 1"],
    ["export", "--parquet", "{tmp}/out"],
    ["review"],
    ["review", "accept", "1"],
    ["review", "reject", "1"],
    ["tables"],
    ["schema"],
    ["schema", "articles"],
]


def bad_paths(tmp_path):
    text = tmp_path / "README.md"
    text.write_text("# not a database\n" * 10, encoding="utf-8")
    empty = tmp_path / "empty.duckdb"
    empty.touch()
    folder = tmp_path / "warehouse"
    folder.mkdir()
    return {"text file": text, "empty file": empty, "folder": folder}


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("kind", ["text file", "empty file", "folder"])
def test_bad_db_is_one_line_and_exit_2(tmp_path, args, kind):
    db = bad_paths(tmp_path)[kind]
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args] + ["--db", str(db)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"error: {db} is not a DuckDB warehouse file (")
    assert "pass --db FILE.duckdb" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["text file", "empty file", "folder"])
@pytest.mark.parametrize("read_only", [True, False])
def test_connect_refuses_a_bad_path(tmp_path, kind, read_only):
    """What `reprocess`, `crawl` and `demo` open (writers) and `main()` turns into exit code 2."""
    db = bad_paths(tmp_path)[kind]
    with pytest.raises(WarehousePathError, match="is not a DuckDB warehouse file"):
        connect(db, read_only=read_only)


def test_a_writer_whose_folder_cannot_be_made(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WarehousePathError, match="cannot be made"):
        connect(blocker / "sub" / "w.duckdb")


def test_unreadable_file(tmp_path):
    import os

    db = tmp_path / "w.duckdb"
    connect(db).close()
    db.chmod(0)
    try:
        if os.access(db, os.R_OK):  # root reads anything
            pytest.skip("running as root")
        with pytest.raises(WarehousePathError, match="cannot read it"):
            connect(db, read_only=True)
    finally:
        db.chmod(0o644)


def test_main_turns_a_bad_path_into_exit_2(tmp_path, monkeypatch, capsys):
    """`reprocess` (a Prefect flow, slow) reaches the same connect; `main()` prints one line for it."""
    import sys

    from newsfacts.cli import main

    db = bad_paths(tmp_path)["folder"]
    monkeypatch.setattr(sys, "argv", ["newsfacts", "reprocess", "--db", str(db)])
    import flows.extract

    def extract(db=None, reprocess=False):
        connect(db)

    monkeypatch.setattr(flows.extract, "extract", extract)
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {db} is not a DuckDB warehouse file (it is a folder); pass --db FILE.duckdb"]
