"""End to end, the shared crawl mode: crawl flow runs side by side into one warehouse, on one real Prefect API.

A real ``prefect server start`` on loopback, the sample site on loopback with a request log (path, time)
and a crawl delay of 0.4 s, and the ``crawl`` flow run as subprocesses with ``shared=True``. Read back
from the site's own log and the warehouse: no article fetched twice, requests to the host at least the
delay apart across both runs, every article archived (and extracted) once, both runs fetching. And a run
killed (SIGKILL) mid-batch leaves claims that hold its URLs until the TTL, then a later run fetches them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from crawler.sources import sample_site_sources, write_sources
from newsfacts.demo_site import article_urls, wire_urls
from newsfacts.demo_site.server import DemoSiteHandler, make_server
from tests.flows.test_run_logs import PREFECT, free_port, stop

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
DELAY = 0.4  # 17 pages take ~7 s: room for a run slow to start (Prefect, a busy CI machine) to find work left
DISCOVERY = ("/robots.txt", "/feed.xml", "/sitemap.xml")
SLACK_MS = 5  # the site's clock reads a request a little after the crawler's gate let it go
#: a crawl run that starts when the file ``go`` appears (both runs of a test start crawling together)
RUN = """
import json, sys, time
from pathlib import Path
from flows.crawl import crawl
import os
from prefect import flow
flow(name="warm-up")(lambda: None)()  # the Prefect client and its API connection ready before the go
go = Path(sys.argv[3])
go.with_name(f"{go.name}.ready.{os.getpid()}").touch()
while not go.exists():
    time.sleep(0.01)
print("RESULT " + json.dumps(crawl(sources_file=sys.argv[1], db=sys.argv[2], shared=True)["stats"]), flush=True)
"""
EXTRACT = "import sys\nfrom flows.extract import extract\nextract(db=sys.argv[1])\n"


class Site:
    """The sample site on loopback, logging ``(path, time.time())`` of every GET as it arrives."""

    def __init__(self) -> None:
        self.log: list[tuple[str, float]] = []
        log = self.log

        class Logged(DemoSiteHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                log.append((self.path, time.time()))
                super().do_GET()

        self.server = make_server()
        self.server.RequestHandlerClass = Logged
        self.base = self.server.base_url
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def pages(self, since: int = 0) -> list[tuple[str, float]]:
        """Requests for pages, not for robots.txt, the feed or the sitemap (discovery, which no crawl delays)."""
        return [(p, t) for p, t in self.log[since:] if p not in DISCOVERY]

    def page_urls(self) -> list[str]:
        """Every page the crawl finds: the articles, the wire copy and the home page (all in the sitemap)."""
        return article_urls(self.base) + wire_urls(self.base) + [f"{self.base}/"]


@pytest.fixture(scope="module")
def api_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    """``prefect server start`` on loopback; the environment for crawl subprocesses that use it."""
    import urllib.request

    home = tmp_path_factory.mktemp("prefect-home")
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    for name in ("PREFECT_API_URL", "NEWSFACTS_DB", "PREFECT_LOGGING_LEVEL"):
        env.pop(name, None)
    port = free_port()
    proc = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"prefect server start exited with {proc.returncode}"
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "prefect server did not start within 120 s"
            time.sleep(0.5)
        yield {**env, "PREFECT_API_URL": api}
    finally:
        stop(proc)


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    try:
        yield s
    finally:
        s.server.shutdown()
        s.server.server_close()
        s.thread.join(5)


def sources_file(tmp_path: Path, base: str) -> Path:
    return write_sources(tmp_path / "sources.yaml", [{**sample_site_sources(base)[0], "crawl_delay": DELAY}])


def migrated(db: Path) -> Path:
    """Create and migrate the warehouse before the runs start, as a deployment's first crawl has long done: two
    runs racing to create a new file would make one wait out the other's migration (seconds on a busy machine),
    and a run that starts that late can find every page claimed (the flake CI saw: one run fetched 0 of 17)."""
    from warehouse.db import connect

    connect(db).close()
    return db


def start_run(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RUN, *args], env=env, cwd=ROOT, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def start_together(go: Path, procs: list[subprocess.Popen], timeout: float = 180) -> None:
    """Touch ``go`` once every run has imported its flow and talked to the API (its ready file is there): a run
    slow to start on a busy machine would otherwise find the other one's work done."""
    deadline = time.monotonic() + timeout
    while len(list(go.parent.glob(f"{go.name}.ready.*"))) < len(procs):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), "a run never got ready"
        time.sleep(0.05)
    go.touch()


