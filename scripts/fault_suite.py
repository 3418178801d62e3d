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
    BAD_LINKS,
    FAULTS,
    FOREIGN_CANONICAL,
    GOOD_COUNT,
    HUGE_ARTICLE_TITLE,
    MANY_NAMES_TITLE,
    RUSSIAN_TITLE,
    FaultSite,
    all_paths,
    good_paths,
    serve_faults,
)

NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))
PREFECT = str(Path(sys.executable).with_name("prefect"))
FAST_FETCH = {  # short timeouts so slow-server faults cost seconds, not minutes; give up after two runs
    "NEWSFACTS_FETCH_CONNECT_TIMEOUT": "2", "NEWSFACTS_FETCH_READ_TIMEOUT": "2",
    "NEWSFACTS_FETCH_DEADLINE": "4", "NEWSFACTS_FETCH_RETRIES": "2", "NEWSFACTS_FETCH_BACKOFF": "0.2",
    "NEWSFACTS_FETCH_MAX_ATTEMPTS": "2",
}
#: fault routes served as feeds, not article URLs
FEED_PATHS = ("/fault/bad-links-feed",)
#: pages served by fault routes that still hold a good article (they must land too)
GOOD_FAULT_PATHS = ("/fault/retry-after", "/fault/malformed", "/fault/cp1251", "/fault/koi8r-wrong-charset",
                    "/fault/hostile", "/fault/foreign-canonical")
#: fault routes whose page must NOT become an article, and a word their recorded reason must hold
MUST_FAIL = {
    "/fault/slow-headers": "timed out", "/fault/slow-body": "slow server", "/fault/always-500": "500",
    "/fault/gone-404": "404", "/fault/gone-410": "410", "/fault/reset": "reset", "/fault/redirect-loop": "redirect",
    "/fault/huge": "cap", "/fault/pdf-as-html": "PDF", "/fault/binary-as-html": "binary",
    "/fault/empty": "empty", "/private/secret": "robots",
    "/fault/redirect-bad-port": "malformed", "/fault/redirect-bad-host": "malformed",
}
#: fault routes whose page lands, with a word the recorded note about it must hold (the page was cut)
MUST_NOTE = {"/fault/huge-article": "cut", "/fault/many-names": "distinct"}


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
    feeds = [base + p for p in paths if p in FEED_PATHS]
    sources = [{"name": "faults", "urls": [base + p for p in paths if p not in FEED_PATHS], "crawl_delay": 0,
                "allow_private": True, **({"feeds": feeds} if feeds else {})}]
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
    return {a.title for a in arts[:GOOD_COUNT + 4]} | {RUSSIAN_TITLE, HUGE_ARTICLE_TITLE, MANY_NAMES_TITLE}


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
                           ("dates", "article_id, start_char"), ("article_urls", "url"),
                           ("events", "article_id, event_no"), ("event_people", "article_id, event_no, person_id"),
                           ("event_clusters", "article_id, event_no")):
            dup_facts += con.execute(
                f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM {table} GROUP BY {key}) WHERE n > 1"
            ).fetchone()[0]
        orphans = sum(con.execute(
            f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
            for t in ("person_mentions", "counts", "dates", "article_urls", "events", "event_people", "event_clusters"))
        # every event linked (a cluster row), every cluster row an event's
        orphans += con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_clusters k "
            "WHERE k.article_id = e.article_id AND k.event_no = e.event_no)").fetchone()[0]
        orphans += con.execute(
            "SELECT count(*) FROM event_clusters k WHERE NOT EXISTS (SELECT 1 FROM events e "
            "WHERE k.article_id = e.article_id AND k.event_no = e.event_no)").fetchone()[0]
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
                for t in ("articles", "article_urls", "persons", "person_mentions", "counts", "dates", "events")}
    finally:
        con.close()


