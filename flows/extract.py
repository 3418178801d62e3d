"""The ``extract`` flow: archived pages → text → facts → resolved names → warehouse.

It reads pages the ``crawl`` flow archived and has not extracted yet, or, with
``reprocess=True``, the archived page of every article an older extractor
version produced (``newsfacts reprocess``): no network either way.
"""

from __future__ import annotations

from typing import Any

from duckdb import DuckDBPyConnection
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from crawler.urls import canonical_url
from extractors.pipeline import extract_pages_isolated, text_fingerprint
from extractors.text import EXTRACTOR_VERSION, ExtractionError, NotAnArticle, extract_article
from flows import progress
from flows.resolve import Uncertain, resolve_task
from records.facts import PageFacts
from records.pages import Article, RawPage
from warehouse import fingerprints
from warehouse.crawl_state import mark_extracted, pending_pages, set_outcomes, stale_pages
from warehouse.db import connect, table_counts
from warehouse.event_links import link_pending
from warehouse.load import load_batch, record_failures
from warehouse.review import add_uncertain

Failure = tuple[str, str, str]  # url, stage, reason
#: the stage of a page that is not an article (``NotAnArticle``): a skip, counted apart and never a failure row
SKIPPED = "not_article"
#: pages per batch: each batch is read, extracted and loaded before the next, so
#: memory stays flat in the number of pages and a crash loses at most one batch. A batch's landing ends in a
#: checkpoint that costs more as the tables grow, whatever the batch's size (one row added to 80,000 mentions:
#: ~20 ms): loading 2,000 generated pages' facts took 4.6-4.9 processor seconds in batches of 200, 2.3-3.1 in
#: batches of 400, 1.7-2.1 in batches of 1,000. 400 halves the checkpoints for a larger batch in memory
BATCH_PAGES = 400


@task(name="refresh-fingerprints", cache_policy=NO_CACHE)
def refresh_fingerprints_task(db: str | None) -> int:
    """Recompute stored fingerprints of an older scheme (after an extractor change) before new pages are
    compared with them; a no-op when every fingerprint is current."""
    con = connect(db)
    try:
        return fingerprints.refresh(con, text_fingerprint) if fingerprints.stale(con) else 0
    finally:
        con.close()


@task(name="read-archive", cache_policy=NO_CACHE)
def read_archive_task(db: str | None, reprocess: bool, after_id: int, limit: int) -> list[RawPage]:
    con = connect(db)
    try:
        if reprocess:
            return stale_pages(con, EXTRACTOR_VERSION, after_id, limit)
        return pending_pages(con, after_id, limit)
    finally:
        con.close()


