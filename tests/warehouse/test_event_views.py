"""The event views answer the analysts' questions: who was released when, every event of one person however
spelled, each release once with every source, the stock still held over time, and where sources disagree."""

from datetime import date
from pathlib import Path

import pytest

from warehouse.db import connect
from warehouse.load import load_batch
from warehouse.report import query_file, run_sql

from .eventpages import Ev, aid, page, url

# The analysts' questions as docs/warehouse.md asks them.
RELEASED_IN_SEPTEMBER_2025 = """
SELECT person, date, count, sources FROM person_events
WHERE kind = 'release' AND date LIKE '2025-09%' ORDER BY person"""
EVERY_EVENT_OF_ONE_PERSON = """
SELECT kind, date, count, first_reported, sources FROM person_events
WHERE person_id IN (SELECT person_id FROM person_spellings WHERE spelling = 'Sergei Tikhanovsky')
ORDER BY first_reported"""
RELEASES_SOURCES_DISAGREE_ON = """
SELECT date, aspect, figure, reports, sources FROM event_disagreements
WHERE kind = 'release' ORDER BY date, aspect, figure"""


def pages():
    return [
        # the September 2025 release, reported three times; Lukashenko pardoned, he was not released
        page("sept-day", date(2025, 9, 12), [
            "Belarus freed 52 prisoners on September 11, including Mikalai Statkevich.",
            "Alexander Lukashenko pardoned them after a visit by a US envoy.",
            "More than 1,100 political prisoners remain behind bars."], [
            Ev("release", 0, "2025-09-11", 52, ("p-mikalai",), count_text="52 prisoners", date_text="September 11"),
            Ev("held", 2, None, 1100, qualifier="more_than", count_text="More than 1,100 political prisoners",
               trigger="remain behind bars")], site="Courier"),
        page("sept-month", date(2025, 9, 14), [
            "Ihar Losik was among the 52 people Lukashenko freed in September."], [
            Ev("release", 0, "2025-09", 52, ("p-ihar",), count_text="52 people")], site="Herald"),
        page("sept-undated", date(2025, 9, 12), [
            "Fifty-two prisoners walked free, Mikalai Statkevich and Ihar Losik among them.",
            "The US demanded the release of Ales Bialiatski."], [
            Ev("release", 0, None, 52, ("p-mikalai", "p-ihar")),
            Ev("release", 1, None, None, ("p-ales",), proposed=True, trigger="demanded the release")],
             site="Wire"),
        # the June 2025 release: 14 in one source, 16 in another; Tsikhanouski spelled two ways
        page("june-14", date(2025, 6, 22), [
            "Belarus released 14 political prisoners on June 21, including Sergei Tikhanovsky."], [
            Ev("release", 0, "2025-06-21", 14, ("p-siarhei",), count_text="14 political prisoners")],
             site="Courier"),
        page("june-16", date(2025, 6, 23), [
            "Siarhei Tsikhanouski was one of 16 prisoners freed on June 21."], [
            Ev("release", 0, "2025-06-21", 16, ("p-siarhei",), count_text="16 prisoners")], site="Herald"),
        # his detention in 2020, and a stock held as of a date
        page("arrest", date(2020, 5, 30), [
            "Sergei Tikhanovsky was detained on May 29 in Hrodna.",
            "As of March 5, 2020, human rights groups counted 3 political prisoners."], [
            Ev("detention", 0, "2020-05-29", None, ("p-siarhei",), trigger="was detained"),
            Ev("held", 1, "2020-03-05", 3, count_text="3 political prisoners", trigger="counted")], site="Courier"),
        # the same release given two days by two sources that agree on the figure
        page("dec-a", date(2024, 12, 11), ["Belarus pardoned 20 prisoners on December 9."],
             [Ev("release", 0, "2024-12-09", 20)], site="Courier"),
        page("dec-b", date(2024, 12, 11), ["Twenty prisoners were freed on December 10."],
             [Ev("release", 0, "2024-12-10", 20)], site="Wire"),
        # a year's tally: a release of its own (nothing links it to December's 20)
        page("year", date(2024, 12, 10), ["Belarus has pardoned more than 200 political prisoners this year."],
             [Ev("release", 0, "2024", 200, qualifier="more_than", count_text="more than 200 political prisoners",
                 trigger="has pardoned")], site="Courier"),
    ]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = connect(tmp_path_factory.mktemp("events") / "w.duckdb")
    load_batch(c, pages())
    yield c
    c.close()


def test_who_was_released_in_september_2025_names_the_released_not_the_actors(con):
    got = con.execute(RELEASED_IN_SEPTEMBER_2025).fetchall()
    assert got == [
        ("Ihar Losik", "2025-09-11", 52, [url("sept-undated"), url("sept-month")]),
        ("Mikalai Statkevich", "2025-09-11", 52, sorted([url("sept-day"), url("sept-undated")])),
    ]
    everyone = {r[0] for r in con.execute("SELECT person FROM person_events").fetchall()}
    assert "Alexander Lukashenko" not in everyone
    assert "Ales Bialiatski" not in everyone  # his release was only demanded


