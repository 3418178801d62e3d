"""Benchmark the whole pipeline against trafilatura alone, with and without Prefect, in one run.

    python -m benchmarks.pipeline [--pages 2000] [--batch 500] [--prefect-pages 2000] [--mentions 100000]

1. Writes ``--pages`` generated article pages (``benchmarks.pages``: 500–1,500 words of article in
   heavy boilerplate) to a temporary folder, one at a time.
2. **trafilatura alone** and **the pipeline without Prefect**, interleaved batch by batch (``--batch``
   pages, the side that goes first alternating; both sides then run under the same machine conditions):
   trafilatura alone reads each page from disk and extracts its text (``extract_article``); the pipeline
   runs the same library stages the flows call: read from disk → ``extract_article`` → ``extract_pages``
   → ``resolve_pages`` → ``load_batch`` into a fresh DuckDB file, through a connection per batch as the
   flow's load task opens one (its closing checkpoint counted as load); after the last batch the run's events
   are linked across articles once (``link_pending``, stage ``link``), as the extract flow's link task does.
   Nothing holds more than one batch. ``pipeline_vs_trafilatura`` = pipeline pages/s ÷ trafilatura pages/s (both
   read the same files from disk; fetching is left out of both, as it is network time, not ours).
3. **Prefect overhead**: ``--prefect-pages`` pages are archived (as the crawl flow archives fetched
   pages) into two fresh warehouses (``--prefect-repeat`` times, alternating; the fastest run of each
   side counts); the real ``extract`` flow runs on one, and the same task
   functions called directly (``task.fn``: read archive → text → facts → resolve → load) on the
   other. ``prefect_overhead`` = (with − without) ÷ with. The ephemeral Prefect API is started by a
   warm-up flow before timing. Fetch time is out of both for the same reason as above.
4. **Name resolution** of ``--mentions`` generated mentions (``benchmarks.resolve``).
5. **Real publisher pages** (``--real-pages``, default ``../shared/fixtures/html`` when it is there): the same
   two sides on publishers' own pages, ``--real-rounds`` rounds, interleaved. Too few pages for a warehouse
   batch of their own, so their ratio counts load at the streamed run's cost a page. A check that the
   generated pages ask no less of trafilatura than real ones do; not part of the RESULT line.

Pages are wrapped in publisher chrome by default (``--chrome publisher``: markup calibrated to the real pages,
``benchmarks.chrome``); ``--chrome light`` keeps only the lighter boilerplate the benchmark first had, which costs
trafilatura less than any real page measured (~17 ms a page against 28–146 ms, median ~57).

Events are timed apart from the other facts: ``extractors.pipeline.find_events`` (which the events component
looks up at call time) is wrapped with a timer, so the stage table shows ``facts`` (tokenizer, sentences, people,
counts, dates) and ``events`` as rows of their own, as does the real-pages line; the RESULT ratio counts both.

Runs pinned to one core. Prints a stage table and, last, the RESULT line.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.pages import CHROMES, page_paths, write_pages
from flows.extract import BATCH_PAGES
from flows.gc_tuning import tune_gc


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    """Resident memory now (Linux ``/proc``; elsewhere the peak so far)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return _peak_mb()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _in_turn(n: int, first, second) -> tuple:
    """The two sides of a ratio in the order round ``n`` runs them: who goes first alternates, since the side
    that parsed a page second ran up to 5% faster (4c14b7d: trafilatura alone, always first)."""
    return (first, second) if n % 2 == 0 else (second, first)


