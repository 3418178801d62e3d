"""Data and settings files are input too: YAML bombs, deep nesting, invalid UTF-8 and unusable numbers
fail in milliseconds with the file and line, in every loader that reads them."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from crawler.settings import SettingsError, fetch_settings
from crawler.sources import SourcesError, load_sources
from gazetteer.load import GazetteerError, load_people
from records.datafiles import DataFileError, load_yaml, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
#: 440 bytes that expand to 10^9 strings through yaml.safe_load (anchors and aliases)
BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)


def _fast(fn, *args):
    t0 = time.perf_counter()
    with pytest.raises(Exception) as err:
        fn(*args)
    assert time.perf_counter() - t0 < 1.0
    return err.value


def test_anchors_and_aliases_refused_with_line():
    err = _fast(parse_yaml, BILLION_LAUGHS, "bomb.yaml")
    assert isinstance(err, DataFileError)
    assert str(err).startswith("bomb.yaml:1:") and "anchor" in str(err)
    err = _fast(parse_yaml, "x: 1\ny: *nowhere\n", "alias.yaml")
    assert "alias.yaml:2:" in str(err)


def test_deep_nesting_refused():
    err = _fast(parse_yaml, "[" * 50_000 + "]" * 50_000, "deep.yaml")
    assert isinstance(err, DataFileError) and "nested" in str(err)


def test_invalid_utf8_names_file_and_line(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_bytes(b"sources:\n  - name: caf\xe9\n")
    with pytest.raises(DataFileError, match=r"bad\.yaml:2: not valid UTF-8"):
        load_yaml(p)


def test_plain_yaml_still_reads_with_lines():
    assert parse_yaml("- id: a\n  n: 1\n- id: b\n", "ok.yaml", lines=True) == [
        {"id": "a", "n": 1, "__line__": 1}, {"id": "b", "__line__": 3}]


def test_sources_file_bomb_and_bad_utf8(tmp_path):
    bomb = tmp_path / "sources.yaml"
    bomb.write_text(BILLION_LAUGHS + "sources: []\n", encoding="utf-8")
    err = _fast(load_sources, bomb)
    assert isinstance(err, SourcesError) and "sources.yaml:1" in str(err)
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"sources:\n  - name: \xff\n    urls: [http://x.example/]\n")
    with pytest.raises(SourcesError, match="UTF-8"):
        load_sources(bad)


def test_gazetteer_bomb_refused(tmp_path):
    people = tmp_path / "people.yaml"
    entry = "- id: bomb\n" + "".join("  " + line + "\n" for line in BILLION_LAUGHS.splitlines())
    people.write_text(entry, encoding="utf-8")
    err = _fast(load_people, people)
    assert isinstance(err, GazetteerError) and "people.yaml:2" in str(err)


def test_every_shipped_yaml_file_reads_safely(tmp_path):
    """The shipped gazetteer and sources use no anchors, so the strict loader reads them all."""
    for p in [*(ROOT / "gazetteer" / "data").glob("*.yaml"), ROOT / "crawler" / "default_sources.yaml"]:
        load_yaml(p)
    shutil.copy(ROOT / "crawler" / "default_sources.yaml", tmp_path / "s.yaml")
    assert load_sources(tmp_path / "s.yaml")


@pytest.mark.parametrize("key,value,words", [
    ("READ_TIMEOUT", "nan", "finite"), ("CONNECT_TIMEOUT", "inf", "finite"), ("RETRIES", "-1", "at least 0"),
    ("DEADLINE", "0", "positive"), ("MAX_BYTES", "lots", "integer"), ("MAX_BYTES", "1.5", "integer"),
])
def test_unusable_fetch_settings_refused(monkeypatch, key, value, words):
    monkeypatch.setenv(f"NEWSFACTS_FETCH_{key}", value)
    fetch_settings.cache_clear()
    try:
        with pytest.raises(SettingsError, match=words) as err:
            fetch_settings()
        assert f"NEWSFACTS_FETCH_{key}" in str(err.value)
    finally:
        fetch_settings.cache_clear()


def test_zero_retries_allowed(monkeypatch):
    monkeypatch.setenv("NEWSFACTS_FETCH_RETRIES", "0")
    fetch_settings.cache_clear()
    try:
        assert fetch_settings().retries == 0
    finally:
        fetch_settings.cache_clear()
