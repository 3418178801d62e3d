"""The crawl lock: one crawl per warehouse; a second waits, then is refused with the holder named; SIGKILL frees it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from warehouse.crawl_lock import CrawlLockBusyError, crawl_lock, lock_holder, lock_path

HOLD = ("import sys, time\nfrom warehouse.crawl_lock import crawl_lock\n"
        "with crawl_lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(float(sys.argv[2]))\n")


def hold(db: Path, seconds: float = 60) -> subprocess.Popen:
    """Another process holding ``db``'s crawl lock for ``seconds``."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_crawl_is_refused_naming_the_holder_and_sigkill_frees_the_lock(tmp_path):
    db = tmp_path / "w.duckdb"
    assert lock_holder(db) is None
    proc = hold(db)
    try:
        pid, started = lock_holder(db)
        assert pid == proc.pid and isinstance(started, datetime)
        assert lock_path(db) == tmp_path / "w.duckdb.crawl.lock"
        t0 = time.monotonic()
        with pytest.raises(CrawlLockBusyError) as err, crawl_lock(db, timeout=0.5):
            pass
        assert 0.4 <= time.monotonic() - t0 < 5
        msg = str(err.value)
        assert msg.startswith(f"another crawl (PID {proc.pid}, started {started:%Y-%m-%d %H:%M:%S}) holds {db}; "
                              "it will finish on its own — wait, or stop it")
        assert "\n" not in msg
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert lock_holder(db) is None  # the OS released it with the process
        with crawl_lock(db, timeout=0):
            assert lock_holder(db)[0] == os.getpid()
        assert lock_holder(db) is None
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()


def test_a_second_crawl_waits_for_the_first_to_finish(tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    proc = hold(db, seconds=1.0)
    seen = []
    try:
        monkeypatch.setenv("NEWSFACTS_LOCK_TIMEOUT", "20")  # the default wait comes from the environment
        with crawl_lock(db, on_wait=seen.append):
            assert lock_holder(db)[0] == os.getpid()
        assert [h[0] for h in seen] == [proc.pid]
    finally:
        proc.wait(10)
        proc.stdout.close()


def test_re_entrant_in_one_thread_exclusive_between_threads(tmp_path):
    db = tmp_path / "w.duckdb"
    errors = []

    def other() -> None:  # another open file description: flock refuses it although it is the same process
        try:
            with crawl_lock(db, timeout=0.2):
                pass
        except CrawlLockBusyError as exc:
            errors.append(exc)

    with crawl_lock(db), crawl_lock(db):  # the CLI, then the flow it runs
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(10)
        assert len(errors) == 1 and f"PID {os.getpid()}" in str(errors[0])
    assert lock_holder(db) is None


SHARED_HOLD = ("import sys, time\nfrom warehouse.crawl_lock import crawl_lock\n"
               "with crawl_lock(sys.argv[1], shared=True):\n    print('held', flush=True)\n    time.sleep(60)\n")


def test_shared_crawls_hold_the_lock_together_but_never_beside_a_default_crawl(tmp_path):
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", SHARED_HOLD, str(db)], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    try:
        assert proc.stdout.readline().strip() == "held"
        with crawl_lock(db, timeout=0, shared=True):  # a second shared-mode crawl: beside it
            pass
        with pytest.raises(CrawlLockBusyError), crawl_lock(db, timeout=0.3):  # a default-mode crawl: not
            pass
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()
    default = hold(db)
    try:
        with pytest.raises(CrawlLockBusyError, match=f"PID {default.pid}"), crawl_lock(db, timeout=0.3, shared=True):
            pass
    finally:
        default.kill()
        default.wait(10)
        default.stdout.close()
