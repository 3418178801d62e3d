"""The ``crawl`` flow: discover → fetch (robots.txt, per-host delay) → archive raw pages.

Fetched pages land compressed in the warehouse's ``raw_pages`` archive; the
``extract`` flow reads them from there. Returns the alias URLs it saw
(``?utm_source=...`` spellings), which the pipeline links once articles exist.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import MissingContextError
from prefect.utilities.annotations import quote

from crawler.crawl import discover, fetch_all
from crawler.fetch import Fetcher
from crawler.settings import fetch_settings, shared_crawl_settings
from crawler.sources import Discovered, Source, load_sources, parse_sources
from flows import progress
from records.pages import FetchFailure, FetchResult
from warehouse.crawl_claims import HostSlots, claim_urls, new_run_id, release_claims
from warehouse.crawl_lock import crawl_lock, lock_path
from warehouse.crawl_state import archive_pages, done_urls, feed_states, record_fetch_failures, save_feed_states
from warehouse.db import connect, connect_brief
from warehouse.load import record_failures

#: URLs fetched per task before their pages are archived: a crash loses at most one batch
FETCH_BATCH = 100


@dataclass(frozen=True)
class SharedRun:
    """One crawl run of the shared mode: its claims' owner, and the ``[shared_crawl]`` settings it runs with."""

    run_id: str
    started: datetime  # naive UTC, as crawl_state.checked_at: pages tried since then by another run are left
    claim_ttl: float
    batch: int
    slot_slack: float

    @classmethod
    def start(cls) -> SharedRun:
        s = shared_crawl_settings()
        return cls(new_run_id(), datetime.now(UTC).replace(tzinfo=None), s.claim_ttl, s.batch, s.slot_slack)


def shared_mode(shared: bool | None) -> bool:
    """The flow parameter when given, else the ``enabled`` setting (``NEWSFACTS_SHARED_CRAWL_ENABLED``)."""
    return shared_crawl_settings().enabled if shared is None else bool(shared)


def resolve_sources(sources: list[dict[str, Any]] | None, sources_file: str | None) -> list[Source]:
    """Sources given inline (flow parameter) or as a file path; one of the two is required."""
    if sources is not None:
        return parse_sources({"sources": sources}, "flow parameter 'sources'")
    if sources_file:
        return load_sources(sources_file)
    raise ValueError("pass sources (a list of source mappings) or sources_file (a path)")


