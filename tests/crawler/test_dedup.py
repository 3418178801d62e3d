"""A story published under several URLs lands once in a real DuckDB warehouse, linked to every URL."""

from datetime import date, datetime

from crawler.fetch import FetchError
from crawler.urls import canonical_url
from extractors.pipeline import text_fingerprint
from extractors.text import EXTRACTOR_VERSION
from newsfacts.demo_site import load_articles
from records.facts import PageFacts
from records.pages import Article, FetchResult
from warehouse.crawl_state import (
    archive_pages,
    done_urls,
    mark_extracted,
    pending_pages,
    record_fetch_failures,
    stale_pages,
)
from warehouse.db import connect
from warehouse.load import article_id, link_aliases, load_batch

ORIGINAL = "http://courier.test/news/story"


def page(url: str, text: str, canonical: str | None = None) -> PageFacts:
    """A page as the extract stage hands it to the warehouse: canonical URL untracked, fingerprint computed."""
    art = Article(url=url, canonical_url=canonical_url(canonical or url), title="T", published=date(2025, 6, 22),
                  author=None, site="x", language="en", text=text)
    return PageFacts(article=art, mentions=[], counts=[], dates=[], sentence_starts=[0], sentence_ends=[len(text)],
                     people=[], fingerprint=text_fingerprint(text), extractor_version=EXTRACTOR_VERSION)


def urls_of(con):
    return dict(con.execute("SELECT url, relation FROM article_urls ORDER BY url").fetchall())


def test_tracking_url_syndicated_copy_and_canonical_copy_land_once(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    text = load_articles()[0].body_text
    words = text.split()
    rewritten = "By Wire Staff. " + " ".join(words[:200] + ["(wire)"] + words[200:]) + " Reporting by the wire desk."
    result = load_batch(con, [
        page(ORIGINAL, text),
        page("http://wire.test/story-copy", rewritten),                       # syndicated, no rel=canonical
        page("http://courier.test/wire/story", text + " Wire.", ORIGINAL),     # rel=canonical -> original
        page(ORIGINAL + "?utm_source=newsletter&utm_medium=email", text, ORIGINAL + "?utm_source=newsletter"),
    ])
    assert result.stats["articles"] == 1 and result.stats["duplicates"] == 1 and result.stats["updated"] == 0
    assert [o for _, o in result.outcomes] == ["article", "duplicate", "alias", "alias"]
    aid = article_id(ORIGINAL)
    assert con.execute("SELECT count(*), min(id), min(text) FROM articles").fetchone() == (1, aid, text)
    assert urls_of(con) == {
        ORIGINAL: "self",
        "http://wire.test/story-copy": "duplicate",
        "http://courier.test/wire/story": "alias",
        ORIGINAL + "?utm_source=newsletter&utm_medium=email": "alias",
    }
    assert {r[0] for r in con.execute("SELECT DISTINCT article_id FROM article_urls").fetchall()} == {aid}
    # a newsletter spelling seen later is linked without fetching
    later = {ORIGINAL + "?fbclid=1": ORIGINAL, "http://other.test/?utm_source=x": "http://other.test/"}
    assert link_aliases(con, later) == 1  # the other one has no article
    assert urls_of(con)[ORIGINAL + "?fbclid=1"] == "alias"


def test_archive_outcomes_and_stale_pages_for_reprocess(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    text = load_articles()[1].body_text
    html = f"<html><body><article><p>{text}</p></article></body></html>".encode()
    fetched = FetchResult(ORIGINAL, ORIGINAL, 200, html, "text/html", '"e1"', None, datetime(2025, 6, 22))
    assert archive_pages(con, [fetched], "s", "en") == 1
    (raw,) = pending_pages(con)
    assert raw.body == html and raw.final_url == ORIGINAL and raw.language == "en"
    stored = con.execute("SELECT status, octet_length(body_gzip) < ? FROM raw_pages", [len(html)]).fetchone()
    assert stored == (200, True)  # compressed
    record_fetch_failures(con, [FetchError("gone: HTTP 404", status=404).record("http://courier.test/gone"),
                                FetchError("slow: ReadTimeoutError").record("http://courier.test/slow")])
    assert {ORIGINAL, "http://courier.test/gone"} <= done_urls(con)
    assert "http://courier.test/slow" not in done_urls(con)  # transient: fetched again next run

    load_batch(con, [page(ORIGINAL, text)])
    mark_extracted(con, [raw.id])
    assert pending_pages(con) == [] and stale_pages(con, EXTRACTOR_VERSION) == []
    con.execute("UPDATE articles SET extractor_version = '0'")
    assert [p.url for p in stale_pages(con, EXTRACTOR_VERSION)] == [ORIGINAL]
    assert load_batch(con, [page(ORIGINAL, text)]).stats["updated"] == 1  # a newer extractor re-extracts
    assert con.execute("SELECT extractor_version FROM articles").fetchone()[0] == EXTRACTOR_VERSION
