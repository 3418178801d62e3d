"""Analysts' commands: find a person by any spelling, write the static report, serve the web app."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsfacts.cli_common import DbOption, warehouse_exit

WaitOption = Annotated[
    float | None,
    typer.Option("--wait", metavar="SECONDS", envvar="NEWSFACTS_LOCK_TIMEOUT", show_default="30",
                 help="How long to wait while a crawl holds the warehouse lock."),
]


def _store(db: str | None, wait: float | None = None):
    from analyst.store import Store
    from warehouse.db import WarehouseError, connect_analyst

    try:
        return Store(connect_analyst(db, timeout=wait))
    except (WarehouseError, FileNotFoundError) as exc:
        raise warehouse_exit(exc) from exc


def person(
    spelling: Annotated[str, typer.Argument(metavar="SPELLING", help="A name in any spelling or script: "
                                            "'Тихановский', 'Cichanoŭski', 'TSIKHANOUSKI, Siarhei'.")],
    db: DbOption = None,
    wait: WaitOption = None,
    events_only: Annotated[bool, typer.Option("--events-only", help="Leave out the articles and sentences.")] = False,
) -> None:
    """Find the people a spelling names (the pipeline's name resolver) and print what the warehouse knows:
    canonical name, every spelling seen, events (kind, date, count, sources) and the articles with the
    sentence. Several people are listed with their confidence, never merged. Exit code 1 when no one matches."""
    from analyst.lookup import SpellingError, find_people

    st = _store(db, wait)
    try:
        try:
            found = find_people(st, spelling)
        except SpellingError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        if not found.matches:
            hint = ("; did you mean " + ", ".join(f"{c.name} ({c.confidence:.2f})" for c in found.near) + "?"
                    if found.near else "")
            typer.echo(f"no one by the name {found.query!r} in the warehouse{hint}", err=True)
            raise typer.Exit(1)
        if len(found.matches) > 1:
            typer.echo(f"{len(found.matches)} people may be named {found.query!r}; each is listed, none merged.\n")
        for c in found.matches:
            _print_person(st, c, events_only)
    finally:
        st.con.close()


def _print_person(st, c, events_only: bool) -> None:
    p = st.row("person", c.person_id)
    typer.echo(f"{c.name}  [{c.person_id}]  confidence {c.confidence:.2f} ({c.reason}; matched {c.spelling!r})")
    typer.echo(f"  spellings seen: {', '.join(p['spellings']) if p else ''}")
    events = st.rows("person_events", c.person_id)
    typer.echo(f"  events ({len(events)}):" if events else "  events: none names them as the one released, "
               "detained, sentenced or held")
    for e in events:
        count = f", {e['count']} people" if e["count"] is not None else ""
        typer.echo(f"    {e['date'] or 'undated':<10} {e['kind']:<9}{count}; {e['event_sources']} sources: "
                   f"{', '.join(e['sites'] or [])}")
    if not events_only:
        mentions = st.rows("person_mentions", c.person_id)
        typer.echo(f"  articles ({len({m['article_id'] for m in mentions})}):")
        seen: set[str] = set()
        for m in mentions:
            if m["article_id"] in seen:
                continue
            seen.add(m["article_id"])
            typer.echo(f"    {str(m['published'] or ''):<10} {m['title'] or ''}\n      {m['url']}")
            typer.echo(f"      \"{m['sentence']}\"")
    typer.echo("")


def report(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="DIR",
                                         help="Folder to write the report into (created; pages in it are "
                                              "replaced).")],
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    """Write the warehouse as a static site: DIR/index.html with charts of releases (a mark per source) and
    of the number still held, and a page per person, event and article (facts highlighted in the text).
    Self-contained: opens from disk, with no network."""
    from analyst.site import write_report

    if output.exists() and not output.is_dir():
        typer.echo(f"error: {output} is a file; give a folder with -o DIR", err=True)
        raise typer.Exit(2)
    st = _store(db, wait)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty and (done % 25 == 0 or done == total):
            print(f"\rpages: {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    try:
        n = write_report(st, output, db or "", progress)
    finally:
        st.con.close()
    typer.echo(f"wrote {n} pages; open {output / 'index.html'}")


def web(
    db: DbOption = None,
    port: Annotated[int, typer.Option("--port", metavar="N", envvar="NEWSFACTS_WEB_PORT", show_envvar=True,
                                      help="Port to listen on.")] = 8000,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS", help="Address to bind; the default keeps "
                                      "the app on this machine. Anything else exposes the warehouse.")] = "127.0.0.1",
) -> None:
    """Serve the report's pages live over the warehouse, read-only, with a search box (any spelling → person;
    words → articles), filters by kind and date, and CSV/JSON downloads. Short connections: a crawl can
    write meanwhile (pages then say "warehouse busy, retrying")."""
    from analyst.web import serve

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: binding {host}: anyone who can reach it can read the warehouse", err=True)
    typer.echo(f"serving on http://{host}:{port}/ (Ctrl+C to stop)")
    serve(db, host, port)
