"""Both flows that crawl (pipeline, crawl) and `newsfacts crawl` take the warehouse's crawl lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.crawl import crawl
from flows.pipeline import pipeline
from warehouse.crawl_lock import CrawlLockBusyError

ROOT = Path(__file__).resolve().parents[2]
HOLD = ("import sys, time\nfrom warehouse.crawl_lock import crawl_lock\n"
        "with crawl_lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n")
NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))
SOURCES = [{"name": "x", "urls": ["http://127.0.0.1:9/a"], "allow_private": True, "crawl_delay": 0}]


def hold(db: Path) -> subprocess.Popen:
    """Another process holding ``db``'s crawl lock."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.mark.parametrize("flow", [crawl, pipeline], ids=["crawl", "pipeline"])
def test_flows_refuse_to_run_beside_another_crawl(flow, tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    monkeypatch.setenv("NEWSFACTS_LOCK_TIMEOUT", "0.3")
    proc = hold(db)
    try:
        with pytest.raises(CrawlLockBusyError, match=f"another crawl \\(PID {proc.pid}"):
            flow.fn(sources=SOURCES, db=str(db))  # the flow's body, as a deployment run executes it
        assert not db.exists()  # nothing fetched, nothing written
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()


def test_cli_crawl_says_who_holds_the_warehouse_in_one_line(tmp_path):
    db = tmp_path / "w.duckdb"
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n  - name: x\n    urls: [http://127.0.0.1:9/a]\n    allow_private: true\n")
    proc = hold(db)
    try:
        env = {**os.environ, "NEWSFACTS_LOCK_TIMEOUT": "0.3", "PREFECT_HOME": str(tmp_path / "prefect")}
        result = subprocess.run([NEWSFACTS, "crawl", "--sources", str(sources), "--db", str(db)], cwd=ROOT,
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert lines[0] == f"waiting for the crawl (PID {proc.pid}) that holds {db}.crawl.lock"
        assert lines[-1].startswith(f"error: another crawl (PID {proc.pid}, started ")
        assert f"holds {db}; it will finish on its own — wait, or stop it" in lines[-1]
        assert len(lines) == 2
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()
