"""The progress display (plain lines off a terminal, bars on one), the summary table and the all-failed rule."""

from __future__ import annotations

import io
import itertools

from flows import progress
from newsfacts.progress import LiveBars, PlainLines, ProgressView, all_fetches_failed, summary_text


def ticking(step: float = 0.5):
    t = itertools.count(0, step)
    return lambda: next(t)


def feed(listener) -> None:
    listener("discovered", 0, 1, {"urls": 0}, True)
    listener("discovered", 1, 1, {"urls": 340}, False)
    for i in range(1, 4):
        listener("fetched", 100 * i - 50, 340, {"fetched": 100 * i - 50, "failed": 0}, True)  # a tick: no line
        listener("fetched", 100 * i, 340, {"fetched": 98 * i, "failed": 2 * i}, False)
    listener("extracted", 0, 300, {}, True)
    listener("extracted", 200, 300, {"articles": 180, "skipped": 15, "failed": 5}, False)
    listener("loaded", 200, 300, {"articles": 178, "updated": 2, "duplicates": 0}, False)


def test_plain_lines_one_per_batch_with_rate():
    out = io.StringIO()
    feed(PlainLines(out, ticking()))
    assert out.getvalue().splitlines() == [
        "discovered 1/1 sources: 340 new URLs",
        "fetched 100/340 pages (100.0/s): 98 ok, 2 failed",
        "fetched 200/340 pages (100.0/s): 196 ok, 4 failed",
        "fetched 300/340 pages (100.0/s): 294 ok, 6 failed",
        "extracted 200/300 pages (400.0/s): 180 articles, 15 skipped, 5 failed",
        "loaded 200/300 pages (200.0/s): 178 new, 2 updated, 0 duplicates",
    ]


def test_bars_show_each_stage_with_rate_and_time_left():
    out = io.StringIO()
    with LiveBars(out, ticking(), width=140) as bars:
        feed(bars)
    text = out.getvalue()
    for expected in ("discover", "1/1 sources", "340 new URLs", "fetch", "300/340 pages", "100.0/s", "eta 0:00",
                     "294 ok, 6 failed", "extract", "200/300", "180 articles, 15 skipped, 5 failed", "load"):
        assert expected in text, (expected, text)
    assert "starting the Prefect" not in text.split("discover")[-1]  # the start row is gone once work comes


def test_bars_fit_a_narrow_terminal():
    out = io.StringIO()
    with LiveBars(out, ticking(), width=80) as bars:
        feed(bars)
    lines = [line for line in out.getvalue().splitlines() if "fetch" in line]
    assert lines and all(len(line) <= 80 for line in lines) and "300/340 pages" in lines[-1]


def test_view_is_plain_off_a_terminal_and_stops_listening():
    out = io.StringIO()
    with ProgressView(out):
        progress.report("fetched", 3, 3, fetched=3, failed=0)
    progress.report("fetched", 9, 9, fetched=9, failed=0)
    assert out.getvalue().startswith("fetched 3/3 pages") and "9/9" not in out.getvalue()


def test_summary_is_a_table_with_skips_apart_from_failures():
    added = {"articles": 12, "updated": 1, "duplicates": 2, "failures": 3, "skipped": 1, "review_pairs": 0}
    totals = {"articles": 20, "article_urls": 25, "persons": 16, "person_aliases": 37, "person_mentions": 87,
              "counts": 31, "dates": 101}
    before = {"articles": 8, "article_urls": 10, "persons": 10, "person_aliases": 20, "person_mentions": 50,
              "counts": 20, "dates": 60}
    text = summary_text(added, totals, before, "/tmp/x.duckdb", crawl={"discovered": 17, "fetched": 16})
    rows = {line[2:28].strip(): line[28:].split() for line in text.splitlines() if line.startswith("  ")}
    assert rows["pages discovered"] == ["17"] and rows["pages fetched"] == ["16"]
    assert rows["skipped: not articles"] == ["1"] and rows["failed"] == ["3"]
    assert rows["articles"] == ["12", "20"] and rows["person mentions"] == ["37", "87"]
    assert "3 pages failed: `newsfacts failures` lists them" in text
    assert "{" not in text and "=" not in text  # not a Python dict
    clean = summary_text({"skipped": 1}, totals, totals, None)
    assert "no failures; 1 page skipped as not articles" in clean and "pages fetched" not in clean


def test_every_fetch_failed_only_when_nothing_answered():
    assert all_fetches_failed({"fetch_failures": 2, "fetched": 0, "feeds": 0}) == 2
    assert all_fetches_failed({"discover_failures": 1, "fetched": 0, "feeds": 0}) == 1
    assert all_fetches_failed({"fetch_failures": 2, "fetched": 1}) is None  # partial
    assert all_fetches_failed({"fetch_failures": 3, "feeds": 2}) is None  # feeds answered: retries failing again
    assert all_fetches_failed({}) is None  # nothing new to fetch is no failure
    assert all_fetches_failed({"refused": 2, "fetched": 0, "feeds": 0}) is None  # robots.txt said no: no failure
