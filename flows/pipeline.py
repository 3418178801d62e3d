"""The ``pipeline`` flow: crawl (discover → fetch → archive) then extract (text → facts → names → load).

The two stages (also flows of their own: ``crawl``, ``extract``) hand over
through the warehouse's raw page archive, so a crash between them loses nothing. Each task is one batched library
call (never a task per page or sentence), so Prefect's per-task cost stays small
next to the work. The run publishes a markdown artifact of what it added.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.crawl import SharedRun, crawl_sources, held_crawl_lock, resolve_sources, shared_mode
from flows.extract import extract_archived
from flows.scale import extract_scaled, scale_requested
from warehouse.db import connect, table_counts
from warehouse.load import link_aliases

ADDED_KEYS = ("articles", "updated", "duplicates", "aliases", "mentions", "counts", "dates", "events", "failures",
              "skipped", "review_pairs", "fetched")
MAX_LISTED = 50


@task(name="link-aliases", cache_policy=NO_CACHE)
def link_aliases_task(aliases: dict[str, str], db: str | None) -> tuple[int, dict[str, int]]:
    con = connect(db)
    try:
        return link_aliases(con, aliases), table_counts(con)
    finally:
        con.close()


def _artifact_markdown(added: dict[str, int], new_urls: list[str], totals: dict[str, int]) -> str:
    lines = ["## newsfacts pipeline", "", "| added | rows |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in added.items()]
    lines += ["", f"### New articles ({len(new_urls)})", ""]
    lines += [f"- {u}" for u in new_urls[:MAX_LISTED]] or ["(none: nothing new in the sources)"]
    if len(new_urls) > MAX_LISTED:
        lines.append(f"- ... and {len(new_urls) - MAX_LISTED} more")
    lines += ["", "| warehouse table | rows |", "|---|---|"] + [f"| {k} | {v} |" for k, v in totals.items()]
    return "\n".join(lines) + "\n"


def _extract_stage(aliases: dict[str, str], db: str | None, dask: str | None = None, workers: int | None = None
                   ) -> tuple[dict[str, Any], int, dict[str, int]]:
    """Extract the archive's pending pages, then link the crawl's alias URLs: (extract stats, linked, totals).

    On a Dask cluster when one is asked for (``flows.scale``), else in this process."""
    extracted = extract_scaled(db, address=dask, workers=workers) if scale_requested(dask, workers) \
        else extract_archived(db)
    linked, totals = link_aliases_task(aliases, db)
    return extracted, linked, totals


@flow(name="pipeline")
def pipeline(sources: list[dict[str, Any]] | None = None, sources_file: str | None = None,
             db: str | None = None, shared: bool | None = None, dask: str | None = None,
             workers: int | None = None) -> dict[str, Any]:
    """Crawl the sources and land their facts in the warehouse; return what was added.

    Holds the warehouse's crawl lock (``<db>.crawl.lock``) for the whole run: one crawl at a time.
    ``shared`` (default: the ``[shared_crawl] enabled`` setting): the crawl stage runs beside other
    shared runs (lock held shared; claims, global host delays, see ``flows.crawl``); then the extract
    stage, which reads the archive's pending pages, takes the lock alone, as a default-mode run does.

    ``dask`` (a scheduler address, default ``$NEWSFACTS_DASK``) or ``workers`` (a local cluster of that many
    processes, default ``$NEWSFACTS_WORKERS``): the extract stage runs on a Dask cluster (``flows.scale``). Its
    batches are claimed one by one, so shared runs extract side by side, under their shared lock.
    """
    srcs = resolve_sources(sources, sources_file)
    on = shared_mode(shared)
    scaled = scale_requested(dask, workers)
    with held_crawl_lock(db, shared=on):
        crawled = crawl_sources(srcs, db, SharedRun.start() if on else None)
        if not on or scaled:
            extracted, linked, totals = _extract_stage(crawled["aliases"], db, dask, workers)
    if on and not scaled:  # the shared lock is released first: a process waiting for its own lock would wait forever
        with held_crawl_lock(db):
            extracted, linked, totals = _extract_stage(crawled["aliases"], db)
    added = dict.fromkeys(ADDED_KEYS, 0)
    for k in ADDED_KEYS:
        added[k] += extracted.get(k, 0) + crawled["stats"].get(k, 0)
    added["aliases"] = linked
    create_markdown_artifact(
        key="pipeline-added", markdown=_artifact_markdown(added, extracted["new_urls"], totals),
        description="What this run added to the warehouse",
    )
    get_run_logger().info("added: %s", ", ".join(f"{v} {k}" for k, v in added.items()))
    # crawl: the crawl stage's counts (discovered, fetched, failures, feeds ...), for summaries and exit codes
    return {"added": added, "totals": totals, "new_urls": extracted["new_urls"], "crawl": crawled["stats"]}
