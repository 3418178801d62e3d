"""Open the warehouse: one DuckDB file, migrated on first write, shared between processes.

DuckDB lets one process write a file and locks every other process out of it,
readers included, for as long as the writer keeps its connection open (and a
reader's open connection locks writers out the same way). So every open here
waits for the lock with backoff instead of failing at once: an analyst's query
during a crawl waits for the crawl's load to close its connection, and a load
waits for an analyst's query to finish. Past the wait limit the error says who
holds the lock and what to do. Hold connections briefly: open, work, close
(``session`` does exactly that).

New files are created with a pinned storage version so that the stock DuckDB
command line a user can install (``duckdb-cli`` 1.5.x) opens them even if the
engine is upgraded later.
"""

from __future__ import annotations

import logging
import os
import random
import re
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.crawl_lock import lock_holder
from warehouse.migrate import MigrationError, WarehouseError, check_not_newer, needs_upgrade, upgrade
from warehouse.paths import (
    DB_FILENAME,
    ENV_DB,
    ENV_HOME,
    ENV_LOCK_TIMEOUT,
    db_path,
    home,
    lock_timeout,
)

__all__ = [
    "DB_FILENAME", "ENV_DB", "ENV_HOME", "ENV_LOCK_TIMEOUT", "STORAGE_VERSION", "MigrationError",
    "WarehouseBusyError", "WarehouseError", "WarehouseMissingError", "WarehousePathError", "check_path", "connect",
    "connect_analyst", "connect_brief", "db_path", "home", "lock_timeout", "objects", "session", "table_counts",
    "usable_cpus",
]

# Storage format of new files. v1.0.0 is storage version 64, which every DuckDB since
# 1.0 reads, including the duckdb-cli 1.5.6 on PyPI (it reads up to 68; duckdb 2.0
# writes 69 by default). Existing files keep the version they were created with.
STORAGE_VERSION = "v1.0.0"

# The analyst's connection (``connect_analyst``): the warehouse file and nothing else. No other file, URL or
# directory can be read or written (read_text, read_csv, glob, COPY, ATTACH, log and profiling files), no
# extension is installed or loaded behind the query's back, and no setting can be changed afterwards
# (SET/PRAGMA cannot turn any of this back on, nor point log_query_path at a file).
LOCKED_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}

_LOCK_MESSAGES = ("Could not set lock on file", "Conflicting lock")
_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")
_log = logging.getLogger(__name__)
#: ``on_wait(pid)``: called once, at the first lock conflict of an open, with the holder's PID (None: unknown)
OnWait = Callable[[int | None], None]


class WarehouseBusyError(WarehouseError):
    """Another process held the warehouse lock for longer than we were willing to wait."""


class WarehouseMissingError(WarehouseError, FileNotFoundError):
    """A read was asked of a warehouse file that does not exist."""


class WarehousePathError(WarehouseError):
    """The warehouse path is not a usable DuckDB file: a folder, another kind of file, unreadable, no folder."""


_DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def check_path(p: Path, write: bool = False) -> None:
    """Refuse, with one line, a warehouse path DuckDB could not use: a folder, a file that is not a DuckDB
    database, an unreadable file, or (``write``) a folder that cannot be made for a new file."""
    hint = "pass --db FILE.duckdb"
    if p.is_dir():
        raise WarehousePathError(f"{p} is not a DuckDB warehouse file (it is a folder); {hint}")
    if p.exists():
        try:
            with p.open("rb") as f:
                head = f.read(12)
        except OSError as exc:
            raise WarehousePathError(
                f"{p} is not a DuckDB warehouse file (cannot read it: {exc.strerror}); {hint}") from None
        if head[8:12] != _DUCKDB_MAGIC:
            what = "it is empty" if not head else "not a DuckDB database"
            raise WarehousePathError(f"{p} is not a DuckDB warehouse file ({what}); {hint}")
    elif write:
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehousePathError(
                f"cannot create the warehouse {p}: its folder {p.parent} cannot be made "
                f"({exc.strerror or exc}); {hint}") from None


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return isinstance(exc, duckdb.IOException) and any(m in str(exc) for m in _LOCK_MESSAGES)


