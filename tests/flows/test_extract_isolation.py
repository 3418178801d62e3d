"""The extract flow on a batch holding a huge page and a page whose facts raise: the good pages land, the bad
ones are failure rows, the batch is marked extracted, and the next run lands new pages (a real DuckDB file and
a real flow run with an ephemeral Prefect API, in a subprocess with its own PREFECT_HOME)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent('''
    import json, sys
    from datetime import datetime

    from records.pages import FetchResult
    from extractors import pipeline
    from flows.extract import extract
    from warehouse.crawl_state import archive_pages
    from warehouse.db import connect

    db = sys.argv[1]
    real = pipeline.find_counts

    def find_counts(text, *args, **kwargs):  # a page whose facts raise, as a bug in a component would
        if "BOOM" in text:
            raise ValueError("cannot count this page")
        return real(text, *args, **kwargs)

    pipeline.find_counts = find_counts
    SENTENCE = "Officials said on Friday that more than 1,100 people remain in prison, according to rights groups. "

    OTHER = {"Good": "Belarus freed 52 prisoners on September 11, the envoy told reporters in Vilnius. ",
             "New": "Some 300 journalists were detained in the capital last year, a union said on Monday. "}

    def page(title, n_paragraphs, first=""):
        text = OTHER.get(title, SENTENCE)  # texts of their own: not near-duplicates of the long read
        body = "".join(f"<p>{first}Paragraph {i}. {text * 10}</p>" for i in range(n_paragraphs))
        return (f"<html><head><title>{title}</title><meta property='article:published_time' content='2025-09-12'>"
                f"</head><body><article><h1>{title}</h1>{body}</article></body></html>").encode()

    def archive(pages):
        con = connect(db)
        results = [FetchResult(url, url, 200, body, "text/html", None, None, datetime(2025, 9, 12))
                   for url, body in pages]
        archive_pages(con, results, "s", "en")
        con.close()

    def state():
        con = connect(db)
        out = {
            "articles": sorted(r[0] for r in con.execute("SELECT url FROM articles").fetchall()),
            "failures": sorted(con.execute("SELECT url, stage, reason FROM fetch_failures").fetchall()),
            "pending": con.execute("SELECT count(*) FROM raw_pages WHERE extracted_at IS NULL").fetchone()[0],
        }
        con.close()
        return out

    huge = page("Long read", 8_000_000 // 1050)  # one article of ~8 MB of text
    archive([("http://example.test/huge", huge), ("http://example.test/boom", page("Boom", 3, "BOOM ")),
             ("http://example.test/good", page("Good", 3))])
    extract(db=db)
    first = state()
    archive([("http://example.test/new", page("New", 4))])
    extract(db=db)
    print(json.dumps({"first": first, "second": state()}))
''')


@pytest.mark.slow
def test_a_huge_page_and_a_failing_page_do_not_stop_the_batch_or_later_runs(tmp_path):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_API_URL": "", "PREFECT_LOGGING_LEVEL": "WARNING"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "w.duckdb")], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    first, second = result["first"], result["second"]
    assert first["articles"] == ["http://example.test/good", "http://example.test/huge"]  # the huge page's facts land
    assert first["pending"] == 0  # the whole batch is marked extracted
    reasons = {url: reason for url, stage, reason in first["failures"] if stage == "extract"}
    assert reasons["http://example.test/boom"] == "facts not extracted: ValueError: cannot count this page"
    assert reasons["http://example.test/huge"].startswith("text cut at ")
    assert reasons["http://example.test/huge"].endswith(" characters")
    assert "http://example.test/new" in second["articles"] and second["pending"] == 0
    assert len(second["failures"]) == len(first["failures"])  # nothing is extracted twice
