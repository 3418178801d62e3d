"""The demo news site: content, rendering, feed/sitemap, conditional GET, 404 and shutdown."""

from __future__ import annotations

import json
import re
import socket
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import feedparser
import pytest
import trafilatura

from newsfacts.demo_site import article_urls, load_articles, serve_site, tracking_url, wire_urls

ARTICLES = load_articles()
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:  # 304 and 404 arrive as HTTPError
        with err:
            return err.code, dict(err.headers), err.read()


@pytest.fixture(scope="module")
def base() -> str:
    with serve_site() as url:
        yield url


# ---------------------------------------------------------------- content


def test_content_has_enough_articles_of_the_right_size():
    assert len(ARTICLES) >= 10
    assert len({a.slug for a in ARTICLES}) == len(ARTICLES)
    for a in ARTICLES:
        assert 300 <= a.word_count <= 600, (a.slug, a.word_count)
        assert a.published.tzinfo is not None
        assert a.published.year in (2024, 2025)
    assert {a.published.year for a in ARTICLES} == {2024, 2025}
    assert sum(a.wire for a in ARTICLES) == 1


def test_content_has_spelling_variants_counts_and_traps():
    corpus = "\n".join(f"{a.title}\n{a.body_text}" for a in ARTICLES)
    required = [
        "Tsikhanouskaya", "Tikhanovskaya", "Tsikhanovskaya", "Siarhei Tsikhanouski", "Sergei Tikhanovsky",
        "Lukashenko", "Lukashenka", "Ales Bialiatski", "Ales Byalyatski", "Maria Kalesnikava", "Maria Kolesnikova",
        "Viktar Babaryka", "Viktor Babariko", "Eduard Babaryka", "Mikola Statkevich", "Mikalai Statkevich",
        "Uladzimir Matskevich", "Лукашенко", "14 political prisoners", "more than 1,100 political prisoners",
        "up to 1,300 detainees", "between 15 and 20 people", "Fifty-two prisoners", "at least 300 journalists",
        "69-year-old", "18-year sentence", "$", "Charter 97", "Viasna", "Article 342", "Zapad-2025", "last month",
        "on Saturday", "five years ago", "since July 2023", "the 2020 election", "this year", "on September 11",
    ]
    missing = [s for s in required if s not in corpus]
    assert not missing


def test_weekday_mentions_fall_in_the_week_before_publication():
    # "on Saturday" in a story published on Sunday must mean the day before, not a weekday after publication
    # or the publication weekday of another article; check each named weekday exists in the 7 days up to it.
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for a in ARTICLES:
        for name in set(re.findall(r"\b(?:on|On) (" + "|".join(days) + r")\b", a.body_text)):
            back = (a.published.weekday() - days.index(name)) % 7
            assert back <= 2, (a.slug, name, a.published.strftime("%A"))


# ---------------------------------------------------------------- feed, sitemap, robots


def test_feed_lists_every_article_with_link_and_pubdate(base):
    status, headers, body = fetch(f"{base}/feed.xml")
    assert status == 200
    assert headers["Content-Type"].startswith("application/rss+xml")
    assert int(headers["Content-Length"]) == len(body)
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert len(feed.entries) >= 10
    links = [e.link for e in feed.entries]
    assert links == article_urls(base)
    assert not set(wire_urls(base)) & set(links)
    by_url = {f"{base}{a.path}": a for a in ARTICLES}
    for entry in feed.entries:
        assert parsedate_to_datetime(entry.published) == by_url[entry.link].published
        assert entry.title == by_url[entry.link].title


