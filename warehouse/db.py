"""Open the warehouse: one DuckDB file, migrated on first write."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.migrate import migrate

DEFAULT_DB = Path("warehouse") / "newsfacts.duckdb"
ENV_DB = "NEWSFACTS_DB"


def db_path(explicit: str | Path | None = None) -> Path:
    """``--db`` if given, else ``$NEWSFACTS_DB``, else ``warehouse/newsfacts.duckdb``."""
    return Path(explicit or os.environ.get(ENV_DB) or DEFAULT_DB)


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file; a writable one is migrated to the newest schema."""
    p = db_path(path)
    if read_only:
        if not p.exists():
            raise FileNotFoundError(f"no warehouse at {p}; run `newsfacts demo` or a crawl first, or pass --db")
        return duckdb.connect(str(p), read_only=True)
    p.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(p))
    migrate(con)
    return con


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per core table, for summaries and idempotency checks."""
    tables = ["articles", "article_urls", "persons", "person_aliases", "person_mentions", "counts", "dates"]
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
