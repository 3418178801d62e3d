"""The review queue: uncertain pairs are stored, decisions are recorded and honoured by later runs."""

from datetime import date

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from records.facts import Mention, PageFacts
from records.pages import Article
from resolution.resolve import decision_key, resolve_pages
from warehouse.db import connect
from warehouse.review import ReviewError, add_uncertain, decide, decisions, list_pairs


def page(name: str) -> PageFacts:
    text = f"{name} was detained."
    art = Article(url=None, canonical_url=None, title=None, published=date(2025, 1, 1), author=None, site=None,
                  language=None, text=text)
    return PageFacts(art, [Mention(name, name, 0, len(name))], [], [], [0], [len(text)])


def resolve(decided=None):
    pages = [page("Anna Kovalchuk"), page("Anna Kovalczyk")]
    uncertain = resolve_pages(pages, decided)
    return pages[0].people[0].id, pages[1].people[0].id, uncertain


def test_grey_zone_pair_is_not_merged_but_reported():
    a, b, uncertain = resolve()
    assert a != b
    assert [sorted(p[:2]) for p in uncertain] == [["Anna Kovalchuk", "Anna Kovalczyk"]]


def test_accepted_pair_is_merged_by_later_runs(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    _, _, uncertain = resolve()
    rows = [(x, y, decision_key(x), decision_key(y), s) for x, y, s in uncertain]
    assert add_uncertain(con, rows) == 1
    assert add_uncertain(con, rows) == 0  # queued once
    (pair_id, *_rest, status), = list_pairs(con)
    assert status == "pending"
    decide(con, pair_id, True)
    a, b, uncertain = resolve(decisions(con))
    assert a == b and uncertain == []
    decide(con, pair_id, False)
    a, b, uncertain = resolve(decisions(con))
    assert a != b and uncertain == []


def test_unknown_pair_id_is_a_clear_error(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    with pytest.raises(ReviewError, match="no review pair with id 42"):
        decide(con, 42, True)


def test_review_cli_lists_and_records(tmp_path):
    db = str(tmp_path / "w.duckdb")
    con = connect(db)
    add_uncertain(con, [("Anna Kovalchuk", "Anna Kovalczyk", "anna kovalchuk", "anna kovalczyk", 0.87)])
    con.close()
    runner = CliRunner()
    listed = runner.invoke(app, ["review", "--db", db])
    assert listed.exit_code == 0 and "Anna Kovalczyk" in listed.output and "pending" in listed.output
    accepted = runner.invoke(app, ["review", "accept", "1", "--db", db])
    assert accepted.exit_code == 0 and "same person" in accepted.output
    assert "accepted" in runner.invoke(app, ["review", "--status", "all", "--db", db]).output
    missing = runner.invoke(app, ["review", "reject", "99", "--db", db])
    assert missing.exit_code == 1


def test_a_pair_repeated_in_one_call_is_queued_once_with_its_first_score(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    rows = [("Anna Kovalchuk", "Anna Kovalczyk", "anna kovalchuk", "anna kovalczyk", 0.87),
            ("Anna Kovalczyk", "Anna Kovalchuk", "anna kovalczyk", "anna kovalchuk", 0.9),
            ("Ivan Kozlov", "Ivan Kozlovsky", "ivan kozlov", "ivan kozlovsky", 0.8)]
    assert add_uncertain(con, rows) == 2
    assert [(a, b, s) for _, a, b, s, _ in list_pairs(con)] == [
        ("Anna Kovalchuk", "Anna Kovalczyk", 0.87), ("Ivan Kozlov", "Ivan Kozlovsky", 0.8)]
