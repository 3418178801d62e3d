"""Schema versions: an older warehouse file upgrades in place, a newer one is refused, in both modes."""

import shutil

import duckdb
import pytest

from warehouse.db import connect
from warehouse.migrate import SCHEMA_DIR, MigrationError, applied_versions, available, migrate

from .conftest import fill


def old_warehouse(tmp_path, migrations=("001_init.sql", "002_name_review.sql")):
    """A file as older code left it: only the older migrations applied, with data, no views."""
    schema = tmp_path / "old_schema"
    schema.mkdir()
    for name in migrations:
        shutil.copy(SCHEMA_DIR / name, schema / name)
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, schema)
    fill(con)
    con.close()
    return path


def views(con):
    return {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}


def test_an_older_file_upgrades_in_place_and_keeps_its_data(tmp_path):
    path = old_warehouse(tmp_path)
    con = connect(path)
    assert applied_versions(con) == {m.version for m in available()}
    assert con.execute("SELECT count(*) FROM counts").fetchone()[0] == 6
    assert {"people", "counts_in_context", "facts"} <= views(con)
    assert con.execute("SELECT articles FROM people WHERE person_id = 'p-sviatlana'").fetchone() == (2,)


def test_a_read_only_open_upgrades_an_older_file_too(tmp_path):
    # An analyst's first `newsfacts query` on an old file finds the views.
    path = old_warehouse(tmp_path)
    con = connect(path, read_only=True)
    assert {"people", "release_counts"} <= views(con)
    assert applied_versions(con) == {m.version for m in available()}


def test_a_migration_written_after_a_higher_one_is_still_applied(tmp_path):
    # 003 landing after files were already migrated to 004 must still reach them.
    path = old_warehouse(tmp_path, ("001_init.sql", "002_name_review.sql", "004_view_ledger.sql"))
    con = connect(path)
    assert applied_versions(con) == {m.version for m in available()}


def test_a_file_newer_than_the_code_is_refused_for_reading_too(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    con.close()
    for read_only in (False, True):
        with pytest.raises(MigrationError, match="newer than this code knows .*upgrade newsfacts"):
            connect(path, read_only=read_only)


def test_a_plain_duckdb_file_is_read_as_it_is(tmp_path):
    path = tmp_path / "plain.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t AS SELECT 1 AS x")
    con.close()
    con = connect(path, read_only=True)
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'articles'").fetchone() == (0,)
