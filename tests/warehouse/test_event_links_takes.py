"""``_Cluster.takes`` (its conflict tests inline, the report's day slack and count span given once) against the
plain rule: in conflict with no member (``_Cluster.conflicts``) and linked to one."""

import random
from datetime import date, timedelta

from warehouse.event_links import DAY, MONTH, UNDATED, YEAR, Report, _Cluster, _span, conflict, linked


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