def _busy_message(p: Path, exc: duckdb.Error, waited: float, read_only: bool) -> str:
    m = _HOLDER.search(str(exc))
    holder = f"process {m.group(2)} ({Path(m.group(1)).name})" if m else "another process"
    if read_only:
        what = (f"{holder} is writing to it (a crawl, `newsfacts demo` or `newsfacts review accept|reject`); "
                "DuckDB locks readers out while a writer has the file open")
    else:
        what = f"{holder} has it open (an analyst's query or another crawl); DuckDB allows one writer and no readers"
    return (f"warehouse {p} is locked: {what}. Waited {waited:.0f} s. Retry when it is done, wait longer with "
            f"--wait SECONDS or {ENV_LOCK_TIMEOUT}=SECONDS, or query a copy made when nothing was writing")


def waiting_message(p: Path, pid: int | None) -> str:
    """"waiting for the crawl (PID 42) that holds FILE", or for the process that holds it when that is no crawl."""

    crawl = lock_holder(p)
    if crawl is not None and (pid is None or crawl[0] in (pid, None)):
        return f"waiting for the crawl (PID {pid or crawl[0] or 'unknown'}) that holds {p}"
    return f"waiting for {f'the process (PID {pid})' if pid else 'another process'} that holds {p}"


def _log_waiting(p: Path) -> OnWait:
    """The default ``on_wait``: a WARNING record on this module's logger (the command line prints it as is)."""
    return lambda pid: _log.warning("%s", waiting_message(p, pid))


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask), which can be fewer than the machine has."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _thread_config() -> dict[str, int]:
    """``{"threads": N}`` when this process may use fewer CPUs than the machine has, else nothing.

    DuckDB starts a thread per CPU of the machine; a process confined to fewer CPUs (taskset, a container's
    cpuset) then has threads fighting over its CPUs: a batch's insert and checkpoint on one CPU took 17% longer
    with DuckDB's default of two threads than with one."""
    n = usable_cpus()
    return {"threads": n} if n < (os.cpu_count() or n) else {}