def faults_scenario(site: FaultSite, env: dict[str, str], work: Path, tally: Tally, marker: Path) -> Path:
    sources, db = work / "faults.yaml", work / "faults.duckdb"
    write_sources(sources, site.base, all_paths())
    # every fault route, the tracking-parameter copy, the guarded private URL, each malformed feed link
    tally.faults += len(FAULTS) + 2 + len(BAD_LINKS)
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
        foreign = con.execute("SELECT count(*) FROM articles WHERE url LIKE '%bbc.com%' OR canonical_url LIKE "
                              "'%bbc.com%'").fetchone()[0]
        foreign_kept = con.execute("SELECT count(*) FROM articles WHERE url = ?",
                                   [site.base + "/fault/foreign-canonical"]).fetchone()[0]
    finally:
        con.close()
    for path, word in MUST_FAIL.items():
        url = site.base + path
        reason = reasons.get(url, "")
        tally.check("faults", f"{path} recorded", word.lower() in reason.lower() and url not in article_urls,
                    reason.strip()[:120])
    for path, word in MUST_NOTE.items():
        url = site.base + path
        note = reasons.get(url, "")
        tally.check("faults", f"{path} landed, its cut recorded", url in article_urls and word in note.lower(),
                    note.strip()[:120])
    for link in BAD_LINKS:
        tally.check("faults", f"malformed feed link recorded: {link[:40]}", any(
            link[:20] in u or link[:20] in r for u, r in reasons.items()), "")
    tally.check("faults", "foreign rel=canonical ignored: the fetched URL is cited", not foreign and foreign_kept == 1,
                f"{foreign} rows cite {FOREIGN_CANONICAL}" if foreign else "")
    guarded = [u for u in reasons if "/news/guarded" in u]
    tally.check("faults", "private address refused without allow_private",
                any("non-public address" in reasons[u] for u in guarded), str([reasons[u][:100] for u in guarded]))
    tally.check("faults", "tracking-parameter copy linked, not loaded twice", alias >= 1, f"aliases {alias}")
    tally.check("faults", "page content never executed", not marker.exists(), str(marker))
    return db


def rerun_scenario(site: FaultSite, env: dict[str, str], work: Path, db: Path, tally: Tally) -> None:
    before = row_counts(db)
    t0 = time.perf_counter()
    finish(crawl(env, work / "faults.yaml", db), tally, "rerun")
    after = row_counts(db)
    tally.check("rerun", "second run adds nothing", before == after,
                f"{time.perf_counter() - t0:.1f} s" if before == after else f"{before} -> {after}")
    integrity(db, tally, "rerun", expected_titles())
    # a page that never completes is given up after NEWSFACTS_FETCH_MAX_ATTEMPTS runs, not retried for ever
    con = duckdb.connect(str(db), read_only=True)
    try:
        given_up = dict(con.execute("SELECT url, coalesce(reason, '') FROM crawl_state WHERE kind = 'page' "
                                    "AND outcome = 'failed'").fetchall())
    finally:
        con.close()
    slow = [u for u in given_up if u.endswith(("/fault/slow-body", "/fault/slow-headers", "/fault/always-500"))]
    tally.faults += 1
    tally.check("rerun", "never-completing pages given up after 2 runs", len(slow) == 3,
                "; ".join(given_up[u][:60] for u in slow))
    hits = dict(site.hits)
    finish(crawl(env, work / "faults.yaml", db), tally, "rerun: third run")
    again = [p for p in ("/fault/slow-body", "/fault/slow-headers", "/fault/always-500")
             if site.hits.get(p, 0) != hits.get(p, 0)]
    tally.check("rerun", "third run fetches no given-up page", not again, str(again))


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
    integrity(db, tally, "crash", expected_titles() - {HUGE_ARTICLE_TITLE, MANY_NAMES_TITLE})  # routes not listed


def robots_scenario(env: dict[str, str], work: Path, tally: Tally) -> None:
    """A 50 MB robots.txt whose first line disallows everything: honoured, not mistaken for "no robots.txt"."""
    with serve_faults(huge_robots=True) as other:
        sources, db = work / "robots.yaml", work / "robots.duckdb"
        write_sources(sources, other.base, good_paths()[:2], guarded=False)
        tally.faults += 1
        finish(crawl(env, sources, db), tally, "robots")
        fetched = [p for p in good_paths()[:2] if other.hits.get(p)]
        tally.check("robots", "50 MB robots.txt honoured: nothing fetched", not fetched, str(fetched))


