"""Link reports of one happening across articles: one ``event_clusters`` cluster per happening, every report kept.

Each stored event (``events`` row, a *report*) gets the days it can be about, its *window* (``WINDOWS_SQL``):
its date at the date's granularity (``2025-09-11`` one day, ``2025-09`` the month, ``2025`` the year, a
week or season its days), or, for an undated report, its article's publication day and the
``UNDATED_DAYS`` days before it (for a stock still held, the publication day only: "more than 1,100
remain" is as of the day it was written). A report with neither date nor publication date has no window
and stays alone.

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

Cheap by construction: only reports joined by a chain of overlapping windows with agreeing dates, a shared
figure or a shared person can share a cluster, so the reports of one kind are split into such parts
(:func:`components`, a union-find over one scan of the windows) and only the parts holding a changed
article's reports are clustered again, each report compared only with the clusters it could be linked to
(indexed by figure, person and month).
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
import pyarrow as pa

#: an undated report is about its article's publication day or one of the days before it (an undated stock
#: still held, kind 'held', is as of the publication day)
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
               ELSE published - (CASE kind WHEN 'held' THEN 0 ELSE {UNDATED_DAYS} END)
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


_DAY_SLACK, _NO_SLACK = timedelta(days=DAY_SLACK), timedelta(0)


def _months(lo: date, hi: date) -> range:
    return range(lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month)


class _Cluster:
    """A cluster being built, with what makes checking a report against every member cheap: the bounds of the
    members' windows (day-precise ones apart: they allow ``DAY_SLACK``) and counts, their figures and people."""

    __slots__ = ("articles", "count_hi", "count_lo", "figures", "fine", "hi_day", "hi_other", "index", "lo_day",
                 "lo_other", "members", "people")

    def __init__(self, index: int, first: Report) -> None:
        self.index = index
        self.members: list[Report] = []
        self.fine: list[Report] = []  # members dated at least to the month
        self.articles: set[str] = set()
        self.people: set[str] = set()
        self.figures: dict[tuple[int, int | None], int] = {}
        # latest start and earliest end of the members' windows, day-precise members apart
        self.lo_day = self.lo_other = date.min
        self.hi_day = self.hi_other = date.max
        # largest low end and smallest high end of the members' count spans (_span)
        self.count_lo, self.count_hi = -math.inf, math.inf
        self.add(first)

    def add(self, r: Report) -> None:
        self.members.append(r)
        if r.precision <= MONTH:
            self.fine.append(r)
        self.articles.add(r.article_id)
        self.people |= r.people
        if r.precision == DAY:
            self.lo_day, self.hi_day = max(self.lo_day, r.lo), min(self.hi_day, r.hi)
        else:
            self.lo_other, self.hi_other = max(self.lo_other, r.lo), min(self.hi_other, r.hi)
        if r.count is not None:
            self.figures[(r.count, r.high)] = self.figures.get((r.count, r.high), 0) + 1
            lo, hi = _span(r)
            self.count_lo, self.count_hi = max(self.count_lo, lo), min(self.count_hi, hi)

    def conflicts(self, r: Report) -> bool:
        """``conflict(r, m)`` for some member m, from the bounds alone."""
        if r.article_id in self.articles:
            return True
        slack = _DAY_SLACK if r.precision == DAY else _NO_SLACK  # built once: ~600,000 calls link 2,000 pages
        if r.lo > self.hi_other or self.lo_other > r.hi:
            return True
        if self.hi_day != date.max and (r.lo > self.hi_day + slack or self.lo_day > r.hi + slack):
            return True
        if r.count is None or self.count_lo == -math.inf:
            return False
        lo, hi = _span(r)
        grow = 1 + COUNT_TOLERANCE
        return not (lo <= self.count_hi * grow + COUNT_SLACK and self.count_lo <= hi * grow + COUNT_SLACK)

    def takes(self, r: Report, slack: timedelta | None = None, span: tuple[float, float] | None = None) -> bool:
        """Whether ``r`` may join: linked to a member, in conflict with none.

        ``not conflicts(r)`` inline, its window tests first (they rule out most clusters a report is compared
        with), with ``r``'s day slack and count span (:func:`_span`) given by a caller that compares ``r`` with
        many clusters: ~600,000 comparisons link 2,000 pages."""
        if slack is None:
            slack = _DAY_SLACK if r.precision == DAY else _NO_SLACK
        if self.hi_day != date.max and (r.lo > self.hi_day + slack or self.lo_day > r.hi + slack):
            return False
        if r.lo > self.hi_other or self.lo_other > r.hi or r.article_id in self.articles:
            return False
        if r.count is not None and self.count_lo != -math.inf:
            lo, hi = span or _span(r)
            grow = 1 + COUNT_TOLERANCE
            if not (lo <= self.count_hi * grow + COUNT_SLACK and self.count_lo <= hi * grow + COUNT_SLACK):
                return False
        return bool(r.people & self.people or (r.count is not None and (r.count, r.high) in self.figures)
                    or (r.precision <= MONTH and any(r.lo <= m.hi and m.lo <= r.hi for m in self.fine)))


