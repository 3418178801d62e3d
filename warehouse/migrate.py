"""Apply the numbered ``schema/NNN_name.sql`` files in order, once each.

Each file runs in one transaction together with its ledger row in
``schema_migrations``, so a failed migration leaves nothing half-applied and
stays pending. A file newer than the code (a higher version in the ledger than
any file here) is refused: old code must not write to a newer schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

SCHEMA_DIR = Path(__file__).with_name("schema")
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


class MigrationError(Exception):
    """A migration that failed or a warehouse this code cannot handle."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def available(schema_dir: Path = SCHEMA_DIR) -> list[Migration]:
    """The migrations shipped with the code, in version order."""
    out = []
    for p in sorted(schema_dir.glob("*.sql")):
        m = _NAME.match(p.name)
        if not m:
            raise MigrationError(f"{p}: migration files must be named NNN_name.sql")
        out.append(Migration(int(m.group(1)), m.group(2), p))
    return out


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied version, 0 for an empty database."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection, schema_dir: Path = SCHEMA_DIR) -> list[int]:
    """Bring the database up to the newest version; return the versions applied."""
    migrations = available(schema_dir)
    newest = migrations[-1].version if migrations else 0
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    have = current_version(con)
    if have > newest:
        raise MigrationError(
            f"warehouse schema version {have} is newer than this code knows ({newest}); "
            "upgrade newsfacts or use another --db file"
        )
    applied = []
    for mig in migrations:
        if mig.version <= have:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(mig.path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [mig.version, mig.name])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise MigrationError(f"{mig.path.name}: {exc}") from exc
        applied.append(mig.version)
    return applied
