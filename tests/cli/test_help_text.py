"""--help shows every option's placeholder, environment variable and default, literally."""

import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app

from .test_help import all_commands

# (command, text that must appear literally in its --help)
EXPECTED = [
    ("query", "env var: NEWSFACTS_DB"),
    ("query", "default: $NEWSFACTS_HOME/newsfacts.duckdb"),
    ("query", "env var: NEWSFACTS_LOCK_TIMEOUT"),
    ("query", "default: 30"),
    ("query", "env var: NEWSFACTS_QUERY_TIMEOUT"),
    ("query", "default: 300"),
    ("query", "--limit N"),
    ("query", "-p, --param NAME VALUE"),
    ("query", "--timeout SECONDS"),
    ("query", "-f, --file FILE"),
    ("query", "[SQL]"),
    ("export", "env var: NEWSFACTS_DB"),
    ("tables", "env var: NEWSFACTS_DB"),
    ("schema", "[TABLE]"),
    ("review", "default: pending"),
    ("crawl", "env var: NEWSFACTS_SOURCES"),
    ("crawl", "env var: NEWSFACTS_DB"),
    ("serve", "env var: NEWSFACTS_SOURCES"),
    ("serve", "default: */30 * * * *"),
    ("reprocess", "env var: NEWSFACTS_DB"),
    ("demo", "default: 8765"),
    ("demo-site", "default: 8765"),
    ("extract", "PATH..."),
    ("extract", "--with-text"),
    ("names match", "FILE | - | NAME_A NAME_B"),
]


def help_of(command: str) -> str:
    result = CliRunner().invoke(app, [*command.split(), "--help"], terminal_width=200,
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())  # wrapped lines joined


@pytest.mark.parametrize(("command", "text"), EXPECTED)
def test_help_shows_env_vars_defaults_and_metavars(command, text):
    assert text in help_of(command)


@pytest.mark.parametrize("command", ["", *all_commands()])
def test_no_type_placeholders_in_help(command):
    out = help_of(command)
    assert not re.search(r"<(str|bool|int|float|path|list)", out), out
    assert not re.search(r"\{\w+\}", out), out  # Typer's {paths} for a required argument
    assert "--help " not in out.replace("--help Show", "")  # --help takes no placeholder


@pytest.mark.parametrize("command", all_commands())
def test_every_option_with_an_env_var_shows_it(command):
    from typer.main import get_command

    cmd = get_command(app)
    for part in command.split():
        cmd = cmd.commands[part]
    out = help_of(command)
    for p in cmd.params:
        if getattr(p, "envvar", None):
            assert f"env var: {p.envvar}" in out, (command, p.name)


def test_help_text_in_brackets_survives_in_a_real_terminal_run():
    out = subprocess.run([sys.executable, "-m", "newsfacts", "query", "--help"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "200"}, check=False)
    if out.returncode != 0:  # no __main__: use the console script next to the interpreter
        exe = os.path.join(os.path.dirname(sys.executable), "newsfacts")
        out = subprocess.run([exe, "query", "--help"], capture_output=True, text=True,
                             env={**os.environ, "COLUMNS": "200"}, check=True)
    assert "[env var: NEWSFACTS_DB; default: $NEWSFACTS_HOME/newsfacts.duckdb]" in out.stdout


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and re.fullmatch(r"newsfacts \S+\n", result.output), result.output
