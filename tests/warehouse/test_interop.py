"""The warehouse file opens in the stock DuckDB command line (duckdb-cli 1.5.x, a dev dependency)."""

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.db import STORAGE_VERSION, connect

DUCKDB_CLI = Path(sys.executable).with_name("duckdb")
# duckdb-cli 1.5.6 reads storage versions up to 68; duckdb 2.0 writes 69.
NEWEST_CLI_READABLE = 68


def cli(path: Path, sql: str) -> subprocess.CompletedProcess:
    if not DUCKDB_CLI.exists():
        pytest.fail(f"{DUCKDB_CLI} is missing: install the dev dependency duckdb-cli (`make install`)")
    return subprocess.run([str(DUCKDB_CLI), "-readonly", "-json", str(path), "-c", sql],
                          capture_output=True, text=True, timeout=60)


def test_the_duckdb_cli_reads_tables_and_views(warehouse_file):
    version = subprocess.run([str(DUCKDB_CLI), "--version"], capture_output=True, text=True).stdout
    assert version.startswith("v1.5."), version
    result = cli(warehouse_file, "SELECT name, articles FROM people ORDER BY name")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"name": "Siarhei Tsikhanouski", "articles": 1},
                                         {"name": "Sviatlana Tsikhanouskaya", "articles": 2}]
    result = cli(warehouse_file, "SELECT count(*) AS n FROM facts")
    assert json.loads(result.stdout) == [{"n": 14}]


def test_new_files_use_a_storage_version_the_cli_reads(tmp_path):
    path = tmp_path / "w.duckdb"
    connect(path).close()
    with path.open("rb") as f:
        header = f.read(20)
    assert header[8:12] == b"DUCK"
    storage_version = struct.unpack("<Q", header[12:20])[0]
    assert storage_version <= NEWEST_CLI_READABLE
    con = connect(path, read_only=True)
    tags = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    assert tags["storage_version"].startswith(STORAGE_VERSION)
