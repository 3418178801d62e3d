"""What every command module shares: Typer with plain-text help, and the options several commands take.

Help is plain text (no Rich markup, which ate ``[...]``), and every option shows its placeholder
(``FILE``, ``SQL``, ``SECONDS``, ``N``), environment variable and default: ``NewsfactsCommand`` and
``NewsfactsGroup`` give that to every command. Command modules import this one, never ``newsfacts.cli``,
which registers their commands explicitly.
"""

from __future__ import annotations

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


class NewsfactsTyper(typer.Typer):
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


DB_HELP = "Warehouse DuckDB file."
DB_DEFAULT = "$NEWSFACTS_HOME/newsfacts.duckdb"
DbOption = Annotated[str | None, typer.Option(
    "--db", metavar="FILE", envvar="NEWSFACTS_DB", show_envvar=True, show_default=DB_DEFAULT, help=DB_HELP)]


def warehouse_exit(exc: Exception) -> typer.Exit:
    """Print ``error: ...``; exit code 2 for a bad warehouse path (input error), else 1."""
    from warehouse.db import WarehousePathError

    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2 if isinstance(exc, WarehousePathError) else 1)
