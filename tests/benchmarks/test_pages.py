"""The benchmark's generated pages: deterministic, each article its own text, realistic for the extractors."""

import random
from datetime import date

import numpy as np
import pytest

from benchmarks.pages import article, page, page_paths, write_pages
from extractors.pipeline import extract_pages
from extractors.pipeline import text_fingerprint as simhash
from extractors.text import extract_article
from records.fingerprints import NEAR_DUPLICATE_BITS


@pytest.fixture(scope="module")
def extracted():
    """Eight generated pages as trafilatura extracts them, with their facts."""
    articles = [extract_article(page(i, seed=3).encode("utf-8"), url=f"https://bench.newsfacts.test/p/{i}")
                for i in range(8)]
    return list(extract_pages(articles))


def test_pages_are_deterministic_in_seed_and_index():
    assert page(5, seed=11) == page(5, seed=11)
    assert page(5, seed=11) != page(5, seed=12)
    assert page(5, seed=11) != page(6, seed=11)
    published = date(2025, 3, 10)
    assert article(random.Random(42), published) == article(random.Random(42), published)


def test_write_pages_writes_what_page_returns(tmp_path):
    paths = list(write_pages(tmp_path, 3, seed=4))
    assert list(page_paths(tmp_path)) == paths
    assert [p.read_text(encoding="utf-8") for p in paths] == [page(i, 4) for i in range(3)]


def test_different_indices_give_different_article_texts():
    texts = ["\n".join(article(random.Random(i), date(2025, 1, 1))[1]) for i in range(40)]
    assert len(set(texts)) == len(texts)
    first_paragraphs = [t.split("\n")[0] for t in texts]
    assert len(set(first_paragraphs)) == len(first_paragraphs)


def test_articles_are_not_near_duplicates_of_each_other():
    """300 articles: no two (at most a tiny fraction) within the warehouse's near-duplicate distance."""
    hashes = np.array([simhash("\n".join(article(random.Random(7 * 1_000_003 + i), date(2024, 6, 1))[1]))
                       for i in range(300)], dtype=np.uint64)
    distances = np.bitwise_count(hashes[:, None] ^ hashes[None, :])
    np.fill_diagonal(distances, 64)
    with_duplicate = int((distances.min(axis=1) <= NEAR_DUPLICATE_BITS).sum())
    assert with_duplicate <= 2, f"{with_duplicate} of 300 articles have a near-duplicate"


def test_extracted_article_text_is_500_to_1500_words(extracted):
    words = [len(p.article.text.split()) for p in extracted]
    assert all(500 <= w <= 1500 for w in words), words


def test_pages_carry_people_counts_and_dates(extracted):
    for facts in extracted:
        assert len(facts.mentions) >= 5, facts.article.url
        assert len(facts.counts) >= 2, facts.article.url
        assert len(facts.dates) >= 5, facts.article.url
    mentions = [m for p in extracted for m in p.mentions]
    assert any(m.gazetteer_id for m in mentions)  # gazetteer people, in their various spellings
    assert any(m.gazetteer_id is None for m in mentions)  # invented people the gazetteer lacks
    spellings = {m.text for m in mentions if m.gazetteer_id}
    assert len(spellings) > len({m.gazetteer_id for m in mentions if m.gazetteer_id})
