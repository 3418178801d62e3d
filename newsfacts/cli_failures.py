"""`newsfacts failures`: the pages (and feeds) that failed, newest first, from a read-only connection.

Rows come from ``fetch_failures`` (one per failed attempt: discover, fetch or extract), each
with what became of its URL (``crawl_state``: given up, retried next run, landed with a
note), plus the pages given up (outcome ``failed``) that have no such row. ``--skipped``
lists the pages that are not articles instead (outcome ``not_article``): skips, not failures.
Times are local; ``crawl_state`` keeps UTC and is converted.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Annotated

import typer

from newsfacts.cli_common import DbOption

STAGES = ("discover", "fetch", "extract")
#: what became of a failed URL, by its crawl_state outcome
STATE = {"failed": "given up", "retry": "retried next run", "article": "landed (note)", "alias": "landed (note)",
         "duplicate": "landed (note)", "not_article": "skipped", "fetched": "waiting for extraction"}
_RELATIVE = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

# fetch_failures.failed_at is local time (current_timestamp); crawl_state.checked_at is UTC
FAILURES_SQL = """
SELECT url, stage, reason, failed_at, outcome FROM (
    SELECT f.url, f.stage, f.reason, f.failed_at, s.outcome
    FROM fetch_failures f LEFT JOIN crawl_state s ON s.url = f.url AND s.kind = 'page'
    UNION ALL
    SELECT s.url, 'fetch', coalesce(s.reason, ''), timezone('UTC', s.checked_at)::TIMESTAMP, s.outcome
    FROM crawl_state s
    WHERE s.kind = 'page' AND s.outcome = 'failed' AND NOT EXISTS (SELECT 1 FROM fetch_failures f WHERE f.url = s.url)
)
WHERE (? IS NULL OR stage = ?) AND (? IS NULL OR failed_at >= ?)
ORDER BY failed_at DESC, url
"""
SKIPPED_SQL = """
SELECT url, stage, reason, seen_at, outcome FROM (
    SELECT url, 'extract' AS stage, coalesce(reason, '') AS reason, timezone('UTC', checked_at)::TIMESTAMP AS seen_at,
           outcome
    FROM crawl_state WHERE kind = 'page' AND outcome = 'not_article'
)
WHERE (? IS NULL OR stage = ?) AND (? IS NULL OR seen_at >= ?)
ORDER BY seen_at DESC, url
"""

def parse_since(value: str | None, now: datetime | None = None) -> datetime | None:
    """``--since``: a date or date-time (ISO, local time), or an age such as 30m, 6h, 2d, 1w."""
    if value is None:
        return None
    m = _RELATIVE.match(value.strip().lower())
    if m:
        return (now or datetime.now()) - timedelta(**{_UNITS[m.group(2)]: float(m.group(1))})
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is neither a date (2025-06-01, 2025-06-01T12:00) nor an age "
                                 "(30m, 6h, 2d, 1w)", param_hint="--since") from None


def list_failures(con, limit: int | None = 50, stage: str | None = None, since: datetime | None = None,
                  skipped: bool = False) -> tuple[list[tuple], int]:
    """``(url, stage, reason, when, state)`` rows, newest first, at most ``limit``; and how many there are."""
    sql = SKIPPED_SQL if skipped else FAILURES_SQL
    rows = con.execute(sql, [stage, stage, since, since]).fetchall()
    shown = rows if limit is None else rows[:limit]
    out = [(u, st, r, at.replace(microsecond=0) if at else None, STATE.get(o, o or "")) for u, st, r, at, o in shown]
    return out, len(rows)


def failures(
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Show at most this many, newest first; "
                                                                  "0 for all.")] = 50,
    stage: Annotated[str | None, typer.Option(help="Only this stage: discover, fetch or extract.")] = None,
    since: Annotated[str | None, typer.Option(
        metavar="WHEN", help="Only since a date or date-time (2025-06-01, 2025-06-01T12:00, local time) "
                             "or for an age (30m, 6h, 2d, 1w).")] = None,
    skipped: Annotated[bool, typer.Option("--skipped", help="List the pages skipped as not articles instead "
                                                           "(home and section pages, files).")] = False,
    db: DbOption = None,
    wait: Annotated[float | None, typer.Option(
        "--wait", metavar="SECONDS", help="How long to wait while a crawl holds the warehouse lock "
                                          "[env NEWSFACTS_LOCK_TIMEOUT; default 30].")] = None,
) -> None:
    """List the pages and feeds that failed (URL, stage, reason, when, what became of it), newest first.

    From the warehouse's fetch_failures (one row per failed attempt) and the pages given up
    (crawl state 'failed'); read-only. "retried next run": a transient failure (timeout, 5xx)
    the next crawl tries again; "given up": final (4xx, refused) or tried too often;
    "landed (note)": the page landed but hit a limit (text cut).
    """
    from warehouse.db import WarehouseError, connect_analyst
    from warehouse.report import format_table

    if stage is not None and stage not in STAGES:
        raise typer.BadParameter(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}", param_hint="--stage")
    cutoff = parse_since(since)
    try:
        con = connect_analyst(db, timeout=wait)
    except (WarehouseError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    try:
        rows, total = list_failures(con, limit or None, stage, cutoff, skipped)
    finally:
        con.close()
    what = "skipped pages (not articles)" if skipped else "failures"
    if not total:
        typer.echo(f"no {what}" + (" matching" if stage or since else ""))
        return
    typer.echo(format_table(["url", "stage", "reason", "when", "state"],
                            [(u, st, r, str(at or ""), state) for u, st, r, at, state in rows], max_width=70))
    if total > len(rows):
        typer.echo(f"{len(rows)} of {total} {what} shown, newest first; --limit 0 lists all")
