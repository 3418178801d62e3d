"""The analysts' views: installed in every warehouse file, and answering the questions they are named for."""

import shutil

import duckdb

from warehouse.db import connect
from warehouse.migrate import SCHEMA_DIR, install_views, migrate, shipped_views

VIEWS = {"people", "person_spellings", "person_timeline", "counts_in_context", "facts", "linked_events",
         "person_events", "release_events", "held_over_time", "event_disagreements"}


def rows(path, sql, params=None):
    con = connect(path, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_every_shipped_view_is_installed_and_recorded(warehouse_file):
    names = {r[0] for r in rows(warehouse_file, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert VIEWS <= names
    assert {v.name for v in shipped_views()} == {r[0] for r in rows(warehouse_file, "SELECT name FROM schema_views")}


def test_views_use_only_the_columns_of_migrations_001_002_and_009(tmp_path):
    # Another migration may add tables or columns; the views must not depend on them.
    schema = tmp_path / "schema"
    schema.mkdir()
    for name in ("001_init.sql", "002_name_review.sql", "004_view_ledger.sql", "009_events.sql"):
        shutil.copy(SCHEMA_DIR / name, schema / name)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con, schema)
    assert set(install_views(con)) == VIEWS


def test_unchanged_views_are_not_reinstalled_and_hand_made_views_are_kept(warehouse_file):
    con = connect(warehouse_file)
    con.execute("CREATE VIEW my_view AS SELECT 1 AS x")
    assert install_views(con) == []
    con.execute("UPDATE schema_views SET sha256 = 'old' WHERE name = 'people'")
    assert set(install_views(con)) == VIEWS
    assert con.execute("SELECT x FROM my_view").fetchone() == (1,)


def test_people_have_every_spelling_and_article_counts(warehouse_file):
    got = rows(warehouse_file, "SELECT spellings, articles, mentions, first_seen::VARCHAR, last_seen::VARCHAR "
                               "FROM people WHERE person_id = 'p-sviatlana'")
    assert got == [(["Svetlana Tikhanovskaya", "Sviatlana Tsikhanouskaya", "Tikhanovskaya"], 2, 3,
                    "2025-06-22", "2025-09-12")]
    spellings = rows(warehouse_file, "SELECT spelling, articles FROM person_spellings "
                                     "WHERE person_id = 'p-sviatlana' ORDER BY spelling")
    assert spellings == [("Svetlana Tikhanovskaya", 1), ("Sviatlana Tsikhanouskaya", 1), ("Tikhanovskaya", 1)]


def test_counts_refer_to_the_date_after_them_not_the_dateline(warehouse_file):
    got = dict((r[0], r[1:]) for r in rows(
        warehouse_file,
        "SELECT text, refers_to, refers_to_source, refers_to_month, published::VARCHAR, qualifier, unit, url "
        "FROM counts_in_context"))
    assert got["52 prisoners"][:3] == ("2025-09-11", "after_count", "2025-09")
    assert got["52 prisoners"][3:] == ("2025-09-12", "exact", "prisoners", "http://example.test/news/fifty-two")
    assert got["14 political prisoners"][:2] == ("2025-06-21", "after_count")
    # No date in its sentence: the article's date.
    assert got["more than 200 political prisoners"][:3] == ("2024-12-10", "published", "2024-12")


def test_release_counts_is_gone_and_counts_carry_no_event_kind_without_events(warehouse_file):
    # release_counts (a regex over the sentence) was replaced by the event views (tests/warehouse/test_event_views.py)
    names = {r[0] for r in rows(warehouse_file, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert "release_counts" not in names
    got = rows(warehouse_file, "SELECT count(*), count(event_kind) FROM counts_in_context")
    assert got == [(6, 0)]


def test_person_timeline_is_in_date_order_with_provenance(warehouse_file):
    got = rows(warehouse_file, "SELECT published::VARCHAR, spelling, url, sentence FROM person_timeline "
                               "WHERE person_id = 'p-sviatlana'")
    assert [r[:2] for r in got] == [("2025-06-22", "Svetlana Tikhanovskaya"), ("2025-06-22", "Tikhanovskaya"),
                                    ("2025-09-12", "Sviatlana Tsikhanouskaya")]
    assert got[-1][2:] == ("http://example.test/news/fifty-two", "Sviatlana Tsikhanouskaya welcomed it.")


def test_every_fact_points_back_into_its_article_text(warehouse_file):
    kinds = dict(rows(warehouse_file, "SELECT kind, count(*) FROM facts GROUP BY kind"))
    assert kinds == {"person": 4, "count": 6, "date": 4}
    mismatched = rows(warehouse_file, "SELECT f.kind, f.text FROM facts f JOIN articles a ON a.id = f.article_id "
                                      "WHERE substr(a.text, f.start_char + 1, f.end_char - f.start_char) <> f.text "
                                      "OR position(f.text IN f.sentence) = 0 OR f.url IS NULL")
    assert mismatched == []
