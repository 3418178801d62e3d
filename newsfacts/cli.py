"""The ``newsfacts`` command line: a thin layer over the libraries and flows.

Heavy imports (spaCy, Prefect, DuckDB) happen inside the commands, so
``newsfacts --help`` and the fast commands start quickly.

Help is plain text (no Rich markup, which ate ``[...]``), and every option shows
its placeholder (``FILE``, ``SQL``, ``SECONDS``, ``N``), environment variable and
default: ``NewsfactsCommand`` and ``NewsfactsGroup`` give that to every command,
those registered by ``cli_crawl`` and ``cli_warehouse`` included.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (``SQL``), without Typer's ``<str>`` or ``{name}``."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.metavar or (self.name or "ARG").upper()
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"

    def _rich_display_name(self) -> str:
        return self.metavar or (self.name or "ARG").upper()


class _Option(TyperOption):
    """An option whose ``show_default`` text is shown as given (Typer puts it in parentheses).

    An option whose default is None leaves its environment variable to the library function that reads
    it (``warehouse.db.db_path``, ``lock_timeout``, ``report.query_timeout``), so a bad value gets that
    function's message; help shows the variable all the same.
    """

    def resolve_envvar_value(self, ctx: click.Context) -> str | None:
        if self.default is None:
            return None
        return super().resolve_envvar_value(ctx)

    def _get_default_string(self, *, ctx: click.Context, show_default_is_str: bool, default_value) -> str:
        if show_default_is_str:
            return str(self.show_default)
        return super()._get_default_string(ctx=ctx, show_default_is_str=False, default_value=default_value)


class _TuplesOption(_Option):
    """A repeatable option of several values (``-p NAME VALUE``): a list of tuples of strings."""

    def process_value(self, ctx: click.Context, value):
        value = [tuple(str(x) for x in v) for v in value or ()]
        if self.callback is not None:
            value = self.callback(ctx, self, value)
        return value


def _tidy(params: list[click.Parameter]) -> list[click.Parameter]:
    """Every option shows its environment variable and a metavar; arguments show their metavar only.

    A repeatable option whose metavar has several words (``NAME VALUE``) takes that many values each time."""
    for p in params:
        if type(p) is TyperArgument:
            p.__class__ = _Argument
        elif isinstance(p, TyperOption):
            if type(p) is TyperOption:
                p.__class__ = _Option
            if p.envvar:
                p.show_envvar = True
            if p.metavar is None and not p.is_flag and not p.count:
                p.metavar = (p.name or "value").upper()
            elif p.multiple and p.metavar and " " in p.metavar and type(p) is _Option:
                p.nargs = len(p.metavar.split())  # `-p NAME VALUE`, repeatable: Typer has no list of tuples
                p.__class__ = _TuplesOption
    return params


class NewsfactsCommand(TyperCommand):
    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return _tidy(super().get_params(ctx))


class NewsfactsGroup(TyperGroup):
    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return _tidy(super().get_params(ctx))


class _Typer(typer.Typer):
    """``typer.Typer`` whose commands are ``NewsfactsCommand``s and whose help is plain text."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cls", NewsfactsGroup)
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("context_settings", {"show_default": True, "max_content_width": 120})
        super().__init__(**kwargs)

    def command(self, *args, **kwargs):
        kwargs.setdefault("cls", NewsfactsCommand)
        return super().command(*args, **kwargs)


def _default_home() -> str:
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        return "the user data dir"
    return str(platformdirs.user_data_path("newsfacts"))


