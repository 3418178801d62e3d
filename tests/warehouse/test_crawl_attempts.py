"""A page that keeps failing transiently (here: a body trickling past the deadline) is tried max_attempts times,
over as many runs, then recorded 'failed' with the reason and never fetched again."""

from __future__ import annotations

import dataclasses
import shutil
import time
from http.server import BaseHTTPRequestHandler

import duckdb
import pytest

from crawler.crawl import HostSkipped, discover, fetch_all
from crawler.fetch import Fetcher, FetchError
from crawler.settings import fetch_settings
from crawler.sources import Source
from records.pages import FetchResult
from tests.loopback import serve
from warehouse.crawl_state import archive_pages, done_urls, feed_states, record_fetch_failures, save_feed_states
from warehouse.db import connect
from warehouse.migrate import SCHEMA_DIR, migrate

HITS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        HITS.append(self.path)
        if self.path == "/slow":  # 100 bytes a second: never complete within the deadline
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(b"x" * 10)
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return
        body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else b"<p>good</p>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def base():
    with serve(Handler) as url:
        yield url


def _run(db, src: Source, settings) -> None:
    """One crawl of ``src`` through the library calls the crawl flow makes."""
    con = connect(db)
    try:
        previous, done = feed_states(con), done_urls(con)
        fetcher = Fetcher(settings, retries=0)
        found = discover(src, fetcher, previous, skip=done)
        out = list(fetch_all(found.urls, src, fetcher))
        save_feed_states(con, found.feeds)
        archive_pages(con, [r for r in out if isinstance(r, FetchResult)], src.name)
        record_fetch_failures(con, [e.record(u) for u, e in (r for r in out if not isinstance(r, FetchResult))],
                              settings.max_attempts)
    finally:
        con.close()


def test_a_trickling_page_is_tried_max_attempts_times_then_given_up(base, tmp_path):
    HITS.clear()
    settings = dataclasses.replace(fetch_settings(), deadline=0.3)
    assert settings.max_attempts == 3  # the default
    src = Source(name="t", urls=(f"{base}/slow", f"{base}/good"), crawl_delay=0.0, allow_private=True)
    db = tmp_path / "w.duckdb"
    states = []
    for _ in range(settings.max_attempts + 2):
        _run(db, src, settings)
        with duckdb.connect(str(db), read_only=True) as con:
            states.append(con.execute("SELECT outcome, attempts, reason FROM crawl_state WHERE url = ?",
                                      [f"{base}/slow"]).fetchone())
    assert HITS.count("/slow") == settings.max_attempts
    assert HITS.count("/good") == 1
    assert [s[:2] for s in states] == [("retry", 1), ("retry", 2), ("failed", 3), ("failed", 3), ("failed", 3)]
    assert states[-1][2].startswith("gave up after 3 attempts: ") and "not complete after 0.3 s" in states[-1][2]


def test_final_failures_and_skipped_hosts(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    try:
        for _ in range(5):  # robots.txt unreadable: the page was never requested, so never counted
            recorded = record_fetch_failures(con, [HostSkipped("x: robots.txt unavailable").record("http://a.test/x")],
                                             max_attempts=2)
        assert recorded == [("http://a.test/x", "x: robots.txt unavailable")]
        assert con.execute("SELECT outcome, attempts FROM crawl_state").fetchall() == [("retry", 0)]
        recorded = record_fetch_failures(con, [FetchError("y: HTTP 404", status=404).record("http://a.test/y"),
                                               FetchError("z: HTTP 503", status=503).record("http://a.test/z")],
                                         max_attempts=1)
        assert recorded == [("http://a.test/y", "y: HTTP 404"),
                            ("http://a.test/z", "gave up after 1 attempts: z: HTTP 503")]
        assert {"http://a.test/y", "http://a.test/z"} <= done_urls(con)
    finally:
        con.close()


def test_migration_008_adds_attempts_to_an_older_warehouse(tmp_path):
    old = tmp_path / "schema"
    old.mkdir()
    for p in sorted(SCHEMA_DIR.glob("00[1-7]_*.sql")):
        shutil.copy(p, old / p.name)
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    migrate(con, old)
    con.execute("INSERT INTO crawl_state (url, kind, outcome, reason, checked_at) "
                "VALUES ('http://a.test/x', 'page', 'retry', 'timeout', current_timestamp)")
    con.close()
    con = connect(db)
    try:
        assert con.execute("SELECT outcome, attempts FROM crawl_state").fetchall() == [("retry", 0)]
    finally:
        con.close()
