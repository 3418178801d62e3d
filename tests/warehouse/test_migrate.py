import duckdb
import pytest

from warehouse.db import connect
from warehouse.migrate import MigrationError, available, current_version, migrate


def test_fresh_file_gets_every_migration_and_reapply_is_a_noop(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    newest = available()[-1].version
    assert current_version(con) == newest
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "person_mentions", "persons", "person_aliases", "counts", "dates"} <= tables
    assert migrate(con) == []


def test_file_newer_than_code_is_refused(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    con.close()
    with pytest.raises(MigrationError, match="newer than this code"):
        connect(path)


def test_failed_migration_rolls_back_and_stays_pending(tmp_path):
    (tmp_path / "001_ok.sql").write_text("CREATE TABLE a (x INTEGER);")
    (tmp_path / "002_bad.sql").write_text("CREATE TABLE b (x INTEGER); SELECT * FROM no_such_table;")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    with pytest.raises(MigrationError, match="002_bad.sql"):
        migrate(con, tmp_path)
    assert current_version(con) == 1
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "b" not in tables


def test_read_only_connection_refuses_writes(tmp_path):
    path = tmp_path / "w.duckdb"
    connect(path).close()
    ro = connect(path, read_only=True)
    with pytest.raises(duckdb.Error):
        ro.execute("CREATE TABLE x (y INTEGER)")
