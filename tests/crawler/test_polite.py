"""robots.txt, crawl-delay, conditional GET of feeds and sitemaps, and per-URL failures, on real loopback servers."""

import time
from http.server import BaseHTTPRequestHandler

import pytest

from crawler.crawl import discover, fetch_all
from crawler.fetch import Fetcher
from crawler.robots import Robots
from crawler.sources import Source
from newsfacts.demo_site import article_urls, serve_site, tracking_url, wire_urls
from records.pages import FetchResult
from tests.loopback import serve

ROBOTS = b"User-agent: *\nDisallow: /private\nCrawl-delay: 0.3\n"
HITS: list[tuple[str, float]] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        HITS.append((self.path, time.monotonic()))
        status, body = {"/robots.txt": (200, ROBOTS), "/gone": (404, b"no")}.get(self.path, (200, b"<p>page</p>"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def polite_base():
    with serve(Handler) as url:
        yield url


def test_robots_disallow_crawl_delay_and_failures_per_url(polite_base):
    HITS.clear()
    src = Source(name="t", urls=(f"{polite_base}/a",), crawl_delay=0.0, allow_private=True)
    urls = [f"{polite_base}/a", f"{polite_base}/private/x", f"{polite_base}/gone", f"{polite_base}/b"]
    out = list(fetch_all(urls, src, Fetcher(backoff=0.01)))
    ok = [r.url for r in out if isinstance(r, FetchResult)]
    failed = {u: e for u, e in (r for r in out if not isinstance(r, FetchResult))}
    assert ok == [f"{polite_base}/a", f"{polite_base}/b"]
    assert "disallowed by robots.txt" in str(failed[f"{polite_base}/private/x"])
    assert not failed[f"{polite_base}/private/x"].transient
    assert failed[f"{polite_base}/gone"].status == 404 and not failed[f"{polite_base}/gone"].transient
    assert "/private/x" not in [p for p, _ in HITS]
    pages = [t for p, t in HITS if p != "/robots.txt"]
    # robots.txt's Crawl-delay (0.3 s) wins over the source's 0: every request to the host waited for it
    assert all(b - a >= 0.29 for a, b in zip(pages, pages[1:], strict=False)), pages


def test_missing_robots_allows_everything():
    with serve_site() as base:  # the sample site answers 404 for unknown paths; its robots.txt allows all
        robots = Robots(Fetcher(), allow_private=True)
        assert robots.refusal(f"{base}/news/x") is None and robots.crawl_delay(f"{base}/news/x") == 0.0


def test_second_discovery_uses_conditional_get_and_stored_links():
    with serve_site() as base:
        newsletter = tracking_url(article_urls(base)[1])
        src = Source(name="s", feeds=(f"{base}/feed.xml",), sitemaps=(f"{base}/sitemap.xml",), urls=(newsletter,),
                     crawl_delay=0.0, allow_private=True)
        first = discover(src, Fetcher())
        assert first.not_modified == 0 and all(f.etag for f in first.feeds)
        assert set(article_urls(base)) | set(wire_urls(base)) <= set(first.urls)
        assert newsletter not in first.urls and first.aliases[newsletter] == article_urls(base)[1]
        assert len(first.urls) == len(set(first.urls))

        again = discover(src, Fetcher(), {f.url: f for f in first.feeds})
        assert again.not_modified == 2 and again.urls == first.urls  # 304s, links from the stored state

        done = discover(src, Fetcher(), {f.url: f for f in first.feeds}, skip=first.urls)
        assert done.urls == [] and done.aliases == first.aliases
