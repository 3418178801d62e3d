"""Write extracted pages into the warehouse, exactly once.

An article's id is a hash of its canonical URL (tracking parameters stripped). Loading replaces the article's
facts inside one transaction (delete, then insert), so loading the same input
twice adds nothing, and a load interrupted by a crash leaves either the old
facts or the new ones, never half of each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from crawler.simhash import NEAR_DUPLICATE_BITS, comparable, simhash
from crawler.urls import canonical_url
from extractors.pipeline import PageFacts, parse_date
from extractors.text import EXTRACTOR_VERSION


def article_id(canonical_url: str) -> str:
    """Stable id of an article from its canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


@dataclass
class LoadResult:
    """Rows added by a load, and what became of each page URL (for the crawl state)."""

    stats: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAT_KEYS, 0))
    outcomes: list[tuple[str, str]] = field(default_factory=list)  # (url, article|alias|duplicate|unchanged)


STAT_KEYS = ("articles", "updated", "duplicates", "mentions", "counts", "dates")


def load_pages(con: duckdb.DuckDBPyConnection, pages: Iterable[PageFacts],
               fetched_at: datetime | None = None) -> dict[str, int]:
    """Load pages (their people already resolved); return how many new articles/facts landed."""
    return load_batch(con, pages, fetched_at).stats


def load_batch(con: duckdb.DuckDBPyConnection, pages: Iterable[PageFacts],
               fetched_at: datetime | None = None) -> LoadResult:
    """Load pages; return the rows added and each page URL's outcome.

    A page lands once under the article id of its canonical URL (``rel=canonical``,
    tracking parameters stripped). Its URL is linked to an existing article
    instead when that article has the same canonical URL (``alias``) or the same
    or a near-identical text under another URL (``duplicate``: a syndicated copy).
    """
    fetched_at = fetched_at or datetime.now(UTC).replace(tzinfo=None)
    result = LoadResult()
    for page in pages:
        url = page.article.url or page.article.canonical_url or ""
        result.outcomes.append((url, _load_one(con, page, fetched_at, result.stats)))
    return result


def _load_one(con: duckdb.DuckDBPyConnection, page: PageFacts, fetched_at: datetime, stats: dict[str, int]) -> str:
    art = page.article
    url = art.url or art.canonical_url or ""
    canonical = canonical_url(art.canonical_url or url)
    aid = article_id(canonical)
    fingerprint = simhash(art.text) if comparable(art.text) else None
    con.execute("BEGIN TRANSACTION")
    try:
        existed = con.execute("SELECT content_hash, extractor_version FROM articles WHERE id = ?", [aid]).fetchone()
        if existed and (url != canonical or existed == (art.content_hash, EXTRACTOR_VERSION)):
            # a copy under another URL never overwrites the original's text; an unchanged page changes nothing
            _link_url(con, url, aid, "self" if url == canonical else "alias")
            _link_url(con, canonical, aid, "self")
            con.execute("COMMIT")
            return "alias" if url != canonical else "unchanged"
        if not existed and (twin := _same_story(con, art.content_hash, fingerprint)):
            _link_url(con, url, twin, "duplicate")
            if canonical != url:
                _link_url(con, canonical, twin, "duplicate")
            stats["duplicates"] += 1
            con.execute("COMMIT")
            return "duplicate"
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
        _link_url(con, url, aid, "self" if url == canonical else "alias")
        _link_url(con, canonical, aid, "self")
        con.execute("DELETE FROM content_fingerprints WHERE article_id = ?", [aid])
        if fingerprint is not None:
            con.execute("INSERT INTO content_fingerprints VALUES (?, ?)", [aid, fingerprint])
        for table in ("person_mentions", "counts", "dates"):
            con.execute(f"DELETE FROM {table} WHERE article_id = ?", [aid])
        _insert_facts(con, page, aid, stats)
        con.execute("COMMIT")
        return "article"
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _same_story(con: duckdb.DuckDBPyConnection, content_hash: str, fingerprint: int | None) -> str | None:
    """Id of an article with the same text, or a text whose simhash is within NEAR_DUPLICATE_BITS."""
    row = con.execute("SELECT id FROM articles WHERE content_hash = ? LIMIT 1", [content_hash]).fetchone()
    if row:
        return row[0]
    if fingerprint is None:
        return None
    # bit_count of the XOR is the Hamming distance; a linear scan is fine for tens of thousands of articles
    row = con.execute(
        "SELECT article_id FROM content_fingerprints WHERE bit_count(xor(simhash, ?::UBIGINT)) <= ? "
        "ORDER BY bit_count(xor(simhash, ?::UBIGINT)) LIMIT 1",
        [fingerprint, NEAR_DUPLICATE_BITS, fingerprint]).fetchone()
    return row[0] if row else None


def _link_url(con: duckdb.DuckDBPyConnection, url: str, aid: str, relation: str = "self") -> None:
    con.execute("INSERT INTO article_urls VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [url, aid, relation])


def link_aliases(con: duckdb.DuckDBPyConnection, aliases: dict[str, str]) -> int:
    """Link each alias URL (``?utm_source=...``) to the article its canonical URL belongs to; return how many."""
    rows = list(aliases.items())
    if not rows:
        return 0
    before = con.execute("SELECT count(*) FROM article_urls").fetchone()[0]
    con.executemany(
        "INSERT INTO article_urls SELECT ?, article_id, 'alias' FROM article_urls WHERE url = ? "
        "ON CONFLICT DO NOTHING", rows)
    return con.execute("SELECT count(*) FROM article_urls").fetchone()[0] - before


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
