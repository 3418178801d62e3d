"""Write extracted pages into the warehouse, exactly once.

An article's id is a hash of its canonical URL. Loading replaces the article's
facts inside one transaction (delete, then insert), so loading the same input
twice adds nothing, and a load interrupted by a crash leaves either the old
facts or the new ones, never half of each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

import duckdb

from extractors.pipeline import PageFacts, parse_date
from extractors.text import EXTRACTOR_VERSION


def article_id(canonical_url: str) -> str:
    """Stable id of an article from its canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


def load_pages(con: duckdb.DuckDBPyConnection, pages: Iterable[PageFacts],
               fetched_at: datetime | None = None) -> dict[str, int]:
    """Load pages (their people already resolved); return how many new articles/facts landed."""
    fetched_at = fetched_at or datetime.now(UTC).replace(tzinfo=None)
    stats = {"articles": 0, "updated": 0, "mentions": 0, "counts": 0, "dates": 0}
    for page in pages:
        _load_one(con, page, fetched_at, stats)
    return stats


def _load_one(con: duckdb.DuckDBPyConnection, page: PageFacts, fetched_at: datetime, stats: dict[str, int]) -> None:
    art = page.article
    url = art.url or art.canonical_url or ""
    canonical = art.canonical_url or url
    aid = article_id(canonical)
    con.execute("BEGIN TRANSACTION")
    try:
        existed = con.execute("SELECT content_hash FROM articles WHERE id = ?", [aid]).fetchone()
        if existed and existed[0] == art.content_hash:
            _link_url(con, url, aid)
            con.execute("COMMIT")
            return
        if existed:
            con.execute("DELETE FROM articles WHERE id = ?", [aid])
            stats["updated"] += 1
        else:
            stats["articles"] += 1
        con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [aid, url, canonical, art.title, parse_date(art.published), art.author, art.site, art.language,
             art.text, art.content_hash, fetched_at, EXTRACTOR_VERSION],
        )
        _link_url(con, url, aid)
        for table in ("person_mentions", "counts", "dates"):
            con.execute(f"DELETE FROM {table} WHERE article_id = ?", [aid])
        _insert_facts(con, page, aid, stats)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _link_url(con: duckdb.DuckDBPyConnection, url: str, aid: str) -> None:
    con.execute(
        "INSERT INTO article_urls VALUES (?, ?, 'self') ON CONFLICT DO NOTHING", [url, aid]
    )


def _insert_facts(con: duckdb.DuckDBPyConnection, page: PageFacts, aid: str, stats: dict[str, int]) -> None:
    text_of = page.sentence_of
    persons, aliases, mentions = [], set(), []
    for person in page.people:
        gaz = next((m.gazetteer_id for m in person.mentions if m.gazetteer_id), None)
        persons.append((person.id, person.name, gaz))
        for m in person.mentions:
            aliases.add((person.id, m.name))
            mentions.append((aid, person.id, m.text, m.name, m.start, m.end, text_of(m.start)[2]))
    if persons:
        con.executemany("INSERT INTO persons VALUES (?, ?, ?) ON CONFLICT DO NOTHING", persons)
    if aliases:
        con.executemany("INSERT INTO person_aliases VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(aliases))
    if mentions:
        con.executemany("INSERT INTO person_mentions VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", mentions)
    counts = [(aid, c.value, c.high, c.qualifier, c.unit, c.text, c.start, c.end, text_of(c.start)[2])
              for c in page.counts]
    if counts:
        con.executemany("INSERT INTO counts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", counts)
    dates = [(aid, d.value, d.text, d.start, d.end, text_of(d.start)[2]) for d in page.dates]
    if dates:
        con.executemany("INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", dates)
    stats["mentions"] += len(mentions)
    stats["counts"] += len(counts)
    stats["dates"] += len(dates)


def record_failures(con: duckdb.DuckDBPyConnection, failures: Iterable[tuple[str, str, str]]) -> int:
    """Store ``(url, stage, reason)`` failures; return how many."""
    rows = list(failures)
    if rows:
        con.executemany("INSERT INTO fetch_failures (url, stage, reason) VALUES (?, ?, ?)", rows)
    return len(rows)


def known_urls(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every URL already linked to an article: a re-run does not fetch them again."""
    return {r[0] for r in con.execute("SELECT url FROM article_urls").fetchall()}