def cluster_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """Reports of one kind and ``proposed`` flag, clustered (the module's rule); each cluster first report first.

    Depends only on the set of reports, not their order. Reports without a window stay alone. A report is
    compared only with the clusters it could be linked to: those with a member of its figure, with one of
    its people, or (for a report dated at least to the month) with a member so dated in one of its months.

    Day-precise reports come first, by day, so the clusters they start are the first ones, by day; when each
    such report is a single day, a cluster started on day ``d`` holds day-precise members from ``d`` (its
    ``hi_day``) to its ``lo_day``, and takes a report only if ``d`` is within the report's window widened by
    its day slack. The clusters started outside that range are skipped by their index, without a ``takes``
    (seven in ten of the comparisons linking 2,000 generated pages).
    """
    reports = sorted(reports, key=lambda r: (r.lo is None, r.order if r.lo is not None else r.age))
    if len(reports) < 2:  # what the loop below makes of one report (19 parts in 20 of 2,000 pages' are one)
        return [reports] if reports else []
    #: the day (ordinal) each cluster started by a day-precise report started on: clusters[:len(day_of)], by day
    day_of: list[int] = []
    single_days = all(r.lo == r.hi for r in reports if r.precision == DAY and r.lo is not None)
    clusters: list[_Cluster] = []
    fine_months: dict[int, list[int]] = {}  # month → clusters with a member dated at least to the month in it
    by_key: dict[tuple, list[int]] = {}  # ("figure", count, high) / ("person", id) → clusters with such a member
    alone = []

    def keys(r: Report) -> list[tuple]:
        return ([("figure", r.count, r.high)] if r.count is not None else []) + [("person", p) for p in r.people]

    def index(c: _Cluster, r: Report) -> None:
        for k in keys(r):
            ids = by_key.setdefault(k, [])
            if not ids or ids[-1] != c.index:
                ids.append(c.index)
        if r.precision <= MONTH:
            for month in _months(r.lo, r.hi):
                ids = fine_months.setdefault(month, [])
                if not ids or ids[-1] != c.index:
                    ids.append(c.index)

    for r in reports:
        if r.lo is None:
            alone.append([r])
            continue
        candidates: set[int] = set()
        for k in keys(r):
            candidates.update(by_key.get(k, ()))
        if r.precision <= MONTH:
            for month in _months(r.lo, r.hi):
                candidates.update(fine_months.get(month, ()))
        best: _Cluster | None = None
        best_key: tuple = ()
        slack = _DAY_SLACK if r.precision == DAY else _NO_SLACK
        span = _span(r) if r.count is not None else None
        n_day = len(day_of)  # clusters[first:last] of these may take r
        first = bisect_left(day_of, r.lo.toordinal() - slack.days)
        last = bisect_right(day_of, r.hi.toordinal() + slack.days)
        for ci in candidates:
            if ci < n_day and not first <= ci < last:
                continue
            c = clusters[ci]
            if not c.takes(r, slack, span):
                continue
            key = (len(r.people & c.people), c.figures.get((r.count, r.high), 0) if r.count is not None else 0,
                   -abs((r.lo - c.members[0].lo).days), -ci)
            if best is None or key > best_key:
                best, best_key = c, key
        if best is None:
            best = _Cluster(len(clusters), r)
            clusters.append(best)
            if single_days and r.precision == DAY and len(day_of) == best.index:
                day_of.append(r.lo.toordinal())
        else:
            best.add(r)
        index(best, r)
    return [sorted(c.members, key=lambda r: r.age) for c in clusters] + alone


def cluster_id(members: list[Report]) -> str:
    """A cluster's id: a hash of its first report's ``article_id:event_no`` (:attr:`Report.age`)."""
    first = min(members, key=lambda r: r.age)
    return hashlib.sha256(f"{first.article_id}:{first.event_no}".encode()).hexdigest()[:16]


def components(reports: list[Report]) -> list[list[Report]]:
    """The reports split into parts no link can cross: two reports are in one part when a chain of pairs
    joins them in which each pair's windows overlap (a day apart allowed) and whose dates agree on their own
    (both at least month-precise) or who share a figure or a person.

    Every pair :func:`linked` joins is such a pair, and a cluster's members are chained by them, so the
    clusters of one part never depend on the reports of another: :func:`cluster_reports` may run part by
    part, and only on the parts a change touched.
    """
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def sweep(members: list[int], slack: timedelta = timedelta(0)) -> None:
        """Join the members whose windows overlap, ``slack`` apart allowed (one pass over them by start)."""
        members.sort(key=lambda i: reports[i].lo)
        anchor, reach = None, None
        for i in members:
            r = reports[i]
            if reach is not None and r.lo <= reach + slack:
                a, b = find(anchor), find(i)
                if a != b:
                    parent[b] = a
                reach = max(reach, r.hi)
            else:
                anchor, reach = i, r.hi

    dated = [i for i, r in enumerate(reports) if r.lo is not None]
    sweep([i for i in dated if reports[i].precision <= MONTH])
    shared: dict[tuple, list[int]] = {}
    for i in dated:
        r = reports[i]
        if r.count is not None:
            shared.setdefault(("figure", r.count, r.high), []).append(i)
        for pid in r.people:
            shared.setdefault(("person", pid), []).append(i)
    for members in shared.values():
        if len(members) > 1:
            sweep(members)
            sweep([i for i in members if reports[i].precision == DAY], timedelta(days=DAY_SLACK))
    parts: dict[int, list[Report]] = {}
    for i, r in enumerate(reports):
        parts.setdefault(find(i), []).append(r)
    return list(parts.values())


