"""Write extracted pages into the warehouse, exactly once.

An article's id is a hash of its canonical URL (tracking parameters stripped). Loading replaces the article's
facts inside one transaction (delete, then insert), so loading the same input
twice adds nothing, and a load interrupted by a crash leaves either the old
facts or the new ones, never half of each.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from records.facts import PageFacts, event_people_of
from records.fingerprints import METHOD, NEAR_DUPLICATE_BITS
from warehouse.bulk import bulk_insert
from warehouse.event_links import link, unlink
from warehouse.fingerprints import near_duplicates_sql


def article_id(canonical_url: str) -> str:
    """Stable id of an article from its canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


@dataclass
class LoadResult:
    """Rows added by a load, and what became of each page URL (for the crawl state)."""

    stats: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAT_KEYS, 0))
    outcomes: list[tuple[str, str]] = field(default_factory=list)  # (url, article|alias|duplicate|unchanged)


STAT_KEYS = ("articles", "updated", "duplicates", "mentions", "counts", "dates", "events")


def load_batch(con: duckdb.DuckDBPyConnection, pages: Iterable[PageFacts], link_events: bool = True) -> LoadResult:
    """Load pages (their people already resolved); return the rows added and each page URL's outcome.

    An article's ``fetched_at`` is when its page was fetched (``Article.fetched_at``, the archived
    page's time, kept through reprocessing), else the time of the load.

    A page lands once under the article id of its canonical URL (``rel=canonical``,
    tracking parameters stripped). Its URL is linked to an existing article
    instead when that article has the same canonical URL (``alias``) or the same
    or a near-identical text under another URL (``duplicate``: a syndicated copy).

    The whole batch is one transaction: a crash leaves the warehouse as it was
    before the batch, and a re-run lands every fact exactly once. The batch's events (and those that
    shared a happening with an article it replaced) are linked to the reports of the same happenings in
    other articles (``warehouse.event_links``) in that transaction too; with ``link_events=False`` they are
    left *pending* instead (no ``event_clusters`` row, as are the reports they shared a happening with), for
    one :func:`warehouse.event_links.link_pending` after the run's last batch: linking re-clusters every part
    of the warehouse a batch touches, so linking batch by batch costs a run time quadratic in its batches.

    The batch is checked against the warehouse with three queries (articles with the batch's
    ids, articles with its texts, fingerprints within ``NEAR_DUPLICATE_BITS`` of
    its fingerprints: ``warehouse.fingerprints``), and page by page against the earlier pages of
    the same batch in Python, with the same outcomes as loading the pages one by
    one. Then every table gets one bulk insert through Arrow (a column scan, not
    one INSERT per row).
    """
    now = datetime.now(UTC).replace(tzinfo=None)
    prepared = [_Prepared(page) for page in pages]
    result = LoadResult()
    con.execute("BEGIN TRANSACTION")
    try:
        batch = _Batch(con, prepared)
        for p in prepared:
            result.outcomes.append((p.url, batch.load(p, p.page.article.fetched_at or now, result.stats)))
        batch.write(con, link_events)
        commit_checkpointed(con)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return result


def commit_checkpointed(con: duckdb.DuckDBPyConnection) -> None:
    """``COMMIT`` the open transaction, checkpointing its changes as it commits.

    A plain commit writes a batch's rows to the write-ahead log, and the connection's closing checkpoint
    writes them to the file again. DuckDB checkpoints at commit, skipping the log, when the log would
    outgrow ``checkpoint_threshold``; with it at zero for this commit a batch's rows are written once
    (2,000 generated pages in 200-page batches: ~13% less wall time loading, ~4% less CPU, no log file
    written and synced). The threshold is put back right after: the small commits that follow a
    load (crawl outcomes, marks) keep going to the log, to the closing checkpoint. Contents are the same
    either way; when DuckDB cannot checkpoint at commit (another transaction open) it writes the log as before.
    """
    before = con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0]
    con.execute("SET checkpoint_threshold = '0B'")
    try:
        con.execute("COMMIT")
    finally:
        con.execute(f"SET checkpoint_threshold = '{before}'")


class _Prepared:
    """What the load of one page needs besides the page: its URLs, article id and fingerprint."""

    __slots__ = ("aid", "canonical", "fp", "hash", "page", "url")

    def __init__(self, page: PageFacts) -> None:
        art = page.article
        self.page = page
        self.url = art.url or art.canonical_url or ""
        self.canonical = art.canonical_url or self.url  # made canonical by the extract stage
        self.aid = article_id(self.canonical)
        self.hash = art.content_hash  # a property that hashes the text: read it once
        self.fp = page.fingerprint  # None: too short to compare


