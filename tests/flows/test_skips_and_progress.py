"""Pages that are not articles are skips, not failures; the flows' progress events reach whoever listens."""

from __future__ import annotations

from datetime import datetime

import pytest

from crawler.fetch import FetchResult
from extractors.text import ExtractionError, NotAnArticle, extract_article
from flows import progress
from flows.extract import SKIPPED, extract_text_task, load_task
from newsfacts.demo_site.render import render_index
from warehouse.crawl_state import archive_pages, pending_pages
from warehouse.db import connect

BASE = "http://127.0.0.1:8765"
BODY = "Officials said on Friday that more than 1,100 people remain in prison, according to rights groups. " * 5
ARTICLE = ("<html><head><title>T</title><meta property='article:published_time' content='2025-09-12'></head>"
           f"<body><article><h1>Headline here</h1><p>{BODY}</p></article></body></html>")
INDEX_NO_TEXT = ("<html><head><meta property='og:type' content='website'><title>Home</title></head>"
                 "<body><ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul></body></html>")


def test_the_sample_sites_home_page_is_not_an_article():
    with pytest.raises(NotAnArticle, match="not an article"):
        extract_article(render_index(BASE).encode(), url=BASE + "/")


@pytest.mark.parametrize(("page", "skip"), [
    (INDEX_NO_TEXT.encode(), True),  # an index page with no main text: og:type says why
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", True),  # a file, not a page
    (b"", False),  # an empty 200: broken
    (b"<html><body></body></html>", False),  # no text and no type: broken
])
def test_not_an_article_versus_broken(page, skip):
    with pytest.raises(ExtractionError) as err:
        extract_article(page, url="http://example.test/x")
    assert isinstance(err.value, NotAnArticle) is skip


def test_a_skip_is_counted_apart_and_never_a_failure_row(tmp_path):
    db = str(tmp_path / "w.duckdb")
    con = connect(db)
    pages = {BASE + "/": render_index(BASE).encode(), BASE + "/news/a": ARTICLE.encode(),
             BASE + "/empty": b"   "}
    archive_pages(con, [FetchResult(u, u, 200, b, "text/html", None, None, datetime(2025, 9, 12))
                        for u, b in pages.items()], "s", "en")
    raw = pending_pages(con)
    con.close()
    articles, failures = extract_text_task.fn(raw)
    assert [a.url for a in articles] == [BASE + "/news/a"]
    assert {(u, stage) for u, stage, _ in failures} == {(BASE + "/", SKIPPED), (BASE + "/empty", "extract")}
    from extractors.pipeline import extract_pages_isolated

    facts, _ = extract_pages_isolated(articles)
    stats = load_task.fn(facts, failures, [], [p.id for p in raw], db)
    assert stats["skipped"] == 1 and stats["failures"] == 1 and stats["articles"] == 1
    con = connect(db)
    try:
        rows = con.execute("SELECT url, stage FROM fetch_failures").fetchall()
        states = dict(con.execute("SELECT url, outcome || ': ' || coalesce(reason, '') FROM crawl_state "
                                  "WHERE kind = 'page'").fetchall())
    finally:
        con.close()
    assert rows == [(BASE + "/empty", "extract")]  # the home page is no failure row
    assert states[BASE + "/"].startswith("not_article: ") and "not an article" in states[BASE + "/"]
    assert states[BASE + "/empty"].startswith("failed: ") and "empty document" in states[BASE + "/empty"]


def test_report_without_listeners_is_a_no_op():
    assert not progress.wanted()
    progress.report("fetched", 1, 2, fetched=1)  # nothing listens: nothing happens


def test_listeners_get_events_and_a_broken_one_stops_nothing():
    seen = []

    def broken(*_args):
        raise RuntimeError("display gone")

    with progress.listening(broken), progress.listening(lambda *a: seen.append(a)):
        assert progress.wanted()
        progress.report("fetched", 3, 10, fetched=2, failed=1)
        progress.report("fetched", 4, 10, tick=True, fetched=3, failed=1)
    assert seen == [("fetched", 3, 10, {"fetched": 2, "failed": 1}, False),
                    ("fetched", 4, 10, {"fetched": 3, "failed": 1}, True)]
    assert not progress.wanted()
