"""``newsfacts report``: a static site that opens from disk, charts with a mark per report, escaped text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from analyst import charts, pages
from analyst.site import write_report
from analyst.store import Store
from warehouse.db import connect_analyst

from .conftest import HOSTILE_TITLE

NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))


@pytest.fixture(scope="module")
def report(sample_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    con = connect_analyst(sample_db)
    try:
        write_report(Store(con), out)
    finally:
        con.close()
    return out


def test_the_report_has_a_page_for_every_person_event_and_article(report, store):
    assert (report / "index.html").is_file()
    for name in ("people.html", "events.html", "articles.html"):
        assert (report / name).is_file()
    people = store.rows("people")
    assert len(list((report / "people").glob("*.html"))) == len(people)
    assert len(list((report / "events").glob("*.html"))) == len(store.rows("linked_events"))
    assert len(list((report / "articles").glob("*.html"))) == len(store.rows("articles"))


def test_the_release_chart_has_a_mark_per_dated_report_with_its_count(report, store):
    html = (report / "index.html").read_text(encoding="utf-8")
    chart = html[html.index('id="chart-releases"'):html.index('id="held-chart"')]
    labels = re.findall(r'aria-label="([^"]*): (\d+) released, per ([^"]*)"', chart)
    want = [r for r in store.rows("release_reports") if charts.plot_date(r["date"]) and r["count"] is not None]
    assert len(labels) == len(want) > 0
    assert sorted((d, int(n)) for d, n, _ in labels) == sorted((r["date"], r["count"]) for r in want)


def test_nothing_is_fetched_from_the_network(report):
    for page in report.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=\"https?://", html), page
        assert "<script" not in html.replace("&lt;script", ""), page  # no JavaScript at all


def test_a_title_with_markup_is_shown_as_text(report, store):
    aid = next(r["id"] for r in store.rows("articles") if r["title"] == HOSTILE_TITLE)
    html = (report / "articles" / f"{pages.safe_id(aid)}.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "onerror=\"window" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<script>window.__pwned" not in (report / "articles.html").read_text(encoding="utf-8")


def test_an_empty_warehouse_gets_a_page_that_says_how_to_fill_it(empty_db, tmp_path):
    con = connect_analyst(empty_db)
    try:
        assert write_report(Store(con), tmp_path / "r") == 1
    finally:
        con.close()
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "holds no articles yet" in html and "newsfacts demo" in html


def test_highlights_take_the_first_of_overlapping_spans_and_keep_every_character():
    text = "Belarus freed 52 prisoners on 11 September."
    spans = [{"start": 14, "end": 26, "kind": "count", "label": "52"},
             {"start": 14, "end": 16, "kind": "date", "label": "bogus"},
             {"start": 30, "end": 42, "kind": "date", "label": "2025-09-11"},
             {"start": 40, "end": 99, "kind": "person", "label": "out of range"}]
    segs = pages.highlight(text, spans)
    assert "".join(s["text"] for s in segs) == text
    assert [(s["kind"], s["text"]) for s in segs if s["kind"]] == [("count", "52 prisoners"), ("date", "11 September")]


@pytest.mark.parametrize("value,start,end,inside", [
    ("2025-09-11", "2025-09-01", "2025-09-30", True), ("2025-09", "2025-09-20", None, True),
    ("2025-09", None, "2025-08-31", False), ("2025", "2025-06-01", "2025-06-30", True),
    (None, "2025-01-01", None, False), ("2024-12-31", "2025-01-01", None, False),
])
def test_a_date_of_any_precision_is_in_a_range_it_touches(value, start, end, inside):
    assert pages.in_range(value, start, end) is inside


def test_the_report_command_writes_the_site_and_says_where(sample_db, tmp_path):
    out = tmp_path / "site"
    r = subprocess.run([NEWSFACTS, "report", "--db", str(sample_db), "-o", str(out)], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    assert "index.html" in r.stdout and (out / "index.html").is_file()
    f = tmp_path / "a-file"
    f.write_text("x")
    r = subprocess.run([NEWSFACTS, "report", "--db", str(sample_db), "-o", str(f)], capture_output=True, text=True)
    assert r.returncode == 2 and "is a file" in r.stderr
