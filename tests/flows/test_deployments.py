"""End to end: a real Prefect API, `newsfacts serve` serving the deployments, runs triggered by name.

Starts the API with ``prefect_test_harness`` (a real server subprocess on a temporary
database), the sample site on loopback, and ``newsfacts serve`` as a subprocess; triggers
``pipeline/scheduled-crawl`` by name as ``prefect deployment run`` does (a flow run created
from the deployment, picked up by the served runner), twice. Stops everything it started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))
TABLES = ("articles", "article_urls", "persons", "person_mentions", "counts", "dates", "raw_pages",
          "fetch_failures", "crawl_state")


def snapshot(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def wait_for_deployments(proc: subprocess.Popen, names: list[str], timeout: float = 90) -> None:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"newsfacts serve exited with {proc.returncode}"
            try:
                for name in names:
                    client.read_deployment_by_name(name)
                return
            except ObjectNotFound:
                time.sleep(0.5)
    raise AssertionError(f"deployments {names} not registered within {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # .serve() exits on SIGTERM
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_served_deployment_crawls_sample_site_then_adds_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # the harness's server inherits it
    from prefect.deployments import run_deployment
    from prefect.testing.utilities import prefect_test_harness

    from crawler.sources import sample_site_sources, write_sources
    from extractors.text import EXTRACTOR_VERSION
    from newsfacts.demo_site import article_urls, serve_site, tracking_url, wire_urls

    db = tmp_path / "w.duckdb"
    with prefect_test_harness(server_startup_timeout=120), serve_site() as base:
        from prefect.settings import PREFECT_API_URL

        originals = article_urls(base)
        newsletter = tracking_url(originals[3])
        sources = write_sources(tmp_path / "sources.yaml", sample_site_sources(base, newsletter_links=(newsletter,)))
        env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_HOME": str(tmp_path / "prefect"),
               "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
        env.pop("NEWSFACTS_DB", None)
        log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed below
        # a yearly cron: only the runs this test triggers happen while it reads the warehouse
        proc = subprocess.Popen([NEWSFACTS, "serve", "--sources", str(sources), "--db", str(db),
                                 "--cron", "0 0 1 1 *"], env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_deployments(proc, ["pipeline/scheduled-crawl", "pipeline/on-demand"])
            first = run_deployment("pipeline/scheduled-crawl", timeout=300, poll_interval=1)
            assert first.state.is_completed(), (first.state, (tmp_path / "serve.log").read_text()[-3000:])
            after_first = snapshot(db)
            second = run_deployment("pipeline/scheduled-crawl", timeout=300, poll_interval=1)
            assert second.state.is_completed(), second.state
            after_second = snapshot(db)
        finally:
            stop(proc)
            log.close()
        t1, t2 = first.total_run_time.total_seconds(), second.total_run_time.total_seconds()
        print(f"\nfirst run {t1:.1f} s, second run {t2:.1f} s (flow-run total_run_time)")

        con = duckdb.connect(str(db), read_only=True)
        try:
            ids = dict(con.execute("SELECT url, article_id FROM article_urls").fetchall())
            assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(originals)
            assert set(originals) <= set(ids)
            # the same page under a newsletter link and as a syndicated copy: one article, linked to each URL
            assert ids[newsletter] == ids[originals[3]]
            for wire in wire_urls(base):
                assert ids[wire] == ids[wire.replace("/wire/", "/news/")]
        finally:
            con.close()
        assert after_second == after_first  # nothing added, nothing fetched again

        # reprocess: articles of an older extractor version are extracted again from the archive
        con = duckdb.connect(str(db))
        con.execute("UPDATE articles SET extractor_version = '0' WHERE url = ?", [originals[0]])
        con.close()
        from flows.extract import extract

        stats = extract(db=str(db), reprocess=True)
        assert stats["updated"] == 1 and stats["articles"] == 0
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert con.execute("SELECT DISTINCT extractor_version FROM articles").fetchall() == [(EXTRACTOR_VERSION,)]
        finally:
            con.close()
        assert snapshot(db) == after_first
