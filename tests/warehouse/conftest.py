"""A small real warehouse file for the warehouse tests, written with plain SQL (no spaCy, no loader)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse.db import connect

ARTICLES = [
    {
        "id": "a-sept", "published": "2025-09-12", "title": "Fifty-two prisoners freed",
        "url": "http://example.test/news/fifty-two",
        "text": "VILNIUS, Sept 12 — Belarus freed 52 prisoners on September 11, officials said on Friday. "
                "More than 1,100 political prisoners remained after the release. "
                "Sviatlana Tsikhanouskaya welcomed it.",
        "people": [("p-sviatlana", "Sviatlana Tsikhanouskaya", "Sviatlana Tsikhanouskaya")],
        "counts": [(52, None, "exact", "prisoners", "52 prisoners"),
                   (1100, None, "more_than", "political prisoners", "More than 1,100 political prisoners")],
        "dates": [("2025-09-12", "Sept 12"), ("2025-09-11", "September 11"), ("2025-09-12", "Friday")],
    },
    {
        "id": "a-june", "published": "2025-06-22", "title": "Tikhanovsky among 14 freed",
        "url": "http://example.test/news/fourteen",
        "text": "Belarus released 14 political prisoners on Saturday, including Sergei Tikhanovsky. "
                "Svetlana Tikhanovskaya said more than 1,100 people are still behind bars. "
                "Tikhanovskaya thanked the envoy.",
        "people": [("p-siarhei", "Siarhei Tsikhanouski", "Sergei Tikhanovsky"),
                   ("p-sviatlana", "Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya"),
                   ("p-sviatlana", "Sviatlana Tsikhanouskaya", "Tikhanovskaya")],
        "counts": [(14, None, "exact", "political prisoners", "14 political prisoners"),
                   (1100, None, "more_than", "people", "more than 1,100 people")],
        "dates": [("2025-06-21", "Saturday")],
    },
    {
        "id": "a-dec", "published": "2024-12-10", "title": "More than 200 pardoned this year",
        "url": "http://example.test/news/two-hundred",
        "text": "Belarus has pardoned more than 200 political prisoners. Some 300 journalists were detained.",
        "people": [],
        "counts": [(200, None, "more_than", "political prisoners", "more than 200 political prisoners"),
                   (300, None, "about", "journalists", "Some 300 journalists")],
        "dates": [],
    },
]


def _sentence(text: str, pos: int) -> str:
    """The sentence around ``pos``: sentences end at '. '."""
    starts = [0] + [m.end() for m in re.finditer(r"\. ", text)]
    start = max(s for s in starts if s <= pos)
    end = text.find(". ", start)
    return text[start: len(text) if end < 0 else end + 1]


def fill(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the sample articles and their facts with exact offsets into articles.text."""
    for a in ARTICLES:
        text = a["text"]
        con.execute("INSERT INTO articles (id, url, canonical_url, title, published, site, language, text, "
                    "content_hash, fetched_at, extractor_version) "
                    "VALUES (?, ?, ?, ?, ?, 'Borderland Courier', 'en', ?, ?, current_timestamp, 'test')",
                    [a["id"], a["url"], a["url"], a["title"], a["published"], text, "hash-" + a["id"]])
        con.execute("INSERT INTO article_urls VALUES (?, ?, 'self')", [a["url"], a["id"]])
        pos = 0
        for pid, name, surface in a["people"]:
            start = text.index(surface, pos)
            pos = start + len(surface)
            con.execute("INSERT INTO persons SELECT ?, ?, NULL WHERE NOT EXISTS (SELECT 1 FROM persons WHERE id = ?)",
                        [pid, name, pid])
            con.execute("INSERT INTO person_aliases SELECT ?, ? WHERE NOT EXISTS "
                        "(SELECT 1 FROM person_aliases WHERE person_id = ? AND alias = ?)",
                        [pid, surface, pid, surface])
            con.execute("INSERT INTO person_mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [a["id"], pid, surface, surface, start, start + len(surface), _sentence(text, start)])
        for value, high, qualifier, unit, surface in a["counts"]:
            start = text.index(surface)
            con.execute("INSERT INTO counts (article_id, value, high, qualifier, unit, text, start_char, end_char, "
                        "sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [a["id"], value, high, qualifier, unit, surface, start, start + len(surface),
                         _sentence(text, start)])
        for value, surface in a["dates"]:
            start = text.index(surface)
            con.execute("INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?)",
                        [a["id"], value, surface, start, start + len(surface), _sentence(text, start)])


@pytest.fixture(scope="session")
def _warehouse_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "w.duckdb"
    con = connect(path)
    fill(con)
    con.close()
    return path


@pytest.fixture
def warehouse_file(tmp_path: Path, _warehouse_template: Path) -> Path:
    """A closed warehouse file of its own at the newest schema, holding the sample articles."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(_warehouse_template, path)
    return path
