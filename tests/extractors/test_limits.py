"""Limits of ``extractors/settings.toml``: text cut, names per page, one bad page failing alone."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from extractors import pipeline
from extractors.jsonl import page_record
from extractors.pipeline import extract_pages, extract_pages_isolated
from extractors.settings import SettingsError, extract_settings
from extractors.text import cut_text, extract_article
from records.pages import Article
from resolution.resolve import resolve_pages

SENTENCE = "Officials said on Friday that more than 1,100 people remain in prison, according to rights groups. "


def _article(text: str, url: str = "http://example.test/a") -> Article:
    return Article(url=url, canonical_url=url, title="T", published=date(2025, 9, 12), author=None, site=None,
                   language="en", text=text)


def big_page(n_bytes: int) -> bytes:
    """One article of ``n_bytes`` of text, in paragraphs of ten sentences."""
    para = "<p>Paragraph {}. " + SENTENCE * 10 + "</p>"  # numbered: trafilatura drops repeated paragraphs
    body = "".join(para.format(i) for i in range(n_bytes // len(para) + 1))
    return (f"<html><head><title>Long read</title><meta property='article:published_time' content='2025-09-12'>"
            f"</head><body><article><h1>Long read</h1>{body}</article></body></html>").encode()


@pytest.fixture
def limits(monkeypatch):
    """Set extraction limits for one test: ``limits(max_names_per_page=3)``."""
    def set_limits(**kw):
        changed = dataclasses.replace(extract_settings(), **kw)
        monkeypatch.setattr(pipeline, "extract_settings", lambda: changed)
        monkeypatch.setattr("extractors.text.extract_settings", lambda: changed)
        return changed
    return set_limits


def test_settings_file_loads_and_refuses_bad_overrides(monkeypatch):
    s = extract_settings()
    assert s.max_text_chars >= 100_000 and s.max_names_per_page >= 100
    for bad in ("0", "-5", "inf", "nan", "many"):
        monkeypatch.setenv("NEWSFACTS_EXTRACT_MAX_NAMES_PER_PAGE", bad)
        extract_settings.cache_clear()
        with pytest.raises(SettingsError, match="max_names_per_page"):
            extract_settings()
    monkeypatch.delenv("NEWSFACTS_EXTRACT_MAX_NAMES_PER_PAGE")
    extract_settings.cache_clear()


def test_cut_text_ends_at_a_sentence_else_whitespace_before_the_limit():
    text = SENTENCE * 50
    cut = cut_text(text, 1000)
    assert len(cut) <= 1000 and cut.endswith("groups.") and text.startswith(cut)
    assert cut_text("word " * 100, 52) == ("word " * 10).strip()
    assert cut_text("x" * 100, 10) == "x" * 10
    assert cut_text(text, len(text)) == text


def test_an_8_mb_article_runs_through_extract_pages_and_is_cut():
    text = SENTENCE * (8_000_000 // len(SENTENCE))
    assert len(text) > 1_000_000  # over spaCy's max_length: E088 before the limit
    (page,) = extract_pages([_article(text)])
    limit = extract_settings().max_text_chars
    assert len(page.article.text) <= limit and page.article.truncated_from == len(text)
    assert page.counts and page.article.text.endswith("groups.")
    assert page.notes == [f"text cut at {len(page.article.text):,} of {len(text):,} characters"]


def test_an_8_mb_page_is_cut_when_extracted_and_the_cut_is_in_the_jsonl_record():
    art = extract_article(big_page(8_000_000), url="http://example.test/long")
    assert art.truncated_from and art.truncated_from > 7_000_000
    (page,) = extract_pages([art])
    resolve_pages([page])
    record = json.loads(json.dumps(page_record("long.html", page)))
    assert record["truncated_from"] == art.truncated_from and "text cut at" in record["notes"][0]


def test_normal_pages_have_no_notes_and_no_new_fields():
    (page,) = extract_pages([_article(SENTENCE * 3 + "Anatol Kotau said so.")])
    resolve_pages([page])
    assert page.notes == [] and page.article.truncated_from is None
    assert set(page_record("a.html", page)) == {"source", "url", "title", "published", "people", "counts", "dates",
                                                  "events"}


def test_names_beyond_the_limit_are_dropped_in_text_order(limits):
    limits(max_names_per_page=3)
    names = ["Babarin Kotassen", "Dedamar Lufendal", "Fifavel Morvik", "Gogodor Nultan", "Kukuwin Pembor"]
    text = " ".join(f"{n} said so." for n in names) + " Babarin Kotassen said it again."
    (page,) = extract_pages([_article(text)])
    assert {m.name for m in page.mentions} == set(names[:3])
    assert len([m for m in page.mentions if m.name == names[0]]) == 2  # a kept name keeps its later mentions
    assert page.names_total == 5 and page.notes == ["page names 5 distinct people; the first 3 kept"]


def test_one_page_that_raises_fails_alone(monkeypatch):
    real = pipeline.find_counts

    def find_counts(text, names=None):
        if "BOOM" in text:
            raise ValueError("cannot count this")
        return real(text, names)

    monkeypatch.setattr(pipeline, "find_counts", find_counts)
    good, bad, other = _article(SENTENCE), _article("BOOM. " + SENTENCE, "http://example.test/bad"), \
        _article(SENTENCE * 2)
    pages, failed = extract_pages_isolated([good, bad, other])
    assert [p.article for p in pages] == [good, other]
    assert failed == [(bad, "facts not extracted: ValueError: cannot count this")]