app = _Typer(
    help="newsfacts: turn news articles into queryable facts (people, counts of people, dates).\n\n"
         "The warehouse is $NEWSFACTS_HOME/newsfacts.duckdb unless --db or NEWSFACTS_DB says otherwise; "
         f"NEWSFACTS_HOME defaults to {_default_home()}.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
names_app = _Typer(help="Decide whether name spellings name the same person.", no_args_is_help=True)
app.add_typer(names_app, name="names")
review_app = _Typer(
    help="Uncertain pairs of spellings: list them, and record whether they name the same person.",
)
app.add_typer(review_app, name="review")

DB_HELP = "Warehouse DuckDB file."
DB_DEFAULT = "$NEWSFACTS_HOME/newsfacts.duckdb"
DbOption = Annotated[str | None, typer.Option(
    "--db", metavar="FILE", envvar="NEWSFACTS_DB", show_envvar=True, show_default=DB_DEFAULT, help=DB_HELP)]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("newsfacts")
        except PackageNotFoundError:  # pragma: no cover - run from a tree that was never installed
            v = "unknown"
        typer.echo(f"newsfacts {v}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    """newsfacts: turn news articles into queryable facts (people, counts of people, dates)."""


def warehouse_exit(exc: Exception) -> typer.Exit:
    """Print ``error: ...``; exit code 2 for a bad warehouse path (input error), else 1."""
    from warehouse.db import WarehousePathError

    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2 if isinstance(exc, WarehousePathError) else 1)


PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def _page_paths(paths: list[Path]) -> list[Path]:
    """Expand folders into the pages they hold; keep files as given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(PAGE_SUFFIXES)))
        else:
            out.append(p)
    return out


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", help="Saved article pages (.html, .htm, optionally .gz) or folders.")],
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT",
                                     help="Output format: jsonl (one JSON object per page).")] = "jsonl",
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="Add the extracted article text as `text`, so offsets can be checked.")] = False,
) -> None:
    """Extract people, counts of people and dates from saved pages; print one JSON line per page.

    Needs no warehouse and no network. Each page's line is printed as soon as that
    page is done. A page that cannot be read prints an object with an "error"
    field; the exit code is 0 when every page was processed, 2 when a PATH does not exist.
    """
    if fmt != "jsonl":
        raise typer.BadParameter(f"unknown format {fmt!r}; use jsonl", param_hint="--format")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        typer.echo(f"error: no such file or folder: {', '.join(missing)}", err=True)
        raise typer.Exit(2)
    from extractors.jsonl import page_record
    from extractors.pipeline import extract_pages_isolated
    from extractors.settings import SettingsError, extract_settings
    from extractors.text import ExtractionError, extract_article, read_page
    from resolution.resolve import resolve_pages

    try:
        extract_settings()  # a bad setting stops here with one line, before any page
    except SettingsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    out = sys.stdout

    def emit(record: dict) -> None:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()

    # Page by page: ids of gazetteer people and of canonical name keys do not depend on the other pages
    # of the call, so resolving each page alone gives the ids a resolve over all pages gives.
    for f in _page_paths(paths):
        try:
            art = extract_article(read_page(f), url=None)
        except (OSError, ExtractionError) as exc:
            emit({"source": str(f), "error": str(exc)})
            continue
        except Exception as exc:  # noqa: BLE001 - one bad page is one error line, never a stopped run
            emit({"source": str(f), "error": f"{f}: {type(exc).__name__}: {exc}"})
            continue
        pages, failed = extract_pages_isolated([art])
        for _, reason in failed:
            emit({"source": str(f), "error": reason})
        resolve_pages(pages)
        for page in pages:
            record = page_record(str(f), page)
            if with_text:
                record["text"] = page.article.text
            emit(record)


@app.command()
def demo(
    db: DbOption = None,
    port: Annotated[int, typer.Option(
        metavar="N", help="Loopback port for the sample site; keep it the same between runs.")] = 8765,
) -> None:
    """Run the whole pipeline on the bundled sample news site (loopback only) and print a summary.

    Starts a local HTTP server with the sample site, runs the Prefect ``pipeline``
    flow on an ephemeral Prefect API (nothing to start by hand), loads the
    DuckDB warehouse and prints what landed. Running it twice adds nothing.
    """
    import gazetteer
    from crawler.settings import fetch_settings
    from newsfacts.demo import run_demo
    from newsfacts.progress import run_shown
    from warehouse.db import connect
    from warehouse.report import format_table, query_file, run_sql

    gazetteer.validate()  # a bad gazetteer entry or setting stops the demo before anything is written
    fetch_settings()

    typer.echo(f"Serving the sample site on 127.0.0.1:{port} and running the Prefect pipeline "
               "(a cold Prefect API takes ~20 s to start)...")
    try:
        run_shown(run_demo, db, port=port, echo=typer.echo)  # progress on stderr, then the summary table
    except OSError as exc:
        typer.echo(f"error: cannot serve the sample site on 127.0.0.1:{port} ({exc.strerror}); "
                   "pass --port with a free port", err=True)
        raise typer.Exit(1) from exc
    con = connect(db, read_only=True)
    try:
        sections = [
            ("Articles loaded", "articles_loaded"),
            ("People and their merged spellings", "people_spellings"),
            ("Counts of people with their dates", "counts_with_dates"),
            ("Example query 1: reports of people released, per month", "released_per_month"),
            ("Example query 2: every spelling of Tsikhanouskaya and the articles that used it", "spellings_of"),
            ("Example query 3: articles reporting at least 100 people freed", "articles_100_freed"),
        ]
        for title, name in sections:
            sql = query_file(name).read_text(encoding="utf-8")
            typer.echo(f"\n== {title}")
            if name in ("released_per_month", "spellings_of", "articles_100_freed"):
                typer.echo("\n".join("   " + line for line in sql.strip().splitlines() if not line.startswith("--")))
            typer.echo(format_table(*run_sql(con, sql)))
    finally:
        con.close()
    typer.echo("\nQuery it yourself: newsfacts query \"SELECT * FROM persons LIMIT 5\"")


