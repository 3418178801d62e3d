"""Benchmark the scaled extract stage: the same archived pages into a fresh warehouse with 1, then 2 Dask workers.

    python -m benchmarks.scale [--pages 1000] [--batch 100] [--workers 1,2] [--chrome publisher]

1. Writes ``--pages`` generated article pages (``benchmarks.pages``, publisher chrome) and archives them as the
   crawl flow does (``raw_pages``), once, into a template warehouse.
2. **The embedded default** (``flows.extract.extract_archived``: every stage in this one process) on a copy of it,
   for reference.
3. For each worker count: a ``LocalCluster`` of that many single-threaded worker processes on 127.0.0.1 (their
   Prefect API the run's own), warmed up (each worker has loaded the pipeline, as a standing cluster has), then
   the scaled path on a fresh copy, timed from the first claim to the last merge and the events' link
   (``flows.scale.extract_batches``). The workers' start and warm-up is printed apart: a cluster pays it once,
   not once a run.
   The processor time each process spent in that span is printed too (the workers, this process — the merger and
   Prefect's client —, and Prefect's server): divided by the cores, it is the least the run could take.
4. Checks every run's warehouse: ``lost`` = archived pages with no article and no failure row (or never marked
   extracted), ``duplicated`` = fact rows beyond one per key, and whether the tables equal the 1-worker run's.

Last line: ``RESULT workers_2_speedup=<1-worker seconds ÷ 2-worker seconds> lost=<n> duplicated=<n>``.
The machine's cores bound the speedup: the merger (this process) and Prefect's server share them with the workers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.pages import CHROMES, write_pages
from benchmarks.pipeline import _archive
from flows.gc_tuning import tune_gc

#: (table, key columns) whose rows must be one per key
KEYED = (("articles", "id"), ("article_urls", "url"), ("person_mentions", "article_id, start_char"),
         ("counts", "article_id, start_char"), ("dates", "article_id, start_char"), ("events", "article_id, event_no"),
         ("event_people", "article_id, event_no, person_id"))
#: tables compared between runs (timestamps and the review queue's sequence numbers left out)
COMPARED = ("articles", "article_urls", "persons", "person_aliases", "person_mentions", "counts", "dates", "events",
            "event_people", "event_clusters")


def check(db: Path) -> tuple[int, int]:
    """(lost, duplicated) in a finished run's warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        lost = con.execute("""
            SELECT count(*) FROM raw_pages p WHERE p.extracted_at IS NULL
               OR (NOT EXISTS (SELECT 1 FROM article_urls u WHERE u.url = p.url)
                   AND NOT EXISTS (SELECT 1 FROM fetch_failures f WHERE f.url = p.url))""").fetchone()[0]
        duplicated = sum(con.execute(f"SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table})) "
                                     f"FROM {table}").fetchone()[0] for table, key in KEYED)
        return lost, duplicated
    finally:
        con.close()


def rows(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in COMPARED:
            cols = [n for n, t in con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                                              "WHERE table_name = ?", [table]).fetchall() if not t.startswith("TIME")]
            out[table] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()


def _warm() -> int:
    """On a worker: load the extraction pipeline and gazetteer (what the first batch would otherwise pay)."""
    from extractors.pipeline import extract_pages
    from records.pages import Article

    list(extract_pages([Article("https://warm.test/", None, None, None, None, None, "en",
                                "Ales Bialiatski was freed on 12 June 2025 with 13 other prisoners.")]))
    return os.getpid()


def default_path(db: Path, batch: int) -> float:
    from prefect import flow

    from flows.extract import extract_archived

    @flow(name="bench-default")
    def run() -> dict[str, Any]:
        return extract_archived(str(db), batch_pages=batch)

    t = time.perf_counter()
    run()
    return time.perf_counter() - t


def cpu_seconds() -> dict[str, float]:
    """Processor seconds (user + system) of this process and of each process under it, by pid."""
    import psutil

    me = psutil.Process()
    out = {}
    for proc in [me, *me.children(recursive=True)]:
        try:
            t = proc.cpu_times()
            out[f"{proc.pid} {' '.join(proc.cmdline())}"] = t.user + t.system
        except psutil.Error:  # gone meanwhile
            continue
    return out


def cpu_budget(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """Processor seconds spent between two :func:`cpu_seconds`, grouped: this process (the merger, Prefect's client),
    Dask (scheduler, nannies, workers: the processes a LocalCluster starts) and Prefect's server."""
    me = f"{os.getpid()} "
    out = {"this process": 0.0, "dask": 0.0, "prefect server": 0.0}
    for key, t in after.items():
        spent = t - before.get(key, 0.0)
        group = ("this process" if key.startswith(me)
                 else "prefect server" if ("prefect" in key or "uvicorn" in key) else "dask")
        out[group] += spent
    return out


def scaled_path(db: Path, workers: int, batch: int) -> tuple[float, float, float, dict[str, float]]:
    """(seconds of the run, seconds the cluster took to start and warm up, seconds the one merger worked, processor
    seconds by process group)."""
    from distributed import Client, LocalCluster
    from prefect import flow
    from prefect_dask import DaskTaskRunner

    from flows.scale import api_url, extract_batches, in_flight_for

    @flow(name="bench-scaled")
    def run() -> tuple[float, float, float, dict[str, float]]:
        t0 = time.perf_counter()
        env = {"PREFECT_API_URL": url} if (url := api_url()) else {}
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, env=env) as cluster, Client(cluster) as client:
            client.run(_warm)
            ready = time.perf_counter() - t0
            before = cpu_seconds()
            t = time.perf_counter()
            stats = extract_batches.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))(
                str(db), batch_pages=batch, in_flight=in_flight_for(workers))
            took = time.perf_counter() - t
            return took, ready, stats.get("merge_seconds", 0.0), cpu_budget(before, cpu_seconds())

    return run()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=100, help="pages per batch (a Prefect task on a worker)")
    ap.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated; 1 and 2 give the RESULT")
    ap.add_argument("--chrome", choices=sorted(CHROMES), default="publisher")
    ap.add_argument("--no-default", action="store_true", help="skip the embedded default path's reference run")
    args = ap.parse_args(argv)
    counts = [int(w) for w in args.workers.split(",")]
    tune_gc()
    work = Path(tempfile.mkdtemp(prefix="newsfacts-scale-"))
    try:
        list(write_pages(work / "pages", args.pages, chrome=args.chrome))
        template = work / "archived.duckdb"
        _archive(work / "pages", template, args.pages, 200)
        print(f"{args.pages} pages archived; batches of {args.batch}; {os.cpu_count()} cores", flush=True)
        secs: dict[str, float] = {}
        if not args.no_default:
            db = work / "default.duckdb"
            shutil.copy(template, db)
            secs["default"] = default_path(db, args.batch)
        lost = duplicated = 0
        first: dict[str, list[tuple]] | None = None
        same = True
        for n in counts:
            db = work / f"workers_{n}.duckdb"
            shutil.copy(template, db)
            secs[f"{n} worker{'s' if n > 1 else ''}"], ready, merging, cpu = scaled_path(db, n, args.batch)
            print(f"  {n} worker(s): cluster started and warmed in {ready:.1f} s; the merger worked {merging:.1f} s "
                  f"({1000 * merging / args.pages:.1f} ms a page)", flush=True)
            print("    processor seconds in the run: " + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items())
                  + f"; in all {sum(cpu.values()):.1f}, ÷ {os.cpu_count()} cores = "
                  f"{sum(cpu.values()) / (os.cpu_count() or 1):.1f} s at best", flush=True)
            lo, du = check(db)
            lost, duplicated = lost + lo, duplicated + du
            now = rows(db)
            same = same and (first is None or now == first)
            first = first or now
        print(f"\n{'run':<14} {'seconds':>9} {'pages/s':>9}")
        for name, s in secs.items():
            print(f"{name:<14} {s:>9.2f} {args.pages / s:>9.1f}")
        print(f"every run's tables equal the first scaled run's: {'yes' if same else 'NO'}")
        if not same:
            duplicated += 1  # a difference is a fact landed otherwise than once
        one, two = secs.get("1 worker"), secs.get("2 workers")
        speedup = f"{one / two:.2f}" if one and two else "n/a"
        print(f"RESULT workers_2_speedup={speedup} lost={lost} duplicated={duplicated}")
        return 0 if lost == 0 and duplicated == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
