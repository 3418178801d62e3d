"""Reports of one happening in different articles become one cluster, every report kept; the link is
deterministic, re-runnable and follows new and reprocessed articles."""

import hashlib
from datetime import date, datetime, timedelta

import pytest

from warehouse.db import connect
from warehouse.event_links import PENDING_SQL, Report, counts_agree, link, link_pending
from warehouse.load import load_batch

from .eventpages import PEOPLE, Ev, aid, page


def clusters(con) -> list[set[str]]:
    """Each cluster as the set of its reports' article slugs' ids and event numbers, largest first."""
    got: dict[str, set] = {}
    for cid, a, n in con.execute("SELECT cluster_id, article_id, event_no FROM event_clusters").fetchall():
        got.setdefault(cid, set()).add((a, n))
    return sorted(got.values(), key=lambda s: (-len(s), sorted(s)))


def cluster_of(con, slug: str, no: int = 0) -> str:
    return con.execute("SELECT cluster_id FROM event_clusters WHERE article_id = ? AND event_no = ?",
                       [aid(slug), no]).fetchone()[0]


def same(con, *reports) -> bool:
    """True when the reports (slug, or (slug, event_no)) share one cluster."""
    ids = {cluster_of(con, *(r if isinstance(r, tuple) else (r,))) for r in reports}
    return len(ids) == 1


def september_three():
    """The same release in three articles: a day, a month, and an undated report published the next day."""
    return [
        page("s-day", date(2025, 9, 12), ["Belarus freed 52 prisoners on September 11, including Mikalai Statkevich."],
             [Ev("release", 0, "2025-09-11", 52, ("p-mikalai",))]),
        page("s-month", date(2025, 9, 20), ["In September Belarus freed 52 people, Ihar Losik among them."],
             [Ev("release", 0, "2025-09", 52, ("p-ihar",))]),
        page("s-undated", date(2025, 9, 12), ["Fifty-two prisoners walked free, Mikalai Statkevich among them."],
             [Ev("release", 0, None, 52, ("p-mikalai",))]),
    ]


def test_one_release_in_three_articles_is_one_cluster_with_three_reports(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, september_three())
    assert clusters(con) == [{(aid("s-day"), 0), (aid("s-month"), 0), (aid("s-undated"), 0)}]
    assert con.execute("SELECT count(*) FROM events").fetchone() == (3,)  # every report kept


def test_14_and_16_freed_the_same_day_are_one_release_with_both_figures(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [
        page("j14", date(2025, 6, 22), ["Belarus released 14 political prisoners on June 21."],
             [Ev("release", 0, "2025-06-21", 14)]),
        page("j16", date(2025, 6, 22), ["Sixteen prisoners were freed on Saturday, June 21."],
             [Ev("release", 0, "2025-06-21", 16)]),
    ])
    assert same(con, "j14", "j16")
    assert sorted(r[0] for r in con.execute("SELECT count FROM events").fetchall()) == [14, 16]


def test_the_same_figure_in_different_months_is_two_releases(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [
        page("june", date(2025, 6, 22), ["Belarus freed 14 prisoners on June 21."],
             [Ev("release", 0, "2025-06-21", 14)]),
        page("sept", date(2025, 9, 12), ["Belarus freed 14 prisoners in September."],
             [Ev("release", 0, "2025-09", 14)]),
        # undated reports of 14 freed, months apart: not one happening either
        page("u-june", date(2025, 6, 23), ["Fourteen prisoners were freed."], [Ev("release", 0, None, 14)]),
        page("u-nov", date(2025, 11, 2), ["Fourteen prisoners have been freed."], [Ev("release", 0, None, 14)]),
    ])
    assert not same(con, "june", "sept")
    assert same(con, "june", "u-june")  # published the next day, same figure
    assert not same(con, "u-june", "u-nov") and not same(con, "sept", "u-nov")
    assert len(clusters(con)) == 3


def test_counts_that_cannot_be_one_figure_are_two_happenings_the_same_day(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [
        page("big", date(2025, 9, 12), ["Belarus freed 52 prisoners on September 11."],
             [Ev("release", 0, "2025-09-11", 52)]),
        page("small", date(2025, 9, 12), ["Lithuania said two of its citizens were freed on September 11."],
             [Ev("release", 0, "2025-09-11", 2)]),
    ])
    assert not same(con, "big", "small")


