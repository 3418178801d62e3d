"""`newsfacts failures`: failed pages and feeds, newest first, filtered by stage and age, from a read-only open."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from newsfacts.cli_failures import parse_since
from warehouse.db import connect

NOW = datetime.now()


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "w.duckdb")
    con = connect(path)
    con.executemany("INSERT INTO fetch_failures (url, stage, reason, failed_at) VALUES (?, ?, ?, ?)", [
        ("http://a.test/feed.xml", "discover", "HTTP 500", NOW - timedelta(days=3)),
        ("http://a.test/gone", "fetch", "http://a.test/gone: HTTP 404", NOW - timedelta(hours=2)),
        ("http://a.test/slow", "fetch", "http://a.test/slow: timed out", NOW - timedelta(minutes=5)),
        ("http://a.test/empty", "extract", "http://a.test/empty: empty document", NOW - timedelta(minutes=1)),
    ])
    utc = datetime.utcnow()
    con.executemany("INSERT INTO crawl_state (url, kind, outcome, reason, checked_at) VALUES (?, 'page', ?, ?, ?)", [
        ("http://a.test/gone", "failed", "http://a.test/gone: HTTP 404", utc),
        ("http://a.test/slow", "retry", "http://a.test/slow: timed out", utc),
        ("http://a.test/empty", "failed", "http://a.test/empty: empty document", utc),
        ("http://a.test/old", "failed", "gave up after 3 attempts: HTTP 503", utc - timedelta(days=10)),
        ("http://a.test/", "not_article", "http://a.test/: not an article (og:type 'website'); skipped", utc),
    ])
    con.close()
    return path


def run(*args: str):
    result = CliRunner().invoke(app, ["failures", *args])
    assert result.exit_code == 0, result.output
    return result.output


def urls(output: str) -> list[str]:
    return [line.split()[0] for line in output.splitlines() if line.startswith("http")]


def test_lists_failures_newest_first_with_what_became_of_them(db):
    out = run("--db", db)
    assert urls(out) == ["http://a.test/empty", "http://a.test/slow", "http://a.test/gone",
                         "http://a.test/feed.xml", "http://a.test/old"]  # old: given up, no failure row
    assert out.splitlines()[0].split() == ["url", "stage", "reason", "when", "state"]
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("http")}
    assert "given up" in lines["http://a.test/gone"] and "retried next run" in lines["http://a.test/slow"]
    assert "gave up after 3 attempts" in lines["http://a.test/old"]
    assert "http://a.test/ " not in out  # a skip is no failure


def test_limit_stage_and_since(db):
    out = run("--db", db, "--limit", "2")
    assert urls(out) == ["http://a.test/empty", "http://a.test/slow"] and "2 of 5 failures shown" in out
    assert urls(run("--db", db, "--stage", "fetch")) == ["http://a.test/slow", "http://a.test/gone", "http://a.test/old"]
    assert urls(run("--db", db, "--since", "1h")) == ["http://a.test/empty", "http://a.test/slow"]
    assert urls(run("--db", db, "--since", (NOW - timedelta(days=1)).date().isoformat(), "--stage", "discover")) == []
    assert "no failures matching" in run("--db", db, "--since", "10s", "--stage", "discover")


def test_skipped_lists_the_pages_that_are_not_articles(db):
    out = run("--db", db, "--skipped")
    assert urls(out) == ["http://a.test/"] and "not an article" in out


def test_bad_options_and_no_warehouse(tmp_path, db):
    assert CliRunner().invoke(app, ["failures", "--db", db, "--stage", "load"]).exit_code == 2
    assert CliRunner().invoke(app, ["failures", "--db", db, "--since", "yesterday"]).exit_code == 2
    missing = CliRunner().invoke(app, ["failures", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no warehouse at" in missing.output


def test_read_only_beside_another_reader(db):
    """Another process reading the file locks writers out, not readers: a read-only open lists at once."""
    hold = ("import sys, duckdb, time\ncon = duckdb.connect(sys.argv[1], read_only=True)\nprint('held', flush=True)\n"
            "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", hold, db], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        assert "http://a.test/gone" in run("--db", db, "--wait", "0")
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()


def test_parse_since():
    now = datetime(2025, 6, 2, 12, 0)
    assert parse_since("6h", now) == datetime(2025, 6, 2, 6, 0)
    assert parse_since("2d", now) == datetime(2025, 5, 31, 12, 0)
    assert parse_since("2025-06-01") == datetime(2025, 6, 1)
    assert parse_since(None) is None
