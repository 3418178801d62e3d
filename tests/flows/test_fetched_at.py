"""An article's ``fetched_at`` is when its page was fetched, through the extract flow and ``reprocess``."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from extractors.text import EXTRACTOR_VERSION
from newsfacts.demo_site import load_articles
from newsfacts.demo_site.render import render_article
from records.facts import PageFacts
from records.pages import Article, FetchResult
from warehouse.crawl_state import archive_pages
from warehouse.db import connect
from warehouse.load import load_batch

BASE = "http://courier.test"
OLD = datetime(2024, 1, 2, 3, 4, 5)
OLDER = datetime(2023, 5, 6, 7, 8, 9)


def page(url: str, text: str, fetched: datetime | None = None) -> PageFacts:
    art = Article(url=url, canonical_url=url, title="T", published=date(2025, 6, 22), author=None,
                  site="x", language="en", text=text, fetched_at=fetched)
    return PageFacts(article=art, mentions=[], counts=[], dates=[], sentence_starts=[0], sentence_ends=[len(text)],
                     people=[])


def fetched_at(con) -> dict[str, datetime]:
    return dict(con.execute("SELECT url, fetched_at FROM articles").fetchall())


def test_load_batch_keeps_each_pages_fetch_time(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    texts = [a.body_text for a in load_articles()[:3]]
    urls = [f"{BASE}/news/{i}" for i in range(3)]
    when = [OLD, OLDER, None]
    load_batch(con, [page(u, t, w) for u, t, w in zip(urls, texts, when, strict=True)])
    got = fetched_at(con)
    assert got[urls[0]] == OLD and got[urls[1]] == OLDER
    assert got[urls[2]] > OLD  # no fetch time (a page read from disk): the time of the load
    # a newer extractor re-extracts from the same archived page: its fetch time stays
    con.execute("UPDATE articles SET extractor_version = '0'")
    assert load_batch(con, [page(urls[0], texts[0], OLD)]).stats["updated"] == 1
    assert fetched_at(con)[urls[0]] == OLD


@pytest.mark.slow
def test_extract_flow_and_reprocess_keep_the_archived_fetch_time(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    from flows.extract import extract

    db = tmp_path / "w.duckdb"
    arts = load_articles()[:2]
    urls = [f"{BASE}{a.path}" for a in arts]
    con = connect(db)
    try:
        results = [FetchResult(u, u, 200, render_article(a, BASE).encode(), "text/html", None, None, when)
                   for u, a, when in zip(urls, arts, (OLD, OLDER), strict=True)]
        assert archive_pages(con, results, "courier", "en") == 2
    finally:
        con.close()

    with prefect_test_harness(server_startup_timeout=120):
        stats = extract(db=str(db))
        assert stats["articles"] == 2, stats
        con = connect(db)
        try:
            assert fetched_at(con) == {urls[0]: OLD, urls[1]: OLDER}
            con.execute("UPDATE articles SET extractor_version = '0'")
        finally:
            con.close()

        stats = extract(db=str(db), reprocess=True)
        assert stats["updated"] == 2 and stats["articles"] == 0, stats

    con = connect(db, read_only=True)
    try:
        assert fetched_at(con) == {urls[0]: OLD, urls[1]: OLDER}
        assert con.execute("SELECT DISTINCT extractor_version FROM articles").fetchall() == [(EXTRACTOR_VERSION,)]
    finally:
        con.close()