def test_a_proposed_release_never_joins_the_release_that_happened(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [
        page("done", date(2025, 9, 12), ["Belarus freed 52 prisoners on September 11."],
             [Ev("release", 0, "2025-09-11", 52)]),
        page("offer", date(2025, 9, 12), ["Minsk offered on September 11 to release 52 more prisoners."],
             [Ev("release", 0, "2025-09-11", 52, proposed=True, trigger="offered to release")]),
        page("offer2", date(2025, 9, 13), ["The offer of September 11 to free 52 more stands."],
             [Ev("release", 0, "2025-09-11", 52, proposed=True, trigger="offer to free")]),
    ])
    assert not same(con, "done", "offer")
    assert same(con, "offer", "offer2")  # proposals link among themselves


def test_kinds_never_mix_and_one_article_never_reports_a_happening_twice(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [
        page("two", date(2025, 9, 12), ["Belarus freed 52 prisoners on September 11.",
                                         "Another 50 were freed on September 11 too."],
             [Ev("release", 0, "2025-09-11", 52), Ev("release", 1, "2025-09-11", 50)]),
        page("held", date(2025, 9, 12), ["On September 11, 52 people were still held."],
             [Ev("held", 0, "2025-09-11", 52, trigger="still held")]),
        page("one", date(2025, 9, 12), ["Belarus freed 52 prisoners on September 11."],
             [Ev("release", 0, "2025-09-11", 52)]),
    ])
    assert not same(con, ("two", 0), ("two", 1))
    assert same(con, ("two", 0), "one")  # the same figure is the better match
    assert not same(con, "held", "one")


def test_a_vague_date_or_no_date_links_only_with_a_figure_or_a_person_in_common(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [
        page("day", date(2025, 9, 12), ["Belarus freed Ihar Losik and others on September 11."],
             [Ev("release", 0, "2025-09-11", None, ("p-ihar",))]),
        page("year-nothing", date(2025, 12, 30), ["Prisoners were freed in 2025."], [Ev("release", 0, "2025")]),
        page("year-person", date(2025, 12, 30), ["Ihar Losik was freed in 2025."],
             [Ev("release", 0, "2025", None, ("p-ihar",))]),
        page("undated-nothing", date(2025, 9, 12), ["Some prisoners were freed."], [Ev("release", 0)]),
        # a day apart: one happening only when a figure or a person says so
        page("next-day", date(2025, 9, 13), ["Ihar Losik walked free on September 12."],
             [Ev("release", 0, "2025-09-12", None, ("p-ihar",))]),
    ])
    assert same(con, "day", "year-person", "next-day")
    assert not same(con, "day", "year-nothing")
    assert not same(con, "day", "undated-nothing")


def test_a_report_a_day_later_with_the_same_figure_joins_in_a_later_batch(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [page("thu", date(2025, 9, 12), ["Belarus freed 52 prisoners on September 11."],
                          [Ev("release", 0, "2025-09-11", 52)])])
    load_batch(con, [page("fri", date(2025, 9, 13), ["52 prisoners crossed into Lithuania on September 12."],
                          [Ev("release", 0, "2025-09-12", 52)]),
                     page("sat", date(2025, 9, 13), ["On September 12 a release of 18 was announced."],
                          [Ev("release", 0, "2025-09-12", 18)])])
    assert same(con, "thu", "fri")
    assert not same(con, "thu", "sat")  # 18 cannot be the 52