def concurrent_scenario(site: FaultSite, env: dict[str, str], work: Path, tally: Tally) -> None:
    """Two crawls started at once on one warehouse: no page fetched twice, every article once."""
    sources, db = work / "concurrent.yaml", work / "concurrent.duckdb"
    paths = good_paths()
    write_sources(sources, site.base, paths, guarded=False)
    before = {p: site.hits.get(p, 0) for p in paths}
    tally.faults += 1
    procs = [crawl(env, sources, db), crawl(env, sources, db)]
    outputs = [finish(proc, tally, "concurrent") for proc in procs]
    twice = [p for p in paths if site.hits.get(p, 0) - before[p] > 1]
    tally.check("concurrent", "no page fetched twice by two crawls at once", not twice, str(twice))
    tally.check("concurrent", "the second crawl said it waited", any("waiting for" in out.lower() or
                                                                    "another crawl" in out.lower()
                                                                    for _, out in outputs), "")
    titles = {a.title for a in render.load_articles()[:GOOD_COUNT]}
    integrity(db, tally, "concurrent", titles)


def bad_input_scenario(site: FaultSite, env: dict[str, str], work: Path, tally: Tally) -> None:
    good_sources = work / "ok.yaml"
    write_sources(good_sources, site.base, good_paths()[:1], guarded=False)
    bad_sources = work / "bad.yaml"
    bad_sources.write_text("sources:\n  - name: broken\n    feeds: [not-a-url]\n", encoding="utf-8")
    gaz = work / "gazetteer"
    shutil.copytree(ROOT / "gazetteer" / "data", gaz)
    people = (gaz / "people.yaml").read_text(encoding="utf-8")
    (gaz / "people.yaml").write_text(people.replace("gender: m", "gender: x", 1), encoding="utf-8")
    bomb = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(f"{k}: &{k} [{', '.join(['*' + p] * 10)}]\n"
                      for p, k in zip("abcdefgh", "bcdefghi", strict=True)))
    bomb_sources = work / "bomb.yaml"
    bomb_sources.write_text(bomb + "sources: []\n", encoding="utf-8")
    latin1_sources = work / "latin1.yaml"
    latin1_sources.write_bytes(b"sources:\n  - name: caf\xe9\n    urls: [http://127.0.0.1:1/x]\n")
    bomb_gaz = work / "gazetteer-bomb"
    shutil.copytree(ROOT / "gazetteer" / "data", bomb_gaz)
    (bomb_gaz / "people.yaml").write_text("- id: bomb\n" + "".join("  " + line + "\n" for line in bomb.splitlines()),
                                          encoding="utf-8")
    cases = [
        ("YAML bomb in a sources file", [NEWSFACTS, "crawl", "--sources", str(bomb_sources)], {},
         ["bomb.yaml:1", "anchor"]),
        ("YAML bomb in the gazetteer", [NEWSFACTS, "crawl", "--sources", str(good_sources)],
         {"NEWSFACTS_GAZETTEER_DIR": str(bomb_gaz)}, ["people.yaml:2", "anchor"]),
        ("invalid UTF-8 in a sources file", [NEWSFACTS, "crawl", "--sources", str(latin1_sources)], {},
         ["latin1.yaml:2", "UTF-8"]),
        ("READ_TIMEOUT=nan", [NEWSFACTS, "crawl", "--sources", str(good_sources)],
         {"NEWSFACTS_FETCH_READ_TIMEOUT": "nan"}, ["NEWSFACTS_FETCH_READ_TIMEOUT", "finite"]),
        ("CONNECT_TIMEOUT=inf", [NEWSFACTS, "crawl", "--sources", str(good_sources)],
         {"NEWSFACTS_FETCH_CONNECT_TIMEOUT": "inf"}, ["NEWSFACTS_FETCH_CONNECT_TIMEOUT", "finite"]),
        ("RETRIES=-1", [NEWSFACTS, "crawl", "--sources", str(good_sources)],
         {"NEWSFACTS_FETCH_RETRIES": "-1"}, ["NEWSFACTS_FETCH_RETRIES", "at least 0"]),
        ("malformed sources file", [NEWSFACTS, "crawl", "--sources", str(bad_sources)], {},
         ["bad.yaml", "broken", "feeds"]),
        ("bad gazetteer entry", [NEWSFACTS, "crawl", "--sources", str(good_sources)],
         {"NEWSFACTS_GAZETTEER_DIR": str(gaz)}, ["people.yaml", "gender", "'x'"]),
        ("missing sources file", [NEWSFACTS, "crawl", "--sources", str(work / "nope.yaml")], {}, ["nope.yaml"]),
        ("bad query format", [NEWSFACTS, "query", "--format", "xml", "SELECT 1"], {}, ["format"]),
        ("non-numeric review id", [NEWSFACTS, "review", "accept", "first"], {}, ["'ID'", "integer"]),
        ("bad fetch setting", [NEWSFACTS, "crawl", "--sources", str(good_sources)],
         {"NEWSFACTS_FETCH_MAX_BYTES": "lots"}, ["NEWSFACTS_FETCH_MAX_BYTES"]),
    ]
    for name, argv, extra, words in cases:
        db = work / f"bad-{len(tally.rows)}.duckdb"
        t0 = time.perf_counter()
        proc = subprocess.run([*argv, "--db", str(db)], env={**env, **extra}, capture_output=True, text=True,
                              timeout=300)
        tally.faults += 1
        if "bomb" in name:
            tally.check("bad input", f"{name}: refused in seconds", time.perf_counter() - t0 < 20,
                        f"{time.perf_counter() - t0:.1f} s")
        clear = proc.returncode != 0 and "Traceback" not in proc.stderr and all(
            w.lower() in proc.stderr.lower() for w in words)
        tally.crashes += "Traceback" in proc.stderr
        tally.check("bad input", f"{name}: clear message, exit {proc.returncode}", clear,
                    proc.stderr.strip().splitlines()[-1][:140] if proc.stderr.strip() else "(no message)")
        tally.check("bad input", f"{name}: nothing written", not db.exists(), str(db) if db.exists() else "")