def link(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str] | None = None) -> int:
    """Link again the reports that the events of ``article_ids`` (None: every article) can affect; return how many.

    Call it after an article's events were inserted, replaced or deleted (with the articles that shared a
    cluster with the deleted ones), in the same transaction: ``warehouse.load.load_batch`` does. The windows
    of every report of the kinds concerned are read (one scan), split into :func:`components`, and the
    parts holding a report of those articles are clustered again; their reports get their cluster rows anew.
    """
    seeds = None if article_ids is None else set(article_ids)
    if seeds is not None and not seeds:
        return 0
    if seeds is None:
        rows = con.execute(WINDOWS_SQL).fetchall()
        people_rows = con.execute("SELECT article_id, event_no, person_id FROM event_people").fetchall()
    else:
        con.register("_newsfacts_seeds", pa.table({"article_id": pa.array(sorted(seeds), pa.string())}))
        try:
            groups_sql = ("SELECT DISTINCT kind, proposed FROM events "
                          "WHERE article_id IN (SELECT article_id FROM _newsfacts_seeds)")
            rows = con.execute(f"SELECT * FROM ({WINDOWS_SQL}) WHERE (kind, proposed) IN ({groups_sql})").fetchall()
            people_rows = con.execute(
                "SELECT p.article_id, p.event_no, p.person_id FROM event_people p JOIN events e "
                "ON e.article_id = p.article_id AND e.event_no = p.event_no "
                f"WHERE (e.kind, e.proposed) IN ({groups_sql})").fetchall()
        finally:
            con.unregister("_newsfacts_seeds")
    people: dict[tuple[str, int], set[str]] = {}
    for aid, no, pid in people_rows:
        people.setdefault((aid, no), set()).add(pid)
    groups: dict[tuple, list[Report]] = {}
    for aid, no, kind, proposed, count, high, qualifier, published, fetched, precision, lo, hi in rows:
        groups.setdefault((kind, proposed), []).append(Report(
            aid, no, precision, lo, hi, count, high, qualifier, published, fetched,
            frozenset(people.get((aid, no), ()))))
    out: list[tuple[str, str, int]] = []
    for reports in groups.values():
        for part in components(reports):
            if seeds is not None and not any(r.article_id in seeds for r in part):
                continue
            for cluster in cluster_reports(part):
                cid = cluster_id(cluster)
                out += [(cid, r.article_id, r.event_no) for r in cluster]
    if not out:
        return 0
    links = pa.table({"cluster_id": pa.array([o[0] for o in out], pa.string()),
                      "article_id": pa.array([o[1] for o in out], pa.string()),
                      "event_no": pa.array([o[2] for o in out], pa.int32())})
    con.register("_newsfacts_links", links)
    try:
        con.execute("DELETE FROM event_clusters c USING _newsfacts_links k "
                    "WHERE c.article_id = k.article_id AND c.event_no = k.event_no")
        con.execute("INSERT INTO event_clusters (cluster_id, article_id, event_no) "
                    "SELECT cluster_id, article_id, event_no FROM _newsfacts_links")
    finally:
        con.unregister("_newsfacts_links")
    return len(out)


#: articles with an event that has no ``event_clusters`` row: their reports wait for :func:`link_pending`
PENDING_SQL = """
SELECT DISTINCT e.article_id FROM events e
WHERE NOT EXISTS (SELECT 1 FROM event_clusters c WHERE c.article_id = e.article_id AND c.event_no = e.event_no)
"""


def unlink(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> int:
    """Leave the reports of ``article_ids`` pending (their cluster rows removed) for one later
    :func:`link_pending`; return how many rows were removed.

    ``warehouse.load.load_batch(..., link_events=False)`` calls it, in its transaction, with the articles a
    :func:`link` would have linked again; an event is pending exactly when it has no cluster row."""
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    con.register("_newsfacts_unlink", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        removed = con.execute("DELETE FROM event_clusters WHERE article_id IN "
                              "(SELECT article_id FROM _newsfacts_unlink)").fetchone()
    finally:
        con.unregister("_newsfacts_unlink")
    return removed[0] if removed else 0


def link_pending(con: duckdb.DuckDBPyConnection) -> int:
    """Link the pending reports (events with no cluster row) in one transaction; return how many reports got rows.

    The extract stage calls it once after its last batch; a run that stopped before leaves its reports
    pending, and the next run's call links them: nothing is linked twice or lost."""
    seeds = [r[0] for r in con.execute(PENDING_SQL).fetchall()]
    if not seeds:
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        n = link(con, seeds)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return n