def result(proc: subprocess.Popen, log: Path, timeout: float = 180) -> dict[str, int]:
    assert proc.wait(timeout) == 0, log.read_text()[-3000:]
    lines = [line for line in log.read_text().splitlines() if line.startswith("RESULT ")]
    assert lines, log.read_text()[-3000:]
    return json.loads(lines[-1].removeprefix("RESULT "))


def archived(db: Path) -> Counter:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return Counter(r[0] for r in con.execute("SELECT url FROM raw_pages").fetchall())
    finally:
        con.close()


def assert_polite(pages: list[tuple[str, float]]) -> None:
    times = sorted(t for _, t in pages)
    gaps = [round((b - a) * 1000) for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= DELAY * 1000 - SLACK_MS, gaps
    print(f"\n{len(times)} page requests, gaps between them {min(gaps)}-{max(gaps)} ms (delay {DELAY * 1000:.0f} ms)")


def test_two_shared_runs_fetch_each_article_once_and_keep_the_host_delay(tmp_path, api_env, site):
    db, go = migrated(tmp_path / "w.duckdb"), tmp_path / "go"
    sources = sources_file(tmp_path, site.base)
    env = {**api_env, "NEWSFACTS_SHARED_CRAWL_BATCH": "3"}
    logs = [tmp_path / "run1.log", tmp_path / "run2.log"]
    procs = [start_run([str(sources), str(db), str(go)], env, log) for log in logs]
    try:
        start_together(go, procs)
        stats = [result(p, log) for p, log in zip(procs, logs, strict=True)]
    finally:
        for p in procs:
            stop(p)

    expected = {u.removeprefix(site.base) for u in site.page_urls()}
    fetched = Counter(p for p, _ in site.pages())
    assert set(fetched) == expected and max(fetched.values()) == 1, fetched  # each page fetched once, by one run
    assert_polite(site.pages())  # across both runs
    assert all(s["fetched"] > 0 for s in stats), stats  # and the work was shared
    assert sum(s["fetched"] for s in stats) == len(expected)
    pages = archived(db)
    assert {u.removeprefix(site.base) for u in pages} == expected and max(pages.values()) == 1

    done = subprocess.run([sys.executable, "-c", EXTRACT, str(db)], env=api_env, cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        urls = [r[0] for r in con.execute("SELECT url FROM articles").fetchall()]
        leftover = con.execute("SELECT count(*) FROM crawl_claims").fetchone()[0]
    finally:
        con.close()
    assert sorted(urls) == sorted(article_urls(site.base))  # every article once (the wire copy is linked to it)
    assert leftover == 0  # every claim released once its page was archived


def test_a_killed_runs_claims_hold_until_the_ttl_then_a_later_run_fetches_its_urls(tmp_path, api_env, site):
    from warehouse.crawl_claims import claim_urls
    from warehouse.db import connect

    ttl = 4.0
    db, go = tmp_path / "w.duckdb", tmp_path / "go"
    go.touch()
    sources = sources_file(tmp_path, site.base)
    env = {**api_env, "NEWSFACTS_SHARED_CRAWL_BATCH": "50", "NEWSFACTS_SHARED_CRAWL_CLAIM_TTL": str(ttl)}
    victim = start_run([str(sources), str(db), str(go)], env, tmp_path / "victim.log")
    try:
        deadline = time.monotonic() + 120
        while len(site.pages()) < 3:  # mid-batch: some pages fetched, none archived (one batch of 50)
            assert victim.poll() is None and time.monotonic() < deadline, (tmp_path / "victim.log").read_text()
            time.sleep(0.05)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(10)
        killed_at = time.time()
    finally:
        stop(victim)
    fetched_by_victim = {p for p, _ in site.pages()}

    con = connect(db)
    try:
        claims = dict(con.execute("SELECT url, claimed_at FROM crawl_claims").fetchall())
        expected = site.page_urls()
        assert set(claims) == set(expected)  # the dead run's whole batch is claimed, nothing archived
        assert con.execute("SELECT count(*) FROM raw_pages").fetchone()[0] == 0
        # another run asking within the TTL gets nothing: the claims are young
        assert killed_at - max(claims.values()) < ttl and claim_urls(con, expected, "other", ttl) == []
    finally:
        con.close()

    time.sleep(max(0.0, max(claims.values()) + ttl - time.time()) + 0.2)  # the claims have expired
    before = len(site.log)
    stats = result(start_run([str(sources), str(db), str(go)], env, tmp_path / "later.log"), tmp_path / "later.log")
    assert stats["fetched"] == len(expected)  # nothing lost: the later run fetched what the dead one held
    pages = archived(db)
    assert sorted(pages) == sorted(expected) and max(pages.values()) == 1
    later = site.pages(before)
    assert Counter(p for p, _ in later) == Counter(u.removeprefix(site.base) for u in expected)
    assert fetched_by_victim <= {p for p, _ in later}  # only the dead run's unarchived pages come twice
    assert_polite(later)


#: a pipeline run (crawl then extract on the Dask cluster at argv[4]) that starts when the file ``go`` appears
PIPELINE = """
import json, sys, time
from pathlib import Path
from flows.pipeline import pipeline
import os
from prefect import flow
flow(name="warm-up")(lambda: None)()  # the Prefect client and its API connection ready before the go
go = Path(sys.argv[3])
go.with_name(f"{go.name}.ready.{os.getpid()}").touch()
while not go.exists():
    time.sleep(0.01)
out = pipeline(sources_file=sys.argv[1], db=sys.argv[2], shared=True, dask=sys.argv[4])
print("RESULT " + json.dumps({**out["crawl"], **{"added_" + k: v for k, v in out["added"].items()}}), flush=True)
"""


def test_two_pipeline_runs_on_a_dask_cluster_land_every_article_once(tmp_path, api_env, site):
    """Issue 20's whole path: a Dask scheduler and 2 worker processes on 127.0.0.1 (their Prefect API the same
    server), and two shared pipeline runs at once crawling the sample site and extracting on that cluster into one
    warehouse: each page fetched once, the host delay kept across both runs, every article landed once."""
    from distributed import LocalCluster

    db, go = migrated(tmp_path / "w.duckdb"), tmp_path / "go"
    sources = sources_file(tmp_path, site.base)
    env = {**api_env, "NEWSFACTS_SHARED_CRAWL_BATCH": "3"}
    logs = [tmp_path / "run1.log", tmp_path / "run2.log"]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      env={"PREFECT_API_URL": api_env["PREFECT_API_URL"]}) as cluster:
        assert len(cluster.scheduler_info["workers"]) == 2
        procs = [subprocess.Popen([sys.executable, "-c", PIPELINE, str(sources), str(db), str(go),
                                   cluster.scheduler_address], env=env, cwd=ROOT, stdout=log.open("w"),
                                  stderr=subprocess.STDOUT, start_new_session=True) for log in logs]
        try:
            start_together(go, procs)
            stats = [result(p, log, timeout=400) for p, log in zip(procs, logs, strict=True)]
        finally:
            for p in procs:
                stop(p)

    expected = {u.removeprefix(site.base) for u in site.page_urls()}
    fetched = Counter(p for p, _ in site.pages())
    assert set(fetched) == expected and max(fetched.values()) == 1, fetched
    assert_polite(site.pages())
    assert all(s["fetched"] > 0 for s in stats), stats
    assert sum(s["added_articles"] for s in stats) == len(article_urls(site.base)), stats
    con = duckdb.connect(str(db), read_only=True)
    try:
        urls = [r[0] for r in con.execute("SELECT url FROM articles").fetchall()]
        doubled = con.execute("SELECT count(*) FROM (SELECT article_id, start_char FROM person_mentions "
                              "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
        batches = con.execute("SELECT count(*), count(loaded_at) FROM staged_batches").fetchone()
        pending = con.execute("SELECT count(*) FROM raw_pages WHERE extracted_at IS NULL").fetchone()[0]
    finally:
        con.close()
    assert sorted(urls) == sorted(article_urls(site.base))  # every article once
    assert doubled == 0
    assert batches[0] >= 1 and batches[0] == batches[1]  # extracted on the cluster, every staged batch loaded
    assert pending == 0
    assert not list((tmp_path / "w.duckdb.staging").glob("*.parquet"))