@task(name="discover", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def discover_task(source: Source, db: str | None) -> Discovered:
    con = connect(db)
    try:
        previous, done = feed_states(con), done_urls(con)
    finally:
        con.close()
    found = discover(source, Fetcher(), previous, skip=done)
    get_run_logger().info("%s: %d new URLs; %d of %d feeds/sitemaps unchanged (304)", source.name,
                          len(found.urls), found.not_modified, len(found.feeds))
    return found


def claim_batch(urls: list[str], db: str | None, shared: SharedRun) -> list[str]:
    """The URLs of a batch this run may fetch: claimed in one short transaction, the file closed again."""
    con = connect_brief(db)  # the run's discover task has migrated the file
    try:
        return claim_urls(con, urls, shared.run_id, shared.claim_ttl, tried_since=shared.started)
    finally:
        con.close()


@task(name="fetch", retries=1, retry_delay_seconds=5, cache_policy=NO_CACHE)
def fetch_task(source: Source, urls: list[str], done_before: int = 0, total: int | None = None, fetched_before: int = 0,
               failed_before: int = 0, db: str | None = None,
               shared: SharedRun | None = None) -> tuple[list[FetchResult], list[FetchFailure]]:
    """Fetch a batch of URLs; ``*_before`` and ``total`` place it in the run, for progress ticks per page.

    ``shared``: claim the batch first and fetch only what this run claimed, each request waiting for
    its host's slot in the warehouse (``HostSlots``), so crawls beside this one neither fetch the same
    URL nor make a host's requests come closer than its delay.
    """
    results, failures = [], []
    gate = None
    if shared is not None:
        claimed = claim_batch(urls, db, shared)
        if len(claimed) < len(urls):
            get_run_logger().info("%s: %d of %d URLs done or claimed by another crawl; fetching %d", source.name,
                                  len(urls) - len(claimed), len(urls), len(claimed))
        urls, gate = claimed, HostSlots(db, shared.run_id, shared.slot_slack)
    for item in fetch_all(urls, source, Fetcher(), gate=gate):
        if isinstance(item, FetchResult):
            results.append(item)
        else:
            failures.append(item[1].record(item[0]))
        progress.report("fetched", done_before + len(results) + len(failures), total, tick=True,
                        fetched=fetched_before + len(results), failed=failed_before + len(failures))
    get_run_logger().info("%s: %d pages fetched, %d failed or refused", source.name, len(results), len(failures))
    return results, failures


@task(name="archive", cache_policy=NO_CACHE)
def archive_task(found: Discovered, results: list[FetchResult], failures: list[FetchFailure],
                 db: str | None, first_batch: bool, shared: SharedRun | None = None) -> dict[str, int]:
    """Archive a fetched batch and record its failures; ``shared``: then drop this run's claims on them."""
    con = connect(db)
    try:
        discover_failures = []
        if first_batch:  # the source-level facts, once per source
            save_feed_states(con, found.feeds)
            discover_failures = [(u, "discover", r) for u, r in found.failures]
        archived = archive_pages(con, results, found.source.name, found.source.language)
        recorded = record_fetch_failures(con, failures, fetch_settings().max_attempts)
        n_failed = record_failures(con, discover_failures + [(u, "fetch", reason) for u, reason in recorded])
        if shared is not None:  # after the archive: a URL is done before its claim goes, never neither
            release_claims(con, [r.url for r in results] + [f.url for f in failures], shared.run_id)
    finally:
        con.close()
    # fetch_failures: requests that failed (no answer, HTTP error, robots.txt unreadable); refused: turned
    # down before any request (robots.txt disallows, malformed URL, non-public address), which is no broken crawl
    refused = sum(1 for f in failures if f.refused)
    stats = {"fetched": archived, "failures": n_failed, "fetch_failures": len(failures) - refused, "refused": refused}
    if first_batch:  # feeds: feeds and sitemaps that answered (304 included)
        stats |= {"discovered": len(found.urls), "feeds": len(found.feeds), "unchanged_feeds": found.not_modified,
                  "discover_failures": len(discover_failures)}
    return stats


def held_crawl_lock(db: str | None, shared: bool = False):
    """The warehouse's crawl lock for a flow run; the run's log says which crawl it waits for, if any.

    ``shared``: held beside other shared-mode crawls, never beside a default-mode one (which claims nothing).
    """
    def waiting(holder: tuple | None) -> None:
        pid = holder[0] if holder else None
        try:
            logger = get_run_logger()
        except MissingContextError:  # called as a plain function (``crawl.fn``), outside a run
            logger = logging.getLogger(__name__)
        logger.info("waiting for the crawl (PID %s) that holds %s", pid or "unknown", lock_path(db))

    return crawl_lock(db, on_wait=waiting, shared=shared)


def crawl_sources(srcs: list[Source], db: str | None, shared: SharedRun | None = None) -> dict[str, Any]:
    """The crawl stage's tasks, shared by the ``crawl`` flow and the ``pipeline`` flow.

    The pipeline calls this directly rather than ``crawl`` as a subflow: a
    subflow costs about a second of API round trips, which is most of a run
    that finds nothing new. ``shared``: the shared mode's run (claims, global host delays),
    which fetches in batches of ``shared.batch`` URLs.
    """
    size = shared.batch if shared is not None else FETCH_BATCH
    totals: dict[str, int] = {}
    aliases: dict[str, str] = {}
    discovered = tried = fetched = failed = 0
    progress.report("discovered", 0, len(srcs), tick=True, urls=0)
    for s_no, source in enumerate(srcs, 1):
        found = discover_task(source, db)
        discovered += len(found.urls)
        progress.report("discovered", s_no, len(srcs), urls=discovered)
        batches = [found.urls[i:i + size] for i in range(0, len(found.urls), size)] or [[]]
        for n, urls in enumerate(batches):
            # quote(): passed as they are, not walked object by object by Prefect looking for futures
            results, failures = fetch_task(source, quote(urls), tried, discovered, fetched, failed, db, shared)
            for k, v in archive_task(quote(found), quote(results), quote(failures), db, first_batch=n == 0,
                                     shared=shared).items():
                totals[k] = totals.get(k, 0) + v
            tried, fetched, failed = tried + len(urls), fetched + len(results), failed + len(failures)
            if urls:
                progress.report("fetched", tried, discovered, fetched=fetched, failed=failed)
        aliases.update(found.aliases)
    return {"stats": totals, "aliases": aliases}


@flow(name="crawl")
def crawl(sources: list[dict[str, Any]] | None = None, sources_file: str | None = None,
          db: str | None = None, shared: bool | None = None) -> dict[str, Any]:
    """Fetch what is new in the sources into the raw page archive; return counts and alias URLs.

    Holds the warehouse's crawl lock (``<db>.crawl.lock``) for the whole run: one crawl at a time.
    ``shared`` (default: the ``[shared_crawl] enabled`` setting, ``NEWSFACTS_SHARED_CRAWL_ENABLED``): the
    lock is held shared, so shared runs go side by side, claiming URLs and sharing each host's delay
    through the warehouse (a default-mode crawl still waits for them, and they for it).
    """
    srcs = resolve_sources(sources, sources_file)
    on = shared_mode(shared)
    with held_crawl_lock(db, shared=on):
        return crawl_sources(srcs, db, SharedRun.start() if on else None)
