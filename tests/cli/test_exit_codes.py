"""`newsfacts crawl` exit codes: 3 when every fetch failed, 0 (with the count) when only some did.

Real crawls (ephemeral Prefect API, loopback HTTP) in subprocesses whose stderr is a pipe, so
their progress is the plain one-line-per-batch kind, checked here too.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.sources import sample_site_sources, write_sources
from newsfacts.demo_site import load_articles
from newsfacts.demo_site.render import wire_articles
from newsfacts.demo_site.server import serve_site

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))


def dead_port() -> int:
    """A loopback port with nothing listening (bound then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dead_source(port: int) -> dict:
    return {"name": "dead", "urls": [f"http://127.0.0.1:{port}/news/gone"], "allow_private": True,
            "crawl_delay": 0.0}


def run_crawl(tmp_path: Path, sources: list[dict]) -> subprocess.CompletedProcess:
    path = write_sources(tmp_path / "sources.yaml", sources)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run([NEWSFACTS, "crawl", "--sources", str(path), "--db", str(tmp_path / "w.duckdb")],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


def test_every_fetch_failed_exits_3_with_one_line(tmp_path):
    result = run_crawl(tmp_path, [dead_source(dead_port())])
    assert result.returncode == 3, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: every fetch failed (1 of 1: no page fetched, no feed or sitemap answered); "
                      "`newsfacts failures` lists why"]
    assert "1 page failed: `newsfacts failures` lists them" in result.stdout
    assert "Traceback" not in result.stderr


def test_partial_failure_exits_0_and_says_how_many(tmp_path):
    with serve_site() as base:
        result = run_crawl(tmp_path, [*sample_site_sources(base), dead_source(dead_port())])
    assert result.returncode == 0, result.stderr[-3000:]
    out, err = result.stdout, result.stderr
    assert "1 page failed: `newsfacts failures` lists them" in out
    assert "1 page skipped as not articles" in out  # the home page: a skip, not a failure
    assert "added: {" not in out and "warehouse: " not in out  # a table, not a dict
    rows = {line.split("  ")[1].strip(): line.split()[-1] for line in out.splitlines()
            if line.startswith("  ") and line.split("  ")[1].strip()}
    assert rows["failed"] == "1" and rows["skipped: not articles"] == "1" and int(rows["articles"]) >= 8
    # not a terminal: one plain line per batch and stage, in order
    lines = [line for line in err.splitlines() if line.split(" ")[0] in ("discovered", "fetched", "extracted",
                                                                          "loaded")]
    assert [line.split(" ")[0] for line in lines] == ["discovered", "fetched", "discovered", "fetched",
                                                      "extracted", "loaded"], err
    site = len(load_articles()) + len(wire_articles()) + 1  # the sitemap's pages: articles, the wire copy, home
    assert lines[1].startswith(f"fetched {site}/{site} pages (") and lines[1].endswith(f"/s): {site} ok, 0 failed")
    assert lines[3].startswith(f"fetched {site + 1}/{site + 1} pages (") and lines[3].endswith(f"{site} ok, 1 failed")
    assert "\x1b[" not in err  # no terminal escapes in a log
