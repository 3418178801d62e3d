"""Link reports of one happening across articles: one ``event_clusters`` cluster per happening, every report kept.

Each stored event (``events`` row, a *report*) gets the days it can be about, its *window* (``WINDOWS_SQL``):
its date at the date's granularity (``2025-09-11`` one day, ``2025-09`` the month, ``2025`` the year, a
week or season its days), or, for an undated report, its article's publication day and the
``UNDATED_DAYS`` days before it. A report with neither date nor publication date has no window and stays
alone.

Two reports *conflict* (can never be one happening) when they come from the same article, when their windows
do not overlap (two day-precise dates may be ``DAY_SLACK`` day apart), or when both give a count and the
counts are not compatible (:func:`counts_agree`: 14 and 16 are, 52 and 2 are not). Two reports that do not
conflict are *linked* when their dates agree on their own (both at least month-precise, windows overlapping)
or, for a vaguer date (a year, a season, no date at all) or dates a day apart, when other evidence agrees:
the same figure, or a person named in both.

Reports are clustered per kind and ``proposed`` flag (a proposed release never joins a done one), in a fixed
order that depends only on the reports (most precise date first, then by date, publication date, article id
and event number): each report joins the best cluster it conflicts with no member of and is linked to at
least one member of (most shared people, then most equal figures, then the nearest first report), else
starts one. The result is a function of the stored events alone, whatever order articles were loaded in:
re-linking gives the same clusters, and a cluster's id is a hash of its first report (the one whose article
was fetched first, then by article id and event number), so a report that joins later leaves the id as it was.

Cheap by construction: only reports whose windows overlap can share a cluster, so the reports of one kind
are cut into *islands* of overlapping windows (in SQL), and only the islands holding a changed article's
reports are clustered again (in Python, each report compared with the clusters whose first report's
window shares a month with its own).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
import pyarrow as pa

#: an undated report is about its article's publication day or one of the days before it
UNDATED_DAYS = 7
#: days two day-precise dates may differ by and still be one happening (given a figure or a person in common)
DAY_SLACK = 1
#: two counts are compatible when their ranges overlap once widened by this share and COUNT_SLACK people
COUNT_TOLERANCE = 0.2
COUNT_SLACK = 2
#: precision ranks (``WINDOWS_SQL``): day, week, month agree on dates alone; season, year, decade and
#: undated reports need a figure or a person in common
DAY, WEEK, MONTH, SEASON, YEAR, VAGUE, UNDATED = range(7)

#: every event with its precision rank and window [lo, hi] (DATEs; NULL when it has none)
WINDOWS_SQL = f"""
WITH parsed AS (
    SELECT e.article_id, e.event_no, e.kind, e.proposed, e.count, e.high, e.qualifier, a.published, a.fetched_at,
           e.date,
           try_cast(left(e.date, 4) AS INTEGER) AS y,
           CASE
               WHEN regexp_full_match(e.date, '\\d{{4}}-\\d{{2}}-\\d{{2}}') AND try_cast(e.date AS DATE) IS NOT NULL
                   THEN {DAY}
               WHEN regexp_full_match(e.date, '\\d{{4}}-W(0[1-9]|[1-4]\\d|5[0-3])') THEN {WEEK}
               WHEN regexp_full_match(e.date, '\\d{{4}}-(0[1-9]|1[0-2])') THEN {MONTH}
               WHEN regexp_full_match(e.date, '\\d{{4}}-(SP|SU|FA|WI)') THEN {SEASON}
               WHEN regexp_full_match(e.date, '\\d{{4}}') THEN {YEAR}
               WHEN regexp_full_match(e.date, '\\d{{2,3}}') THEN {VAGUE}
               ELSE {UNDATED}
           END AS precision
    FROM events e
    JOIN articles a ON a.id = e.article_id
),
bounds AS (
    SELECT *,
           CASE precision
               WHEN {DAY} THEN try_cast(date AS DATE)
               WHEN {WEEK} THEN make_date(y, 1, 4) - CAST(isodow(make_date(y, 1, 4)) - 1 AS INTEGER)
                                + 7 * (try_cast(substr(date, 7, 2) AS INTEGER) - 1)
               WHEN {MONTH} THEN make_date(y, try_cast(substr(date, 6, 2) AS INTEGER), 1)
               WHEN {SEASON} THEN CASE substr(date, 6, 2)
                   WHEN 'SP' THEN make_date(y, 3, 1) WHEN 'SU' THEN make_date(y, 6, 1)
                   WHEN 'FA' THEN make_date(y, 9, 1) ELSE make_date(y, 1, 1) END
               WHEN {YEAR} THEN make_date(y, 1, 1)
               WHEN {VAGUE} THEN make_date(try_cast(date AS INTEGER) * (CASE length(date) WHEN 3 THEN 10 ELSE 100 END),
                                            1, 1)
               ELSE published - {UNDATED_DAYS}
           END AS lo,
           CASE precision
               WHEN {DAY} THEN try_cast(date AS DATE)
               WHEN {WEEK} THEN make_date(y, 1, 4) - CAST(isodow(make_date(y, 1, 4)) - 1 AS INTEGER)
                                + 7 * (try_cast(substr(date, 7, 2) AS INTEGER) - 1) + 6
               WHEN {MONTH} THEN last_day(make_date(y, try_cast(substr(date, 6, 2) AS INTEGER), 1))
               WHEN {SEASON} THEN CASE substr(date, 6, 2)
                   WHEN 'SP' THEN make_date(y, 5, 31) WHEN 'SU' THEN make_date(y, 8, 31)
                   WHEN 'FA' THEN make_date(y, 11, 30) ELSE last_day(make_date(y + 1, 2, 1)) END
               WHEN {YEAR} THEN make_date(y, 12, 31)
               WHEN {VAGUE} THEN make_date(try_cast(date AS INTEGER) * (CASE length(date) WHEN 3 THEN 10 ELSE 100 END)
                                           + (CASE length(date) WHEN 3 THEN 9 ELSE 99 END), 12, 31)
               ELSE published
           END AS hi
    FROM parsed
)
SELECT article_id, event_no, kind, proposed, count, high, qualifier, published, fetched_at, precision, lo, hi
FROM bounds
"""

#: the reports of every island of overlapping windows that holds a report of the seed articles, and the
#: seed articles' reports without a window
_ISLANDS_SQL = f"""
WITH w AS ({WINDOWS_SQL}),
ordered AS (
    SELECT *, max(hi) OVER (PARTITION BY kind, proposed ORDER BY lo, hi, article_id, event_no
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM w WHERE lo IS NOT NULL
),
islands AS (
    SELECT *, sum(CASE WHEN reach IS NULL OR lo > reach + {DAY_SLACK} THEN 1 ELSE 0 END)
                  OVER (PARTITION BY kind, proposed ORDER BY lo, hi, article_id, event_no ROWS UNBOUNDED PRECEDING)
                  AS island
    FROM ordered
),
touched AS (
    SELECT DISTINCT kind, proposed, island FROM islands WHERE __SEEDED__
)
SELECT i.article_id, i.event_no, i.kind, i.proposed, i.island, i.precision, i.lo, i.hi, i.count, i.high,
       i.qualifier, i.published, i.fetched_at
FROM islands i JOIN touched t ON t.kind = i.kind AND t.proposed = i.proposed AND t.island = i.island
UNION ALL
SELECT article_id, event_no, kind, proposed, NULL, precision, lo, hi, count, high, qualifier, published, fetched_at
FROM w WHERE lo IS NULL AND __SEEDED__
"""


@dataclass(slots=True)
class Report:
    """One stored event as the linking sees it: its window, figure and people."""

    article_id: str
    event_no: int
    precision: int
    lo: date | None
    hi: date | None
    count: int | None = None
    high: int | None = None
    qualifier: str | None = None
    published: date | None = None
    fetched_at: datetime | None = None
    people: frozenset[str] = frozenset()

    @property
    def order(self) -> tuple:
        """Clustering order: most precise date first, then by date; only the reports decide it."""
        return (self.precision, self.lo, self.hi, self.published or date.max, self.article_id, self.event_no)

    @property
    def age(self) -> tuple:
        """First report first: by the time its article was fetched (unknown last), article id, event number.

        A report fetched later (any new article) never becomes a cluster's first, so it never changes the
        id of the cluster it joins."""
        return (self.fetched_at or datetime.max, self.article_id, self.event_no)


def _span(r: Report) -> tuple[float, float]:
    """The people a report's count allows: ``more than 100`` is [100, inf), ``14-16`` is [14, 16]."""
    if r.qualifier in ("more_than", "at_least"):
        return r.count, math.inf
    if r.qualifier in ("up_to", "fewer_than"):
        return 0, r.count
    return r.count, r.high if r.high is not None else r.count


def counts_agree(a: Report, b: Report) -> bool:
    """True unless both give a count and the two cannot be one figure reported differently (14 and 16 can)."""
    if a.count is None or b.count is None:
        return True
    lo1, hi1 = _span(a)
    lo2, hi2 = _span(b)
    return lo1 <= hi2 * (1 + COUNT_TOLERANCE) + COUNT_SLACK and lo2 <= hi1 * (1 + COUNT_TOLERANCE) + COUNT_SLACK


def same_figure(a: Report, b: Report) -> bool:
    return a.count is not None and a.count == b.count and a.high == b.high


def conflict(a: Report, b: Report) -> bool:
    """True when two reports cannot be one happening: one article, windows apart, incompatible counts."""
    if a.article_id == b.article_id:
        return True
    slack = timedelta(days=DAY_SLACK if a.precision == b.precision == DAY else 0)
    if a.lo > b.hi + slack or b.lo > a.hi + slack:
        return True
    return not counts_agree(a, b)


def linked(a: Report, b: Report) -> bool:
    """For two reports that do not conflict: do they say they are one happening?

    Dates at least month-precise whose windows overlap say so on their own; otherwise (a year, a season,
    no date, or dates a day apart) the same figure or a person named in both must.
    """
    if a.precision <= MONTH and b.precision <= MONTH and a.lo <= b.hi and b.lo <= a.hi:
        return True
    return same_figure(a, b) or bool(a.people & b.people)


def _months(lo: date, hi: date) -> range:
    return range(lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month)


class _Cluster:
    __slots__ = ("articles", "index", "members", "people")

    def __init__(self, index: int, first: Report) -> None:
        self.index = index
        self.members = [first]
        self.articles = {first.article_id}
        self.people = set(first.people)

    def add(self, r: Report) -> None:
        self.members.append(r)
        self.articles.add(r.article_id)
        self.people |= r.people


def cluster_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """Reports of one kind and ``proposed`` flag, clustered (the module's rule); each cluster first report first.

    Depends only on the set of reports, not their order. Reports without a window stay alone.
    """
    clusters: list[_Cluster] = []
    by_month: dict[int, list[int]] = {}
    slack = timedelta(days=DAY_SLACK)
    alone = []
    for r in sorted(reports, key=lambda r: (r.lo is None, r.order if r.lo is not None else r.age)):
        if r.lo is None:
            alone.append([r])
            continue
        best: _Cluster | None = None
        best_key: tuple = ()
        seen: set[int] = set()
        for month in _months(r.lo, r.hi):
            for ci in by_month.get(month, ()):
                if ci in seen:
                    continue
                seen.add(ci)
                c = clusters[ci]
                if r.article_id in c.articles or any(conflict(r, m) for m in c.members) \
                        or not any(linked(r, m) for m in c.members):
                    continue
                key = (len(r.people & c.people), sum(same_figure(r, m) for m in c.members),
                       -abs((r.lo - c.members[0].lo).days), -ci)
                if best is None or key > best_key:
                    best, best_key = c, key
        if best is not None:
            best.add(r)
            continue
        c = _Cluster(len(clusters), r)
        clusters.append(c)
        for month in _months(r.lo - slack, r.hi + slack):
            by_month.setdefault(month, []).append(c.index)
    return [sorted(c.members, key=lambda r: r.age) for c in clusters] + alone


def cluster_id(members: list[Report]) -> str:
    """A cluster's id: a hash of its first report's ``article_id:event_no`` (:attr:`Report.age`)."""
    first = min(members, key=lambda r: r.age)
    return hashlib.sha256(f"{first.article_id}:{first.event_no}".encode()).hexdigest()[:16]


def link(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str] | None = None) -> int:
    """Re-link the events the reports of ``article_ids`` (None: every article) can affect; return how many.

    Call it after an article's events were inserted, replaced or deleted (with the articles that shared a
    cluster with the deleted ones), in the same transaction: ``warehouse.load.load_batch`` does. Every
    report of the islands holding those articles' reports gets its cluster row again.
    """
    seeds = None if article_ids is None else sorted(set(article_ids))
    if seeds is not None and not seeds:
        return 0
    if seeds is None:
        rows = con.execute(_ISLANDS_SQL.replace("__SEEDED__", "true")).fetchall()
    else:
        con.register("_newsfacts_seeds", pa.table({"article_id": pa.array(seeds, pa.string())}))
        try:
            rows = con.execute(_ISLANDS_SQL.replace(
                "__SEEDED__", "article_id IN (SELECT article_id FROM _newsfacts_seeds)")).fetchall()
        finally:
            con.unregister("_newsfacts_seeds")
    groups: dict[tuple, list[Report]] = {}
    reports: dict[tuple[str, int], Report] = {}
    for aid, no, kind, proposed, island, precision, lo, hi, count, high, qualifier, published, fetched in rows:
        r = Report(aid, no, precision, lo, hi, count, high, qualifier, published, fetched)
        reports[(aid, no)] = r
        groups.setdefault((kind, proposed, island), []).append(r)
    if not reports:
        return 0
    keys = pa.table({"article_id": pa.array([k[0] for k in reports], pa.string()),
                     "event_no": pa.array([k[1] for k in reports], pa.int32())})
    con.register("_newsfacts_relinked", keys)
    try:
        people: dict[tuple[str, int], set[str]] = {}
        for aid, no, pid in con.execute(
                "SELECT p.article_id, p.event_no, p.person_id FROM event_people p "
                "JOIN _newsfacts_relinked k ON k.article_id = p.article_id AND k.event_no = p.event_no").fetchall():
            people.setdefault((aid, no), set()).add(pid)
        for k, pids in people.items():
            reports[k].people = frozenset(pids)
        con.execute("DELETE FROM event_clusters c USING _newsfacts_relinked k "
                    "WHERE c.article_id = k.article_id AND c.event_no = k.event_no")
    finally:
        con.unregister("_newsfacts_relinked")
    out: list[tuple[str, str, int]] = []
    for members in groups.values():
        for cluster in cluster_reports(members):
            cid = cluster_id(cluster)
            out += [(cid, r.article_id, r.event_no) for r in cluster]
    rows_table = pa.table({"cluster_id": pa.array([o[0] for o in out], pa.string()),
                           "article_id": pa.array([o[1] for o in out], pa.string()),
                           "event_no": pa.array([o[2] for o in out], pa.int32())})
    con.register("_newsfacts_links", rows_table)
    try:
        con.execute("INSERT INTO event_clusters (cluster_id, article_id, event_no) "
                    "SELECT cluster_id, article_id, event_no FROM _newsfacts_links")
    finally:
        con.unregister("_newsfacts_links")
    return len(out)
