"""Defaults do not depend on the current directory: the warehouse in $NEWSFACTS_HOME, bundled files by package."""

from pathlib import Path

from typer.main import get_command

from crawler.sources import DEFAULT_SOURCES, load_sources
from newsfacts.cli import app
from warehouse.db import connect, db_path
from warehouse.report import query_file


def test_default_warehouse_is_in_newsfacts_home(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFACTS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NEWSFACTS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert db_path() == tmp_path / "home" / "newsfacts.duckdb"
    connect().close()  # a writer makes the folder
    assert (tmp_path / "home" / "newsfacts.duckdb").is_file()
    assert not (tmp_path / "warehouse").exists()
    monkeypatch.setenv("NEWSFACTS_DB", str(tmp_path / "other.duckdb"))
    assert db_path() == tmp_path / "other.duckdb"
    assert db_path("x.duckdb") == Path("x.duckdb")


def test_tests_never_use_the_real_home():
    assert not str(db_path()).startswith(str(Path.home() / ".local"))


def test_bundled_files_are_found_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert DEFAULT_SOURCES.is_absolute() and load_sources(DEFAULT_SOURCES)
    assert query_file("released_per_month").is_file()
    crawl = get_command(app).commands["crawl"]
    sources = next(p for p in crawl.params if p.name == "sources")
    assert Path(sources.default) == DEFAULT_SOURCES
