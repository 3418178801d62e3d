"""Claims and host slots: several crawl processes sharing one warehouse without fetching twice or too fast.

DuckDB lets one process at a time open the file for writing, so each short
transaction here (open, claim or reserve, commit, close) runs alone: the
file lock is the mutex, and no other engine is needed on one machine.

- **Claims** (``crawl_claims``): before fetching a batch, a run claims its
  URLs. A URL already done (``crawl_state``/``article_urls``), tried by another
  run since this one started, or claimed by another live run is left out. Claims
  older than the TTL are dead (their run died) and are taken over.
- **Host slots** (``host_slots``): :class:`HostSlots` is the ``gate(host, delay)``
  that ``crawler.crawl.fetch_all`` calls before each request; it makes the
  per-host delay hold across every process, not only within one.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.crawl_state import FINAL_OUTCOMES
from warehouse.db import connect, connect_brief

#: a clock in Unix epoch seconds (``time.time``); tests pass their own
Clock = Callable[[], float]


def new_run_id() -> str:
    """``host:pid:uuid``: unique per crawl run, and says whose a stale claim was."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _in_transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], object]) -> object:
    con.execute("BEGIN TRANSACTION")
    try:
        out = work()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return out


def claim_urls(con: duckdb.DuckDBPyConnection, urls: Iterable[str], run_id: str, ttl: float,
               tried_since: datetime | None = None, now: float | None = None) -> list[str]:
    """Claim the URLs of ``urls`` no one else should fetch now; return them in their order.

    Left out: URLs done (a final outcome, or linked to an article), URLs another run tried since
    ``tried_since`` (naive UTC, this run's start: a transient failure is retried by the next run, not
    by a run beside it), and URLs another run claimed less than ``ttl`` seconds ago. Expired claims are
    deleted first, so a dead run's URLs are taken over. One transaction.
    """
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return []
    t = time.time() if now is None else now

    def work() -> list[str]:
        con.execute("DELETE FROM crawl_claims WHERE claimed_at < ?", [t - ttl])
        taken = {r[0] for r in con.execute(
            "SELECT url FROM crawl_claims WHERE run_id <> ? AND url IN (SELECT unnest(?))", [run_id, wanted]
        ).fetchall()}
        taken.update(r[0] for r in con.execute(
            "SELECT url FROM article_urls WHERE url IN (SELECT unnest(?))", [wanted]).fetchall())
        recent, params = ("", []) if tried_since is None else (" OR checked_at >= ?", [tried_since])
        taken.update(r[0] for r in con.execute(
            "SELECT url FROM crawl_state WHERE kind = 'page' AND url IN (SELECT unnest(?)) AND "
            f"(outcome IN (SELECT unnest(?)){recent})", [wanted, list(FINAL_OUTCOMES), *params]).fetchall())
        mine = [u for u in wanted if u not in taken]
        if mine:
            con.executemany("INSERT OR REPLACE INTO crawl_claims (url, run_id, claimed_at) VALUES (?, ?, ?)",
                            [(u, run_id, t) for u in mine])
        return mine

    return _in_transaction(con, work)  # type: ignore[return-value]


def release_claims(con: duckdb.DuckDBPyConnection, urls: Iterable[str], run_id: str) -> int:
    """Drop this run's claims on ``urls`` (archived or recorded as failed); return how many."""
    wanted = list(urls)
    if not wanted:
        return 0
    return con.execute("DELETE FROM crawl_claims WHERE run_id = ? AND url IN (SELECT unnest(?))",
                       [run_id, wanted]).fetchone()[0]


def renew_claims(con: duckdb.DuckDBPyConnection, run_id: str, now: float | None = None) -> None:
    """Keep this run's claims alive: a run still fetching is not dead, however long its batch takes."""
    con.execute("UPDATE crawl_claims SET claimed_at = ? WHERE run_id = ?",
                [time.time() if now is None else now, run_id])


def reserve_slot(con: duckdb.DuckDBPyConnection, host: str, delay: float, slack: float,
                 now: float | None = None) -> float:
    """Reserve the next request window ``[start, start + slack]`` for ``host``; return ``start``.

    The next window starts no earlier than ``start + slack + delay``: a request made anywhere in this
    window is at least ``delay`` before any request made in the next one, by whichever process.
    One transaction (the caller holds the connection briefly).
    """
    t = time.time() if now is None else now

    def work() -> float:
        row = con.execute("SELECT next_at FROM host_slots WHERE host = ?", [host]).fetchone()
        start = max(t, row[0]) if row else t
        con.execute("INSERT OR REPLACE INTO host_slots (host, next_at) VALUES (?, ?)", [host, start + slack + delay])
        return start

    return _in_transaction(con, work)  # type: ignore[return-value]


class HostSlots:
    """``gate(host, delay)`` for ``fetch_all``: wait until this process may send the next request to ``host``.

    Each call reserves a window in ``host_slots`` (and renews ``run_id``'s claims) in one short transaction,
    then sleeps until the window opens. A caller that wakes past its window's end (a slow commit, a pause)
    gives it up and reserves another: a late request could come closer than ``delay`` to the next window's.
    A window starts no sooner than the time the last commit and close took (``lead``, learnt per call), so
    the reservation is not already over when the file is closed.
    """

    def __init__(self, db: str | Path | None, run_id: str | None = None, slack: float = 0.05,
                 clock: Clock = time.time, sleep: Callable[[float], None] = time.sleep) -> None:
        self.db, self.run_id, self.slack, self.clock, self.sleep = db, run_id, slack, clock, sleep
        self.late = 0  # windows given up because this process woke past their end
        self.lead = slack
        self._migrated = False

    def _reserve(self, host: str, delay: float) -> float:
        con = connect_brief(self.db) if self._migrated else connect(self.db)
        self._migrated = True
        try:
            if self.run_id:
                renew_claims(con, self.run_id, self.clock())
            asked = self.clock()
            start = reserve_slot(con, host, delay, self.slack, asked + self.lead)
        finally:
            con.close()
        self.lead = min(1.0, max(0.005, 1.5 * (self.clock() - asked)))
        return start

    def __call__(self, host: str, delay: float) -> None:
        if not delay > 0:  # no delay asked (NaN included): nothing to keep apart
            return
        host = host.lower()
        while True:
            start = self._reserve(host, delay)
            wait = start - self.clock()
            if wait > 0:
                self.sleep(wait)
            if self.clock() <= start + self.slack:
                return
            self.late += 1
