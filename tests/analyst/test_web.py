"""``newsfacts web``: the same pages live, read-only; filters, downloads, friendly misses, busy and empty states."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from analyst.web import create_app

from .conftest import HOSTILE_TITLE


@pytest.fixture(scope="module")
def client(sample_db) -> TestClient:
    return TestClient(create_app(str(sample_db)))


def test_the_front_page_shows_the_charts_and_the_releases(client):
    r = client.get("/")
    assert r.status_code == 200
    assert 'id="chart-releases"' in r.text and "<svg" in r.text and 'id="releases"' in r.text


def test_a_search_in_cyrillic_finds_the_husband_and_not_the_wife(client):
    r = client.get("/search", params={"q": "Тихановский"})
    assert r.status_code == 200
    matches = r.text[r.text.index('id="matches"'):r.text.index("</table>", r.text.index('id="matches"'))]
    assert "Siarhei Tsikhanouski" in matches and "Sviatlana" not in matches


def test_an_unknown_name_gets_a_friendly_no_one_with_suggestions(client):
    r = client.get("/search", params={"q": "Statkewiczowski"})
    assert r.status_code == 200
    assert "No one by the name" in r.text or "Mikalai Statkevich" in r.text


def test_words_find_articles_by_full_text_search(client):
    r = client.get("/search", params={"q": "Vilnius bus diplomats"})
    assert r.status_code == 200 and 'id="articles"' in r.text
    rows = client.get("/search", params={"q": "Vilnius bus diplomats", "download": "articles",
                                         "format": "json"}).json()
    assert rows and all(row["score"] > 0 for row in rows)
    assert client.get("/search", params={"q": "zzzqqqxxx"}).text.count('id="no-articles"') == 1


def test_events_filter_by_kind_and_date_and_download_what_is_shown(client):
    params = {"kind": "release", "from": "2025-09-01", "to": "2025-09-30"}
    r = client.get("/events", params=params)
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(client.get("/events", params={**params, "download": "events",
                                                                          "format": "csv"}).text)))
    assert rows and {row["kind"] for row in rows} == {"release"}
    assert all(row["date"].startswith("2025-09") for row in rows)
    assert any(int(row["reports"]) >= 3 for row in rows)  # the 11 September release, reported by several sources
    data = client.get("/events", params={**params, "download": "events", "format": "json"}).json()
    assert [d["cluster_id"] for d in data] == [row["cluster_id"] for row in rows]


@pytest.mark.parametrize("url,status,says", [
    ("/events?kind=bogus", 400, "no kind"), ("/events?from=yesterday", 400, "is not a day"),
    ("/people/nobody-at-all", 404, "search for a name"), ("/events?download=nope", 400, "No such download"),
    ("/search?q=", 400, "type a name"),
])
def test_bad_requests_get_a_page_that_says_what_to_do(client, url, status, says):
    r = client.get(url)
    assert r.status_code == status and says in r.text


def test_markup_in_a_title_is_escaped(client):
    r = client.get("/articles")
    assert HOSTILE_TITLE not in r.text and "&lt;script&gt;window.__pwned" in r.text


def test_an_empty_or_missing_warehouse_explains_itself(empty_db, tmp_path):
    for db in (empty_db, tmp_path / "none.duckdb"):
        r = TestClient(create_app(str(db))).get("/")
        assert r.status_code == 200 and "newsfacts demo" in r.text
    assert not (tmp_path / "none.duckdb").exists()  # the app never creates a warehouse


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
print("held", flush=True)
sys.stdin.readline()
"""


def test_while_a_writer_holds_the_warehouse_pages_say_busy_and_retry(sample_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, db)
    app = TestClient(create_app(str(db), busy_wait=0.3))
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        r = app.get("/")
        assert r.status_code == 503 and r.headers["Retry-After"] == "3"
        assert "Warehouse busy, retrying" in r.text and 'http-equiv="refresh"' in r.text
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert app.get("/").status_code == 200


def test_the_web_command_binds_loopback_by_default():
    from typer.main import get_command

    from newsfacts.cli import app

    params = {p.name: p.default for p in get_command(app).commands["web"].params}
    assert params["host"] == "127.0.0.1" and params["port"] == 8000


def test_help_for_the_analysts_commands():
    for cmd in ("person", "report", "web"):
        r = subprocess.run([str(Path(sys.executable).with_name("newsfacts")), cmd, "--help"], capture_output=True,
                           text=True)
        assert r.returncode == 0 and "--db" in r.stdout, cmd
    assert json  # noqa: B018 - json is used by the download tests above


@pytest.mark.parametrize("q", ['<script>alert("x")</script>', "' OR 1=1; DROP TABLE articles; --", "Ö" * 5000,
                               "\x00\x01 Losik"])
def test_a_hostile_search_is_text_never_markup_sql_or_a_crash(client, sample_db, q):
    r = client.get("/search", params={"q": q})
    assert r.status_code in (200, 400)
    assert "<script>alert" not in r.text
    assert client.get("/articles").status_code == 200  # the warehouse is as it was