@review_app.callback(invoke_without_command=True)
def review(
    ctx: typer.Context,
    status: Annotated[str, typer.Option(metavar="STATUS",
                                        help="Which pairs to list: pending, accepted, rejected or all.")] = "pending",
    db: DbOption = None,
) -> None:
    """List the pairs of spellings the resolver was unsure about (not merged), highest score first.

    Record a decision with `newsfacts review accept ID` or `newsfacts review reject ID`;
    every later run honours it.
    """
    if ctx.invoked_subcommand is not None:
        return
    from warehouse.report import format_table
    from warehouse.review import STATUSES, list_pairs

    if status not in (*STATUSES, "all"):
        raise typer.BadParameter(f"unknown status {status!r}; use one of {', '.join(STATUSES)}, all",
                                 param_hint="--status")
    con = _open_read_only(db)
    try:
        typer.echo(format_table(["id", "name_a", "name_b", "score", "status"], list_pairs(con, status)))
    finally:
        con.close()


def _decide(pair_id: int, same: bool, db: str | None) -> None:
    from warehouse.db import WarehouseError, connect
    from warehouse.review import decide

    try:
        con = connect(db)
    except WarehouseError as exc:
        raise warehouse_exit(exc) from exc
    try:
        a, b = decide(con, pair_id, same)
    except WarehouseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        con.close()
    verdict = "the same person" if same else "different people"
    typer.echo(f"recorded: {a!r} and {b!r} are {verdict}; later runs honour this")


@review_app.command("accept")
def review_accept(pair_id: Annotated[int, typer.Argument(metavar="ID", help="Pair id from `newsfacts review`.")],
                  db: DbOption = None) -> None:
    """Record that the two spellings of pair ID name the same person."""
    _decide(pair_id, True, db)


@review_app.command("reject")
def review_reject(pair_id: Annotated[int, typer.Argument(metavar="ID", help="Pair id from `newsfacts review`.")],
                  db: DbOption = None) -> None:
    """Record that the two spellings of pair ID name different people."""
    _decide(pair_id, False, db)


def _open_read_only(db: str | None):
    """A read-only, locked-down warehouse connection, or one error line: exit 2 for a bad path (a folder,
    not a DuckDB file), 1 when missing, locked or too new."""
    from warehouse.db import WarehouseError, connect_analyst

    try:
        return connect_analyst(db)
    except (WarehouseError, FileNotFoundError) as exc:
        raise warehouse_exit(exc) from exc


@names_app.command("match")
def names_match(
    args: Annotated[list[str], typer.Argument(
        metavar="FILE | - | NAME_A NAME_B",
        help="A TSV with header name_a<TAB>name_b and one pair per line, - for that TSV on stdin, "
             "or two spellings.")],
) -> None:
    """For each pair print name_a, name_b, same (1/0) and a score, tab-separated.

    `newsfacts names match "Siarhei Tsikhanouski" "Сергей Тихановский"` prints one line.
    """
    from resolution.resolve import same_person

    out = sys.stdout
    if len(args) == 2:
        pairs = [(None, [args[0], args[1]])]
        origin = "arguments"
    elif len(args) == 1:
        origin = "<stdin>" if args[0] == "-" else args[0]
        if args[0] == "-":
            lines = sys.stdin.read().splitlines()
        else:
            file = Path(args[0])
            if not file.is_file():
                typer.echo(f"error: {file} is not a file; give a TSV FILE, - for stdin, or two names", err=True)
                raise typer.Exit(2)
            lines = file.read_text(encoding="utf-8").splitlines()
        pairs = [(n, line.split("\t")) for n, line in enumerate(lines)
                 if line.strip() and not (n == 0 and line.startswith("name_a\t"))]
    else:
        typer.echo(f"error: give a TSV FILE, - for stdin, or two names (got {len(args)} arguments)", err=True)
        raise typer.Exit(2)
    for n, cols in pairs:
        if len(cols) < 2:
            typer.echo(f"{origin}:{n + 1}: expected two tab-separated names", err=True)
            raise typer.Exit(2)
        same, score = same_person(cols[0], cols[1])
        out.write(f"{cols[0]}\t{cols[1]}\t{int(same)}\t{score:.3f}\n")


def main() -> None:
    """Console entry point: known input errors end with one clear line and exit code 2, not a traceback."""
    from crawler.settings import SettingsError
    from crawler.sources import SourcesError
    from flows.gc_tuning import tune_gc
    from gazetteer.load import GazetteerError
    from warehouse.migrate import WarehouseError

    tune_gc()  # batch work: see flows.gc_tuning
    try:
        app(standalone_mode=True)
    except (GazetteerError, SourcesError, SettingsError, WarehouseError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None


# Commands that live in their own modules register themselves on `app` when imported.
from newsfacts import cli_crawl, cli_warehouse  # noqa: E402, F401
