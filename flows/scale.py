"""The scaled extract stage: batches of archived pages mapped over a Dask cluster, merged by one writer.

The embedded default (``flows.extract``) runs every stage in one process. Here (``docs/scale.md``):

1. this flow's process *claims* batches of archived pages (``warehouse.staging.claim_batches``: a
   ``staged_batches`` row each, so concurrent runs never take one page twice) and writes each batch's pages,
   gzipped as archived, to a Parquet file beside the warehouse (``write_pages``, from DuckDB's columns);
2. a Dask worker (``prefect-dask``'s ``DaskTaskRunner``) reads and unzips them, extracts text and facts,
   resolves names with the analysts' review answers read once a run, and writes the batch's facts to one
   Parquet file beside the warehouse;
3. this process, the one writer, merges each staged file into the DuckDB warehouse as it comes
   (``merge_task``: the same landing as the default path, then the batch marked loaded) while the workers go on
   with the next batches; the run's events are linked once at the end.

Workers never open the warehouse. A worker killed mid-batch (even ``SIGKILL``) leaves no file: Dask runs the
task again on another worker, and a batch whose run died is claimed again once its claim expires. Staged
files a dead run left are merged by the next run first. Each Prefect task is a whole batch, as a task
costs ~0.2–0.3 s on a Dask worker.
"""

from __future__ import annotations

import os
import socket
import time
from collections import deque
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from extractors.text import EXTRACTOR_VERSION
from flows import progress
from flows.extract import (
    SKIPPED,
    extract_facts_isolated_task,
    extract_text_task,
    land_batch,
    link_task,
    page_notes,
)
from flows.resolve import read_decisions, resolve_with
from warehouse.db import connect, connect_brief, table_counts
from warehouse.migrate import WarehouseError
from warehouse.staging import (
    StagedBatch,
    claim_batches,
    drop_inputs,
    input_path,
    loaded,
    mark_loaded,
    read_batch,
    read_pages,
    staged_files,
    staging_dir,
    write_batch,
    write_pages,
)

ENV_DASK = "NEWSFACTS_DASK"
ENV_WORKERS = "NEWSFACTS_WORKERS"
ENV_CLAIM_TTL = "NEWSFACTS_CLAIM_TTL"
#: pages a Dask task extracts: fewer than the default path's batch (``flows.extract.BATCH_PAGES``), so the workers
#: share a run's pages evenly; a merge lands several batches at once (MERGE_AT_LEAST), so the checkpoints that made
#: the default path's batch larger are shared too. Never under ~100: a task costs ~0.2-0.3 s on a worker
STAGE_PAGES = 200
#: at most this many pages landed in one merge (several batches done at once are merged together)
MERGE_PAGES = 1000
#: batches a merge waits for when more are out: one landing and one checkpoint for them all. A landing's checkpoint
#: costs more than its batch's rows (0.11 s, growing to 0.24 s by the tenth 100-page landing into a new warehouse):
#: 1,000 staged pages landed 2 batches at a time took 2.7 processor seconds, 5 at a time 2.0 (link included)
MERGE_AT_LEAST = 4
#: seconds a claimed batch belongs to its run; then a run that died gives its pages back
DEFAULT_CLAIM_TTL = 1800.0


def claim_ttl() -> float:
    raw = os.environ.get(ENV_CLAIM_TTL)
    try:
        return float(raw) if raw else DEFAULT_CLAIM_TTL
    except ValueError:
        raise WarehouseError(f"{ENV_CLAIM_TTL}={raw!r} is not a number of seconds; set it to e.g. 1800") from None


def scale_requested(address: str | None = None, workers: int | None = None) -> bool:
    """Whether a run takes the scaled path: an address or a worker count given, or set in the environment."""
    return bool(address or workers or os.environ.get(ENV_DASK) or os.environ.get(ENV_WORKERS))


@task(name="claim-batches", cache_policy=NO_CACHE)
def claim_task(db: str | None, owner: str, limit: int, reprocess: bool, count: int = 1) -> list[tuple[str, str, int]]:
    """Claim up to ``count`` batches of archived pages and write each batch's pages for its worker:
    ``(batch id, pages file, pages)`` a batch, none when no page is left to claim."""
    con = connect_brief(db)  # the run migrated the warehouse first (extract_batches); claims take turns
    try:
        claimed = claim_batches(con, owner, limit, claim_ttl(), count, EXTRACTOR_VERSION if reprocess else None)
        staging = staging_dir(db)
        return [(batch_id, str(write_pages(con, staging, batch_id, ids)), len(ids)) for batch_id, ids in claimed]
    finally:
        con.close()


