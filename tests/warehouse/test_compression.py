"""A writer's checkpoints store strings without FSST (``warehouse.db.DISABLED_COMPRESSION``), and a file
holding FSST segments written by another DuckDB client reads and grows the same."""

import duckdb

from warehouse.db import connect

#: distinct sentences (no dictionary pays on them): a stock DuckDB checkpoint compresses them with FSST
ROWS = [(f"a{i}", f"The court in Minsk said on Thursday that {i} prisoners had been freed after talks.")
        for i in range(3000)]


def _insert(con: duckdb.DuckDBPyConnection, first: int, last: int) -> None:
    """ROWS[first:last], made in SQL (a parameter a row would take seconds), then a checkpoint."""
    con.execute("INSERT INTO notes SELECT 'a' || i, 'The court in Minsk said on Thursday that ' || i || "
                f"' prisoners had been freed after talks.' FROM range({first}, {last}) r(i)")
    con.execute("CHECKPOINT")


def _compressions(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT DISTINCT compression FROM pragma_storage_info('notes') WHERE column_name = 'body'").fetchall()}


def test_writer_checkpoints_skip_fsst(tmp_path):
    db = tmp_path / "w.duckdb"
    con = connect(db)
    try:
        con.execute("CREATE TABLE notes (id VARCHAR, body VARCHAR)")
        _insert(con, 0, len(ROWS))
        kinds = _compressions(con)
        assert con.execute("SELECT id, body FROM notes ORDER BY rowid").fetchall() == ROWS
    finally:
        con.close()
    assert "FSST" not in kinds and kinds  # the setting took: the same rows get FSST from a stock client (below)


def test_fsst_segments_of_another_client_read_and_grow(tmp_path):
    db = tmp_path / "w.duckdb"
    connect(db).close()
    stock = duckdb.connect(str(db))  # DuckDB's defaults: FSST allowed
    try:
        stock.execute("CREATE TABLE notes (id VARCHAR, body VARCHAR)")
        _insert(stock, 0, 2000)
        assert "FSST" in _compressions(stock)
    finally:
        stock.close()
    con = connect(db)
    try:
        _insert(con, 2000, len(ROWS))
        assert con.execute("SELECT id, body FROM notes ORDER BY rowid").fetchall() == ROWS
    finally:
        con.close()
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT id, body FROM notes ORDER BY rowid").fetchall() == ROWS
    finally:
        con.close()