def test_a_new_article_joins_an_existing_cluster_whose_id_stays(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    first, *rest = september_three()
    load_batch(con, [first])
    cid = cluster_of(con, "s-day")
    load_batch(con, rest[:1])
    load_batch(con, rest[1:])
    assert cluster_of(con, "s-month") == cluster_of(con, "s-undated") == cid
    assert len(clusters(con)) == 1
    # a new article about another release starts its own cluster
    load_batch(con, [page("dec", date(2025, 12, 5), ["Belarus freed 20 prisoners on December 4."],
                          [Ev("release", 0, "2025-12-04", 20)])])
    assert cluster_of(con, "dec") != cid and cluster_of(con, "s-day") == cid


def test_linking_depends_on_the_events_not_the_order_they_were_loaded_and_rerunning_changes_nothing(tmp_path):
    pages = september_three() + [
        page("j14", date(2025, 6, 22), ["Belarus released 14 political prisoners on June 21."],
             [Ev("release", 0, "2025-06-21", 14)]),
        page("j16", date(2025, 6, 23), ["Sixteen prisoners were freed on Saturday, June 21, Sergei Tikhanovsky too."],
             [Ev("release", 0, "2025-06-21", 16, ("p-siarhei",))]),
        page("held", date(2025, 6, 23), ["About 1,150 remain in prison."],
             [Ev("held", 0, None, 1150, qualifier="about")]),
    ]
    for n, p in enumerate(pages):  # fetched in this order, whatever order they are loaded in
        p.article.fetched_at = datetime(2025, 12, 1, 10, n)
    a = connect(tmp_path / "a.duckdb")
    load_batch(a, pages)
    b = connect(tmp_path / "b.duckdb")
    for p in reversed(pages):  # one page per batch, in the opposite order
        load_batch(b, [p])
    sql = "SELECT cluster_id, article_id, event_no FROM event_clusters ORDER BY ALL"
    want = a.execute(sql).fetchall()
    assert b.execute(sql).fetchall() == want
    assert len({r[0] for r in want}) == 3
    # re-linking everything gives the same rows, ids included
    assert link(a) == 6
    assert a.execute(sql).fetchall() == want
    # the id is a hash of the report fetched first
    assert cluster_of(a, "s-month") == hashlib.sha256(f"{aid('s-day')}:0".encode()).hexdigest()[:16]
    assert cluster_of(a, "j16") == hashlib.sha256(f"{aid('j14')}:0".encode()).hexdigest()[:16]


def test_counts_agree_within_a_fifth_and_by_their_qualifiers():
    def r(count, qualifier="exact", high=None):
        return Report("a", 0, 0, date(2025, 1, 1), date(2025, 1, 1), count, high, qualifier)

    assert counts_agree(r(14), r(16)) and counts_agree(r(52), r(50))
    assert not counts_agree(r(52), r(2)) and not counts_agree(r(18), r(100))
    assert counts_agree(r(100, "more_than"), r(250)) and not counts_agree(r(100, "up_to"), r(250))
    assert counts_agree(r(14, "range", 16), r(17)) and counts_agree(r(None), r(5))


def test_a_reprocessed_article_that_was_a_clusters_first_report_leaves_it_relinked(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    pages = september_three()
    for n, p in enumerate(pages):
        p.article.fetched_at = datetime(2025, 9, 20, 10, n)
    load_batch(con, pages)
    assert cluster_of(con, "s-month") == hashlib.sha256(f"{aid('s-day')}:0".encode()).hexdigest()[:16]
    newer = page("s-day", date(2025, 9, 12), ["Belarus freed 52 prisoners on September 11, including Mikalai "
                                              "Statkevich."], [Ev("detention", 0, "2025-09-11", 52)],
                 version="v2", fetched_at=pages[0].article.fetched_at)
    load_batch(con, [newer])
    # the two remaining reports are still one release, now under the id of the first of them
    assert cluster_of(con, "s-month") == cluster_of(con, "s-undated") \
        == hashlib.sha256(f"{aid('s-month')}:0".encode()).hexdigest()[:16]
    assert cluster_of(con, "s-day") not in (cluster_of(con, "s-month"),)
    assert len(clusters(con)) == 2


def random_batches(vague: bool, seed: int = 17) -> list[list]:
    """Batches of random reports (kinds, dates at every granularity, figures, people), each batch with a few
    earlier articles reprocessed with other events. Without year-only dates (``vague``: a year's window
    overlaps every report of it) the reports fall into many islands."""
    import random

    rng = random.Random(seed)
    people = ["p-siarhei", "p-mikalai", "p-ales", "p-maria", "p-ihar"]

    def random_page(n: int, version: str) -> object:
        published = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 120 if vague else 360))
        sentences, events = [], []
        for i in range(rng.randrange(1, 4)):
            day = published - timedelta(days=rng.randrange(0, 10))
            when = rng.choice([day.isoformat(), day.isoformat()[:7], None, f"2025-W{day.isocalendar()[1]:02d}"]
                              + (["2025"] if vague else []))
            who = tuple(rng.sample(people, rng.randrange(0, 3)))
            names = " and ".join(PEOPLE[p][0] for p in who) or "Nobody"
            sentences.append(f"Report {i} of page {n}: {names}.")
            events.append(Ev(rng.choice(["release", "release", "held"]), i, when,
                             rng.choice([None, 14, 16, 52, 50, 1100]), who, proposed=rng.random() < 0.1))
        return page(f"r{n}", published, sentences, events, version=version,
                    fetched_at=datetime(2025, 6, 1) + timedelta(minutes=n))

    batches, loaded = [], 0
    for batch in range(8):
        pages = [random_page(loaded + i, "v1") for i in range(rng.randrange(3, 12))]
        loaded += len(pages)
        pages += [random_page(rng.randrange(0, loaded), f"v{batch + 2}") for _ in range(rng.randrange(1, 5))]
        batches.append(pages)
    return batches


