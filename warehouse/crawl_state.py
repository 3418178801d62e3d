"""Crawl state in the warehouse: feed validators, page outcomes and the raw page archive.

This is what makes runs incremental: feeds are asked with their stored ETag /
Last-Modified, pages already dealt with are not fetched again, and fetched
pages wait in ``raw_pages`` until the extract flow has read them (so a crash
between fetching and loading loses nothing).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from records.pages import FeedState, FetchFailure, FetchResult, RawPage
from warehouse.params import id_list

#: page outcomes that mean "done": such a URL is not fetched again
FINAL_OUTCOMES = ("fetched", "article", "alias", "duplicate", "not_article", "failed")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def feed_states(con: duckdb.DuckDBPyConnection) -> dict[str, FeedState]:
    """Stored feeds and sitemaps by URL, for conditional GETs."""
    rows = con.execute(
        "SELECT url, kind, etag, last_modified, links, children FROM crawl_state WHERE kind IN ('feed', 'sitemap')"
    ).fetchall()
    return {r[0]: FeedState(r[0], r[1], r[2], r[3], tuple(r[4] or ()), tuple(r[5] or ())) for r in rows}


def save_feed_states(con: duckdb.DuckDBPyConnection, states: Iterable[FeedState]) -> None:
    rows = [(s.url, s.kind, s.etag, s.last_modified, list(s.links), list(s.children), _now()) for s in states]
    if rows:
        con.executemany(
            "INSERT OR REPLACE INTO crawl_state (url, kind, etag, last_modified, links, children, outcome, checked_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'listed', ?)", rows)


def done_urls(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Page URLs a run should not fetch again: linked to an article, or finished with a final outcome."""
    done = {r[0] for r in con.execute("SELECT url FROM article_urls").fetchall()}
    done.update(r[0] for r in con.execute(
        "SELECT url FROM crawl_state WHERE kind = 'page' AND outcome IN (SELECT unnest(?))", [list(FINAL_OUTCOMES)]
    ).fetchall())
    return done


def set_outcomes(con: duckdb.DuckDBPyConnection, outcomes: Iterable[tuple[str, str, str | None]]) -> None:
    """Record ``(url, outcome, reason)`` for pages."""
    latest = {u: (o, r) for u, o, r in outcomes}  # a URL given twice keeps its last outcome, as row by row
    if not latest:
        return
    rows = pa.table({"url": pa.array(list(latest), pa.string()),
                     "outcome": pa.array([o for o, _ in latest.values()], pa.string()),
                     "reason": pa.array([r for _, r in latest.values()], pa.string())})
    con.register("_newsfacts_outcomes", rows)
    try:  # one scan of an Arrow table, not one INSERT per URL
        con.execute("INSERT OR REPLACE INTO crawl_state (url, kind, outcome, reason, checked_at) "
                    "SELECT url, 'page', outcome, reason, ? FROM _newsfacts_outcomes", [_now()])
    finally:
        con.unregister("_newsfacts_outcomes")


def archive_pages(con: duckdb.DuckDBPyConnection, results: Iterable[FetchResult], source: str | None = None,
                  language: str | None = None) -> int:
    """Store fetched pages (gzip) for extraction and mark them fetched; return how many."""
    rows = [(r.url, r.final_url, r.status, r.fetched_at, r.content_type, r.etag, r.last_modified, source, language,
             gzip.compress(r.body, compresslevel=6)) for r in results]
    if not rows:
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        # ids in the order of the results (extraction reads the archive in id order), then one Arrow scan
        ids = sorted(r[0] for r in con.execute("SELECT nextval('raw_pages_id') FROM range(?)", [len(rows)]).fetchall())
        cols = list(zip(*rows, strict=True))
        table = pa.table({
            "id": pa.array(ids, pa.int64()), "url": pa.array(cols[0], pa.string()),
            "final_url": pa.array(cols[1], pa.string()), "status": pa.array(cols[2], pa.int32()),
            "fetched_at": pa.array(cols[3], pa.timestamp("us")), "content_type": pa.array(cols[4], pa.string()),
            "etag": pa.array(cols[5], pa.string()), "last_modified": pa.array(cols[6], pa.string()),
            "source": pa.array(cols[7], pa.string()), "language": pa.array(cols[8], pa.string()),
            "body_gzip": pa.array(cols[9], pa.binary())})
        con.register("_newsfacts_pages", table)
        try:
            con.execute("INSERT INTO raw_pages (id, url, final_url, status, fetched_at, content_type, etag,"
                        " last_modified, source, language, body_gzip) SELECT * FROM _newsfacts_pages")
        finally:
            con.unregister("_newsfacts_pages")
        set_outcomes(con, [(r[0], "fetched", None) for r in rows])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(rows)


