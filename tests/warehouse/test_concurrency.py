"""Two real processes on one warehouse file: a reader waits for a writer (and a writer for a reader).

DuckDB lets one process hold a writable file and locks every other process
out, readers included; `warehouse.db.connect` waits with backoff for the lock.
The writer here is a separate OS process that opens the warehouse the way a
crawl does, writes, and keeps the file open until told to stop.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warehouse.db import WarehouseBusyError, connect

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))

WRITER = """
import sys
from warehouse.db import connect
con = connect(sys.argv[1], timeout=30)
con.execute("BEGIN TRANSACTION")
con.execute("INSERT INTO persons VALUES ('p-new', 'Written During The Query', NULL)")
con.execute("COMMIT")
print("writing", flush=True)
sys.stdin.readline()          # hold the file, as a crawl's load does, until the test says stop
con.close()
print("closed", flush=True)
"""

OPENER = """
import sys
from warehouse.db import connect
print("opening", flush=True)
con = connect(sys.argv[1], timeout=30)
con.execute("INSERT INTO persons VALUES ('p-late', 'Waited For The Reader', NULL)")
con.close()
print("written", flush=True)
"""


def start(script: str, path: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc


def wait_for(proc: subprocess.Popen, word: str) -> None:
    line = proc.stdout.readline().strip()
    assert line == word, f"expected {word!r}, got {line!r}; stderr: {proc.stderr.read()[-2000:]}"


def release_later(proc: subprocess.Popen, seconds: float) -> None:
    """Tell the writer to close its connection after ``seconds``, from a helper thread."""
    import threading

    def go():
        time.sleep(seconds)
        proc.stdin.write("stop\n")
        proc.stdin.flush()

    threading.Thread(target=go, daemon=True).start()


def test_a_query_during_a_write_from_another_process_waits_and_succeeds(warehouse_file):
    writer = start(WRITER, warehouse_file)
    try:
        wait_for(writer, "writing")
        release_later(writer, 1.0)
        result = subprocess.run([NEWSFACTS, "query", "--db", str(warehouse_file), "--format", "csv",
                                 "SELECT name FROM persons WHERE id = 'p-new'"],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == ["name", "Written During The Query"]
        wait_for(writer, "closed")
    finally:
        writer.kill()
        writer.wait()


def test_a_reader_gives_up_after_the_limit_with_a_clear_message(warehouse_file):
    writer = start(WRITER, warehouse_file)
    try:
        wait_for(writer, "writing")
        with pytest.raises(WarehouseBusyError) as info:
            connect(warehouse_file, read_only=True, timeout=0.5)
        msg = str(info.value)
        assert str(warehouse_file) in msg and f"process {writer.pid}" in msg
        assert "writing to it" in msg and "--wait" in msg and "NEWSFACTS_LOCK_TIMEOUT" in msg
        env = {**os.environ, "NEWSFACTS_LOCK_TIMEOUT": "0.3"}
        cli = subprocess.run([NEWSFACTS, "query", "--db", str(warehouse_file), "SELECT 1"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
        assert cli.returncode == 1
        assert cli.stderr.startswith("error: warehouse") and "is locked" in cli.stderr
        assert "Traceback" not in cli.stderr
    finally:
        writer.kill()
        writer.wait()


def test_a_writer_waits_for_an_open_reader(warehouse_file):
    reader = connect(warehouse_file, read_only=True)
    opener = start(OPENER, warehouse_file)
    try:
        wait_for(opener, "opening")
        time.sleep(0.5)  # let the writer meet the reader's lock at least once
        assert reader.execute("SELECT count(*) FROM persons WHERE id = 'p-late'").fetchone()[0] == 0
        reader.close()
        wait_for(opener, "written")
        assert opener.wait(timeout=60) == 0
    finally:
        opener.kill()
        opener.wait()
    con = connect(warehouse_file, read_only=True)
    assert con.execute("SELECT name FROM persons WHERE id = 'p-late'").fetchone() == ("Waited For The Reader",)
    con.close()
