"""Canonical URLs (tracking parameters) and simhash near-duplicates."""

import pytest

from crawler.urls import canonical_url
from extractors.pipeline import text_fingerprint as simhash
from newsfacts.demo_site import load_articles
from records.fingerprints import NEAR_DUPLICATE_BITS


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def near_duplicate(a: int, b: int) -> bool:
    return distance(a, b) <= NEAR_DUPLICATE_BITS


STORY = (
    "Belarus released 14 political prisoners on Saturday, including the opposition blogger Sergei Tikhanovsky, "
    "after a rare visit to Minsk by a senior American envoy. The prisoners were driven to the Lithuanian border "
    "and handed over to diplomats, according to people familiar with the release. Human rights groups said "
    "more than a thousand people remain behind bars for political reasons, many of them in harsh conditions, "
    "and called for the release of all of them without conditions."
)


@pytest.mark.parametrize(("url", "expected"), [
    ("http://a.test/news/x?utm_source=newsletter&utm_medium=email", "http://a.test/news/x"),
    ("HTTP://A.Test:80/news/x?id=7&fbclid=abc#top", "http://a.test/news/x?id=7"),
    ("https://a.test/news/x?page=2&gclid=1&mc_eid=2", "https://a.test/news/x?page=2"),
    ("https://a.test:8443/?utm_campaign=x", "https://a.test:8443/"),
    ("http://127.0.0.1:8765/news/x?UTM_Source=n", "http://127.0.0.1:8765/news/x"),
])
def test_tracking_parameters_are_stripped_others_kept(url, expected):
    assert canonical_url(url) == expected


def test_syndicated_copy_with_new_byline_dateline_and_credit_is_a_near_duplicate():
    for article in load_articles():
        text = article.body_text
        words = text.split()
        copy = ("By Wire Staff. " + " ".join(words[:len(words) // 2] + ["(wire)"] + words[len(words) // 2:])
                + " Reporting by the wire desk.")
        assert simhash(text) is not None  # long enough to compare
        assert near_duplicate(simhash(text), simhash(copy)), (article.slug, distance(simhash(text), simhash(copy)))


def test_different_articles_on_the_same_subject_are_not_near_duplicates():
    hashes = {a.slug: simhash(a.body_text) for a in load_articles()}
    pairs = [(a, b) for a in hashes for b in hashes if a < b]
    assert not [p for p in pairs if near_duplicate(hashes[p[0]], hashes[p[1]])]


def test_different_story_is_not_a_near_duplicate():
    other = (
        "The election commission said turnout reached record levels, a figure independent observers disputed. "
        "Opposition leaders in exile called the vote a farce and urged foreign governments not to recognise it, "
        "while state television showed long queues outside polling stations across the country and praised "
        "the organisation of the vote, which took place under tight security and without independent monitors."
    )
    assert distance(simhash(STORY), simhash(other)) > 10