CLUSTER_ROWS = "SELECT cluster_id, article_id, event_no FROM event_clusters ORDER BY ALL"


@pytest.mark.parametrize("vague", [True, False], ids=["with-years", "islands"])
def test_linking_batch_by_batch_gives_what_linking_everything_at_once_gives(tmp_path, vague):
    # Random reports loaded in batches, some articles reprocessed with other events: the stored clusters
    # always equal a re-link of everything (each batch links again only the islands it touched).
    con = connect(tmp_path / "w.duckdb")
    for batch, pages in enumerate(random_batches(vague)):
        load_batch(con, pages)
        incremental = con.execute(CLUSTER_ROWS).fetchall()
        assert len(incremental) == con.execute("SELECT count(*) FROM events").fetchone()[0]
        link(con)
        assert con.execute(CLUSTER_ROWS).fetchall() == incremental, f"batch {batch}"
    assert len({r[0] for r in incremental}) < len(incremental)  # some reports were linked


@pytest.mark.parametrize("vague", [True, False], ids=["with-years", "islands"])
def test_events_left_pending_and_linked_once_at_the_end_equal_linking_every_batch(tmp_path, vague):
    # The extract flow loads with link_events=False and links once after its last batch (link_pending):
    # the same clusters as linking in every batch, whatever batch the run stopped after.
    batches = random_batches(vague)
    each = connect(tmp_path / "each.duckdb")
    for pages in batches:
        load_batch(each, pages)
    want = each.execute(CLUSTER_ROWS).fetchall()
    n_events = each.execute("SELECT count(*) FROM events").fetchone()[0]
    assert len(want) == n_events

    path = tmp_path / "once.duckdb"
    con = connect(path)
    for n, pages in enumerate(batches):
        load_batch(con, pages, link_events=False)
        if n == 3:  # a run that stopped here, and the next run's link: nothing lost, nothing linked twice
            con.close()
            con = connect(path)
            assert link_pending(con) == con.execute("SELECT count(*) FROM events").fetchone()[0]
            assert con.execute("SELECT count(*) FROM event_clusters").fetchone()[0] \
                == con.execute("SELECT count(*) FROM events").fetchone()[0]
    pending = con.execute(f"SELECT count(*) FROM ({PENDING_SQL})").fetchone()[0]
    assert pending > 0  # the later batches' articles wait for the link
    assert link_pending(con) > 0
    assert con.execute(CLUSTER_ROWS).fetchall() == want
    assert link_pending(con) == 0  # nothing pending any more


def test_clusters_hold_no_conflicting_pair_every_report_is_linked_and_input_order_does_not_matter():
    import random

    from warehouse.event_links import DAY, MONTH, UNDATED, YEAR, cluster_reports, conflict, linked

    rng = random.Random(5)
    for _ in range(300):
        reports = []
        for i in range(rng.randrange(2, 30)):
            d = date(2025, 1, 25) + timedelta(days=rng.randrange(0, 12))
            precision = rng.choice([DAY, DAY, MONTH, YEAR, UNDATED])
            lo, hi = {DAY: (d, d), MONTH: (d.replace(day=1), d.replace(day=28)),
                      YEAR: (date(2025, 1, 1), date(2025, 12, 31)), UNDATED: (d - timedelta(7), d)}[precision]
            qualifier = rng.choice(["exact", "exact", "more_than", "up_to", "about"])
            people = frozenset(rng.sample(["x", "y", "z"], rng.randrange(0, 2)))
            reports.append(Report(f"a{rng.randrange(0, 20)}", i, precision, lo, hi,
                                  rng.choice([None, 3, 14, 16, 52]), None, qualifier, d, None, people))
        got = cluster_reports(reports)
        assert sorted(r.event_no for c in got for r in c) == list(range(len(reports)))
        for c in got:
            assert not any(conflict(a, b) for a in c for b in c if a is not b)
            if len(c) > 1:
                assert all(any(linked(a, b) for b in c if b is not a) for a in c)
        shuffled = reports[:]
        rng.shuffle(shuffled)
        assert [[r.event_no for r in c] for c in cluster_reports(shuffled)] == [[r.event_no for r in c] for c in got]
