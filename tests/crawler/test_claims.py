"""Claims and host slots of the shared crawl mode, one process and several at once against one warehouse file."""

from __future__ import annotations

import multiprocessing
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler.crawl import fetch_all
from crawler.fetch import Fetcher
from crawler.settings import SettingsError, shared_crawl_settings
from crawler.sources import Source
from records.pages import FetchResult
from tests.loopback import serve
from warehouse.crawl_claims import HostSlots, claim_urls, new_run_id, release_claims, renew_claims, reserve_slot
from warehouse.crawl_state import set_outcomes
from warehouse.db import connect, connect_brief

URLS = [f"http://example.org/news/{i}" for i in range(40)]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "w.duckdb")
    connect(path).close()  # migrated once, as the flow's discover task does
    return path


def claim(db: str, urls: list[str], run: str, ttl: float = 60, **kw) -> list[str]:
    con = connect_brief(db)  # as the flow claims: short waits for the other processes' transactions
    try:
        return claim_urls(con, urls, run, ttl, **kw)
    finally:
        con.close()


def test_a_claimed_url_is_left_to_its_run_until_released_or_expired(db):
    assert claim(db, URLS[:5], "a", now=100.0) == URLS[:5]
    assert claim(db, URLS[:8], "b", now=101.0) == URLS[5:8]  # a's five are live
    assert claim(db, URLS[:5], "a", now=102.0) == URLS[:5]  # a run may claim its own again (a retried task)
    con = connect(db)
    try:
        assert release_claims(con, URLS[:2], "b") == 0  # only the owner releases
        assert release_claims(con, URLS[:2], "a") == 2
    finally:
        con.close()
    assert claim(db, URLS[:5], "b", now=103.0) == URLS[:2]
    # a's claims are 60 s old at 162.5: dead, taken over by c
    assert claim(db, URLS[:5], "c", ttl=60, now=162.5) == URLS[2:5]


def test_renewed_claims_stay_alive(db):
    claim(db, URLS[:3], "a", now=100.0)
    con = connect(db)
    try:
        renew_claims(con, "a", now=150.0)
    finally:
        con.close()
    assert claim(db, URLS[:3], "b", ttl=60, now=200.0) == []
    assert claim(db, URLS[:3], "b", ttl=60, now=211.0) == URLS[:3]


def test_done_and_recently_tried_urls_are_not_claimed(db):
    con = connect(db)
    try:
        set_outcomes(con, [(URLS[0], "fetched", None), (URLS[1], "failed", "404"), (URLS[2], "retry", "timeout")])
    finally:
        con.close()
    assert claim(db, URLS[:4], "a") == URLS[2:4]  # 'retry' is fetched again ...
    release = connect(db)
    release_claims(release, URLS[2:4], "a")
    release.close()
    started = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=5)
    # ... but not by a run that started before another run tried it: that try was this round's
    assert claim(db, URLS[:4], "b", tried_since=started) == [URLS[3]]


def test_hostile_urls_are_only_strings_to_claim(db):
    odd = ["http://x/'; DROP TABLE crawl_claims; --", "http://[::1]:99999/\x00", "", "http://x/" + "a" * 5000]
    assert claim(db, odd + odd, "a") == odd  # duplicates once, nothing interpreted
    assert claim(db, odd, "b") == []


def test_slots_of_one_host_are_a_delay_apart_however_asked(db):
    con = connect(db)
    try:
        first = reserve_slot(con, "h:1", 1.0, 0.05, now=10.0)
        second = reserve_slot(con, "h:1", 1.0, 0.05, now=10.0)
        third = reserve_slot(con, "h:1", 0.5, 0.05, now=10.2)
        other = reserve_slot(con, "other", 1.0, 0.05, now=10.0)
        idle = reserve_slot(con, "h:1", 1.0, 0.05, now=50.0)
    finally:
        con.close()
    assert (first, second, third, other, idle) == (10.0, 11.05, pytest.approx(12.1), 10.0, 50.0)


