"""Crawling commands (crawl, serve, demo-site, reprocess): registered on `app` when imported.

Prefect is imported inside the commands (it is slow to import), and the
sources file is validated before anything starts, so a typo fails in a second
with the file, entry and field named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crawler.sources import DEFAULT_SOURCES
from newsfacts.cli_common import DbOption
from newsfacts.progress import say_waiting_on_stderr

# every command: a wait for another process's warehouse lock is said at once, on stderr (warehouse.db logs it)
say_waiting_on_stderr()

SourcesOption = Annotated[Path, typer.Option(
    "--sources", envvar="NEWSFACTS_SOURCES", metavar="FILE",
    help="Sources file, YAML or TOML; a relative path is taken from the current directory.")]


DaskOption = Annotated[str | None, typer.Option(
    "--dask", envvar="NEWSFACTS_DASK", metavar="ADDRESS",
    help="Extract on this Dask cluster (e.g. tcp://10.0.0.5:8786); its workers need PREFECT_API_URL set to "
         "the same Prefect server. docs/scale.md.")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", envvar="NEWSFACTS_WORKERS", min=1, max=512, metavar="N",
    help="Extract on a local Dask cluster of N worker processes (one core each). docs/scale.md.")]


def _check_sources(path: Path) -> None:
    """Validate the sources file, fetch settings and gazetteer before anything is fetched or written."""
    import gazetteer
    from crawler.settings import SettingsError, fetch_settings, shared_crawl_settings
    from crawler.sources import SourcesError, load_sources
    from gazetteer.load import GazetteerError

    try:
        load_sources(path)
        fetch_settings()
        shared_crawl_settings()
        gazetteer.validate()
    except (SourcesError, SettingsError, GazetteerError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def _say_waiting(db: str | None):
    from warehouse.crawl_lock import lock_path

    def say(holder: tuple | None) -> None:
        pid = holder[0] if holder else None
        typer.echo(f"waiting for the crawl (PID {pid or 'unknown'}) that holds {lock_path(db)}", err=True)

    return say


def crawl(sources: SourcesOption = DEFAULT_SOURCES, db: DbOption = None, dask: DaskOption = None,
          workers: WorkersOption = None) -> None:
    """Run the pipeline flow once on a sources file: discover, fetch, extract, resolve, load.

    Uses the Prefect API in PREFECT_API_URL, or an ephemeral one (~20 s to start).
    Only what is new since the last run is fetched.
    Progress goes to stderr (bars on a terminal, one line per batch otherwise);
    a summary table ends the run; `newsfacts failures` lists what failed.

    Exit codes:
    0  done, also when some pages failed (the summary counts them)
    2  bad sources file, settings or gazetteer, or another crawl is running
    3  every fetch failed: no page fetched, no feed or sitemap answered
       (pages robots.txt disallows are refusals, not failures)
    """
    _check_sources(sources)
    from contextlib import nullcontext

    from crawler.settings import shared_crawl_settings
    from newsfacts.progress import EXIT_ALL_FAILED, all_fetches_failed, run_shown
    from warehouse.crawl_lock import crawl_lock

    # taken here too, so a crawl already running is reported in one line before Prefect starts;
    # the flow takes it again (re-entrant), which is what guards deployment runs.
    # The shared mode (NEWSFACTS_SHARED_CRAWL_ENABLED=1) crawls beside other runs: the flow locks only its extract
    shared = shared_crawl_settings().enabled
    with nullcontext() if shared else crawl_lock(db, on_wait=_say_waiting(db)):
        from flows.pipeline import pipeline

        result = run_shown(pipeline, db, sources_file=str(sources.resolve()), echo=typer.echo, dask=dask,
                           workers=workers)
    failed = all_fetches_failed(result.get("crawl", {}))
    if failed:
        typer.echo(f"error: every fetch failed ({failed} of {failed}: no page fetched, no feed or sitemap "
                   "answered); `newsfacts failures` lists why", err=True)
        raise typer.Exit(EXIT_ALL_FAILED)


def reprocess(db: DbOption = None, dask: DaskOption = None, workers: WorkersOption = None) -> None:
    """Re-run extraction for articles an older extractor version produced, from the raw page archive.

    No network: pages come from the warehouse's raw_pages archive. With --workers or --dask the
    batches are extracted on a Dask cluster (docs/scale.md).
    """
    from extractors.text import EXTRACTOR_VERSION
    from flows.extract import extract
    from flows.scale import extract_scaled_flow, scale_requested
    from newsfacts.progress import ProgressView, summary_text, warehouse_counts

    before = warehouse_counts(db)
    with ProgressView():
        if scale_requested(dask, workers):
            stats = extract_scaled_flow(db=db, reprocess=True, address=dask, workers=workers)
        else:
            stats = extract(db=db, reprocess=True)
    if not stats.get("totals"):
        typer.echo(f"extractor version {EXTRACTOR_VERSION}: no article needed re-extraction")
        return
    typer.echo(f"extractor version {EXTRACTOR_VERSION}: re-extracted {stats.get('updated', 0)} articles")
    typer.echo(summary_text(stats, stats["totals"], before, db))


def serve(
    sources: SourcesOption = DEFAULT_SOURCES,
    db: DbOption = None,
    cron: Annotated[str, typer.Option(help="Schedule of pipeline/scheduled-crawl (cron, UTC).")] = "*/30 * * * *",
) -> None:
    """Serve the deployments pipeline/scheduled-crawl (cron) and pipeline/on-demand until Ctrl-C or SIGTERM.

    Needs a Prefect server: run `prefect server start` and set PREFECT_API_URL
    (e.g. `prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api`).
    Trigger a run with `prefect deployment run 'pipeline/scheduled-crawl'`.
    """
    _check_sources(sources)
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        typer.echo("error: PREFECT_API_URL is not set, so `prefect deployment run` could not reach these "
                   "deployments; start `prefect server start` and run "
                   "`prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api`", err=True)
        raise typer.Exit(2)
    from flows.serve import serve_deployments

    serve_deployments(sources, db, cron)


def demo_site(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0 picks a free one).")] = 8765,
    sources_out: Annotated[Path | None, typer.Option(
        "--sources-out", help="Also write a sources file that points at the served site.")] = None,
) -> None:
    """Serve the bundled sample news site on 127.0.0.1 until Ctrl-C, optionally writing a sources file for it."""
    from crawler.sources import sample_site_sources, write_sources
    from newsfacts.demo_site import article_urls, tracking_url
    from newsfacts.demo_site.server import make_server

    try:
        server = make_server("127.0.0.1", port)
    except OSError as exc:
        typer.echo(f"error: cannot listen on 127.0.0.1:{port} ({exc.strerror}); pass --port with a free port",
                   err=True)
        raise typer.Exit(1) from exc
    base = server.base_url
    if sources_out:
        links = (tracking_url(article_urls(base)[0]),)
        write_sources(sources_out, sample_site_sources(base, newsletter_links=links))
        typer.echo(f"Wrote {sources_out} (source 'sample-site' -> {base})")
    typer.echo(f"Sample news site at {base}/ (feed {base}/feed.xml, sitemap {base}/sitemap.xml); Ctrl-C to stop",
               )
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
    finally:
        server.server_close()


def demo(
    db: DbOption = None,
    port: Annotated[int, typer.Option(
        metavar="N", help="Loopback port for the sample site; keep it the same between runs.")] = 8765,
) -> None:
    """Run the whole pipeline on the bundled sample news site (loopback only) and print a summary.

    Starts a local HTTP server with the sample site, runs the Prefect ``pipeline``
    flow on an ephemeral Prefect API (nothing to start by hand), loads the
    DuckDB warehouse and prints what landed. Running it twice adds nothing.
    """
    import gazetteer
    from crawler.settings import fetch_settings
    from newsfacts.demo import run_demo
    from newsfacts.progress import run_shown
    from warehouse.db import connect
    from warehouse.report import format_table, query_file, run_sql

    gazetteer.validate()  # a bad gazetteer entry or setting stops the demo before anything is written
    fetch_settings()

    typer.echo(f"Serving the sample site on 127.0.0.1:{port} and running the Prefect pipeline "
               "(a cold Prefect API takes ~20 s to start)...")
    try:
        run_shown(run_demo, db, port=port, echo=typer.echo)  # progress on stderr, then the summary table
    except OSError as exc:
        typer.echo(f"error: cannot serve the sample site on 127.0.0.1:{port} ({exc.strerror}); "
                   "pass --port with a free port", err=True)
        raise typer.Exit(1) from exc
    con = connect(db, read_only=True)
    try:
        sections = [
            ("Articles loaded", "articles_loaded"),
            ("People and their merged spellings", "people_spellings"),
            ("Counts of people with their dates", "counts_with_dates"),
            ("Example query 1: reports of people released, per month", "released_per_month"),
            ("Example query 2: every spelling of Tsikhanouskaya and the articles that used it", "spellings_of"),
            ("Example query 3: articles reporting at least 100 people freed", "articles_100_freed"),
        ]
        for title, name in sections:
            sql = query_file(name).read_text(encoding="utf-8")
            typer.echo(f"\n== {title}")
            if name in ("released_per_month", "spellings_of", "articles_100_freed"):
                typer.echo("\n".join("   " + line for line in sql.strip().splitlines() if not line.startswith("--")))
            typer.echo(format_table(*run_sql(con, sql)))
    finally:
        con.close()
    typer.echo("\nQuery it yourself: newsfacts query \"SELECT * FROM persons LIMIT 5\"")
