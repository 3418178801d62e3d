"""What `newsfacts crawl`, `demo` and `reprocess` show while they run and when they end.

While the flow runs (in this process), :class:`ProgressView` listens to its progress events
(``flows.progress``): on a terminal, live bars per stage (discover, fetch, extract, load) with
rate and time left; otherwise (a log file, a pipe, CI) one plain line per batch on stderr,
e.g. ``fetched 100/340 pages (12.3/s): 98 ok, 2 failed``. At the end, :func:`summary_text`
is a table on stdout: rows added this run per kind beside the warehouse's totals, pages
skipped (not articles) apart from pages failed, and where to read the failures.

Rich is imported only for a terminal; nothing here imports Prefect.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import IO, Any, TypeVar

T = TypeVar("T")


class _StderrLines(logging.Handler):
    """Each record's message as one line on ``sys.stderr`` as it is at that moment (above live bars, if any)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(record.getMessage() + "\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - as logging.Handler does: a lost line, never a stopped command
            self.handleError(record)


def say_waiting_on_stderr() -> None:
    """Print the warehouse's "waiting for the crawl (PID …) that holds FILE" lines as plain stderr lines, at once.

    ``warehouse.db`` logs one at the first lock conflict of an open (its default ``on_wait``); the
    command line prints it as it is, not through Prefect's log format. Idempotent.
    """
    log = logging.getLogger("warehouse.db")
    if not any(isinstance(h, _StderrLines) for h in log.handlers):
        log.addHandler(_StderrLines(logging.WARNING))
        log.propagate = False

#: exit code of a crawl in which every fetch failed (nothing fetched, no feed answered)
EXIT_ALL_FAILED = 3