class FakeTime:
    """A clock that only sleeps move; the sleep numbered ``late_at`` (from 0) oversleeps by ``late`` s."""

    def __init__(self, late: float, late_at: int) -> None:
        self.t, self.late, self.late_at, self.sleeps = 1000.0, late, late_at, 0

    def clock(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.t += s + (self.late if self.sleeps == self.late_at else 0.0)
        self.sleeps += 1


def test_a_gate_that_wakes_past_its_window_takes_a_new_one(db):
    fake = FakeTime(late=0.2, late_at=1)
    gate = HostSlots(db, slack=0.05, clock=fake.clock, sleep=fake.sleep)
    sent = []
    for host in ("Host:1", "host:1", "host:1"):  # one host, whatever the case
        gate(host, 1.0)
        sent.append(fake.t)
    # the second call woke 0.2 s past its window's end: it gave the window up and waited for the next one
    assert gate.late == 1
    assert sent[1] - sent[0] >= 2.0 and sent[2] - sent[1] >= 1.0
    gate("host:1", 0.0)  # no delay asked: no reservation, no sleep
    gate("host:1", float("nan"))
    assert fake.t == sent[2]


def test_the_gate_keeps_its_runs_claims_alive(db):
    claim(db, URLS[:2], "a", now=time.time() - 50)
    HostSlots(db, run_id="a")("h", 0.01)
    assert claim(db, URLS[:2], "b", ttl=30) == []


def test_fetch_all_asks_the_gate_before_each_request():
    from tests.crawler.test_polite import Handler  # robots.txt: Crawl-delay 0.3

    asked = []
    with serve(Handler) as base:
        src = Source(name="t", urls=(), crawl_delay=0.1, allow_private=True)
        out = list(fetch_all([f"{base}/a", f"{base}/private/x", f"{base}/b"], src, Fetcher(backoff=0.01),
                             gate=lambda host, delay: asked.append((host, delay))))
    assert [r.url for r in out if isinstance(r, FetchResult)] == [f"{base}/a", f"{base}/b"]
    host = base.removeprefix("http://")
    assert asked == [(host, 0.3), (host, 0.3)]  # robots.txt's delay wins; a disallowed URL asks nothing


def test_shared_crawl_settings_from_the_environment(monkeypatch):
    assert shared_crawl_settings().enabled is False  # the default: one crawl at a time
    monkeypatch.setenv("NEWSFACTS_SHARED_CRAWL_ENABLED", "1")
    monkeypatch.setenv("NEWSFACTS_SHARED_CRAWL_CLAIM_TTL", "2.5")
    s = shared_crawl_settings()
    assert s.enabled is True and s.claim_ttl == 2.5
    monkeypatch.setenv("NEWSFACTS_SHARED_CRAWL_BATCH", "0")
    with pytest.raises(SettingsError, match="NEWSFACTS_SHARED_CRAWL_BATCH"):
        shared_crawl_settings()


# -- several processes at once ------------------------------------------------------------------------------


def _crawl_like(db: str, batch: int) -> list[str]:
    """A crawler process: walk the URLs in fetch batches; claim each, "fetch" what it got, archive, release."""
    run, mine = new_run_id(), []
    for i in range(0, len(URLS), batch):
        got = claim(db, URLS[i:i + batch], run)
        time.sleep(0.02 * len(got))  # fetching
        con = connect_brief(db)
        try:
            set_outcomes(con, [(u, "fetched", None) for u in got])
            release_claims(con, got, run)
        finally:
            con.close()
        mine += got
    return mine


def _stamps(db: str, n: int) -> list[float]:
    """A crawler process: pass the gate of one host ``n`` times; when each request would start."""
    gate, out = HostSlots(db, slack=0.02), []
    for _ in range(n):
        gate("site:80", 0.05)
        out.append(time.time())
    return out


def test_processes_claiming_at_once_share_the_urls_without_overlap(db):
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        parts = pool.starmap(_crawl_like, [(db, 3)] * 4)
    claimed = [u for p in parts for u in p]
    assert sorted(claimed) == sorted(URLS)  # every URL once
    assert sum(1 for p in parts if p) >= 2, [len(p) for p in parts]  # and the work was shared


def test_processes_passing_the_gate_at_once_keep_the_host_delay(db):
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        parts = pool.starmap(_stamps, [(db, 6)] * 3)
    stamps = sorted(t for p in parts for t in p)
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert len(stamps) == 18 and min(gaps) >= 0.05, gaps
