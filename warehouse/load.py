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
import numpy as np
import pyarrow as pa

from crawler.simhash import _WORD, BITS, NEAR_DUPLICATE_BITS, comparable
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

    The whole batch is one transaction: a crash leaves the warehouse as it was
    before the batch, and a re-run lands every fact exactly once. Articles and
    their URLs are written page by page (later pages of the batch are checked
    against them); the facts, most of the rows, are collected and bulk-inserted
    per table at the end (a column scan, not one INSERT per row).
    """
    fetched_at = fetched_at or datetime.now(UTC).replace(tzinfo=None)
    result = LoadResult()
    facts = _Facts()
    con.execute("BEGIN TRANSACTION")
    try:
        for page in pages:
            url = page.article.url or page.article.canonical_url or ""
            result.outcomes.append((url, _load_one(con, page, fetched_at, result.stats, facts)))
        facts.insert(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return result


def _load_one(con: duckdb.DuckDBPyConnection, page: PageFacts, fetched_at: datetime, stats: dict[str, int],
              facts: _Facts) -> str:
    art = page.article
    url = art.url or art.canonical_url or ""
    canonical = canonical_url(art.canonical_url or url)
    aid = article_id(canonical)
    fp = fingerprint(art.text)
    existed = con.execute("SELECT content_hash, extractor_version FROM articles WHERE id = ?", [aid]).fetchone()
    if existed and (url != canonical or existed == (art.content_hash, EXTRACTOR_VERSION)):
        # a copy under another URL never overwrites the original's text; an unchanged page changes nothing
        _link_url(con, url, aid, "self" if url == canonical else "alias")
        if canonical != url:
            _link_url(con, canonical, aid, "self")
        return "alias" if url != canonical else "unchanged"
    if not existed and (twin := _same_story(con, art.content_hash, fp)):
        _link_url(con, url, twin, "duplicate")
        if canonical != url:
            _link_url(con, canonical, twin, "duplicate")
        stats["duplicates"] += 1
        return "duplicate"
    if existed:
        con.execute("DELETE FROM articles WHERE id = ?", [aid])
        con.execute("DELETE FROM content_fingerprints WHERE article_id = ?", [aid])
        for table in ("person_mentions", "counts", "dates"):
            con.execute(f"DELETE FROM {table} WHERE article_id = ?", [aid])
        stats["updated"] += 1
    else:
        stats["articles"] += 1
    con.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [aid, url, canonical, art.title, parse_date(art.published), art.author, art.site, art.language,
         art.text, art.content_hash, fetched_at, EXTRACTOR_VERSION],
    )
    _link_url(con, url, aid, "self" if url == canonical else "alias")
    if canonical != url:
        _link_url(con, canonical, aid, "self")
    if fp is not None:
        con.execute("INSERT INTO content_fingerprints VALUES (?, ?)", [aid, fp])
    facts.add(page, aid, stats)
    return "article"


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


class _Facts:
    """Fact rows of a batch, per table, inserted at the end with one column scan per table.

    Rows are keyed like the tables' primary keys, first one kept, as ``INSERT ... ON CONFLICT DO
    NOTHING`` row by row would; an article loaded twice in one batch keeps its last load's facts.
    """

    TABLES = {  # table → column names, in table order
        "persons": ("id", "name", "gazetteer_id"),
        "person_aliases": ("person_id", "alias"),
        "person_mentions": ("article_id", "person_id", "text", "name", "start_char", "end_char", "sentence"),
        "counts": ("article_id", "value", "high", "qualifier", "unit", "text", "start_char", "end_char", "sentence"),
        "dates": ("article_id", "value", "text", "start_char", "end_char", "sentence"),
    }

    def __init__(self) -> None:
        self.persons: dict[str, tuple] = {}
        self.aliases: dict[tuple[str, str], tuple] = {}
        self.by_article: dict[str, tuple[list, list, list]] = {}

    def add(self, page: PageFacts, aid: str, stats: dict[str, int]) -> None:
        text_of = page.sentence_of
        mentions: dict[int, tuple] = {}
        for person in page.people:
            gaz = next((m.gazetteer_id for m in person.mentions if m.gazetteer_id), None)
            self.persons.setdefault(person.id, (person.id, person.name, gaz))
            for m in sorted(person.mentions, key=lambda m: m.name):
                self.aliases.setdefault((person.id, m.name), (person.id, m.name))
            for m in person.mentions:
                mentions.setdefault(m.start, (aid, person.id, m.text, m.name, m.start, m.end, text_of(m.start)[2]))
        counts: dict[int, tuple] = {}
        for c in page.counts:
            counts.setdefault(c.start, (aid, c.value, c.high, c.qualifier, c.unit, c.text, c.start, c.end,
                                        text_of(c.start)[2]))
        dates: dict[int, tuple] = {}
        for d in page.dates:
            dates.setdefault(d.start, (aid, d.value, d.text, d.start, d.end, text_of(d.start)[2]))
        self.by_article[aid] = (list(mentions.values()), list(counts.values()), list(dates.values()))
        stats["mentions"] += sum(len(p.mentions) for p in page.people)
        stats["counts"] += len(page.counts)
        stats["dates"] += len(page.dates)

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        rows = {"persons": list(self.persons.values()), "person_aliases": list(self.aliases.values()),
                "person_mentions": [], "counts": [], "dates": []}
        for mentions, counts, dates in self.by_article.values():
            rows["person_mentions"] += mentions
            rows["counts"] += counts
            rows["dates"] += dates
        for table, cols in self.TABLES.items():
            _bulk_insert(con, table, cols, rows[table])


def _bulk_insert(con: duckdb.DuckDBPyConnection, table: str, cols: tuple[str, ...], rows: list[tuple]) -> None:
    """``INSERT INTO table ... ON CONFLICT DO NOTHING`` of many rows through one scan of an Arrow table.

    DuckDB reads Arrow columns directly; ``executemany`` runs one INSERT per row (~1 ms a row here).
    Column types come from the table, so the Arrow types are only what Python's values suggest.
    """
    if not rows:
        return
    batch = pa.table({c: list(v) for c, v in zip(cols, zip(*rows, strict=True), strict=True)})
    con.register("_newsfacts_rows", batch)
    try:
        names = ", ".join(cols)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _newsfacts_rows ON CONFLICT DO NOTHING")
    finally:
        con.unregister("_newsfacts_rows")


def fingerprint(text: str) -> int | None:
    """``crawler.simhash.simhash(text)`` for a comparable text (else None), with the bit sums done by NumPy.

    Same words, bigrams, blake2b hashes and majority vote per bit as ``simhash``, so the same value
    (``benchmarks.pipeline`` checks it); the per-bit Python loop cost ~10 ms a 1,000-word article.
    """
    if not comparable(text):
        return None
    words = _WORD.findall(text.casefold())
    grams = [" ".join(words[i:i + 2]) for i in range(max(1, len(words) - 1))]
    digests = b"".join(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest() for g in grams)
    hashes = np.frombuffer(digests, dtype=">u8").astype(np.uint64)
    ones = ((hashes[:, None] >> np.arange(BITS, dtype=np.uint64)) & np.uint64(1)).sum(axis=0, dtype=np.int64)
    return sum(1 << bit for bit, n in enumerate(ones.tolist()) if 2 * n > len(grams))


def record_failures(con: duckdb.DuckDBPyConnection, failures: Iterable[tuple[str, str, str]]) -> int:
    """Store ``(url, stage, reason)`` failures; return how many."""
    rows = list(failures)
    if rows:
        con.executemany("INSERT INTO fetch_failures (url, stage, reason) VALUES (?, ?, ?)", rows)
    return len(rows)


def known_urls(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every URL already linked to an article: a re-run does not fetch them again."""
    return {r[0] for r in con.execute("SELECT url FROM article_urls").fetchall()}
