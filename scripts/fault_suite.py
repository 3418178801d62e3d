"""The fault suite: bad servers, bad pages, crashes mid-run and bad input — nothing lost, nothing duplicated.

    python scripts/fault_suite.py [--keep DIR] [--kills 3]

Everything runs for real on this machine: a misbehaving news site on 127.0.0.1
(``newsfacts.fault_site``), one ``prefect server start`` for all runs, DuckDB
files in a temporary folder, and ``newsfacts crawl`` as a subprocess each time.

Scenarios:
  faults     crawl a source listing every fault route; every fault is recorded per
             URL with its reason, the run completes, the good pages land once
  rerun      the same crawl again adds nothing
  crash      SIGKILL ``newsfacts crawl`` mid-run (while fetching, then while
             extracting/loading), re-run it: every article exactly once, no orphan facts
  bad input  a malformed sources file, a bad gazetteer entry and bad CLI arguments
             fail with a clear message and a non-zero exit, and write nothing
  security   private addresses refused by default, ``newsfacts query`` cannot write,
             page content never runs, the body-size cap holds

The last line is
``RESULT faults_injected=<n> runs_completed=<n> lost=<n> duplicated=<n> crashes=<n>``:
``lost`` counts good pages missing from the warehouse (and facts whose article is
gone), ``duplicated`` counts articles or facts stored more than once, ``crashes``
counts runs that died on their own (tracebacks, unexpected exit codes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsfacts.demo_site import render  # noqa: E402
from newsfacts.fault_site import (  # noqa: E402
    FAULTS,
    GOOD_COUNT,
    RUSSIAN_TITLE,
    FaultSite,
    all_paths,
    good_paths,
    serve_faults,
)

NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))
PREFECT = str(Path(sys.executable).with_name("prefect"))
FAST_FETCH = {  # short timeouts so slow-server faults cost seconds, not minutes
    "NEWSFACTS_FETCH_CONNECT_TIMEOUT": "2", "NEWSFACTS_FETCH_READ_TIMEOUT": "2",
    "NEWSFACTS_FETCH_DEADLINE": "4", "NEWSFACTS_FETCH_RETRIES": "2", "NEWSFACTS_FETCH_BACKOFF": "0.2",
}
#: pages served by fault routes that still hold a good article (they must land too)
GOOD_FAULT_PATHS = ("/fault/retry-after", "/fault/malformed", "/fault/cp1251", "/fault/koi8r-wrong-charset",
                    "/fault/hostile")
#: fault routes whose page must NOT become an article, and a word their recorded reason must hold
MUST_FAIL = {
    "/fault/slow-headers": "timed out", "/fault/slow-body": "slow server", "/fault/always-500": "500",
    "/fault/gone-404": "404", "/fault/gone-410": "410", "/fault/reset": "reset", "/fault/redirect-loop": "redirect",
    "/fault/huge": "cap", "/fault/pdf-as-html": "PDF", "/fault/binary-as-html": "binary",
    "/fault/empty": "empty", "/private/secret": "robots",
}


@dataclass
class Tally:
    faults: int = 0
    completed: int = 0
    lost: int = 0
    duplicated: int = 0
    crashes: int = 0
    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def check(self, scenario: str, what: str, ok: bool, detail: str = "") -> bool:
        self.rows.append((scenario, what, ("ok" if ok else "FAIL") + (f"  {detail}" if detail else "")))
        return ok


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_prefect(home: Path) -> tuple[subprocess.Popen, str]:
    """``prefect server start`` on loopback, in its own process group; returns it and its API URL."""
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=2) as r:
                if r.status == 200:
                    return proc, api
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise SystemExit("prefect server did not start within 120 s")


def stop(proc: subprocess.Popen) -> None:
    """Stop a process and everything it started (its process group)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


def write_sources(path: Path, base: str, paths: list[str], guarded: bool = True) -> None:
    sources = [{"name": "faults", "urls": [base + p for p in paths], "crawl_delay": 0, "allow_private": True}]
    if guarded:  # the same loopback host, from a source that does not allow private addresses
        sources.append({"name": "guarded", "urls": [base.replace("127.0.0.1", "localhost") + "/news/guarded"]})
    path.write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")


