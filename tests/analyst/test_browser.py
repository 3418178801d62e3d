"""The analysts' pages as a person sees them: Debian's chromium, headless, driven by Playwright.

The web app runs under uvicorn on 127.0.0.1; the static report is opened from disk with every network request
refused. Set ``NEWSFACTS_SCREENSHOTS=DIR`` to keep screenshots of the front page and a person page.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from analyst import charts
from analyst.site import write_report
from analyst.store import Store
from warehouse.db import connect_analyst

from .conftest import HOSTILE_TITLE

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: as the machine's notes say: without the background-networking flags chromium keeps dialling out
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `.ci/run` installs it (apt-get install chromium); "
                    "or run `apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(sample_db) -> Iterator[str]:
    """The web app on loopback (uvicorn in a thread), as ``newsfacts web`` serves it."""
    import uvicorn

    from analyst.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(sample_db)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    try:
        yield pg
    finally:
        context.close()


def screenshot(pg, name: str) -> None:
    folder = os.environ.get("NEWSFACTS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_the_release_chart_shows_a_mark_per_report_with_its_count(page, site, store):
    page.goto(site + "/")
    marks = page.locator('#chart-releases [aria-label$="released, per Borderland Courier"], '
                         '#chart-releases [aria-label*=" released, per "]')
    labels = sorted(set(marks.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")))
    want = [r for r in store.rows("release_reports") if charts.plot_date(r["date"]) and r["count"] is not None]
    got = sorted((m[1], int(m[2])) for m in (re.match(r"(.*): (\d+) released", x) for x in labels) if m)
    assert marks.count() == len(want) > 0
    assert got == sorted({(r["date"], r["count"]) for r in want})
    # the September release as its sources reported it: 51 and 52, two marks, both visible
    sept = [n for d, n in got if d.startswith("2025-09")]
    assert 51 in sept and 52 in sept
    box = page.locator("#chart-releases svg").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150
    assert page.locator("#chart-held [aria-label*=' held, per ']").count() > 0
    screenshot(page, "front-page")


def test_the_search_box_finds_the_husband_by_a_cyrillic_spelling(page, site):
    page.goto(site + "/")
    page.fill("input[name=q]", "Тихановский")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("#matches")
    matches = page.inner_text("#matches")
    assert "Siarhei Tsikhanouski" in matches and "Sviatlana" not in matches
    page.click("#matches a")
    page.wait_for_selector("#person-name")
    assert page.inner_text("#person-name") == "Siarhei Tsikhanouski"
    spellings = page.inner_text("#spellings")
    assert "Sergei Tikhanovsky" in spellings and "Tsikhanouskaya" not in spellings
    assert page.locator("#events tbody tr").count() > 0
    screenshot(page, "person-page")


def test_an_unknown_name_is_told_so_with_a_suggestion(page, site):
    page.goto(site + "/search?q=Statkevitsch+Mikalaj+Ivanovich+Zz")
    text = page.inner_text("main")
    assert "No one by the name" in text or "Mikalai Statkevich" in text


def test_highlights_sit_on_the_words_the_facts_were_found_in(page, site, store):
    aid = store.con.execute("SELECT article_id FROM person_mentions GROUP BY 1 ORDER BY count(*) DESC, 1 "
                            "LIMIT 1").fetchone()[0]
    text = store.row("article", aid)["text"]
    page.goto(f"{site}/articles/{aid}")
    marks = page.locator("#article-text mark").evaluate_all(
        "els => els.map(e => [e.className, e.dataset.start, e.dataset.end, e.textContent, e.title])")
    assert len(marks) > 5
    for kind, start, end, shown, _label in marks:
        assert shown == text[int(start):int(end)], (kind, start, shown)
    people = {(m["start_char"], m["name"]) for m in store.rows("article_mentions", aid)}
    shown_people = {(int(s), label) for kind, s, _e, _t, label in marks if kind == "person"}
    assert shown_people and shown_people <= people
    # the whole text is there, in order, marks and all
    assert page.inner_text("#article-text").split() == text.split()


def test_markup_in_a_title_is_shown_as_text_and_never_runs(page, site, store):
    aid = next(r["id"] for r in store.rows("articles") if r["title"] == HOSTILE_TITLE)
    page.goto(f"{site}/articles/{aid}")
    assert page.inner_text("#article-title") == HOSTILE_TITLE
    assert page.evaluate("window.__pwned") is None
    page.goto(site + "/articles")
    assert HOSTILE_TITLE in page.inner_text("#articles")
    assert page.evaluate("window.__pwned") is None


def test_the_static_report_opens_from_disk_with_no_network(browser, sample_db, tmp_path):
    con = connect_analyst(sample_db)
    try:
        write_report(Store(con), tmp_path / "report")
    finally:
        con.close()
    context = browser.new_context()
    fetched: list[str] = []

    def refuse(route) -> None:
        fetched.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^https?://"), refuse)
    pg = context.new_page()
    try:
        pg.goto((tmp_path / "report" / "index.html").as_uri())
        assert pg.locator("#chart-releases [aria-label*=' released, per ']").count() > 0
        pg.click("text=Siarhei Tsikhanouski")
        assert pg.inner_text("#person-name") == "Siarhei Tsikhanouski"
        assert pg.url.startswith("file://")
    finally:
        context.close()
    assert fetched == []
