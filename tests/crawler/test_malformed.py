"""Malformed links (bad port, broken IPv6 literal, over-long or non-IDNA host, a space in the host) in a feed, a
sitemap, a source's URL list or a redirect's Location are per-URL failures; the good links around them are fetched."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from crawler.crawl import discover, fetch_all
from crawler.fetch import Fetcher
from crawler.sources import Source
from crawler.urls import check_url
from records.pages import FetchResult
from tests.loopback import serve

BAD = [
    "http://x.example:99999/a",
    "http://[::1/x",
    "http://" + "a" * 64 + ".example/a",
    "http://exa mple.com/",
    "http://\u2603\u0300.example/",
    "http://a..b.example/",
]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/redirect/"):
            self.send_response(302)
            location = BAD[int(self.path.rsplit("/", 1)[1])].encode()  # raw UTF-8, as a careless server sends it
            self._headers_buffer.append(b"Location: " + location + b"\r\n")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/feed.xml":
            items = [f"{base}/feed-good"] + BAD + [f"{base}/redirect/{i}" for i in range(len(BAD))]
            body = ("<rss version='2.0'><channel><title>t</title>"
                    + "".join(f"<item><title>i</title><link>{u.replace('&', '&amp;')}</link></item>" for u in items)
                    + "</channel></rss>").encode()
        elif self.path == "/sitemap.xml":
            locs = BAD + [f"{base}/sitemap-good"]
            body = ("<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                    + "".join(f"<url><loc>{u}</loc></url>" for u in locs) + "</urlset>").encode()
        elif self.path == "/robots.txt":
            body = b"User-agent: *\nAllow: /\n"
        else:
            body = b"<html><body><p>good page</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base():
    with serve(Handler) as url:
        yield url


@pytest.mark.parametrize("url", BAD)
def test_check_url_names_what_is_malformed(url):
    with pytest.raises(ValueError, match="malformed URL"):
        check_url(url)


@pytest.mark.parametrize("url", ["http://é.example/x", "http://[::1]:8080/x", "https://example.com./a?b=1"])
def test_check_url_accepts_good_urls(url):
    check_url(url)


def test_malformed_links_are_failures_and_the_good_ones_are_fetched(base):
    src = Source(name="m", feeds=(f"{base}/feed.xml",), sitemaps=(f"{base}/sitemap.xml",),
                 urls=(f"{base}/listed-good", "http://x.example:99999/listed"), crawl_delay=0.0, allow_private=True)
    found = discover(src, Fetcher(retries=0))
    good = [f"{base}/listed-good", f"{base}/feed-good", f"{base}/sitemap-good"]
    redirects = [f"{base}/redirect/{i}" for i in range(len(BAD))]
    assert found.urls == [good[0], good[1], *redirects, good[2]]
    failed = dict(found.failures)
    # every bad link is one discover failure with its reason, even when listed by both the feed and the sitemap
    assert sorted(failed) == sorted([*BAD, "http://x.example:99999/listed"])
    assert len(found.failures) == len(failed)
    assert "Port out of range" in failed["http://x.example:99999/a"]
    assert "Invalid IPv6 URL" in failed["http://[::1/x"]

    out = list(fetch_all(found.urls, src, Fetcher(retries=0)))
    fetched = [r.url for r in out if isinstance(r, FetchResult)]
    errors = {u: e for u, e in (r for r in out if not isinstance(r, FetchResult))}
    assert fetched == good
    assert sorted(errors) == sorted(redirects)  # every redirect to a malformed Location is a fetch failure
    for url, err in errors.items():
        assert "malformed URL" in str(err) and err.final and not err.transient, (url, err)


def test_fetch_all_refuses_a_malformed_url_given_directly(base):
    src = Source(name="m", urls=(f"{base}/a",), crawl_delay=0.0, allow_private=True)
    out = list(fetch_all(["http://[::1/x", f"{base}/a", "http://exa mple.com/"], src, Fetcher(retries=0)))
    assert isinstance(out[1], FetchResult)
    assert [u for u, _ in (out[0], out[2])] == ["http://[::1/x", "http://exa mple.com/"]
    assert all(e.final for _, e in (out[0], out[2]))
