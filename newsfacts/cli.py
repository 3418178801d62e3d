"""The ``newsfacts`` command line: a thin layer over the libraries and flows.

Every command is registered here, in one place (``COMMANDS``); the command modules (``cli_extract``,
``cli_crawl``, ``cli_warehouse``, ``cli_failures``, ``cli_review``, ``cli_analyst``) define plain functions and import
only ``cli_common``, so no module imports this one and there is no import cycle. Heavy imports (spaCy,
Prefect, DuckDB) happen inside the commands, so ``newsfacts --help`` and the fast commands start quickly.
"""

from __future__ import annotations

from typing import Annotated

import typer

from newsfacts import cli_analyst, cli_crawl, cli_extract, cli_failures, cli_review, cli_warehouse
from newsfacts.cli_common import NewsfactsTyper


def _default_home() -> str:
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        return "the user data dir"
    return str(platformdirs.user_data_path("newsfacts"))


app = NewsfactsTyper(
    help="newsfacts: turn news articles into queryable facts (people, counts of people, dates).\n\n"
         "The warehouse is $NEWSFACTS_HOME/newsfacts.duckdb unless --db or NEWSFACTS_DB says otherwise; "
         f"NEWSFACTS_HOME defaults to {_default_home()}.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
names_app = NewsfactsTyper(help="Decide whether name spellings name the same person.", no_args_is_help=True)
app.add_typer(names_app, name="names")
review_app = NewsfactsTyper(
    help="Uncertain pairs of spellings: list them, and record whether they name the same person.",
)
app.add_typer(review_app, name="review")

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



#: (group, name, function): every command of the command line
COMMANDS = (
    (app, "extract", cli_extract.extract),
    (names_app, "match", cli_extract.names_match),
    (app, "demo", cli_crawl.demo),
    (app, "demo-site", cli_crawl.demo_site),
    (app, "crawl", cli_crawl.crawl),
    (app, "serve", cli_crawl.serve),
    (app, "reprocess", cli_crawl.reprocess),
    (app, "failures", cli_failures.failures),
    (app, "query", cli_warehouse.query),
    (app, "tables", cli_warehouse.tables),
    (app, "schema", cli_warehouse.schema),
    (app, "export", cli_warehouse.export),
    (app, "person", cli_analyst.person),
    (app, "report", cli_analyst.report),
    (app, "web", cli_analyst.web),
    (review_app, "accept", cli_review.review_accept),
    (review_app, "reject", cli_review.review_reject),
)
for group, name, function in COMMANDS:
    group.command(name)(function)
review_app.callback(invoke_without_command=True)(cli_review.review)


def main() -> None:
    """Console entry point: known input errors end with one clear line and exit code 2, not a traceback."""
    from crawler.sources import SourcesError
    from flows.gc_tuning import tune_gc
    from gazetteer.load import GazetteerError
    from records.datafiles import SettingsError  # fetch and extraction settings alike
    from warehouse.migrate import WarehouseError

    tune_gc()  # batch work: see flows.gc_tuning
    try:
        app(standalone_mode=True)
    except (GazetteerError, SourcesError, SettingsError, WarehouseError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