def crawl(env: dict[str, str], sources: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([NEWSFACTS, "crawl", "--sources", str(sources), "--db", str(db)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def finish(proc: subprocess.Popen, tally: Tally, scenario: str, timeout: float = 600) -> tuple[int, str]:
    """Wait for a run; a non-zero exit or a traceback is a crash."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(proc)
        out, err = proc.communicate()
    crashed = proc.returncode != 0 or "Traceback" in err
    tally.completed += not crashed
    tally.crashes += crashed
    tally.check(scenario, "run completes", not crashed, "" if not crashed else f"exit {proc.returncode}: {err[-800:]}")
    return proc.returncode, out + err


def expected_titles() -> set[str]:
    """Titles of every good article the fault site serves (good routes and good fault routes).

    The koi8-r page is the cp1251 story again: it is linked to it as a near-duplicate.
    """
    arts = render.load_articles()
    return {a.title for a in arts[:GOOD_COUNT + 3]} | {RUSSIAN_TITLE}


def integrity(db: Path, tally: Tally, scenario: str, titles: set[str]) -> None:
    """Count lost and duplicated articles and facts in a warehouse file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        got = dict(con.execute("SELECT title, count(*) FROM articles GROUP BY title").fetchall())
        lost = sorted(t for t in titles if t not in got)
        dup_articles = sum(n - 1 for n in got.values() if n > 1)
        dup_hash = con.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM articles GROUP BY content_hash) WHERE n > 1"
        ).fetchone()[0]
        dup_facts = 0
        for table, key in (("person_mentions", "article_id, start_char"), ("counts", "article_id, start_char"),
                           ("dates", "article_id, start_char"), ("article_urls", "url")):
            dup_facts += con.execute(
                f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM {table} GROUP BY {key}) WHERE n > 1"
            ).fetchone()[0]
        orphans = sum(con.execute(
            f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
            for t in ("person_mentions", "counts", "dates", "article_urls"))
        orphans += con.execute(
            "SELECT count(*) FROM person_mentions WHERE person_id NOT IN (SELECT id FROM persons)").fetchone()[0]
    finally:
        con.close()
    tally.lost += len(lost) + orphans
    tally.duplicated += dup_articles + dup_hash + dup_facts
    tally.check(scenario, "every good article exactly once", not lost and not dup_articles and not dup_hash,
                f"lost {lost} duplicated {dup_articles + dup_hash}" if lost or dup_articles or dup_hash else "")
    tally.check(scenario, "no duplicate or orphan facts", not dup_facts and not orphans,
                f"duplicates {dup_facts} orphans {orphans}" if dup_facts or orphans else "")


def row_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "article_urls", "persons", "person_mentions", "counts", "dates")}
    finally:
        con.close()


def faults_scenario(site: FaultSite, env: dict[str, str], work: Path, tally: Tally, marker: Path) -> Path:
    sources, db = work / "faults.yaml", work / "faults.duckdb"
    write_sources(sources, site.base, all_paths())
    tally.faults += len(FAULTS) + 2  # every fault route, the tracking-parameter copy, the guarded private URL
    finish(crawl(env, sources, db), tally, "faults")
    integrity(db, tally, "faults", expected_titles())
    con = duckdb.connect(str(db), read_only=True)
    try:
        reasons: dict[str, str] = {}
        for url, reason in con.execute("SELECT url, reason FROM fetch_failures").fetchall():
            reasons[url] = reasons.get(url, "") + " " + reason
        for url, outcome, reason in con.execute(
                "SELECT url, outcome, coalesce(reason, '') FROM crawl_state WHERE kind = 'page'").fetchall():
            if outcome in ("failed", "retry", "not_article"):
                reasons[url] = reasons.get(url, "") + " " + reason
        article_urls = {u for (u,) in con.execute("SELECT url FROM article_urls").fetchall()}
        alias = con.execute("SELECT count(*) FROM article_urls WHERE relation = 'alias'").fetchone()[0]
    finally:
        con.close()
    for path, word in MUST_FAIL.items():
        url = site.base + path
        reason = reasons.get(url, "")
        tally.check("faults", f"{path} recorded", word.lower() in reason.lower() and url not in article_urls,
                    reason.strip()[:120])
    guarded = [u for u in reasons if "/news/guarded" in u]
    tally.check("faults", "private address refused without allow_private",
                any("non-public address" in reasons[u] for u in guarded), str([reasons[u][:100] for u in guarded]))
    tally.check("faults", "tracking-parameter copy linked, not loaded twice", alias >= 1, f"aliases {alias}")
    tally.check("faults", "page content never executed", not marker.exists(), str(marker))
    return db


def rerun_scenario(env: dict[str, str], work: Path, db: Path, tally: Tally) -> None:
    before = row_counts(db)
    t0 = time.perf_counter()
    finish(crawl(env, work / "faults.yaml", db), tally, "rerun")
    after = row_counts(db)
    tally.check("rerun", "second run adds nothing", before == after,
                f"{time.perf_counter() - t0:.1f} s" if before == after else f"{before} -> {after}")
    integrity(db, tally, "rerun", expected_titles())


def crash_scenario(site: FaultSite, env: dict[str, str], work: Path, tally: Tally, kills: int) -> None:
    """Kill ``newsfacts crawl`` with SIGKILL at several points, then let a last run finish."""
    sources, db = work / "crash.yaml", work / "crash.duckdb"
    paths = good_paths() + list(GOOD_FAULT_PATHS) + ["/fault/slow-headers", "/fault/always-500"]
    write_sources(sources, site.base, paths, guarded=False)
    good = good_paths()
    # kill points: while fetching (some good pages served), then after fetching, while extracting/loading
    points = [("fetch", 2), ("fetch", 5), ("extract", 1.5), ("extract", 3.0), ("extract", 5.0)][:kills]
    for phase, arg in points:
        site.hits.clear()
        proc = crawl(env, sources, db)
        deadline = time.monotonic() + 300
        if phase == "fetch":
            while site.served(good) < arg and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
        else:
            while site.served(good) < len(good) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(arg)
        still_running = proc.poll() is None
        if still_running:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.communicate()
        tally.faults += 1
        tally.check("crash", f"SIGKILL during {phase} (+{arg})", True,
                    "killed" if still_running else "run had already finished")
    finish(crawl(env, sources, db), tally, "crash: re-run")
    integrity(db, tally, "crash", expected_titles())


