"""Headline facts: the title is its own sentence; a headline count or date the body repeats lands once."""

from __future__ import annotations

from datetime import date

from extractors.headline import headline_end
from extractors.pipeline import extract_pages
from extractors.text import extract_article
from records.pages import Article
from resolution.resolve import resolve_pages
from warehouse.db import connect
from warehouse.load import load_batch

TITLE = "At least 300 journalists detained in Belarus since 2020"
STANDFIRST = "An annual review by an exiled press association describes raids and jail terms."
LEAD = ("WARSAW, March 1 — At least 300 journalists have been detained in Belarus since the disputed 2020 "
        "election, Andrei Bastunets said on Friday.")


def article(text: str, title: str | None = TITLE, url: str = "http://example.test/a") -> Article:
    return Article(url=url, canonical_url=url, title=title, published=date(2024, 3, 1), author=None,
                   site="example.test", language="en", text=text)


def page_of(art: Article):
    pages = list(extract_pages([art]))
    resolve_pages(pages)
    return pages[0]


def counts_of(page) -> list[tuple]:
    return [(c.value, c.qualifier, c.unit, c.start) for c in page.counts]


def test_headline_count_repeated_in_the_lead_lands_once():
    text = f"{TITLE}\n{STANDFIRST}\n{LEAD}"
    page = page_of(article(text))
    lead = text.index("At least 300 journalists have")
    assert counts_of(page) == [(300, "at_least", "journalists", lead)]  # the body's copy, not the headline's
    assert [d.value for d in page.dates] == ["2024-03-01", "2020", "2024-03-01"]  # headline's 2020 dropped
    assert all(d.start > len(TITLE) for d in page.dates)


def test_headline_only_facts_are_kept():
    title = "Belarus frees 52 prisoners in 2025"
    text = f"{title}\n{STANDFIRST}\nThe releases were announced on Friday, officials said."
    page = page_of(article(text, title=title))
    assert [(c.value, c.unit, c.start) for c in page.counts] == [(52, "prisoners", text.index("52"))]
    assert [(d.value, d.start) for d in page.dates if d.start < len(title)] == [("2025", text.index("2025"))]


def test_a_body_count_that_differs_keeps_the_headline_one():
    title = "More than 300 journalists detained"
    text = f"{title}\nAt least 300 journalists have been detained, the group said."
    page = page_of(article(text, title=title))
    assert [(c.qualifier, c.start) for c in page.counts] == [("more_than", 0), ("at_least", len(title) + 1)]


def test_a_first_line_that_is_not_the_title_is_no_headline():
    text = f"{TITLE}\n{LEAD}"
    assert headline_end(article(text, title="Something else")) == 0
    assert headline_end(article(text, title=None)) == 0
    spaced = "  at LEAST 300 journalists detained in belarus   since 2020 "
    assert headline_end(article(text, title=spaced)) == len(TITLE)
    page = page_of(article(text, title="Something else"))
    assert [c.start for c in page.counts] == [0, text.index("At least 300 journalists have")]


def test_people_in_the_headline_are_kept():
    title = "Andrei Bastunets says 300 journalists detained"
    text = f"{title}\n{LEAD}"
    page = page_of(article(text, title=title))
    (person,) = [p for p in page.people if p.name == "Andrei Bastunets"]
    assert sorted(m.start for m in person.mentions) == [0, text.index("Andrei Bastunets said")]


def test_the_title_is_its_own_sentence_and_no_sentence_starts_with_a_line_break():
    text = f"{TITLE}\n{STANDFIRST}\n\n{LEAD}\n"
    page = page_of(article(text))
    assert page.sentence_of(0) == (0, len(TITLE), TITLE)
    sentences = [text[s:e] for s, e in zip(page.sentence_starts, page.sentence_ends, strict=True)]
    assert sentences[:2] == [TITLE, STANDFIRST]
    assert all(s == s.strip() and "\n" not in s for s in sentences)
    for c in page.counts:
        assert page.sentence_of(c.start)[2] == LEAD


def test_rendered_page_through_trafilatura():
    html = (f"<html><head><title>{TITLE}</title><meta property='og:title' content='{TITLE}'>"
            "<meta property='article:published_time' content='2024-03-01T09:00:00+00:00'></head>"
            f"<body><article><h1>{TITLE}</h1><p>{STANDFIRST}</p><p>{LEAD}</p>"
            "<p>The association said the raids continued through the year.</p></article></body></html>")
    art = extract_article(html, url="http://example.test/r")
    assert art.text.startswith(TITLE + "\n")
    page = page_of(art)
    assert [(c.value, c.qualifier) for c in page.counts] == [(300, "at_least")]
    assert page.sentence_of(0)[2] == TITLE


def test_warehouse_gets_one_counts_row_for_a_repeated_headline_count(tmp_path):
    text = f"{TITLE}\n{STANDFIRST}\n{LEAD}"
    page = page_of(article(text))
    con = connect(tmp_path / "w.duckdb")
    load_batch(con, [page])
    rows = con.execute("SELECT value, qualifier, unit, start_char, sentence FROM counts").fetchall()
    assert rows == [(300, "at_least", "journalists", text.index("At least 300 journalists have"), LEAD)]
    mention_sentences = con.execute("SELECT sentence FROM person_mentions").fetchall()
    assert mention_sentences == [(LEAD,)]
    headline_dates = con.execute("SELECT count(*) FROM dates WHERE start_char < ?", [len(TITLE)]).fetchone()
    assert headline_dates == (0,)
