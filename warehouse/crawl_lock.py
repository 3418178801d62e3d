"""One crawl at a time per warehouse: a lock file ``<db>.crawl.lock`` held for a whole crawl or pipeline run.

Two crawls on one warehouse would fetch and archive every page twice and
ignore each other's crawl delay. DuckDB's own file lock does not stop that: a
crawl holds its connection only while it archives a batch. So a crawl takes an
exclusive ``fcntl.flock`` on the lock file beside the warehouse for its whole
run. The operating system releases it when the process ends in any way,
``SIGKILL`` included, so a dead crawl never leaves a stale lock; the file
itself stays (deleting a lock file races with a process about to lock it).
While held, the file holds the holder's PID and start time, for messages.

A second crawl waits for the lock up to ``NEWSFACTS_LOCK_TIMEOUT`` seconds (30
by default, as for the warehouse file), then fails with one line naming the
holder. The lock is re-entrant within one thread, so the command line can take
it before starting Prefect and the flow it runs takes it again at no cost.

The shared crawl mode (crawls side by side, kept apart by claims on URLs) takes the lock *shared*
(``shared=True``, ``LOCK_SH``): shared crawls run together, but never beside a crawl of the default
mode, which claims nothing. Plain library: no Prefect.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from warehouse.migrate import WarehouseError
from warehouse.paths import ENV_LOCK_TIMEOUT, db_path, lock_timeout

__all__ = ["CrawlLockBusyError", "crawl_lock", "lock_holder", "lock_path"]

_held: dict[tuple[str, int], int] = {}  # (lock file, thread id) -> depth, for re-entry
_held_guard = threading.Lock()


class CrawlLockBusyError(WarehouseError):
    """Another crawl held the warehouse's crawl lock for longer than we were willing to wait."""


def lock_path(db: str | Path | None = None) -> Path:
    """``<db>.crawl.lock`` beside the warehouse file (``--db``, ``$NEWSFACTS_DB`` or the default)."""
    p = db_path(db)
    return p.with_name(p.name + ".crawl.lock")


def _read_holder(fd: int) -> tuple[int | None, datetime | None]:
    """(pid, started) written by the holder; ``None`` parts when it has not written them yet."""
    raw = os.pread(fd, 200, 0).decode("ascii", errors="replace").split()
    pid = int(raw[0]) if raw and raw[0].isdigit() else None
    try:
        started = datetime.fromisoformat(raw[1]) if len(raw) > 1 else None
    except ValueError:
        started = None
    return pid, started


def lock_holder(db: str | Path | None = None) -> tuple[int | None, datetime | None] | None:
    """``(pid, started)`` of the crawl holding ``db``'s crawl lock, or None when no crawl holds it.

    ``pid`` or ``started`` is None in the instant between a holder taking the lock and writing them.
    """
    path = lock_path(db)
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _describe(holder: tuple[int | None, datetime | None] | None) -> str:
    pid, started = holder or (None, None)
    parts = [f"PID {pid}" if pid else "PID unknown"]
    if started:
        parts.append(f"started {started:%Y-%m-%d %H:%M:%S}")
    return f"another crawl ({', '.join(parts)})"


@contextmanager
def crawl_lock(db: str | Path | None = None, timeout: float | None = None,
               on_wait: Callable[[tuple[int | None, datetime | None] | None], None] | None = None,
               shared: bool = False) -> Iterator[Path]:
    """Hold ``db``'s crawl lock for the ``with`` block; yield the lock file's path.

    Waits up to ``timeout`` seconds (else ``$NEWSFACTS_LOCK_TIMEOUT``, else 30) for a crawl holding it;
    ``on_wait(holder)`` is called once when the wait starts. Past the wait, raises CrawlLockBusyError
    with one line naming the holder. Re-entrant within a thread (in the same mode). ``shared``: held beside
    other shared holders, not beside an exclusive one; a shared holder writes no PID (there may be several).
    """
    path = lock_path(db)
    key = (os.path.abspath(path), threading.get_ident(), shared)
    with _held_guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield path
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    wait = lock_timeout(timeout)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        start, delay, told = time.monotonic(), 0.05, False
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - start
                if not told and on_wait is not None:
                    on_wait(_read_holder(fd))
                    told = True
                if waited >= wait:
                    raise CrawlLockBusyError(
                        f"{_describe(_read_holder(fd))} holds {db_path(db)}; it will finish on its own — wait, "
                        f"or stop it (waited {waited:.0f} s; wait longer with {ENV_LOCK_TIMEOUT}=SECONDS)"
                    ) from None
                time.sleep(min(delay, max(0.0, wait - waited)))
                delay = min(delay * 2, 1.0)
        if not shared:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {datetime.now().replace(microsecond=0).isoformat()}\n".encode(), 0)
        with _held_guard:
            _held[key] = 1
        try:
            yield path
        finally:
            with _held_guard:
                del _held[key]
            if not shared:
                os.ftruncate(fd, 0)  # still ours: nobody reads a PID that is gone
    finally:
        os.close(fd)  # releases the lock
