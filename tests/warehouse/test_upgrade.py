"""Schema versions: an older warehouse file upgrades in place, a newer one is refused, in both modes."""

import shutil
from datetime import date

import duckdb
import pytest

from warehouse.db import connect
from warehouse.load import load_batch
from warehouse.migrate import SCHEMA_DIR, VIEWS_DIR, MigrationError, applied_versions, available, install_views, migrate

from .conftest import fill
from .eventpages import Ev, page


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
    assert {"people", "person_events", "release_events", "held_over_time"} <= views(con)
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


def test_a_warehouse_from_before_events_upgrades_drops_release_counts_and_links_new_events(tmp_path):
    # A file as the code before migration 009 left it: every earlier migration, data, and its views,
    # release_counts among them (recorded in schema_views).
    before = [m.path.name for m in available() if m.version < 9]
    path = old_warehouse(tmp_path, before)
    old_views = tmp_path / "old_views"
    old_views.mkdir()
    shutil.copy(VIEWS_DIR / "people.sql", old_views / "people.sql")
    (old_views / "release_counts.sql").write_text(
        "CREATE OR REPLACE VIEW release_counts AS SELECT * FROM counts WHERE sentence ILIKE '%freed%';\n")
    con = duckdb.connect(str(path))
    install_views(con, old_views)
    assert con.execute("SELECT count(*) FROM release_counts").fetchone() == (1,)
    con.close()

    con = connect(path)
    assert 9 in applied_versions(con)
    assert "release_counts" not in views(con)
    assert {"linked_events", "person_events", "release_events", "held_over_time", "event_disagreements"} <= views(con)
    # old counts keep their rows, without an event kind; no events yet
    assert con.execute("SELECT count(*), count(event_kind) FROM counts").fetchone() == (6, 0)
    assert con.execute("SELECT count(*) FROM person_events").fetchone() == (0,)

    # new articles with events land and link beside the old ones
    load_batch(con, [
        page("sept-a", date(2025, 9, 12), ["Belarus freed 52 prisoners on September 11, including Mikalai Statkevich."],
             [Ev("release", 0, "2025-09-11", 52, ("p-mikalai",), count_text="52 prisoners")]),
        page("sept-b", date(2025, 9, 13), ["Mikalai Statkevich was among 52 freed on September 11."],
             [Ev("release", 0, "2025-09-11", 52, ("p-mikalai",))]),
    ])
    assert con.execute("SELECT person, kind, date, count, len(sources) FROM person_events").fetchall() == [
        ("Mikalai Statkevich", "release", "2025-09-11", 52, 2)]
    assert con.execute("SELECT date, lowest, highest, sources FROM release_events").fetchall() == [
        ("2025-09-11", 52, 52, 2)]
    assert con.execute("SELECT count(*) FROM counts WHERE event_kind = 'release'").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM counts").fetchone() == (7,)
    con.close()
