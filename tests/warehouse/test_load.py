from dataclasses import replace
from datetime import date

from extractors.pipeline import text_fingerprint
from extractors.text import EXTRACTOR_VERSION
from records.facts import CountFact, DateFact, Mention, PageFacts, Person
from records.pages import Article
from warehouse.db import connect, table_counts
from warehouse.load import article_id, load_batch


def load_pages(con, pages):
    """Load pages; the rows added (``load_batch``'s stats)."""
    return load_batch(con, pages).stats


TEXT = "Minsk freed 14 political prisoners on Thursday. Anna Example said so."


def make_page(text: str = TEXT, url: str = "http://example.test/a") -> PageFacts:
    art = Article(url=url, canonical_url="http://example.test/a", title="T", published=date(2025, 8, 28),
                  author=None, site="example.test", language="en", text=text)
    m = Mention("Anna Example", "Anna Example", 48, 60)
    return PageFacts(
        article=art, mentions=[m],
        counts=[CountFact(14, None, "exact", "political prisoners", "14 political prisoners", 12, 34)],
        dates=[DateFact("2025-08-28", "Thursday", 38, 46)],
        sentence_starts=[0, 48], sentence_ends=[47, len(text)],
        people=[Person("x-anna", "Anna Example", [m])],
        fingerprint=text_fingerprint(text), extractor_version=EXTRACTOR_VERSION,
    )


def test_facts_carry_article_offsets_and_sentence(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_pages(con, [make_page()])
    row = con.execute("SELECT article_id, value, start_char, end_char, sentence FROM counts").fetchone()
    assert row == (article_id("http://example.test/a"), 14, 12, 34, "Minsk freed 14 political prisoners on Thursday.")
    assert con.execute("SELECT sentence FROM person_mentions").fetchone()[0] == "Anna Example said so."
    assert con.execute("SELECT published FROM articles").fetchone()[0].isoformat() == "2025-08-28"


def test_loading_twice_adds_nothing(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_pages(con, [make_page()])
    before = table_counts(con)
    stats = load_pages(con, [make_page()])
    assert stats["articles"] == 0 and stats["counts"] == 0
    assert table_counts(con) == before


def test_same_article_under_tracking_url_is_linked_not_duplicated(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_pages(con, [make_page(), make_page(url="http://example.test/a?utm_source=x")])
    assert table_counts(con)["articles"] == 1
    assert table_counts(con)["article_urls"] == 2


def test_changed_text_replaces_facts_instead_of_adding(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_pages(con, [make_page()])
    changed = make_page(TEXT.replace("Thursday", "Thursday!"))
    changed.dates = [replace(changed.dates[0], text="Thursday!")]
    stats = load_pages(con, [changed])
    assert stats["updated"] == 1
    counts = table_counts(con)
    assert counts["articles"] == 1 and counts["dates"] == 1 and counts["counts"] == 1
    assert con.execute("SELECT text FROM dates").fetchone()[0] == "Thursday!"


def _repeated_keys(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM (SELECT article_id, start_char FROM {t} "
                           "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
            for t in ("person_mentions", "counts", "dates")}


def test_each_fact_lands_once_per_article_and_offset_without_an_index_to_enforce_it(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    changed = make_page(TEXT.replace("Thursday", "Thursday!"))
    twice = make_page()
    twice.counts = twice.counts * 2  # the same count reported twice by an extractor
    load_pages(con, [make_page(), make_page()])  # the same page twice in one batch
    load_pages(con, [changed, make_page(), twice])  # replaced, then replaced back, in one batch
    load_pages(con, [make_page()])  # unchanged
    assert _repeated_keys(con) == {"person_mentions": 0, "counts": 0, "dates": 0}
    assert table_counts(con)["counts"] == 1 and table_counts(con)["dates"] == 1
    keys = con.execute("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'").fetchall()
    assert not {"person_mentions", "counts", "dates"} & {k for (k,) in keys}


def test_people_and_spellings_land_once_across_batches_without_an_index(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    other = make_page(TEXT + " Another story.", url="http://example.test/b")  # not a copy of the first
    other.article.canonical_url = "http://example.test/b"
    load_pages(con, [make_page()])
    load_pages(con, [other, other])  # the same person and spelling again, from another article
    assert con.execute("SELECT count(*) FROM persons").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM person_aliases").fetchone() == (1,)
    assert table_counts(con)["person_mentions"] == 2
    keys = con.execute("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'").fetchall()
    assert not {"persons", "person_aliases"} & {k for (k,) in keys}


def test_anaphoric_count_lands_and_a_reload_adds_nothing(tmp_path):
    """counts.anaphoric (migration 010) keeps whether the noun came from an earlier phrase, once per count."""
    text = "Minsk freed 14 political prisoners on Thursday. Two of them were ill."
    page = make_page(text)
    page.counts.append(CountFact(2, None, "exact", "political prisoners", "Two", 48, 51, anaphoric=True))
    con = connect(tmp_path / "w.duckdb")
    load_pages(con, [page])
    load_pages(con, [page])
    rows = con.execute("SELECT value, unit, anaphoric FROM counts ORDER BY start_char").fetchall()
    assert rows == [(14, "political prisoners", False), (2, "political prisoners", True)]
