"""``_Cluster.takes`` (its conflict tests inline, the report's day slack and count span given once) against the
plain rule: in conflict with no member (``_Cluster.conflicts``) and linked to one."""

import random
from datetime import date, timedelta

from warehouse.event_links import (
    DAY,
    MONTH,
    SEASON,
    UNDATED,
    WEEK,
    YEAR,
    Report,
    _Cluster,
    _span,
    cluster_reports,
    conflict,
    linked,
)


def reports(rng: random.Random, n: int) -> list[Report]:
    out = []
    for i in range(n):
        d = date(2025, 1, 25) + timedelta(days=rng.randrange(0, 12))
        precision = rng.choice([DAY, DAY, MONTH, YEAR, UNDATED])
        lo, hi = {DAY: (d, d), MONTH: (d.replace(day=1), d.replace(day=28)),
                  YEAR: (date(2025, 1, 1), date(2025, 12, 31)), UNDATED: (d - timedelta(7), d)}[precision]
        out.append(Report(f"a{rng.randrange(0, 20)}", i, precision, lo, hi, rng.choice([None, 3, 14, 16, 52]),
                          rng.choice([None, None, 18]), rng.choice(["exact", "more_than", "up_to", "about"]), d, None,
                          frozenset(rng.sample(["x", "y", "z"], rng.randrange(0, 2)))))
    return out


def test_takes_is_no_conflict_with_any_member_and_a_link_to_one():
    rng = random.Random(3)
    seen = set()
    for _ in range(400):
        members = reports(rng, rng.randrange(1, 5))
        c = _Cluster(0, members[0])
        for m in members[1:]:
            c.add(m)
        for r in reports(rng, 10):
            plain = not c.conflicts(r) and any(linked(r, m) for m in members)
            slack = timedelta(days=1 if r.precision == DAY else 0)
            span = _span(r) if r.count is not None else None
            assert c.takes(r, slack, span) == c.takes(r) == plain
            assert c.conflicts(r) == any(conflict(r, m) for m in members)
            seen.add(plain)
    assert seen == {True, False}


def plain_cluster_reports(reports: list[Report]) -> list[list[Report]]:
    """The module's rule with no index: each report compared with every cluster (``takes``), best one joined."""
    clusters: list[_Cluster] = []
    alone = []
    for r in sorted(reports, key=lambda r: (r.lo is None, r.order if r.lo is not None else r.age)):
        if r.lo is None:
            alone.append([r])
            continue
        best, best_key = None, ()
        for c in clusters:
            if c.takes(r):
                key = (len(r.people & c.people), c.figures.get((r.count, r.high), 0) if r.count is not None else 0,
                       -abs((r.lo - c.members[0].lo).days), -c.index)
                if best is None or key > best_key:
                    best, best_key = c, key
        if best is None:
            clusters.append(_Cluster(len(clusters), r))
        else:
            best.add(r)
    return [sorted(c.members, key=lambda r: r.age) for c in clusters] + alone


def spread_reports(rng: random.Random, n: int, single_days: bool = True) -> list[Report]:
    """Reports over a few months, of every precision; ``single_days=False`` gives some day-precise reports a
    window of several days (never built from the warehouse, where a day-precise window is one day)."""
    out = []
    for i in range(n):
        d = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 90 if single_days else 20))
        precision = rng.choice([DAY, DAY, DAY, WEEK, MONTH, SEASON, YEAR, UNDATED, None])
        lo, hi = {DAY: (d, d if single_days or rng.random() < 0.5 else d + timedelta(rng.randrange(1, 6))),
                  WEEK: (d, d + timedelta(6)), MONTH: (d.replace(day=1), d.replace(day=28)),
                  SEASON: (date(2025, 3, 1), date(2025, 5, 31)), YEAR: (date(2025, 1, 1), date(2025, 12, 31)),
                  UNDATED: (d - timedelta(7), d), None: (None, None)}[precision]
        out.append(Report(f"a{rng.randrange(0, 40)}", i, UNDATED if precision is None else precision, lo, hi,
                          rng.choice([None, 3, 14, 16, 52]), rng.choice([None, None, 18]),
                          rng.choice(["exact", "more_than", "up_to", "about"]), d, None,
                          frozenset(rng.sample(["x", "y", "z", "w"], rng.randrange(0, 3)))))
    return out


def test_cluster_reports_equals_comparing_every_report_with_every_cluster():
    """The index (figure, person, month), the skip of clusters started on days out of a report's reach and the
    shortcut for one report give the clusters the plain comparison with every cluster gives."""
    rng = random.Random(11)
    for r in spread_reports(rng, 40):
        assert cluster_reports([r]) == plain_cluster_reports([r]) == [[r]]
    assert cluster_reports([]) == plain_cluster_reports([]) == []
    for single_days in (True, False):
        for _ in range(200):
            reports = spread_reports(rng, rng.randrange(0, 80), single_days)
            got = cluster_reports(reports)
            assert [[(r.article_id, r.event_no) for r in c] for c in got] == \
                [[(r.article_id, r.event_no) for r in c] for c in plain_cluster_reports(reports)]