def security_scenario(env: dict[str, str], db: Path, work: Path, tally: Tally) -> None:
    before = row_counts(db)
    stamp = db.stat().st_mtime_ns
    secret = work / "secret.txt"
    secret.write_text("the-secret-of-the-suite\n", encoding="utf-8")
    dropped = work / "dropped.sql"
    for sql in ("DELETE FROM articles", "DROP TABLE counts", "UPDATE persons SET name = 'x'",
                f"SELECT * FROM read_text('{secret}')", f"SELECT * FROM read_csv('{secret}')",
                f"SELECT * FROM read_blob('{secret}')", f"SELECT * FROM glob('{work}/*')",
                f"SET log_query_path = '{dropped}'", f"PRAGMA profiling_output = '{dropped}'",
                f"CALL enable_logging(storage_path := '{dropped}')", "SELECT * FROM 'http://127.0.0.1:9/x.csv'",
                f"COPY articles TO '{dropped}'", f"ATTACH '{dropped}' AS other"):
        proc = subprocess.run([NEWSFACTS, "query", "--db", str(db), sql], env=env, capture_output=True, text=True,
                              timeout=120)
        tally.faults += 1
        tally.crashes += "Traceback" in proc.stderr
        leaked = "the-secret-of-the-suite" in proc.stdout + proc.stderr or work.joinpath("EXECUTED").exists()
        tally.check("security", f"query refuses: {sql[:60]}", proc.returncode != 0 and not leaked
                    and not dropped.exists(), proc.stderr.strip()[:100])
    tally.check("security", "warehouse unchanged by refused statements",
                row_counts(db) == before and db.stat().st_mtime_ns == stamp)


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
            rerun_scenario(site, env, work, db, tally)
            robots_scenario(env, work, tally)
            concurrent_scenario(site, env, work, tally)
            crash_scenario(site, env, work, tally, args.kills)
            bad_input_scenario(site, env, work, tally)
            security_scenario(env, db, work, tally)
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