@task(name="extract-text", cache_policy=NO_CACHE)
def extract_text_task(pages: list[RawPage]) -> tuple[list[Article], list[Failure]]:
    """Text of each page; the pages without are failures, those that are not articles have stage ``SKIPPED``."""
    articles, failures = [], []
    for page in pages:
        try:
            art = extract_article(page.body, url=page.final_url)
        except NotAnArticle as exc:
            failures.append((page.url, SKIPPED, str(exc)))
            continue
        except ExtractionError as exc:
            failures.append((page.url, "extract", str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad page is one failure row, never a stopped run
            failures.append((page.url, "extract", f"text not extracted: {type(exc).__name__}: {exc}"))
            continue
        art.url = page.url
        # the warehouse files the article under this URL: rel=canonical (own site only) or the page's, untracked
        art.canonical_url = canonical_url(art.canonical_url or page.url)
        art.language = art.language or page.language
        art.fetched_at = page.fetched_at  # the archive's time, so reprocessing keeps it
        articles.append(art)
    return articles, failures


@task(name="extract-facts", cache_policy=NO_CACHE)
def extract_facts_isolated_task(articles: list[Article]) -> tuple[list[PageFacts], list[Failure]]:
    """Facts of each article; a batch that raises is redone page by page, and the pages that raise are failures."""
    pages, failed = extract_pages_isolated(articles)
    return pages, [(art.url or "", "extract", reason) for art, reason in failed]


@task(name="extract-facts-pages", cache_policy=NO_CACHE)
def extract_facts_task(articles: list[Article]) -> list[PageFacts]:
    """The pages of :func:`extract_facts_isolated_task` without the failures (``benchmarks.pipeline`` calls it)."""
    return extract_pages_isolated(articles)[0]


def page_notes(pages: list[PageFacts]) -> list[Failure]:
    """A failure row for each limit a landed page hit (text cut, names dropped): the page's facts still land."""
    return [(p.article.url or p.article.canonical_url or "", "extract", note) for p in pages for note in p.notes]


@task(name="load", cache_policy=NO_CACHE)
def load_task(pages: list[PageFacts], failures: list[Failure], uncertain: list[Uncertain], page_ids: list[int],
              db: str | None, notes: list[Failure] | None = None) -> dict[str, Any]:
    """Load the pages, record the failures (pages that did not land) and the notes (pages that landed cut).

    Failures of stage ``SKIPPED`` (not articles) are skips: outcome ``not_article`` with the reason, no failure row."""
    con = connect(db)
    try:
        return land_batch(con, pages, failures, uncertain, page_ids, notes)
    finally:
        con.close()


def land_batch(con: DuckDBPyConnection, pages: list[PageFacts], failures: list[Failure], uncertain: list[Uncertain],
               page_ids: list[int], notes: list[Failure] | None = None, totals: bool = True) -> dict[str, Any]:
    """What :func:`load_task` does on an open connection (the scaled path's merger calls it for a staged batch;
    ``totals=False``: no row counts of every table, which it takes once a run)."""
    loaded = load_batch(con, pages, link_events=False)  # linked once, after the run's last batch (link_task)
    skipped = [f for f in failures if f[1] == SKIPPED]
    failed = [f for f in failures if f[1] != SKIPPED]
    set_outcomes(con, [(u, o, None) for u, o in loaded.outcomes]
                 + [(u, "not_article", reason) for u, _stage, reason in skipped]
                 + [(u, "failed", reason) for u, _stage, reason in failed])
    stats: dict[str, Any] = dict(loaded.stats)
    stats["failures"] = record_failures(con, failed)
    stats["skipped"] = len(skipped)
    stats["notes"] = record_failures(con, notes or [])
    stats["review_pairs"] = add_uncertain(con, uncertain)
    mark_extracted(con, page_ids)
    stats["new_urls"] = [u for u, o in loaded.outcomes if o == "article"]
    if totals:
        stats["totals"] = table_counts(con)
    return stats


@task(name="link-events", cache_policy=NO_CACHE)
def link_task(db: str | None) -> int:
    """Link the events loaded since the last link (``warehouse.event_links.link_pending``) to the reports of the same
    happenings: once a run, as linking re-clusters every part of the warehouse a change touches."""
    con = connect(db)
    try:
        return link_pending(con)
    finally:
        con.close()


def extract_archived(db: str | None, reprocess: bool = False, batch_pages: int = BATCH_PAGES) -> dict[str, Any]:
    """The extract stage's tasks, shared by the ``extract`` flow and the ``pipeline`` flow.

    Archived pages are taken ``batch_pages`` at a time, in archive order; each
    batch is loaded (and marked extracted) before the next is read. The run's events are linked across
    articles once, after the last batch (:func:`link_task`).
    """
    logger = get_run_logger()
    total: dict[str, Any] = {"totals": {}, "new_urls": []}
    after_id, done = 0, 0
    if refreshed := refresh_fingerprints_task(db):
        logger.info("recomputed %d fingerprints of an older scheme", refreshed)
    pending = _pending_count(db) if progress.wanted() and not reprocess else None
    progress.report("extracted", 0, pending, tick=True)
    while pages := read_archive_task(db, reprocess, after_id, batch_pages):
        after_id = pages[-1].id
        # quote(): the batch's objects go to each task as they are; otherwise Prefect walks every object of
        # them (every page, fact and mention) looking for upstream futures and states, ~0.5 s a task per batch
        articles, failures = extract_text_task(quote(pages))
        extracted, failed = extract_facts_isolated_task(quote(articles))
        n_skipped = sum(1 for f in failures if f[1] == SKIPPED)
        progress.report("extracted", done + len(pages), pending, articles=total.get("extracted", 0) + len(extracted),
                        skipped=total.get("skipped", 0) + n_skipped,
                        failed=total.get("failures", 0) + len(failures) - n_skipped + len(failed))
        facts, uncertain = resolve_task(quote(extracted), db)
        stats = load_task(quote(facts), quote(failures + failed), quote(uncertain), quote([p.id for p in pages]), db,
                          quote(page_notes(facts)))
        done += len(pages)
        stats["extracted"] = len(extracted)
        for k, v in stats.items():
            if k == "totals":
                total[k] = v
            elif k == "new_urls":
                total[k].extend(v)
            else:
                total[k] = total.get(k, 0) + v
        progress.report("loaded", done, pending, articles=total.get("articles", 0), updated=total.get("updated", 0),
                        duplicates=total.get("duplicates", 0))
        logger.info("batch of %d archived pages: %d extracted, %d skipped (not articles), %d failed; loaded %d new "
                    "articles, %d updated, %d duplicates, %d mentions (%d pages so far)", len(pages), len(extracted),
                    stats.get("skipped", 0), stats.get("failures", 0), stats.get("articles", 0),
                    stats.get("updated", 0), stats.get("duplicates", 0), stats.get("mentions", 0), done)
    # after the last batch, and on every run: a run that stopped before this left its events pending
    if linked := link_task(db):
        logger.info("linked %d event reports to the happenings they report", linked)
    if not done:
        logger.info("no %s pages", "stale" if reprocess else "new")
    return total


def _pending_count(db: str | None) -> int:
    """Archived pages not extracted yet: the extract stage's total, for a progress display."""
    con = connect(db)
    try:
        return con.execute("SELECT count(*) FROM raw_pages WHERE extracted_at IS NULL").fetchone()[0]
    finally:
        con.close()


@flow(name="extract")
def extract(db: str | None = None, reprocess: bool = False) -> dict[str, Any]:
    """Extract and load archived pages (``reprocess``: those of an older extractor version); return what was added."""
    return extract_archived(db, reprocess)
