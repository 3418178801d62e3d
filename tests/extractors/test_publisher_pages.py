"""Real publisher pages (read from ../shared, never copied): no crash, and facts checked by reading them.

Each expected fact below was verified against the page's extracted text by a person;
they are a handful per page, not a golden dump of everything the extractor prints.
"""

import json
import re
from pathlib import Path

import lxml.html
import pytest

from extractors.pipeline import extract_pages
from extractors.text import extract_article, read_page
from resolution.resolve import resolve_pages

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "html"
pytestmark = pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures/html is not beside the project")

# page -> (published, people named, (count value, unit head) pairs, normalised date values)
EXPECTED = {
    "fundus/us/Reuters_2024_03_07.html.gz": (
        "2024-03-07", {"Issam Abdallah", "Christina Assi", "Thaier Al-Sudani"},
        {(7, "journalists")}, {"2024-03-07", "2023-10-13"}),
    "fundus/ca/GlobalNews_2026_05_24.html.gz": (
        "2026-05-24", {"Kaja Kallas", "Vitali Klitschko", "Volodymyr Zelensky"},
        {(83, "people"), (42, "people")}, {"2026-05-24", "2026-05-22"}),
    "fundus/uk/iNews_2025_01_28.html.gz": (
        "2025-01-28", {"Sigourney Weaver"}, {(2, "people")}, {"2025-01-27", "2025-02-01", "2024-12"}),
    "fundus/uk/TheGuardian_2024_02_24.html.gz": (
        "2024-02-24", {"Pilar Bernabé", "María José Catalá"}, set(), {"2024-02-24"}),
    "fundus/ca/CBCNews_2024_08_08.html.gz": (
        None, {"Yahya Sinwar", "Ismail Haniyeh"}, {(250, "hostages")}, {"2023-10-07"}),
    "fundus/us/APNews_2024_09_03.html.gz": (
        "2024-09-03", {"Kamala Harris", "Donald Trump", "Joe Biden"}, set(), {"2024-FA", "2024-10"}),
    "trafilatura/politico.com.retirement.html": (
        "2019-12-30", {"Mark Meadows", "Lynda Bennett"}, set(), {"2019-12-19", "2019-12-20", "2019-11"}),
}
# Numbers on these pages that are not counts of people (durations, ages, deaths without a noun...).
NOT_COUNTS = {
    "fundus/uk/TheGuardian_2024_02_24.html.gz": {10},    # "rose to 10 on Saturday": no counted noun
    "fundus/ca/CBCNews_2024_08_08.html.gz": {1200, 61},  # "killed 1,200 and took ...", "Sinwar, 61,"
    "fundus/uk/iNews_2025_01_28.html.gz": {42, 60},      # "A 42-year-old woman and a 60-year-old man"
}
ORGANISATIONS = {"Reuters", "Hamas", "Just Stop Oil", "Nato", "NATO", "Kremlin", "European Union", "POLITICO"}


def all_pages() -> list[Path]:
    return sorted([*FIXTURES.glob("fundus/*/*.html.gz"), *FIXTURES.glob("trafilatura/*.html")])


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    paths = all_pages()
    articles = [extract_article(read_page(p)) for p in paths]
    pages = list(extract_pages(articles))
    resolve_pages(pages)
    out = {}
    for path, page in zip(paths, pages, strict=True):
        out[str(path.relative_to(FIXTURES))] = {
            "published": page.article.published.isoformat() if page.article.published else None,
            "people": {p.name for p in page.people} | {m.name for p in page.people for m in p.mentions},
            "counts": {(c.value, c.unit.split()[-1]) for c in page.counts},
            "count_values": {c.value for c in page.counts},
            "dates": {d.value for d in page.dates},
            "text": page.article.text,
        }
    return out


def test_every_page_extracts_without_error(extracted):
    assert len(extracted) == len(all_pages()) >= 14
    for name, page in extracted.items():
        assert len(page["text"]) > 500, name


def test_titles_and_dates_match_fundus_expectations():
    manifest = json.loads((FIXTURES / "manifest.json").read_text())
    checked = 0
    for fx in manifest["fundus"]["fixtures"]:
        art = extract_article(read_page(FIXTURES / fx["html"]))
        if fx["html"] in EXPECTED and EXPECTED[fx["html"]][0]:
            assert art.published.isoformat() == EXPECTED[fx["html"]][0] == fx["publishing_date"][:10]
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_verified_facts(extracted, page):
    _, people, counts, dates = EXPECTED[page]
    got = extracted[page]
    assert people <= got["people"], people - got["people"]
    assert counts <= got["counts"], counts - got["counts"]
    assert dates <= got["dates"], dates - got["dates"]


@pytest.mark.parametrize("page", sorted(NOT_COUNTS))
def test_numbers_that_are_not_counts_of_people(extracted, page):
    assert not NOT_COUNTS[page] & extracted[page]["count_values"]


def test_organisations_never_become_people(extracted):
    for name, page in extracted.items():
        assert not ORGANISATIONS & page["people"], name


def _words(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def story_text(fx: dict) -> str:
    """What the page's story says, by fundus's expected output (title, summary, paragraphs, sub-headlines)
    plus the page's own standfirst (meta description) and sub-headings, which fundus leaves out of its body."""
    gold = json.loads((FIXTURES / fx["expected_json"]).read_text())[fx["expected_version_key"]]
    body = gold["body"]
    parts = [gold.get("title") or "", *body.get("summary", [])]
    for s in body.get("sections", []):
        parts += s.get("headline", []) + s.get("paragraphs", [])
    tree = lxml.html.fromstring(read_page(FIXTURES / fx["html"]))
    parts += tree.xpath("//meta[@name='description']/@content")
    parts += [h.text_content() for h in tree.xpath("//article//h2 | //article//h3 | //main//h2 | //main//h3")]
    return _words(" ".join(parts))


def test_facts_come_from_the_story_not_from_boxes_credits_captions_or_links():
    # Every person, count and date extracted from the raw page sits in a sentence of the story: none from a
    # promotional infobox, a "Reporting by ...; Editing by ..." credit, a caption, a related link or a comment.
    manifest = json.loads((FIXTURES / "manifest.json").read_text())
    checked = 0
    for fx in manifest["fundus"]["fixtures"]:
        story = story_text(fx)
        (page,) = extract_pages([extract_article(read_page(FIXTURES / fx["html"]))])
        text = page.article.text
        bounds = list(zip(page.sentence_starts, page.sentence_ends, strict=True))
        for kind, items in (("person", page.mentions), ("count", page.counts), ("date", page.dates)):
            for item in items:
                a, b = next((a, b) for a, b in bounds if a <= item.start < b)
                assert _words(text[a:b]) in story, (fx["html"], kind, text[item.start:item.end], text[a:b])
                checked += 1
    assert checked > 250
