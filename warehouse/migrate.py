"""Apply the numbered ``schema/NNN_name.sql`` files once each, then install the views.

Each migration file runs in one transaction together with its ledger row in
``schema_migrations``, so a failed migration leaves nothing half-applied and
stays pending. Every version missing from the ledger is applied, not only
those above the highest one: migrations written on different branches
(003 landing after 004) still reach every file. A file holding a version this
code does not ship is refused: old code must not write to a newer schema.

Views are not numbered migrations: they are derived, hold no data, and are
edited often. The files in ``views/`` are installed with ``CREATE OR REPLACE
VIEW`` whenever their text differs from the hashes recorded in
``schema_views`` (created by migration 004), so any warehouse file, old or
new, gets the views of the code that last opened it for writing. Views are
installed in file-name order: a view that uses another must sort after it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

SCHEMA_DIR = Path(__file__).with_name("schema")
VIEWS_DIR = Path(__file__).with_name("views")
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_VIEW_NAME = re.compile(r"^[a-z][a-z0-9_]*\.sql$")


class WarehouseError(Exception):
    """Base of every warehouse error; the message names the object and the fix.

    Defined here because every other warehouse module imports this one.
    """


class MigrationError(WarehouseError):
    """A migration that failed or a warehouse this code cannot handle."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


@dataclass(frozen=True)
class View:
    name: str
    path: Path
    sha256: str


def available(schema_dir: Path = SCHEMA_DIR) -> list[Migration]:
    """The migrations shipped with the code, in version order."""
    out = []
    for p in sorted(schema_dir.glob("*.sql")):
        m = _NAME.match(p.name)
        if not m:
            raise MigrationError(f"{p}: migration files must be named NNN_name.sql")
        out.append(Migration(int(m.group(1)), m.group(2), p))
    versions = [m.version for m in out]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"{schema_dir}: two migration files share a version number; renumber one")
    return out


def shipped_views(views_dir: Path = VIEWS_DIR) -> list[View]:
    """The view definitions shipped with the code, in install order (file name)."""
    out = []
    for p in sorted(views_dir.glob("*.sql")):
        if not _VIEW_NAME.match(p.name):
            raise MigrationError(f"{p}: view files must be named after their view, e.g. people.sql")
        out.append(View(p.stem, p, hashlib.sha256(p.read_bytes()).hexdigest()))
    return out


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main' "
        "AND database_name = current_database()", [name]
    ).fetchone()[0] > 0


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Versions recorded in the ledger; empty for a database without one."""
    if not _table_exists(con, "schema_migrations"):
        return set()
    return {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied version, 0 for an empty database."""
    return max(applied_versions(con), default=0)


def check_not_newer(con: duckdb.DuckDBPyConnection, schema_dir: Path = SCHEMA_DIR) -> None:
    """Refuse a warehouse holding a migration this code does not ship (written by newer code)."""
    known = {m.version for m in available(schema_dir)}
    unknown = sorted(applied_versions(con) - known)
    if unknown:
        raise MigrationError(
            f"warehouse schema version {', '.join(map(str, unknown))} is newer than this code knows "
            f"(it ships {', '.join(map(str, sorted(known))) or 'none'}); upgrade newsfacts, or use another --db file "
            "(the stock `duckdb` command line can still read this one)"
        )


def pending(con: duckdb.DuckDBPyConnection, schema_dir: Path = SCHEMA_DIR) -> list[Migration]:
    """Shipped migrations not yet applied to this database, in version order."""
    have = applied_versions(con)
    return [m for m in available(schema_dir) if m.version not in have]


def migrate(con: duckdb.DuckDBPyConnection, schema_dir: Path = SCHEMA_DIR) -> list[int]:
    """Bring the database up to the newest version; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    check_not_newer(con, schema_dir)
    applied = []
    for mig in pending(con, schema_dir):
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


def views_stale(con: duckdb.DuckDBPyConnection, views_dir: Path = VIEWS_DIR) -> bool:
    """True when the installed views differ from the shipped ones (or were never installed)."""
    if not _table_exists(con, "schema_views"):
        return bool(shipped_views(views_dir))
    recorded = dict(con.execute("SELECT name, sha256 FROM schema_views").fetchall())
    return recorded != {v.name: v.sha256 for v in shipped_views(views_dir)}


def install_views(con: duckdb.DuckDBPyConnection, views_dir: Path = VIEWS_DIR) -> list[str]:
    """(Re)create every shipped view if any changed; drop views this code no longer ships.

    Returns the names installed (empty when nothing changed). Views an analyst
    created by hand are never touched: only names recorded in ``schema_views``
    are dropped. All in one transaction.
    """
    if not views_stale(con, views_dir):
        return []
    if not _table_exists(con, "schema_views"):
        raise MigrationError("table schema_views is missing; run migrate() first (migration 004 creates it)")
    views = shipped_views(views_dir)
    shipped = {v.name for v in views}
    con.execute("BEGIN TRANSACTION")
    current = None
    try:
        for (name,) in con.execute("SELECT name FROM schema_views").fetchall():
            if name not in shipped:
                current = name
                con.execute(f'DROP VIEW IF EXISTS "{name}"')
        con.execute("DELETE FROM schema_views")
        for v in views:
            current = v.path.name
            con.execute(v.path.read_text(encoding="utf-8"))
            if not con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND NOT internal",
                               [v.name]).fetchone()[0]:
                raise MigrationError(f"{v.path}: must create the view {v.name!r} (CREATE OR REPLACE VIEW {v.name})")
            con.execute("INSERT INTO schema_views (name, sha256) VALUES (?, ?)", [v.name, v.sha256])
        con.execute("COMMIT")
    except MigrationError:
        con.execute("ROLLBACK")
        raise
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise MigrationError(f"view {current}: {exc}; fix the file (a view that uses another must sort after it)") \
            from exc
    return [v.name for v in views]


def needs_upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    """True for a warehouse (one with a ledger) whose migrations or views are behind this code."""
    if not _table_exists(con, "schema_migrations"):
        return False
    return bool(pending(con)) or views_stale(con)


def upgrade(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Migrate to the newest schema and install the views; return the migration versions applied."""
    applied = migrate(con)
    install_views(con)
    return applied