@task(name="stage-batch", cache_policy=NO_CACHE)
def stage_batch_task(pages_file: str, batch_id: str, staging: str, decisions: dict[tuple[str, str], bool]) -> str:
    """On a worker: text → facts → names for one batch, written to one Parquet file; the file's path.

    The pages come in the file :func:`claim_task` wrote (``warehouse.staging.write_pages``); it stays until the
    batch is merged, so a task Dask runs again after a worker died finds it."""
    pages = read_pages(Path(pages_file))
    articles, failures = extract_text_task.fn(pages)
    extracted, failed = extract_facts_isolated_task.fn(articles)
    facts, uncertain = resolve_with(extracted, decisions)
    batch = StagedBatch(batch_id, [p.id for p in pages], facts, failures + failed, page_notes(facts), uncertain)
    return str(write_batch(Path(staging), batch))


@task(name="merge-batches", cache_policy=NO_CACHE)
def merge_task(db: str | None, paths: list[str]) -> dict[str, Any]:
    """Land staged files in the warehouse, in their order, in one transaction; a batch loaded before is skipped.
    The files are removed after.

    Several files at once when several are ready: one landing and one checkpoint instead of one a batch, with the
    outcomes of landing them one by one (``load_batch`` lands a batch as page after page). A crash between the
    landing and the batches' marks leaves the files: merged again, their pages land once (loading is keyed
    per article and replaces what an article had)."""
    batches = [read_batch(Path(path)) for path in paths]
    con = connect_brief(db)
    try:
        fresh = [b for b in batches if not loaded(con, b.batch_id)]
        stats: dict[str, Any] = {"batches_seen_before": len(batches) - len(fresh)}
        if fresh:
            stats |= land_batch(con, [p for b in fresh for p in b.pages], [f for b in fresh for f in b.failures],
                                [u for b in fresh for u in b.uncertain], [i for b in fresh for i in b.page_ids],
                                [n for b in fresh for n in b.notes], totals=False)  # counted once, at the run's end
            stats["extracted"] = sum(len(b.pages) for b in fresh)
            stats["batches"] = len(fresh)
            for b in fresh:
                mark_loaded(con, b.batch_id)
    finally:
        con.close()
    staging = staging_dir(db)
    for path, batch in zip(paths, batches, strict=True):
        Path(path).unlink(missing_ok=True)
        input_path(staging, batch.batch_id).unlink(missing_ok=True)
    return stats


def _ready(future: Any) -> bool:
    """Whether a submitted batch is done, without waiting (the Dask future under Prefect's)."""
    wrapped = getattr(future, "wrapped_future", None)
    return bool(wrapped is not None and wrapped.done())


def add_stats(total: dict[str, Any], stats: dict[str, Any]) -> None:
    for k, v in stats.items():
        if k == "totals":
            total[k] = v
        elif k == "new_urls":
            total.setdefault(k, []).extend(v)
        else:
            total[k] = total.get(k, 0) + v