LABELS = {"discovered": "discover", "fetched": "fetch", "extracted": "extract", "loaded": "load"}
UNITS = {"discovered": "sources", "fetched": "pages", "extracted": "pages", "loaded": "pages"}
#: warehouse tables in the summary, with their row labels
TABLE_ROWS = (("articles", "articles"), ("article_urls", "article URLs"), ("persons", "persons"),
              ("person_aliases", "person spellings"), ("person_mentions", "person mentions"),
              ("counts", "counts of people"), ("dates", "dates"), ("events", "events"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _note(stage: str, counts: dict[str, int]) -> str:
    """The running tallies of a stage, in words."""
    c = counts.get
    if stage == "discovered":
        return f"{_plural(c('urls', 0), 'new URL')}"
    if stage == "fetched":
        return f"{c('fetched', 0)} ok, {c('failed', 0)} failed"
    if stage == "extracted":
        return f"{_plural(c('articles', 0), 'article')}, {c('skipped', 0)} skipped, {c('failed', 0)} failed"
    if stage == "loaded":
        return f"{c('articles', 0)} new, {c('updated', 0)} updated, {_plural(c('duplicates', 0), 'duplicate')}"
    return ", ".join(f"{v} {k}" for k, v in counts.items())


class StageClock:
    """When each stage started (when the event before its first came) and its rate since then."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last = clock()  # when the previous event came: the start of the next stage
        self.started: dict[str, float] = {}

    def seen(self, stage: str, done: int) -> float:
        """Note an event of ``stage`` (``done`` 0: the stage starts now); return the time it came."""
        now = self.clock()
        if stage not in self.started:  # loading is timed with extraction: the same batches
            start = now if not done else self.last
            self.started[stage] = self.started.get("extracted", start) if stage == "loaded" else start
        self.last = now
        return now

    def elapsed(self, stage: str, now: float) -> float:
        return now - self.started.get(stage, now)

    def rate(self, stage: str, done: int, now: float) -> float | None:
        """Items a second since the stage started; None for discovery (sources, not pages) or too soon to tell."""
        elapsed = self.elapsed(stage, now)
        return done / elapsed if stage != "discovered" and elapsed > 0 and done else None


def _hms(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from an hour."""
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class PlainLines:
    """One line per batch on ``stream``: ``fetched 100/340 pages (12.3/s): 98 ok, 2 failed``."""

    def __init__(self, stream: IO[str], clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.times = stream, StageClock(clock)

    def __call__(self, stage: str, done: int, total: int | None, counts: dict[str, int], tick: bool) -> None:
        now = self.times.seen(stage, done)
        if tick:
            return
        of = f"{done}/{total}" if total is not None else f"{done}"
        rate = self.times.rate(stage, done, now)
        per_s = f" ({rate:.1f}/s)" if rate else ""
        self.stream.write(f"{stage} {of} {UNITS.get(stage, 'items')}{per_s}: {_note(stage, counts)}\n")
        self.stream.flush()


class LiveBars:
    """Rich progress bars on a terminal, one per stage: done/total, rate, time left (time taken once done)."""

    def __init__(self, stream: IO[str], clock: Callable[[], float] = time.monotonic, width: int | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

        console = Console(file=stream, width=width)
        # the bar gives way on a narrow terminal: the columns beside it take ~48 characters, the note ~42
        bar = max(8, min(28, console.width - 90))
        self.progress = Progress(
            SpinnerColumn(finished_text="[green]✓"), TextColumn("{task.description:<8}"), BarColumn(bar_width=bar),
            TextColumn("{task.fields[count]:>9} {task.fields[unit]:<7}"),
            TextColumn("[progress.data.speed]{task.fields[rate]:>8}"),
            TextColumn("[progress.remaining]{task.fields[eta]:>8}"),
            TextColumn("[dim]{task.fields[note]}"), console=console, transient=False)
        self.tasks: dict[str, Any] = {}
        self.times = StageClock(clock)
        self.starting: Any = None  # a row until the first event: a cold Prefect API takes a while

    def __enter__(self) -> LiveBars:
        self.starting = self.progress.add_task("start", total=None, count="", unit="", rate="", eta="",
                                               note="starting the Prefect flow run (a cold API takes ~20 s)")
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.starting is not None:
            self.progress.remove_task(self.starting)
        for t in self.progress.tasks:  # a stage of unknown size shows as done, not as a spinner, once over
            if t.total is None:
                self.progress.update(t.id, total=t.completed)
        self.progress.stop()

    def __call__(self, stage: str, done: int, total: int | None, counts: dict[str, int], tick: bool) -> None:
        now = self.times.seen(stage, done)
        if self.starting is not None:
            self.progress.remove_task(self.starting)
            self.starting = None
        rate = self.times.rate(stage, done, now)
        if total is not None and done >= total:
            eta = f"in {_hms(self.times.elapsed(stage, now))}"
        elif rate and total is not None:
            eta = f"eta {_hms((total - done) / rate)}"
        else:
            eta = ""
        fields = {"count": f"{done}/{total}" if total is not None else str(done), "rate": f"{rate:.1f}/s" if rate
                  else "", "eta": eta, "note": _note(stage, counts)}
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(LABELS.get(stage, stage), total=total,
                                                       unit=UNITS.get(stage, ""), **fields)
        self.progress.update(self.tasks[stage], completed=done, total=total, **fields)


class ProgressView:
    """``with ProgressView():`` shows the progress of the flows run inside the block, on stderr."""

    def __init__(self, stream: IO[str] | None = None, live: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self._stack = ExitStack()

    def __enter__(self) -> ProgressView:
        from flows.progress import listening

        listener: Any = self._stack.enter_context(LiveBars(self.stream)) if self.live else PlainLines(self.stream)
        self._stack.enter_context(listening(listener))
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.__exit__(*exc)


def warehouse_counts(db: str | None) -> dict[str, int]:
    """Rows per table now (nothing when there is no warehouse yet), to tell what a run added."""
    from warehouse.db import connect, db_path, table_counts

    if not db_path(db).exists():
        return {}
    con = connect(db, read_only=True)
    try:
        return table_counts(con)
    finally:
        con.close()


def _table(rows: list[tuple[str, str, str]]) -> str:
    head = ("", "this run", "in warehouse")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    fmt = lambda r: f"  {r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}".rstrip()  # noqa: E731
    return "\n".join([fmt(head), fmt(("-" * widths[0], "-" * widths[1], "-" * widths[2]))] + [fmt(r) for r in rows])


def summary_text(added: dict[str, Any], totals: dict[str, int], before: dict[str, int], db: str | None,
                 crawl: dict[str, int] | None = None) -> str:
    """The end-of-run table: pages (discovered, fetched, skipped, failed), rows added per kind, warehouse totals.

    ``added``: the flow's counts (``pipeline``'s ``added``, or the ``extract`` flow's stats);
    ``crawl``: the crawl stage's counts, when there was one; ``before``: :func:`warehouse_counts` at the start.
    """
    from warehouse.db import db_path

    n = lambda k: str(added.get(k, 0))  # noqa: E731
    rows: list[tuple[str, str, str]] = []
    if crawl is not None:
        rows += [("pages discovered", str(crawl.get("discovered", 0)), ""),
                 ("pages fetched", str(crawl.get("fetched", 0)), "")]
    rows += [("skipped: not articles", n("skipped"), ""), ("failed", n("failures"), "")]
    for table, label in TABLE_ROWS:
        rows.append((label, str(totals.get(table, 0) - before.get(table, 0)), str(totals.get(table, 0))))
        if table == "articles":
            rows += [("  updated (re-extracted)", n("updated"), ""), ("  duplicates (linked)", n("duplicates"), "")]
    rows.append(("name pairs to review", n("review_pairs"), ""))
    lines = ["", f"Summary ({db_path(db)})", _table(rows), ""]
    failed, skipped = added.get("failures", 0), added.get("skipped", 0)
    if failed:
        lines.append(f"{_plural(failed, 'page')} failed: `newsfacts failures` lists them")
    else:
        lines.append("no failures")
    if skipped:
        lines[-1] += f"; {_plural(skipped, 'page')} skipped as not articles (`newsfacts failures --skipped`)"
    return "\n".join(lines)


def all_fetches_failed(crawl: dict[str, int]) -> int | None:
    """How many fetches failed when every one did (no page fetched, no feed or sitemap answered), else None.

    Pages refused before any request (robots.txt disallows them, a malformed URL) are not failed fetches:
    a site whose robots.txt disallows everything is crawled correctly, not broken.
    """
    tried_failed = crawl.get("fetch_failures", 0) + crawl.get("discover_failures", 0)
    if tried_failed and not crawl.get("fetched", 0) and not crawl.get("feeds", 0):
        return tried_failed
    return None


def run_shown(run: Callable[..., T], db: str | None, *args: Any, echo: Callable[[str], None] = print,
              **kwargs: Any) -> T:
    """``run(*args, **kwargs)`` (a pipeline run) with progress on stderr, then its summary on stdout.

    ``newsfacts demo`` calls this: ``run_shown(run_demo, db, port=port)``.
    """
    before = warehouse_counts(db)
    with ProgressView():
        result = run(*args, db=db, **kwargs)
    echo(summary_text(result["added"], result["totals"], before, db, crawl=result.get("crawl")))
    return result