def test_every_event_of_one_person_however_spelled(con):
    got = con.execute(EVERY_EVENT_OF_ONE_PERSON).fetchall()
    assert [r[:4] for r in got] == [("detention", "2020-05-29", None, date(2020, 5, 30)),
                                    ("release", "2025-06-21", 14, date(2025, 6, 22))]
    assert got[1][4] == [url("june-14"), url("june-16")]  # both spellings' articles
    row = con.execute("SELECT person, sentence, reports, event_sources FROM person_events "
                      "WHERE person_id = 'p-siarhei' AND kind = 'release'").fetchone()
    assert row == ("Siarhei Tsikhanouski",
                   "Belarus released 14 political prisoners on June 21, including Sergei Tikhanovsky.", 2, 2)


def test_each_release_is_one_row_with_every_source_and_figure(con):
    got = con.execute("SELECT date, first_reported, lowest, highest, counts, sources, people, sites "
                      "FROM release_events").fetchall()
    assert got == [
        ("2025-09-11", date(2025, 9, 12), 52, 52, [52], 3, ["Ihar Losik", "Mikalai Statkevich"],
         ["Courier", "Herald", "Wire"]),
        ("2025-06-21", date(2025, 6, 22), 14, 16, [14, 16], 2, ["Siarhei Tsikhanouski"], ["Courier", "Herald"]),
        ("2024-12-09", date(2024, 12, 11), 20, 20, [20], 2, [], ["Courier", "Wire"]),
        ("2024", date(2024, 12, 10), 200, 200, [200], 1, [], ["Courier"]),
    ]
    # the demanded release is a happening of its own, flagged, and no release
    assert con.execute("SELECT kind, proposed, people FROM linked_events WHERE proposed").fetchall() == [
        ("release", True, ["Ales Bialiatski"])]


def test_held_over_time_takes_the_event_date_else_the_publication_date(con):
    got = con.execute("SELECT date, date_from, count, qualifier, reported, site, url FROM held_over_time").fetchall()
    assert got == [
        ("2020-03-05", "event", 3, "exact", "3 political prisoners", "Courier", url("arrest")),
        ("2025-09-12", "published", 1100, "more_than", "More than 1,100 political prisoners", "Courier",
         url("sept-day")),
    ]


def test_disagreements_show_each_figure_with_its_sources_and_granularity_is_no_disagreement(con):
    got = con.execute(RELEASES_SOURCES_DISAGREE_ON).fetchall()
    assert got == [
        ("2024-12-09", "date", "2024-12-09", 1, [url("dec-a")]),
        ("2024-12-09", "date", "2024-12-10", 1, [url("dec-b")]),
        ("2025-06-21", "count", "14", 1, [url("june-14")]),
        ("2025-06-21", "count", "16", 1, [url("june-16")]),
    ]  # September: 2025-09 and 2025-09-11 agree, and every source says 52


def test_counts_carry_the_kind_of_their_event(con):
    got = dict(con.execute("SELECT text, event_kind FROM counts_in_context WHERE article_id = ?",
                           [aid("sept-day")]).fetchall())
    assert got == {"52 prisoners": "release", "More than 1,100 political prisoners": "held"}


def test_bundled_release_queries_read_the_release_events(con):
    cols, rows = run_sql(con, query_file("released_per_month").read_text(encoding="utf-8"))
    assert cols[0] == "month"
    assert rows == [("2024-12", 2, 3, 200, [20, 200], []), ("2025-06", 1, 2, 16, [14, 16], ["Siarhei Tsikhanouski"]),
                    ("2025-09", 1, 3, 52, [52], ["Ihar Losik", "Mikalai Statkevich"])]
    # more than 1,100 still held is no release
    assert run_sql(con, query_file("articles_100_freed").read_text(encoding="utf-8"))[1] == [
        (date(2024, 12, 10), "Belarus has pardoned more than 200 political prisoners this year.",
         "more than 200 political prisoners", "2024")]


def test_the_documented_event_queries_run_and_are_the_ones_tested_here(con):
    doc = (Path(__file__).resolve().parents[2] / "docs" / "warehouse.md").read_text(encoding="utf-8")
    block = doc.split("\nEvents:\n\n```sql\n", 1)[1].split("```", 1)[0]
    statements = [" ".join(line for line in st.split("\n") if line.strip() and not line.startswith("--")).strip()
                  for st in block.split(";") if st.strip()]
    assert len(statements) == 6
    flat = [" ".join(q.split()) for q in (RELEASED_IN_SEPTEMBER_2025, EVERY_EVENT_OF_ONE_PERSON,
                                          RELEASES_SOURCES_DISAGREE_ON)]
    assert [" ".join(st.split()) for st in statements[:3]] == flat
    for st in statements:
        assert con.execute(st).fetchall(), st
