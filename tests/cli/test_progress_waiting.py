"""A reader blocked by a writer says so at once ("waiting for the crawl (PID …) that holds FILE"), not at timeout."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warehouse.db import connect, connect_analyst

ROOT = Path(__file__).resolve().parents[2]
NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))
#: a crawl as a reader sees it: the crawl lock and a writable DuckDB connection, held for argv[2] seconds
WRITER = ("import sys, time, duckdb\nfrom warehouse.crawl_lock import crawl_lock\n"
          "with crawl_lock(sys.argv[1]):\n    con = duckdb.connect(sys.argv[1])\n    print('held', flush=True)\n"
          "    time.sleep(float(sys.argv[2]))\n    con.close()\n")
PLAIN_WRITER = ("import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1])\nprint('held', flush=True)\n"
                "time.sleep(float(sys.argv[2]))\n")


def hold(db: Path, seconds: float, script: str = WRITER) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), str(seconds)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    assert proc.stdout.readline().strip() == "held"
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.wait(10)
    proc.stdout.close()


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "w.duckdb"
    connect(path).close()  # a migrated warehouse
    return path


def test_query_says_it_waits_at_once_then_runs(db):
    # the writer holds the file until the query has said it waits (however slowly the command starts on a
    # loaded machine), then a second longer; the query then runs
    writer = hold(db, 120.0)
    try:
        start = time.monotonic()
        proc = subprocess.Popen([NEWSFACTS, "query", "--db", str(db), "--wait", "60", "SELECT 42 AS answer"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        first = proc.stderr.readline()
        said_at = time.monotonic() - start
        time.sleep(1.0)
    finally:
        stop(writer)
    out, err = proc.communicate(timeout=60)
    done_at = time.monotonic() - start
    assert first == f"waiting for the crawl (PID {writer.pid}) that holds {db}\n"
    assert proc.returncode == 0 and "42" in out, err
    assert said_at < done_at - 1.0  # said while waiting, well before the query ran
    assert err == ""  # once, not once per retry


def test_query_that_times_out_said_it_was_waiting_first(db):
    writer = hold(db, 30.0)
    try:
        result = subprocess.run([NEWSFACTS, "query", "--db", str(db), "--wait", "1.5", "SELECT 1"],
                                capture_output=True, text=True, cwd=ROOT, timeout=60)
    finally:
        stop(writer)
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert lines[0] == f"waiting for the crawl (PID {writer.pid}) that holds {db}"
    assert lines[1].startswith(f"error: warehouse {db} is locked") and len(lines) == 2


def test_on_wait_is_called_once_with_the_holders_pid(db):
    writer = hold(db, 1.0, PLAIN_WRITER)  # a writer without the crawl lock: not called a crawl
    seen = []
    try:
        con = connect_analyst(db, timeout=20, on_wait=seen.append)
        con.close()
    finally:
        stop(writer)
    assert seen == [writer.pid]


def test_no_wait_no_message(db):
    writer = hold(db, 30.0, PLAIN_WRITER)
    seen = []
    try:
        with pytest.raises(Exception, match="is locked"):
            connect(db, read_only=True, timeout=0, on_wait=seen.append)
    finally:
        stop(writer)
    assert seen == []  # nothing to wait for: the error says it all


def test_default_names_a_process_that_is_no_crawl(db):
    """Without ``on_wait``, a WARNING record on warehouse.db (the command line prints it; a flow run logs it)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    log = logging.getLogger("warehouse.db")
    log.addHandler(handler)
    writer = hold(db, 1.0, PLAIN_WRITER)
    try:
        connect(db, read_only=True, timeout=20).close()
    finally:
        stop(writer)
        log.removeHandler(handler)
    assert [r.getMessage() for r in records] == [f"waiting for the process (PID {writer.pid}) that holds {db}"]