class _Batch:
    """The warehouse as seen by one batch: what it held before the batch, plus the batch's own changes.

    ``load`` decides each page exactly as a page-by-page load inside the transaction would (the same
    checks in the same order, seeing the earlier pages of the batch); ``write`` then applies the
    batch: deletes of replaced articles, then one bulk insert per table.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, prepared: list[_Prepared]) -> None:
        keys = pa.table({
            "i": pa.array(range(len(prepared)), pa.int64()),
            "aid": pa.array([p.aid for p in prepared], pa.string()),
            "content_hash": pa.array([p.hash for p in prepared], pa.string()),
            "fp": pa.array([p.fp for p in prepared], pa.uint64()),
        })
        con.register("_newsfacts_batch", keys)
        try:
            #: article id → (content_hash, extractor_version), None once deleted; the batch's ids and changes
            self.state: dict[str, tuple[str, str] | None] = {r[0]: (r[1], r[2]) for r in con.execute(
                "SELECT id, content_hash, extractor_version FROM articles "
                "WHERE id IN (SELECT aid FROM _newsfacts_batch)").fetchall()}
            #: content hash → ids of stored articles with that text
            self.by_hash: dict[str, list[str]] = {}
            for h, aid in con.execute("SELECT content_hash, id FROM articles "
                                      "WHERE content_hash IN (SELECT content_hash FROM _newsfacts_batch)").fetchall():
                self.by_hash.setdefault(h, []).append(aid)
            #: page index → stored (article id, distance) within NEAR_DUPLICATE_BITS, nearest first
            self.near: dict[int, list[tuple[str, int]]] = {}
            for i, aid, d in con.execute(near_duplicates_sql("_newsfacts_batch")).fetchall():
                self.near.setdefault(i, []).append((aid, d))
        finally:
            con.unregister("_newsfacts_batch")
        self.index = {id(p): i for i, p in enumerate(prepared)}
        self.touched: set[str] = set()  # ids whose stored article row, text and fingerprint the batch replaced
        self.fps: dict[str, int] = {}  # fingerprints of the articles the batch inserts
        self.deleted: list[str] = []  # stored articles replaced (deleted, then inserted again)
        self.articles: dict[str, tuple] = {}
        self.urls: dict[str, tuple[str, str, str]] = {}
        self.facts = _Facts()

    def load(self, p: _Prepared, fetched_at: datetime, stats: dict[str, int]) -> str:
        art, url, canonical, aid = p.page.article, p.url, p.canonical, p.aid
        existed = self.state.get(aid)
        version = p.page.extractor_version
        if existed and (url != canonical or existed == (p.hash, version)):
            # a copy under another URL never overwrites the original's text; an unchanged page changes nothing
            self._link(url, aid, "self" if url == canonical else "alias")
            if canonical != url:
                self._link(canonical, aid, "self")
            return "alias" if url != canonical else "unchanged"
        if not existed and (twin := self._same_story(p)):
            self._link(url, twin, "duplicate")
            if canonical != url:
                self._link(canonical, twin, "duplicate")
            stats["duplicates"] += 1
            return "duplicate"
        if existed:
            if aid not in self.touched:
                self.deleted.append(aid)
            stats["updated"] += 1
        else:
            stats["articles"] += 1
        self.touched.add(aid)
        self.state[aid] = (p.hash, version)
        self.by_hash.setdefault(p.hash, []).append(aid)
        self.articles[aid] = (aid, url, canonical, art.title, art.published, art.author, art.site,
                              art.language, art.text, p.hash, fetched_at, version)
        self._link(url, aid, "self" if url == canonical else "alias")
        if canonical != url:
            self._link(canonical, aid, "self")
        if p.fp is not None:
            self.fps[aid] = p.fp
        else:
            self.fps.pop(aid, None)
        self.facts.add(p.page, aid, stats)
        return "article"

    def _same_story(self, p: _Prepared) -> str | None:
        """Id of an article with the same text, or a text whose simhash is within NEAR_DUPLICATE_BITS."""
        for aid in self.by_hash.get(p.hash, ()):
            state = self.state.get(aid, ...)  # ...: stored and untouched by the batch, so still that text
            if state is ... or (state is not None and state[0] == p.hash):
                return aid
        if p.fp is None:
            return None
        best: tuple[int, str] | None = None
        for aid, d in self.near.get(self.index[id(p)], ()):
            if aid not in self.touched:  # the batch replaced that one's fingerprint: compared below
                best = (d, aid)
                break
        for aid, fp in self.fps.items():
            if (d := (fp ^ p.fp).bit_count()) <= NEAR_DUPLICATE_BITS and (best is None or d < best[0]):
                best = (d, aid)
        return best[1] if best else None

    def _link(self, url: str, aid: str, relation: str) -> None:
        self.urls.setdefault(url, (url, aid, relation))  # the first link of a URL stays, as ON CONFLICT DO NOTHING

    def write(self, con: duckdb.DuckDBPyConnection, link_events: bool = True) -> None:
        relink: set[str] = set()  # articles whose reports (or cluster mates) changed: their events are linked again
        if self.deleted:
            ids = pa.table({"id": pa.array(self.deleted, pa.string())})
            con.register("_newsfacts_deleted", ids)
            try:
                # the other reports of a replaced article's clusters: without it they may link otherwise
                relink.update(r[0] for r in con.execute(
                    "SELECT DISTINCT o.article_id FROM event_clusters d JOIN event_clusters o "
                    "ON o.cluster_id = d.cluster_id WHERE d.article_id IN (SELECT id FROM _newsfacts_deleted)"
                ).fetchall())
                con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _newsfacts_deleted)")
                for table in ("content_fingerprints", *REPLACED_FACTS):
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM _newsfacts_deleted)")
            finally:
                con.unregister("_newsfacts_deleted")
        bulk_insert(con, "articles", ARTICLE_COLUMNS, list(self.articles.values()),
                    strings(ARTICLE_COLUMNS, "published", "fetched_at"), tail="")
        url_columns = ("url", "article_id", "relation")
        bulk_insert(con, "article_urls", url_columns, list(self.urls.values()), strings(url_columns))
        bulk_insert(con, "content_fingerprints", ("article_id", "simhash", "method"),
                    [(aid, fp, METHOD) for aid, fp in self.fps.items()],
                    {"article_id": pa.string(), "simhash": pa.uint64(), "method": pa.string()}, tail="")
        self.facts.insert(con)
        relink.update(aid for aid, facts in self.facts.by_article.items() if facts[3])
        if link_events:
            link(con, relink)
        else:
            unlink(con, relink)


#: an article's rows in these tables are deleted when the article is replaced (its new ones are inserted)
REPLACED_FACTS = ("person_mentions", "counts", "dates", "events", "event_people", "event_clusters")


def strings(cols: tuple[str, ...], *others: str) -> dict[str, pa.DataType]:
    """Arrow type ``string`` for ``cols`` but ``others``: given, pyarrow skips inferring it value by value (3x the
    cost of converting a column of strings); the values are ``str`` or None, so the column is the same."""
    return {c: pa.string() for c in cols if c not in others}


ARTICLE_COLUMNS = ("id", "url", "canonical_url", "title", "published", "author", "site", "language", "text",
                   "content_hash", "fetched_at", "extractor_version")


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

    Persons and spellings are keyed by id and by (id, spelling), first one kept, and inserted only when not
    stored yet. Fact rows are one per (article, start offset), first one kept; events one per (article, event
    number: their order in ``PageFacts.events``), with their people once each; an article loaded twice in one
    batch keeps its last load's facts. A count an event took its figure from (``count_start``) carries that
    event's kind (``counts.event_kind``). No table here has a primary key (migrations 006-007: DuckDB keeps one
    as an in-memory index that grew with every row): this keying, the anti-join and the deletion of a
    replaced article's facts, all in the batch's transaction, land each row exactly once.
    """

    #: tables whose rows may already be stored, by key: a row is inserted only when its key is not (an anti-join;
    #: no table has an index for ON CONFLICT since migrations 006-007). Fact rows never are: their article's
    #: rows were deleted first.
    KEYED = {"persons": ("id",), "person_aliases": ("person_id", "alias")}

    TABLES = {  # table → column names, in table order
        "persons": ("id", "name", "gazetteer_id"),
        "person_aliases": ("person_id", "alias"),
        "person_mentions": ("article_id", "person_id", "text", "name", "start_char", "end_char", "sentence"),
        "counts": ("article_id", "value", "high", "qualifier", "unit", "text", "start_char", "end_char", "sentence",
                   "event_kind", "anaphoric"),
        "dates": ("article_id", "value", "text", "start_char", "end_char", "sentence"),
        "events": ("article_id", "event_no", "kind", "proposed", "date", "count", "high", "qualifier", "trigger",
                   "sentence", "start_char", "end_char", "count_start", "date_start"),
        "event_people": ("article_id", "event_no", "person_id"),
    }

    #: each table's columns of strings (or None): their Arrow type is given, not inferred
    STRINGS = {
        "persons": ("id", "name", "gazetteer_id"),
        "person_aliases": ("person_id", "alias"),
        "person_mentions": ("article_id", "person_id", "text", "name", "sentence"),
        "counts": ("article_id", "qualifier", "unit", "text", "sentence", "event_kind"),
        "dates": ("article_id", "value", "text", "sentence"),
        "events": ("article_id", "kind", "date", "qualifier", "trigger", "sentence"),
        "event_people": ("article_id", "person_id"),
    }

    def __init__(self) -> None:
        self.persons: dict[str, tuple] = {}
        self.aliases: dict[tuple[str, str], tuple] = {}
        #: article id → its (mentions, counts, dates, events, event_people) rows
        self.by_article: dict[str, tuple[list, list, list, list, list]] = {}

    def add(self, page: PageFacts, aid: str, stats: dict[str, int]) -> None:
        text_of = sentence_texts(page)
        owner: dict[int, str] = {}  # mention start → person id, for the events' people
        mentions: dict[int, tuple] = {}
        persons, aliases = self.persons, self.aliases
        n_mentions = 0
        for person in page.people:
            pid, ms = person.id, person.mentions
            n_mentions += len(ms)
            if pid not in persons:
                persons[pid] = (pid, person.name, next((m.gazetteer_id for m in ms if m.gazetteer_id), None))
            for name in sorted({m.name for m in ms}):  # each spelling once, in order of spelling
                if (pid, name) not in aliases:
                    aliases[(pid, name)] = (pid, name)
            for m in ms:
                start = m.start
                owner[start] = pid
                if start not in mentions:
                    mentions[start] = (aid, pid, m.text, m.name, start, m.end, text_of(start))
        events, event_people = [], []
        event_kind: dict[int, str] = {}  # count start → kind of the first event that took that count
        for no, e in enumerate(page.events):
            events.append((aid, no, e.kind, e.proposed, e.date, e.count, e.high, e.qualifier, e.trigger, e.text,
                           e.start, e.end, e.count_start, e.date_start))
            if e.subjects:
                event_people += [(aid, no, pid) for pid in event_people_of(owner, e)]
            if e.count_start is not None and e.count_start not in event_kind:
                event_kind[e.count_start] = e.kind
        counts: dict[int, tuple] = {}
        for c in page.counts:
            if c.start not in counts:
                counts[c.start] = (aid, c.value, c.high, c.qualifier, c.unit, c.text, c.start, c.end,
                                   text_of(c.start), event_kind.get(c.start), c.anaphoric)
        dates: dict[int, tuple] = {}
        for d in page.dates:
            if d.start not in dates:
                dates[d.start] = (aid, d.value, d.text, d.start, d.end, text_of(d.start))
        self.by_article[aid] = (list(mentions.values()), list(counts.values()), list(dates.values()), events,
                                event_people)
        stats["mentions"] += n_mentions
        stats["counts"] += len(page.counts)
        stats["dates"] += len(page.dates)
        stats["events"] += len(events)

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        rows = {"persons": list(self.persons.values()), "person_aliases": list(self.aliases.values()),
                "person_mentions": [], "counts": [], "dates": [], "events": [], "event_people": []}
        for mentions, counts, dates, events, event_people in self.by_article.values():
            rows["person_mentions"] += mentions
            rows["counts"] += counts
            rows["dates"] += dates
            rows["events"] += events
            rows["event_people"] += event_people
        for table, cols in self.TABLES.items():
            key = self.KEYED.get(table)
            new_only = ("WHERE NOT EXISTS (SELECT 1 FROM {t} s WHERE {on})".format(
                t=table, on=" AND ".join(f"s.{k} = _newsfacts_rows.{k}" for k in key)) if key else "")
            bulk_insert(con, table, cols, rows[table], strings(self.STRINGS[table]), tail=new_only)


def sentence_texts(page: PageFacts) -> Callable[[int], str]:
    """``start → page.sentence_of(start)[2]``, each sentence's text sliced once: a sentence holds several facts

    Every sentence is sliced up front (a page's facts fall in most of its sentences), with "" last for a start
    before the first sentence (index -1)."""
    starts, text = page.sentence_starts, page.article.text
    texts = [text[a:b] for a, b in zip(starts, page.sentence_ends, strict=True)]
    texts.append("")
    return lambda start: texts[bisect.bisect_right(starts, start) - 1]


def record_failures(con: duckdb.DuckDBPyConnection, failures: Iterable[tuple[str, str, str]]) -> int:
    """Store ``(url, stage, reason)`` failures; return how many."""
    rows = list(failures)
    if rows:
        con.executemany("INSERT INTO fetch_failures (url, stage, reason) VALUES (?, ?, ?)", rows)
    return len(rows)
