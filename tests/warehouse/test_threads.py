"""A process confined to fewer CPUs than the machine has gives DuckDB that many threads, not one per CPU."""

import os
import subprocess
import sys

import pytest

CHILD = """
import os, sys
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
from warehouse.db import connect
for read_only in (False, True):
    con = connect(sys.argv[1], read_only=read_only)
    print(con.execute("SELECT current_setting('threads')").fetchone()[0])
    con.close()
"""


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs a process allowed on two CPUs or more")
def test_one_cpu_one_thread(tmp_path):
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "w.duckdb")], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["1", "1"]


def test_all_cpus_keep_duckdbs_default(tmp_path):
    import duckdb

    from warehouse.db import connect, usable_cpus

    default = duckdb.connect(":memory:").execute("SELECT current_setting('threads')").fetchone()[0]
    con = connect(tmp_path / "w.duckdb")
    try:
        threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    finally:
        con.close()
    assert threads == (default if usable_cpus() == (os.cpu_count() or 1) else usable_cpus())
