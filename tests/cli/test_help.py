"""Every command answers --help, and every command is documented in the README."""

import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from newsfacts.cli import app

ROOT = Path(__file__).resolve().parents[2]


def all_commands():
    root = get_command(app)
    out = []
    for name, cmd in root.commands.items():
        subs = getattr(cmd, "commands", None)
        if subs:
            out.extend([f"{name} {sub}" for sub in subs])
        else:
            out.append(name)
    return out


@pytest.mark.parametrize("command", all_commands())
def test_help_for_every_command(command):
    result = CliRunner().invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_top_level_help_lists_commands():
    result = CliRunner().invoke(app, ["--help"])
    for command in all_commands():
        assert command.split()[0] in result.output


@pytest.mark.parametrize("command", all_commands())
def test_every_command_is_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`newsfacts {re.escape(command)}\b", readme), f"README does not document `newsfacts {command}`"
