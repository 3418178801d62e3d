"""The load's fast paths against the plain way: the same tables and the same values.

``commit_checkpointed`` (a batch checkpointed as it commits, no write-ahead log) against a plain ``COMMIT``;
``sentence_texts`` against ``PageFacts.sentence_of``; ``event_people_of`` against ``PageFacts.event_people``.
"""

from datetime import date, datetime
from pathlib import Path

import duckdb

import warehouse.load
from records.facts import event_people_of
from warehouse.db import connect
from warehouse.event_links import link_pending
from warehouse.load import load_batch, sentence_texts

from .eventpages import Ev, page
from .test_events_load import SEPT

JUNE = ["Belarus released 14 political prisoners on June 21, including Sergei Tikhanovsky.",
        "Svetlana Tikhanovskaya said more than 1,100 people are still behind bars.",
        "Tikhanovsky thanked Alexander Lukashenko and Lukashenko's envoy."]


def pages(version: str = "v1") -> list:
    june = page("june", date(2025, 6, 22), JUNE, [
        Ev("release", 0, "2025-06-21", 14, ("p-siarhei",), count_text="14 political prisoners",
           date_text="June 21"),
        Ev("held", 1, None, 1100, qualifier="more_than", count_text="more than 1,100 people",
           trigger="still behind bars")], version=version, fetched_at=datetime(2025, 6, 22, 8))
    sept = [page(slug, date(2025, 9, 12), SEPT, [
        Ev("release", 0, "2025-09-11", 52, ("p-mikalai", "p-ihar"), count_text="52 prisoners",
           date_text="September 11"),
        Ev("held", 2, None, 1100, qualifier="more_than", count_text="More than 1,100 political prisoners",
           trigger="remain behind bars")], version=version, fetched_at=datetime(2025, 9, 12, hour))
        for slug, hour in (("sept", 9), ("sept-copy", 10))]  # fetched at fixed times: a load's time is not
    return [sept[0], june, sept[1]]


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table but the migration ledgers (their times differ), ordered by all its columns."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE table_name NOT LIKE 'schema_%' ORDER BY 1").fetchall()]
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    finally:
        con.close()


def land(db: Path) -> None:
    """Load the pages, a reload of them and a reprocess (a new extractor version), linking after each."""
    for batch in (pages(), pages(), pages("v2")):
        con = connect(db)
        try:
            load_batch(con, batch, link_events=False)
            link_pending(con)
        finally:
            con.close()


def plain_commit(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("COMMIT")


def test_a_batch_checkpointed_at_commit_lands_what_a_plain_commit_lands(tmp_path, monkeypatch):
    fast = tmp_path / "fast.duckdb"
    land(fast)
    monkeypatch.setattr(warehouse.load, "commit_checkpointed", plain_commit)
    plain = tmp_path / "plain.duckdb"
    land(plain)
    assert dump(fast) == dump(plain)
    assert dump(fast)["events"]


def test_a_checkpointed_commit_writes_no_log_and_puts_the_threshold_back(tmp_path):
    db = tmp_path / "w.duckdb"
    con = connect(db)
    try:
        before = con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0]
        load_batch(con, pages(), link_events=False)
        wal = Path(f"{db}.wal")
        assert not wal.exists() or wal.stat().st_size == 0  # the rows went to the file once, at commit
        assert con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0] == before
    finally:
        con.close()


def test_sentence_texts_and_event_people_are_the_page_methods():
    for p in pages():
        text_of = sentence_texts(p)
        for start in (-1, 0, 1, *p.sentence_starts, *p.sentence_ends, len(p.article.text), len(p.article.text) + 5):
            assert text_of(start) == p.sentence_of(start)[2]
            assert text_of(start) == p.sentence_of(start)[2]  # the second time from its cache
        owner = {m.start: person.id for person in p.people for m in person.mentions}
        for e in p.events:
            assert event_people_of(owner, e) == p.event_people(e)
    assert any(p.events and any(p.event_people(e) for e in p.events) for p in pages())