@flow(name="extract-batches")
def extract_batches(db: str | None = None, reprocess: bool = False, batch_pages: int = STAGE_PAGES,
                    in_flight: int = 4) -> dict[str, Any]:
    """Claim, stage on the flow's task runner (a Dask cluster) and merge in claim order, ``in_flight`` batches out."""
    logger = get_run_logger()
    owner = f"{socket.gethostname()}:{os.getpid()}"
    staging = staging_dir(db)
    total: dict[str, Any] = {"totals": {}, "new_urls": []}
    decisions = read_decisions(db)  # opens the warehouse with connect(): migrated before the brief connections
    if left := [str(p) for p in staged_files(staging)]:  # left by a run that stopped before merging them
        add_stats(total, merge_task(db, left))
    _drop_inputs(db)
    pending = _pending_count(db) if progress.wanted() and not reprocess else None
    progress.report("extracted", 0, pending, tick=True)
    # batches in claim order: merged in that order, so a run lands what the default path would (which of two
    # near-identical pages is the article, a person's first-seen name), however the workers' finishing order falls
    out: deque[tuple[Any, int, str]] = deque()  # (future, pages in its batch, its pages file)
    done, more = 0, True
    while True:
        if more and len(out) < in_flight:  # the batches missing, claimed together
            claimed = claim_task(db, owner, batch_pages, reprocess, in_flight - len(out))
            more = len(claimed) == in_flight - len(out) and claimed[-1][2] == batch_pages  # else none is left
            for batch_id, pages_file, size in claimed:
                out.append((stage_batch_task.submit(pages_file, batch_id, str(staging), decisions), size, pages_file))
        if not out:
            break
        # the head batch and the next ones (waited for, see MERGE_AT_LEAST: the workers have the batches behind
        # them), and those behind already done: merged together, in order
        ready: list[str] = []
        n = 0
        while out and (len(ready) < MERGE_AT_LEAST or (_ready(out[0][0]) and n < MERGE_PAGES)):
            future, size, pages_file = out.popleft()  # the workers go on with the batches behind it meanwhile
            try:
                ready.append(future.result())
                n += size
            except Exception as exc:  # noqa: BLE001 - a batch lost for good (a worker killed again and again)
                # its claim expires and a later run takes its pages again; nothing is lost, the run goes on
                logger.error("a batch of %d pages was not extracted (%s: %s); its pages stay pending", size,
                             type(exc).__name__, exc)
                total["batches_failed"] = total.get("batches_failed", 0) + 1
                Path(pages_file).unlink(missing_ok=True)  # the claim's pages are read again when it is redone
        if not ready:
            continue
        started = time.perf_counter()
        add_stats(total, merge_task(db, ready))
        total["merge_seconds"] = total.get("merge_seconds", 0.0) + time.perf_counter() - started
        done += n
        progress.report("loaded", done, pending, articles=total.get("articles", 0), updated=total.get("updated", 0),
                        duplicates=total.get("duplicates", 0))
        logger.info("merged %d staged batches, %d pages (%d pages so far)", len(ready), n, done)
    if linked := link_task(db):
        logger.info("linked %d event reports to the happenings they report", linked)
    total["totals"] = _totals(db)
    total.setdefault("skipped", 0)
    return total


def _totals(db: str | None) -> dict[str, int]:
    con = connect(db)
    try:
        return table_counts(con)
    finally:
        con.close()


def _drop_inputs(db: str | None) -> None:
    con = connect_brief(db)
    try:
        drop_inputs(con, staging_dir(db))
    finally:
        con.close()


def _pending_count(db: str | None) -> int:
    con = connect(db)
    try:
        return con.execute("SELECT count(*) FROM raw_pages WHERE extracted_at IS NULL").fetchone()[0]
    finally:
        con.close()


def in_flight_for(workers: int) -> int:
    """Batches out at once: two a worker, so each has the next queued, plus those a merge waits for."""
    return 2 * max(1, workers) + MERGE_AT_LEAST


def api_url() -> str | None:
    """The Prefect API this run talks to (an ephemeral server's too), for the workers of a cluster we start."""
    from prefect.client.orchestration import get_client

    return str(get_client(sync_client=True).api_url) or None


def extract_scaled(db: str | None = None, reprocess: bool = False, address: str | None = None,
                   workers: int | None = None, batch_pages: int = STAGE_PAGES) -> dict[str, Any]:
    """The extract stage on a Dask cluster: the one at ``address`` (or ``$NEWSFACTS_DASK``), else a local
    cluster of ``workers`` (or ``$NEWSFACTS_WORKERS``, else 2) single-threaded worker processes on 127.0.0.1.

    Call it inside a flow run: the workers of a local cluster talk to that run's Prefect API."""
    from distributed import LocalCluster
    from prefect_dask import DaskTaskRunner

    address = address or os.environ.get(ENV_DASK)
    if address:
        return extract_batches.with_options(task_runner=DaskTaskRunner(address=address))(
            db, reprocess, batch_pages, in_flight=in_flight_for(workers or 2))
    n = workers or int(os.environ.get(ENV_WORKERS) or 2)
    env = {"PREFECT_API_URL": url} if (url := api_url()) else {}
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, env=env) as cluster:
        return extract_batches.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))(
            db, reprocess, batch_pages, in_flight=in_flight_for(n))


@flow(name="extract-scaled")
def extract_scaled_flow(db: str | None = None, reprocess: bool = False, address: str | None = None,
                        workers: int | None = None, batch_pages: int = STAGE_PAGES) -> dict[str, Any]:
    """Extract and load archived pages on a Dask cluster (see :func:`extract_scaled`)."""
    return extract_scaled(db, reprocess, address, workers, batch_pages)


__all__ = ["ENV_DASK", "ENV_WORKERS", "SKIPPED", "extract_batches", "extract_scaled", "extract_scaled_flow",
           "merge_task", "scale_requested", "stage_batch_task"]