def _fit_threads(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Set ``threads`` on an open connection (see ``_thread_config``); a locked one gets it at connect."""
    for n in _thread_config().values():
        try:
            con.execute(f"SET threads = {n}")
        except BaseException:
            con.close()
            raise
    return con


#: compression a writer's checkpoints do not try: FSST (strings compressed by a symbol table). Deciding whether
#: FSST pays means compressing a sample of every string segment a checkpoint writes, at every checkpoint: on
#: 2,000 generated pages' facts, loaded 400 pages a batch, ~14% of the load's instructions (cachegrind; processor
#: time 2.06 -> 1.71 s on a quiet machine) for a file ~9% smaller (61 MB against 67). Strings are still
#: dictionary-compressed where that pays (repeated kinds, names, sentences); FSST segments written by another
#: client stay readable (tests/warehouse/test_compression.py).
DISABLED_COMPRESSION = "fsst"


def _writer_settings(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A writable connection's storage settings (``DISABLED_COMPRESSION``), then its threads (``_fit_threads``)."""
    try:
        con.execute(f"SET disabled_compression_methods = '{DISABLED_COMPRESSION}'")
    except BaseException:
        con.close()
        raise
    return _fit_threads(con)


def _open(p: Path, read_only: bool, timeout: float, locked: bool = False, on_wait: OnWait | None = None,
          first_delay: float = 0.05, max_delay: float = 1.0) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect`` that retries a lock conflict with jittered exponential backoff until ``timeout``.

    The backoff starts at ``first_delay`` s and doubles up to ``max_delay`` s.
    ``locked`` (read-only only) opens with ``LOCKED_CONFIG``; its thread count goes into the connect config,
    as a locked configuration cannot be changed once open. ``on_wait(pid)`` is called once, at the first
    conflict, when a second or more of waiting is allowed (default: a log record, see ``waiting_message``).
    """
    start = time.monotonic()
    delay = first_delay
    told = False
    while True:
        try:
            if locked:
                return duckdb.connect(str(p), read_only=True, config={**LOCKED_CONFIG, **_thread_config()})
            if read_only:
                return _fit_threads(duckdb.connect(str(p), read_only=True))
            if not p.exists():
                con = duckdb.connect(str(p), config={"storage_compatibility_version": STORAGE_VERSION})
            else:
                con = duckdb.connect(str(p))
            return _writer_settings(con)
        except duckdb.Error as exc:
            waited = time.monotonic() - start
            if not _is_lock_conflict(exc):
                raise
            if waited >= timeout:
                raise WarehouseBusyError(_busy_message(p, exc, waited, read_only)) from exc
            if not told and timeout - waited >= 1.0:  # a wait of under a second is not worth a line
                told, m = True, _HOLDER.search(str(exc))
                (on_wait or _log_waiting(p))(int(m.group(2)) if m else None)
            time.sleep(min(delay * random.uniform(0.75, 1.25), max(0.0, timeout - waited)))
            delay = min(delay * 2, max_delay)


def connect(path: str | Path | None = None, read_only: bool = False, *, timeout: float | None = None,
            locked: bool = False, on_wait: OnWait | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file, waiting up to ``timeout`` s for another process's lock.

    A writable connection is migrated to the newest schema and views first. A
    read-only connection to a warehouse whose schema is older than the code is
    upgraded in place first (briefly writable), so analysts' views exist in
    any file; a file written by newer code is refused in both modes.
    ``locked`` (read-only only): see ``connect_analyst``. ``on_wait``: see ``_open``.
    """
    if locked and not read_only:
        raise ValueError("a locked connection is read-only; pass read_only=True")
    p = db_path(path)
    wait = lock_timeout(timeout)
    check_path(p, write=not read_only)
    if read_only:
        if not p.exists():
            raise WarehouseMissingError(
                f"no warehouse at {p}; run `newsfacts demo` or a crawl first, or pass --db FILE")
        con = _open(p, True, wait, locked, on_wait)
        try:
            check_not_newer(con)
            stale = needs_upgrade(con)
        except BaseException:
            con.close()
            raise
        if not stale:
            return con
        con.close()
        _upgrade_in_place(p, wait, on_wait)
        return _open(p, True, wait, locked, on_wait)
    con = _open(p, False, wait, on_wait=on_wait)
    try:
        _upgrade(con)
    except BaseException:
        con.close()
        raise
    return con


def connect_brief(path: str | Path | None = None, *, timeout: float | None = None) -> duckdb.DuckDBPyConnection:
    """A writable connection for a transaction of milliseconds that many processes take in turn (crawl
    claims, host slots), to a warehouse this code has already migrated (``connect`` did, earlier in the run).

    Not migrated again (that costs as much as the transaction), and a lock conflict is retried every 5-50 ms
    (jittered) rather than with ``connect``'s backoff to a second: the holder is most often another such
    transaction, done in milliseconds, and a second of backoff would be a second of every crawler's time.
    Waits silently (a wait here is routine), up to ``timeout`` like ``connect``.
    """
    p = db_path(path)
    if not p.exists():
        raise WarehouseMissingError(f"no warehouse at {p}; open it with connect() first, which creates it")
    return _open(p, False, lock_timeout(timeout), on_wait=lambda pid: None, first_delay=0.005, max_delay=0.05)


def connect_analyst(path: str | Path | None = None, *, timeout: float | None = None,
                    on_wait: OnWait | None = None) -> duckdb.DuckDBPyConnection:
    """The connection analysts' SQL runs on (`newsfacts query`, `export`, the review listing).

    Read-only, and locked down (``LOCKED_CONFIG``): it reads the warehouse file and
    nothing else, loads no extension and its settings cannot be changed. Waits for
    another process's lock and upgrades an older file exactly as ``connect`` does.
    """
    return connect(path, read_only=True, timeout=timeout, locked=True, on_wait=on_wait)


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Newest schema and views (a no-op when current). Fingerprints of an older scheme are not touched here:
    the extract flow recomputes them (``warehouse.fingerprints.refresh``), so opening a file never loads NLP."""
    upgrade(con)


def _upgrade_in_place(p: Path, wait: float, on_wait: OnWait | None = None) -> None:
    """Bring an older warehouse up to date for a reader; a file we may not write is read as it is."""
    try:
        con = _open(p, False, wait, on_wait=on_wait)
    except duckdb.IOException as exc:  # e.g. a read-only file system or file permissions
        warnings.warn(f"warehouse {p} is older than this code and cannot be upgraded ({exc}); "
                      "reading it as it is: some views may be missing", stacklevel=3)
        return
    try:
        _upgrade(con)
    finally:
        con.close()


@contextmanager
def session(path: str | Path | None = None, read_only: bool = False, *,
            timeout: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """``with session(db) as con:`` — a connection closed on exit, so the file lock is held only that long."""
    con = connect(path, read_only, timeout=timeout)
    try:
        yield con
    finally:
        con.close()


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per core table, for summaries and idempotency checks."""
    tables = ["articles", "article_urls", "persons", "person_aliases", "person_mentions", "counts", "dates", "events"]
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def objects(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``(name, 'table' | 'view')`` for every table and view of the warehouse, tables first, by name."""
    return con.execute(
        "SELECT table_name, 'table' FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary "
        "UNION ALL "
        "SELECT view_name, 'view' FROM duckdb_views() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary "
        "ORDER BY 2, 1"
    ).fetchall()