def bad_input_scenario(site: FaultSite, env: dict[str, str], work: Path, tally: Tally) -> None:
    good_sources = work / "ok.yaml"
    write_sources(good_sources, site.base, good_paths()[:1], guarded=False)
    bad_sources = work / "bad.yaml"
    bad_sources.write_text("sources:\n  - name: broken\n    feeds: [not-a-url]\n", encoding="utf-8")
    gaz = work / "gazetteer"
    shutil.copytree(ROOT / "gazetteer" / "data", gaz)
    people = (gaz / "people.yaml").read_text(encoding="utf-8")
    (gaz / "people.yaml").write_text(people.replace("gender: m", "gender: x", 1), encoding="utf-8")
    cases = [
        ("malformed sources file", [NEWSFACTS, "crawl", "--sources", str(bad_sources)], {},
         ["bad.yaml", "broken", "feeds"]),
        ("bad gazetteer entry", [NEWSFACTS, "crawl", "--sources", str(good_sources)],
         {"NEWSFACTS_GAZETTEER_DIR": str(gaz)}, ["people.yaml", "gender", "'x'"]),
        ("missing sources file", [NEWSFACTS, "crawl", "--sources", str(work / "nope.yaml")], {}, ["nope.yaml"]),
        ("bad query format", [NEWSFACTS, "query", "--format", "xml", "SELECT 1"], {}, ["format"]),
        ("non-numeric review id", [NEWSFACTS, "review", "accept", "first"], {}, ["pair_id", "integer"]),
        ("bad fetch setting", [NEWSFACTS, "crawl", "--sources", str(good_sources)],
         {"NEWSFACTS_FETCH_MAX_BYTES": "lots"}, ["NEWSFACTS_FETCH_MAX_BYTES"]),
    ]
    for name, argv, extra, words in cases:
        db = work / f"bad-{len(tally.rows)}.duckdb"
        proc = subprocess.run([*argv, "--db", str(db)], env={**env, **extra}, capture_output=True, text=True,
                              timeout=300)
        tally.faults += 1
        clear = proc.returncode != 0 and "Traceback" not in proc.stderr and all(
            w.lower() in proc.stderr.lower() for w in words)
        tally.crashes += "Traceback" in proc.stderr
        tally.check("bad input", f"{name}: clear message, exit {proc.returncode}", clear,
                    proc.stderr.strip().splitlines()[-1][:140] if proc.stderr.strip() else "(no message)")
        tally.check("bad input", f"{name}: nothing written", not db.exists(), str(db) if db.exists() else "")


def security_scenario(env: dict[str, str], db: Path, tally: Tally) -> None:
    before = row_counts(db)
    for sql in ("DELETE FROM articles", "DROP TABLE counts", "UPDATE persons SET name = 'x'"):
        proc = subprocess.run([NEWSFACTS, "query", "--db", str(db), sql], env=env, capture_output=True, text=True,
                              timeout=120)
        tally.faults += 1
        tally.crashes += "Traceback" in proc.stderr
        tally.check("security", f"query refuses: {sql}", proc.returncode != 0, proc.stderr.strip()[:100])
    tally.check("security", "warehouse unchanged by refused writes", row_counts(db) == before)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep", help="keep the work folder (warehouses, sources files) here")
    ap.add_argument("--kills", type=int, default=4, help="SIGKILLs in the crash scenario (1-5)")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="faults-"))
    work.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    marker = work / "EXECUTED"
    prefect, api = start_prefect(work / "prefect-home")
    env = {**os.environ, **FAST_FETCH, "PREFECT_API_URL": api, "PREFECT_HOME": str(work / "prefect-home"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("NEWSFACTS_DB", None)
    started = time.perf_counter()
    try:
        with serve_faults(slow_seconds=5, marker=str(marker)) as site:
            db = faults_scenario(site, env, work, tally, marker)
            rerun_scenario(env, work, db, tally)
            crash_scenario(site, env, work, tally, args.kills)
            bad_input_scenario(site, env, work, tally)
            security_scenario(env, db, tally)
    finally:
        stop(prefect)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    width = max(len(w) for _, w, _ in tally.rows)
    for scenario, what, result in tally.rows:
        print(f"{scenario:<14} {what:<{width}}  {result}")
    failed = sum(1 for *_, r in tally.rows if r.startswith("FAIL"))
    print(f"\n{len(tally.rows)} checks, {failed} failed, {time.perf_counter() - started:.0f} s")
    print(f"RESULT faults_injected={tally.faults} runs_completed={tally.completed} lost={tally.lost} "
          f"duplicated={tally.duplicated} crashes={tally.crashes}")
    return 1 if failed or tally.lost or tally.duplicated or tally.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