def record_fetch_failures(con: duckdb.DuckDBPyConnection, failures: Iterable[FetchFailure],
                          max_attempts: int = 3) -> list[tuple[str, str]]:
    """Record failed pages and return ``(url, reason)`` as recorded, for the ``fetch_failures`` rows.

    A final failure (4xx, refused) is ``failed``. A transient one (timeout, 5xx) is ``retry``, fetched
    again next run, until the page has been tried ``max_attempts`` times (the fetch setting of that
    name; the flows pass it): then it is ``failed`` with "gave up after N attempts: <last reason>".
    A failure whose ``attempted`` is False (its host was skipped, the page never requested)
    is ``retry`` and not counted.
    """
    rows = list(failures)
    if not rows:
        return []
    tried = dict(con.execute(
        "SELECT url, coalesce(attempts, 0) FROM crawl_state WHERE kind = 'page' AND url IN (SELECT unnest(?))",
        [[f.url for f in rows]]).fetchall())
    latest: dict[str, tuple[str, str, int]] = {}
    for f in rows:
        n = tried.get(f.url, 0) + (1 if f.attempted else 0)
        tried[f.url] = n
        if not f.transient:
            latest[f.url] = ("failed", f.reason, n)
        elif n >= max_attempts:
            latest[f.url] = ("failed", f"gave up after {n} attempts: {f.reason}", n)
        else:
            latest[f.url] = ("retry", f.reason, n)
    table = pa.table({"url": pa.array(list(latest), pa.string()),
                      "outcome": pa.array([o for o, _, _ in latest.values()], pa.string()),
                      "reason": pa.array([r for _, r, _ in latest.values()], pa.string()),
                      "attempts": pa.array([n for _, _, n in latest.values()], pa.int32())})
    con.register("_newsfacts_failures", table)
    try:
        con.execute("INSERT OR REPLACE INTO crawl_state (url, kind, outcome, reason, attempts, checked_at) "
                    "SELECT url, 'page', outcome, reason, attempts, ? FROM _newsfacts_failures", [_now()])
    finally:
        con.unregister("_newsfacts_failures")
    return [(f.url, latest[f.url][1]) for f in rows]


def _pages(con: duckdb.DuckDBPyConnection, where: str, params: list, after_id: int, limit: int | None,
           decompress: bool = True) -> list[RawPage]:
    sql = (f"SELECT id, url, final_url, body_gzip, fetched_at, language FROM raw_pages "
           f"WHERE id > ? AND {where} ORDER BY id")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = con.execute(sql, [after_id, *params]).fetchall()
    unzip = gzip.decompress if decompress else bytes
    return [RawPage(r[0], r[1], r[2], unzip(r[3]), r[4], r[5]) for r in rows]


def pending_pages(con: duckdb.DuckDBPyConnection, after_id: int = 0, limit: int | None = None) -> list[RawPage]:
    """Archived pages the extract flow has not read yet, in archive order (``limit`` for one batch)."""
    return _pages(con, "extracted_at IS NULL", [], after_id, limit)


def pages_by_id(con: duckdb.DuckDBPyConnection, page_ids: list[int], decompress: bool = True) -> list[RawPage]:
    """The archived pages of a claimed batch (``warehouse.staging.claim_batch``), in archive order; with
    ``decompress=False`` the bodies stay gzipped as archived (for the process that extracts them to unzip)."""
    return _pages(con, "id IN (SELECT unnest(?::BIGINT[]))", [id_list(page_ids)], 0, None, decompress)


def stale_pages(con: duckdb.DuckDBPyConnection, extractor_version: str, after_id: int = 0,
                limit: int | None = None) -> list[RawPage]:
    """The newest archived page of each article extracted by another extractor version."""
    return _pages(con, """id IN (
        SELECT max(p.id) FROM raw_pages p JOIN article_urls u ON u.url = p.url
        JOIN articles a ON a.id = u.article_id AND a.url = p.url
        WHERE a.extractor_version <> ? GROUP BY a.id)""", [extractor_version], after_id, limit)


def mark_extracted(con: duckdb.DuckDBPyConnection, page_ids: Iterable[int]) -> None:
    ids = list(page_ids)
    if ids:
        con.execute("UPDATE raw_pages SET extracted_at = ? WHERE id IN (SELECT unnest(?::BIGINT[]))",
                    [_now(), id_list(ids)])
