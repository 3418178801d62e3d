"""The ``pipeline`` flow: discover → fetch → extract text → extract facts → resolve names → load.

Each task is one batched library call (never a task per page or sentence), so
Prefect's per-task cost stays small next to the work.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from crawler.crawl import discover, fetch_all
from crawler.fetch import Fetcher, FetchResult
from crawler.sources import Source, load_sources, parse_sources
from extractors.pipeline import PageFacts, extract_pages, resolve_pages
from extractors.text import Article, ExtractionError, extract_article
from gazetteer.resolve import decision_key
from warehouse.db import connect, table_counts
from warehouse.load import known_urls, load_pages, record_failures
from warehouse.review import add_uncertain
from warehouse.review import decisions as review_decisions

Failure = tuple[str, str, str]  # url, stage, reason
Uncertain = tuple[str, str, str, str, float]  # name_a, name_b, key_a, key_b, score


@task(name="discover", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def discover_task(source: Source, db: str | None) -> tuple[list[str], list[Failure]]:
    found = discover(source, Fetcher())
    con = connect(db)
    try:
        seen = known_urls(con)
    finally:
        con.close()
    new = [u for u in found.urls if u not in seen]
    get_run_logger().info("%s: %d URLs discovered, %d new", source.name, len(found.urls), len(new))
    return new, [(u, "discover", r) for u, r in found.failures]


@task(name="fetch", retries=1, retry_delay_seconds=5, cache_policy=NO_CACHE)
def fetch_task(source: Source, urls: list[str]) -> tuple[list[FetchResult], list[Failure]]:
    results, failures = [], []
    for item in fetch_all(urls, source, Fetcher()):
        if isinstance(item, FetchResult):
            results.append(item)
        else:
            failures.append((item[0], "fetch", item[1]))
    get_run_logger().info("%s: %d pages fetched, %d failed", source.name, len(results), len(failures))
    return results, failures


@task(name="extract-text", cache_policy=NO_CACHE)
def extract_text_task(results: list[FetchResult]) -> tuple[list[Article], list[Failure]]:
    articles, failures = [], []
    for r in results:
        try:
            art = extract_article(r.body, url=r.final_url)
            art.url = r.url
            articles.append(art)
        except ExtractionError as exc:
            failures.append((r.url, "extract", str(exc)))
    return articles, failures


@task(name="extract-facts", cache_policy=NO_CACHE)
def extract_facts_task(articles: list[Article]) -> list[PageFacts]:
    return list(extract_pages(articles))


@task(name="resolve-names", cache_policy=NO_CACHE)
def resolve_task(pages: list[PageFacts], db: str | None) -> tuple[list[PageFacts], list[Uncertain]]:
    con = connect(db)
    try:
        recorded = review_decisions(con)
    finally:
        con.close()
    uncertain = resolve_pages(pages, recorded)
    return pages, [(a, b, decision_key(a), decision_key(b), score) for a, b, score in uncertain]


@task(name="load", cache_policy=NO_CACHE)
def load_task(pages: list[PageFacts], failures: list[Failure], uncertain: list[Uncertain],
              db: str | None) -> dict[str, int]:
    con = connect(db)
    try:
        stats = load_pages(con, pages)
        stats["failures"] = record_failures(con, failures)
        stats["review_pairs"] = add_uncertain(con, uncertain)
        stats["totals"] = table_counts(con)  # type: ignore[assignment]
        return stats
    finally:
        con.close()


@flow(name="pipeline")
def pipeline(sources: list[dict[str, Any]] | None = None, sources_file: str | None = None,
             db: str | None = None) -> dict[str, Any]:
    """Crawl the sources and land their facts in the warehouse; return what was added."""
    if sources is not None:
        srcs = parse_sources({"sources": sources}, "flow parameter 'sources'")
    elif sources_file:
        srcs = load_sources(sources_file)
    else:
        raise ValueError("pass sources (a list of source mappings) or sources_file")
    added = {"articles": 0, "updated": 0, "mentions": 0, "counts": 0, "dates": 0, "failures": 0, "review_pairs": 0}
    totals: dict[str, int] = {}
    for source in srcs:
        urls, failures = discover_task(source, db)
        results, fetch_failures = fetch_task(source, urls)
        articles, extract_failures = extract_text_task(results)
        pages, uncertain = resolve_task(extract_facts_task(articles), db)
        stats = load_task(pages, failures + fetch_failures + extract_failures, uncertain, db)
        totals = stats.pop("totals")
        for k, v in stats.items():
            added[k] = added.get(k, 0) + v
    create_markdown_artifact(
        key="pipeline-added",
        markdown="## newsfacts pipeline\n\n| added | rows |\n|---|---|\n"
        + "".join(f"| {k} | {v} |\n" for k, v in added.items())
        + "\n| warehouse table | rows |\n|---|---|\n"
        + "".join(f"| {k} | {v} |\n" for k, v in totals.items()),
        description="What this run added to the warehouse",
    )
    get_run_logger().info("added %s", added)
    return {"added": added, "totals": totals}
