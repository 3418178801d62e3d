"""Events land exactly once per article, like the other facts: a reload adds nothing, a reprocessed article's
events (their people and cluster rows) replace the old ones, a copy adds none, and a failed batch leaves none."""

from datetime import date

import pytest

import warehouse.load
from warehouse.db import connect, table_counts
from warehouse.load import load_batch

from .eventpages import Ev, aid, page

SEPT = ["Belarus freed 52 prisoners on September 11, including Mikalai Statkevich and Ihar Losik.",
        "Alexander Lukashenko pardoned them.",
        "More than 1,100 political prisoners remain behind bars."]


def sept(version: str = "v1", slug: str = "sept") -> object:
    return page(slug, date(2025, 9, 12), SEPT, [
        Ev("release", 0, "2025-09-11", 52, ("p-mikalai", "p-ihar"), count_text="52 prisoners",
           date_text="September 11"),
        Ev("held", 2, None, 1100, qualifier="more_than", count_text="More than 1,100 political prisoners",
           trigger="remain behind bars"),
    ], version=version)


def rows(con, sql):
    return con.execute(sql).fetchall()


def event_tables(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("events", "event_people", "event_clusters")}


def repeated(con) -> dict[str, int]:
    keys = {"events": "article_id, event_no", "event_people": "article_id, event_no, person_id",
            "event_clusters": "article_id, event_no"}
    return {t: con.execute(f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM {t} GROUP BY {k}) "
                           "WHERE n > 1").fetchone()[0] for t, k in keys.items()}


def test_events_land_with_provenance_people_and_the_kind_of_their_count(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    stats = load_batch(con, [sept()]).stats
    assert stats["events"] == 2
    got = rows(con, "SELECT event_no, kind, proposed, date, count, high, qualifier, trigger, sentence, start_char, "
                    "end_char FROM events ORDER BY event_no")
    assert got == [
        (0, "release", False, "2025-09-11", 52, None, "exact", "freed", SEPT[0], 0, len(SEPT[0])),
        (1, "held", False, None, 1100, None, "more_than", "remain behind bars", SEPT[2],
         len(SEPT[0]) + len(SEPT[1]) + 2, len(" ".join(SEPT))),
    ]
    # the sentence is where the offsets point
    assert rows(con, "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                     "WHERE substr(a.text, e.start_char + 1, e.end_char - e.start_char) <> e.sentence") == [(0,)]
    # its subjects only: Lukashenko, named in the article, did the pardoning
    assert rows(con, "SELECT event_no, person_id FROM event_people ORDER BY ALL") == [(0, "p-ihar"), (0, "p-mikalai")]
    assert dict(rows(con, "SELECT text, event_kind FROM counts")) == {
        "52 prisoners": "release", "More than 1,100 political prisoners": "held"}
    # every event is linked: one cluster row each
    assert event_tables(con) == {"events": 2, "event_people": 2, "event_clusters": 2}
    assert table_counts(con)["events"] == 2


def test_loading_twice_or_twice_in_one_batch_adds_no_event(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [sept(), sept()])
    before = event_tables(con)
    clusters = rows(con, "SELECT * FROM event_clusters ORDER BY ALL")
    stats = load_batch(con, [sept()]).stats
    assert stats["events"] == 0 and stats["articles"] == 0
    assert event_tables(con) == before == {"events": 2, "event_people": 2, "event_clusters": 2}
    assert rows(con, "SELECT * FROM event_clusters ORDER BY ALL") == clusters
    assert set(repeated(con).values()) == {0}


def test_a_reprocessed_article_replaces_its_events_people_and_links(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    other = page("other", date(2025, 9, 13), ["Ihar Losik was among 52 prisoners freed on September 11."],
                 [Ev("release", 0, "2025-09-11", 52, ("p-ihar",))])
    load_batch(con, [sept(), other])
    assert rows(con, "SELECT count(DISTINCT cluster_id) FROM event_clusters k JOIN events e USING (article_id, "
                     "event_no) WHERE e.kind = 'release'") == [(1,)]
    # a newer extractor now finds only a detention in the same text
    newer = page("sept", date(2025, 9, 12), SEPT, [Ev("detention", 1, "2025-09-10", None, ("p-alexander",),
                                                      trigger="detained")], version="v2")
    stats = load_batch(con, [newer]).stats
    assert stats["updated"] == 1 and stats["events"] == 1
    assert rows(con, f"SELECT kind, date FROM events WHERE article_id = '{aid('sept')}'") == [
        ("detention", "2025-09-10")]
    assert rows(con, f"SELECT person_id FROM event_people WHERE article_id = '{aid('sept')}'") == [("p-alexander",)]
    assert rows(con, "SELECT count(*) FROM counts") == [(0,)]  # its old counts went with its old facts
    # the other article's release is linked again: alone now, its own cluster
    got = rows(con, "SELECT k.article_id, e.kind, count(*) OVER (PARTITION BY k.cluster_id) FROM event_clusters k "
                    "JOIN events e USING (article_id, event_no) ORDER BY ALL")
    assert got == sorted([(aid("other"), "release", 1), (aid("sept"), "detention", 1)])
    assert set(repeated(con).values()) == {0}
    # and back: the old events again, linked again with the other report
    load_batch(con, [sept(version="v3")])
    assert rows(con, "SELECT count(DISTINCT cluster_id), count(*) FROM event_clusters k JOIN events e "
                     "USING (article_id, event_no) WHERE e.kind = 'release'") == [(1, 2)]
    assert event_tables(con) == {"events": 3, "event_people": 3, "event_clusters": 3}


def test_an_alias_or_a_syndicated_copy_adds_no_event(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [sept()])
    alias = sept()
    alias.article.url = alias.article.canonical_url + "?utm_source=feed"
    copy = sept(slug="copy-elsewhere")  # the same text under another canonical URL
    stats = load_batch(con, [alias, copy]).stats
    assert stats["events"] == 0 and stats["duplicates"] == 1
    assert event_tables(con) == {"events": 2, "event_people": 2, "event_clusters": 2}


def test_a_batch_that_fails_while_linking_leaves_no_event_behind(tmp_path, monkeypatch):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [sept()])
    before = rows(con, "SELECT * FROM event_clusters ORDER BY ALL")

    def crash(con, article_ids):
        raise RuntimeError("killed while linking")

    monkeypatch.setattr(warehouse.load, "link", crash)
    later = page("later", date(2025, 9, 14), ["Mikalai Statkevich was freed on September 11."],
                 [Ev("release", 0, "2025-09-11", None, ("p-mikalai",))])
    with pytest.raises(RuntimeError, match="killed while linking"):
        load_batch(con, [later, sept(version="v2")])
    assert table_counts(con)["articles"] == 1
    assert event_tables(con) == {"events": 2, "event_people": 2, "event_clusters": 2}
    assert rows(con, "SELECT * FROM event_clusters ORDER BY ALL") == before


def test_event_tables_have_no_key_to_enforce_it(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    keys = rows(con, "SELECT table_name FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')")
    assert not {"events", "event_people", "event_clusters", "counts"} & {k for (k,) in keys}