@contextmanager
def events_timed(secs: dict[str, float]) -> Iterator[None]:
    """While inside, the events component's ``find_events`` adds its seconds to ``secs["events"]``.

    The component calls ``extractors.pipeline.find_events`` by its module-global name, so a wrapper put there is
    what it calls; the original is put back on leaving. The rest of the component (its sentence bounds) stays in
    the facts stage.
    """
    import extractors.pipeline as ep

    inner = ep.find_events

    def find_events(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            secs["events"] += time.perf_counter() - t0

    ep.find_events = find_events
    try:
        yield
    finally:
        ep.find_events = inner


def check_tokens(paths: list[Path]) -> int:
    """Token boundaries and sentences of our pipeline against stock spaCy (blank en + sentencizer, each sentence
    cut at its line breaks and stripped of whitespace: our sentencizer's line-break rule); return n docs."""
    import re

    import spacy

    from extractors.pipeline import LINE_BREAKS, build_nlp, sentence_bounds
    from extractors.text import extract_article, read_page

    stock = spacy.blank("en")
    stock.add_pipe("sentencizer")
    nlp = build_nlp()
    line = re.compile(f"[^{re.escape(''.join(LINE_BREAKS))}]+")
    for path in paths:
        text = extract_article(read_page(path)).text
        a, b = stock(text), nlp.get_pipe("sentencizer")(nlp.make_doc(text))
        lines = [(s.start_char + m.start() + len(m[0]) - len(m[0].lstrip()),
                  s.start_char + m.start() + len(m[0].rstrip()))
                 for s in a.sents for m in line.finditer(s.text) if m[0].strip()]
        if ([(t.idx, len(t), t.whitespace_) for t in a] != [(t.idx, len(t), t.whitespace_) for t in b]
                or lines != list(zip(*sentence_bounds(b), strict=True))):
            raise SystemExit(f"token or sentence boundaries differ from stock spaCy on {path}")
    return len(paths)


def trafilatura_and_pipeline(directory: Path, db: Path, batch: int,
                             rss: list[tuple[int, float]] | None = None) -> tuple[dict[str, float], dict[str, int], int,
                                                                                  int]:
    """trafilatura alone and the pipeline's stages, batch by batch, interleaved; seconds per stage and rows added.

    For each batch of ``batch`` pages: trafilatura alone (read each page, ``extract_article``) and the
    library stages the flows call (read → ``extract_article`` → ``extract_pages`` → ``resolve_pages`` →
    ``load_batch`` into a fresh DuckDB file, through a connection opened and closed per batch as the
    flow's load task does; the events linked once at the end, stage ``link``), the side that goes first
    alternating. Interleaving puts both sides of the ratio
    under the same machine conditions (this machine is shared: its speed drifts by 20-30% over minutes), and
    alternating gives neither side the advantage of going second. Nothing holds more than one batch.
    Returns ``(seconds per stage, rows added, pages, article words)``; stage ``trafilatura`` is
    trafilatura alone, ``events`` the events component's ``find_events`` and ``facts`` the rest of
    ``extract_pages`` (tokenizer, sentences, people, counts, dates). ``rss`` gets ``(pages so far, resident MB)``
    after each batch: memory must not grow with the pages.
    """
    from extractors.pipeline import extract_pages
    from extractors.text import extract_article, read_page
    from resolution.resolve import resolve_pages
    from warehouse.db import connect
    from warehouse.event_links import link_pending
    from warehouse.load import load_batch

    secs = dict.fromkeys(("trafilatura", "read", "text", "facts", "events", "resolve", "load", "link"), 0.0)
    added: dict[str, int] = {}
    pages = words = 0
    connect(db).close()  # create and migrate the file first, as the crawl does before any load
    def trafilatura_alone(paths: list[Path]) -> None:
        t0 = time.perf_counter()
        for path in paths:
            extract_article(read_page(path), url=path.as_uri())
        secs["trafilatura"] += time.perf_counter() - t0

    def pipeline(paths: list[Path]) -> None:
        nonlocal words
        t0 = time.perf_counter()
        bodies = [(p.as_uri(), read_page(p)) for p in paths]
        t1 = time.perf_counter()
        articles = [extract_article(body, url=url) for url, body in bodies]
        del bodies
        t2 = time.perf_counter()
        events_before = secs["events"]
        facts = list(extract_pages(articles))
        t3 = time.perf_counter()
        secs["facts"] -= secs["events"] - events_before  # the events stage's seconds are its own row
        resolve_pages(facts)
        t4 = time.perf_counter()
        # a connection per batch, as the extract flow's load task opens one: its closing checkpoint is loading
        con = connect(db)
        try:
            for k, v in load_batch(con, facts, link_events=False).stats.items():
                added[k] = added.get(k, 0) + v
        finally:
            con.close()
        t5 = time.perf_counter()
        for k, a, b in (("read", t0, t1), ("text", t1, t2), ("facts", t2, t3), ("resolve", t3, t4),
                        ("load", t4, t5)):
            secs[k] += b - a
        words += sum(len(a.text.split()) for a in articles)

    with events_timed(secs):
        for n, paths in enumerate(_batches(page_paths(directory), batch)):
            for side in _in_turn(n, trafilatura_alone, pipeline):
                side(paths)
            pages += len(paths)
            if rss is not None:
                rss.append((pages, _rss_mb()))
    # the run's events linked across articles once, after its last batch, as the extract flow's link task does
    t0 = time.perf_counter()
    con = connect(db)
    try:
        added["linked"] = link_pending(con)
    finally:
        con.close()
    secs["link"] = time.perf_counter() - t0
    return secs, added, pages, words


def real_pages(directory: Path, rounds: int) -> tuple[dict[str, float], int]:
    """Seconds of trafilatura alone and of the pipeline's text, facts, events and resolve stages on real publishers'
    pages.

    Each round runs trafilatura alone over every page and the pipeline's stages, the side that goes first
    alternating; the rounds add up. After the first round spaCy's vocabulary and the resolver know these
    pages' words and names, as they know most of them deep into a long run.
    Returns ``(seconds per stage, pages processed)``.
    """
    from extractors.pipeline import extract_pages
    from extractors.text import extract_article, read_page
    from resolution.resolve import resolve_pages

    files = sorted(p for p in directory.rglob("*") if p.name.endswith((".html", ".htm", ".html.gz")))
    bodies = [(p.as_uri(), read_page(p)) for p in files]  # a handful of pages
    secs = dict.fromkeys(("trafilatura", "text", "facts", "events", "resolve"), 0.0)

    def trafilatura_alone() -> None:
        t0 = time.perf_counter()
        for url, body in bodies:
            extract_article(body, url=url)
        secs["trafilatura"] += time.perf_counter() - t0

    def pipeline() -> None:
        t1 = time.perf_counter()
        articles = [extract_article(body, url=url) for url, body in bodies]
        t2 = time.perf_counter()
        events_before = secs["events"]
        facts = list(extract_pages(articles))
        t3 = time.perf_counter()
        secs["facts"] -= secs["events"] - events_before  # the events stage's seconds are its own row
        resolve_pages(facts)
        t4 = time.perf_counter()
        for k, a, b in (("text", t1, t2), ("facts", t2, t3), ("resolve", t3, t4)):
            secs[k] += b - a

    with events_timed(secs):
        for n in range(rounds):
            for side in _in_turn(n, trafilatura_alone, pipeline):
                side()
    return secs, len(bodies) * rounds


def _archive(directory: Path, db: Path, n: int, batch: int) -> None:
    """Put the first ``n`` pages into the raw archive as the crawl flow does after fetching them."""
    from records.pages import FetchResult
    from warehouse.crawl_state import archive_pages
    from warehouse.db import connect

    con = connect(db)
    try:
        now = datetime.now(UTC).replace(tzinfo=None)
        for paths in _batches(itertools.islice(page_paths(directory), n), batch):
            archive_pages(con, [FetchResult(p.as_uri(), p.as_uri(), 200, p.read_bytes(), "text/html", None, None, now)
                                for p in paths], "bench", "en")
    finally:
        con.close()


def extract_direct(db: str) -> dict:
    """What ``flows.extract.extract_archived`` does, batch by batch, calling each task's own function: no Prefect."""
    from flows.extract import (
        BATCH_PAGES,
        extract_facts_task,
        extract_text_task,
        link_task,
        load_task,
        read_archive_task,
    )
    from flows.resolve import resolve_task

    stats, after_id = {}, 0
    while pages := read_archive_task.fn(db, False, after_id, BATCH_PAGES):
        after_id = pages[-1].id
        articles, failures = extract_text_task.fn(pages)
        facts, uncertain = resolve_task.fn(extract_facts_task.fn(articles), db)
        stats = load_task.fn(facts, failures, uncertain, [p.id for p in pages], db)
    link_task.fn(db)
    return stats


def prefect_overhead(directory: Path, work: Path, n: int, batch: int, repeat: int = 3) -> tuple[float, float, int]:
    """Seconds of the extract flow and of the same task functions called directly, on the same n pages.

    Each side runs ``repeat`` times, alternating, on fresh copies of the archive; the fastest run of each
    side counts (the machine is shared: a single run of either side varies by more than Prefect's cost).
    """
    import flows  # noqa: F401, I001 - first: sets Prefect's defaults (startup timeout, no telemetry) before its import
    from prefect import flow

    from flows.extract import extract

    @flow(name="bench-warm-up")
    def warm_up() -> int:
        return 1

    warm_up()  # starts the ephemeral API (~20 s cold); not part of either figure
    t_with = t_without = float("inf")
    for r in range(repeat):
        with_db, without_db = work / f"with_prefect_{r}.duckdb", work / f"without_prefect_{r}.duckdb"
        _archive(directory, with_db, n, batch)
        _archive(directory, without_db, n, batch)
        gc.collect()
        t0 = time.perf_counter()
        direct = extract_direct(str(without_db))
        t_without = min(t_without, time.perf_counter() - t0)
        gc.collect()
        t0 = time.perf_counter()
        flowed = extract(db=str(with_db))
        t_with = min(t_with, time.perf_counter() - t0)
        if flowed["totals"] != direct["totals"]:
            raise SystemExit(f"the flow and the direct calls loaded different rows: {flowed['totals']} != "
                             f"{direct['totals']}")
        with_db.unlink()
        without_db.unlink()
    return t_with, t_without, direct["totals"].get("articles", 0)


def resolve_mentions(n: int, seed: int = 7) -> float:
    """Seconds to resolve n generated mentions (generation not timed)."""
    from benchmarks.resolve import generate
    from resolution.resolve import Resolver

    docs, _ = generate(n, seed)
    t0 = time.perf_counter()
    Resolver().resolve(docs)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000, help="pages to generate (default 2,000; up to 100,000)")
    ap.add_argument("--batch", type=int, default=BATCH_PAGES,
                    help=f"pages per batch in the streamed pipeline (default {BATCH_PAGES}, as the extract flow)")
    ap.add_argument("--prefect-pages", type=int, default=2000,
                    help="pages for the with/without Prefect comparison (default 2,000; at most --pages)")
    ap.add_argument("--prefect-repeat", type=int, default=3,
                    help="runs of each side of the Prefect comparison, alternating; the fastest counts (default 3: "
                         "one slow run of either side moved the figure from 0.06 to 0.16)")
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--chrome", choices=CHROMES, default="publisher",
                    help="page wrapping: publisher (markup calibrated to real publishers' pages, the default) or "
                         "light (the lighter boilerplate the benchmark first had)")
    ap.add_argument("--real-pages", default=str(Path(__file__).resolve().parents[2] / "shared/fixtures/html"),
                    help="folder of real publisher pages to compare on (default ../shared/fixtures/html; skipped "
                         "if missing)")
    ap.add_argument("--real-rounds", type=int, default=10, help="rounds over the real pages (default 10)")
    ap.add_argument("--dir", help="work folder (default: a temporary one, removed afterwards)")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    tune_gc()  # as every process that runs the flows does (``flows/__init__``); both sides of every ratio run with it
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    pages_dir = work / "pages"
    try:
        t0 = time.perf_counter()
        n_bytes = sum(p.stat().st_size for p in write_pages(pages_dir, args.pages, args.seed, args.chrome))
        t_gen = time.perf_counter() - t0
        print(f"pages: {args.pages:,} generated in {t_gen:.1f} s ({args.chrome} chrome); "
              f"{n_bytes / args.pages / 1024:.0f} KB of HTML a page")
        checked = check_tokens(list(itertools.islice(page_paths(pages_dir), 50)))
        print(f"tokens and sentences identical to stock spaCy (sentences cut at line breaks) on {checked} pages")

        gc.collect()
        rss: list[tuple[int, float]] = []
        secs, added, n_pages, words = trafilatura_and_pipeline(pages_dir, work / "direct.duckdb", args.batch, rss)
        print(f"article text: {words / n_pages:,.0f} words a page")
        rss_pipeline = _peak_mb()
        t_traf = secs.pop("trafilatura")
        t_pipe = sum(secs.values())
        print(f"loaded: {added}")

        n_prefect = min(args.prefect_pages, args.pages)
        t_with, t_without, n_loaded = prefect_overhead(pages_dir, work, n_prefect, args.batch,
                                                     max(1, args.prefect_repeat))
        t_resolve = resolve_mentions(args.mentions, args.seed)
        real_dir = Path(args.real_pages)
        real = real_pages(real_dir, max(1, args.real_rounds)) if real_dir.is_dir() else None
        peak = _peak_mb()
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)

    ratio = t_traf / t_pipe
    overhead = (t_with - t_without) / t_with
    print()
    print(f"{'stage (one core)':<34} {'seconds':>9} {'pages/s':>9} {'words/s':>10} {'share':>7}")
    print(f"{'trafilatura alone (read+extract)':<34} {t_traf:9.2f} {n_pages / t_traf:9.1f} {words / t_traf:10,.0f}")
    for name, v in secs.items():
        # under 10 ms (the events stage while find_events returns []), a rate would be noise
        rate = f"{n_pages / v:9.1f} {words / v:10,.0f}" if v >= 0.01 else f"{'-':>9} {'-':>10}"
        print(f"{'  pipeline: ' + name:<34} {v:9.2f} {rate} {v / t_pipe:7.1%}")
    print(f"{'pipeline without Prefect':<34} {t_pipe:9.2f} {n_pages / t_pipe:9.1f} {words / t_pipe:10,.0f} {1:7.1%}")
    print(f"{f'extract flow, {n_prefect} pages: direct':<34} {t_without:9.2f} {n_prefect / t_without:9.1f}")
    print(f"{f'extract flow, {n_prefect} pages: Prefect':<34} {t_with:9.2f} {n_prefect / t_with:9.1f}")
    print(f"{f'resolve {args.mentions:,} mentions':<34} {t_resolve:9.2f}")
    if real is not None:
        r_secs, r_n = real
        r_traf = r_secs.pop("trafilatura")
        r_load = (secs["load"] + secs["link"]) / n_pages * r_n  # the streamed run's load and link cost a page
        r_pipe = sum(r_secs.values()) + r_load
        print(f"real publisher pages ({r_n // max(1, args.real_rounds)} in {real_dir}, {args.real_rounds} rounds), "
              f"ms a page (share): trafilatura alone {r_traf / r_n * 1000:.1f}; pipeline "
              + ", ".join(f"{k} {v / r_n * 1000:.1f} ({v / r_pipe:.1%})" for k, v in r_secs.items())
              + f", load and link {r_load / r_n * 1000:.1f} ({r_load / r_pipe:.1%}, streamed run's); "
              f"pipeline_vs_trafilatura {r_traf / r_pipe:.2f}")
    marks = sorted({rss[min(len(rss) - 1, round(f * len(rss)) - 1)] for f in (0.1, 0.25, 0.5, 0.75, 1.0)})
    print("RSS while streaming (pages: MB): " + ", ".join(f"{n:,}: {mb:.0f}" for n, mb in marks))
    print(f"peak RSS: {rss_pipeline:.0f} MB after the streamed pipeline, {peak:.0f} MB at the end "
          f"(the Prefect comparison holds its {n_prefect} pages; {n_loaded} articles)")
    print(f"RESULT pipeline_vs_trafilatura={ratio:.2f} prefect_overhead={overhead:.3f} "
          f"resolve_100k_s={t_resolve:.1f} peak_rss_mb={peak:.0f} pages_per_s={n_pages / t_pipe:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