def test_sitemap_lists_articles_and_the_wire_copy(base):
    status, headers, body = fetch(f"{base}/sitemap.xml")
    assert status == 200
    assert headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(body)
    locs = [el.text for el in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    lastmods = [el.text for el in root.findall("sm:url/sm:lastmod", SITEMAP_NS)]
    assert len(locs) == len(lastmods)
    assert all(datetime.fromisoformat(m).tzinfo for m in lastmods)
    article_locs = [u for u in locs if "/news/" in u]
    assert len(article_locs) >= 10
    assert set(article_urls(base)) <= set(locs)
    assert len(wire_urls(base)) == 1
    assert wire_urls(base)[0] in locs
    assert all(u.startswith(base + "/") for u in locs)


def test_robots_allows_all_and_names_the_sitemap(base):
    status, headers, body = fetch(f"{base}/robots.txt")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert "User-agent: *" in text and "Disallow: /" not in text
    assert f"Sitemap: {base}/sitemap.xml" in text.splitlines()


def test_index_links_every_article(base):
    status, headers, body = fetch(f"{base}/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    html = body.decode()
    for url in article_urls(base):
        assert f'href="{url}"' in html


# ---------------------------------------------------------------- article pages


@pytest.mark.parametrize("article", ARTICLES, ids=[a.slug for a in ARTICLES])
def test_article_page_extracts_title_date_and_body(base, article):
    url = f"{base}{article.path}"
    status, headers, body = fetch(url)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    html = body.decode("utf-8")

    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="article:published_time" content="{article.published.isoformat()}">' in html
    assert re.search(r'<meta name="author" content="[^"]+">', html)
    assert '<meta property="og:title"' in html and f"<time datetime=\"{article.published.isoformat()}\"" in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "NewsArticle"
    assert datetime.fromisoformat(ld["datePublished"]) == article.published

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    assert doc is not None
    assert doc.title == article.title
    assert doc.date == article.published.date().isoformat()
    assert doc.author == article.author
    assert len(doc.text.split()) >= 300
    # main text, not boilerplate
    assert article.paragraphs[-1] in doc.text
    for chrome in ("We use cookies", "Related stories", "Morning Briefing", "All rights reserved"):
        assert chrome not in doc.text


def test_tracking_parameters_serve_the_same_page(base):
    url = article_urls(base)[0]
    assert tracking_url(url).endswith("?utm_source=newsletter&utm_medium=email")
    status, _, tracked = fetch(tracking_url(url))
    assert status == 200
    assert tracked == fetch(url)[2]


def test_wire_copy_is_a_syndicated_duplicate(base):
    [wire] = wire_urls(base)
    original = f"{base}/news/{urlsplit(wire).path.rsplit('/', 1)[1]}"
    status, _, wire_body = fetch(wire)
    assert status == 200
    _, _, original_body = fetch(original)
    wire_html, original_html = wire_body.decode(), original_body.decode()
    assert wire_html != original_html  # different boilerplate
    assert f'<link rel="canonical" href="{original}">' in wire_html
    wire_doc = trafilatura.bare_extraction(wire_html, url=wire, with_metadata=True)
    original_doc = trafilatura.bare_extraction(original_html, url=original, with_metadata=True)
    assert wire_doc.text == original_doc.text
    assert wire_doc.date == original_doc.date
    assert wire_doc.sitename != original_doc.sitename


# ---------------------------------------------------------------- HTTP behaviour


@pytest.mark.parametrize("path", ["/news/{slug}", "/feed.xml", "/sitemap.xml", "/"])
def test_conditional_get_returns_304(base, path):
    url = base + path.format(slug=ARTICLES[-1].slug)
    status, headers, body = fetch(url)
    assert status == 200
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"') and body

    status, headers304, body304 = fetch(url, {"If-None-Match": etag})
    assert status == 304 and body304 == b""
    assert headers304["ETag"] == etag

    assert fetch(url, {"If-Modified-Since": modified})[0] == 304
    assert fetch(url, {"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})[0] == 200
    assert fetch(url, {"If-None-Match": '"stale"'})[0] == 200
    # If-None-Match wins over If-Modified-Since
    assert fetch(url, {"If-None-Match": '"stale"', "If-Modified-Since": modified})[0] == 200


@pytest.mark.parametrize("path", ["/news/no-such-story", "/nothing-here", "/wire/" + ARTICLES[-1].slug])
def test_unknown_paths_are_404(base, path):
    assert not ARTICLES[-1].wire  # the last (oldest) story has no wire copy
    status, headers, body = fetch(base + path)
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)


def test_requests_are_not_logged(base, capfd):
    fetch(f"{base}/")
    fetch(f"{base}/missing")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_server_stops_when_context_exits():
    with serve_site() as url:
        host, port = urlsplit(url).hostname, urlsplit(url).port
        assert host == "127.0.0.1" and port
        assert fetch(f"{url}/robots.txt")[0] == 200
    with pytest.raises(OSError):
        socket.create_connection((host, port), timeout=2).close()
    assert not [t for t in threading.enumerate() if t.name == f"demo-site-{port}"]
