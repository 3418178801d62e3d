"""Discover a source's article URLs and fetch them politely (robots.txt, one host at a time, with a delay).

Feeds and sitemaps are asked with the validators of the last run (ETag /
Last-Modified); a 304 reuses the links stored with them, so an unchanged source
costs one small request per feed. Article URLs are canonical before anything
else happens, so ``/news/x`` and ``/news/x?utm_source=...`` are fetched once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

import urllib3

from crawler.discover import feed_links, sitemap_links
from crawler.fetch import Fetcher, FetchError
from crawler.robots import Robots
from crawler.sources import Discovered, Source
from crawler.urls import canonical_url, check_url
from records.pages import FeedState, FetchResult

MAX_SITEMAPS = 50
#: ``gate(host, delay)``: returns when a request to ``host`` may start, ``delay`` seconds after the previous one
#: by anyone the gate knows of (``fetch_all``'s default knows only its own requests)
Gate = Callable[[str, float], None]
#: what a malformed URL raises on its way through urllib.parse, idna and urllib3
#: (UnicodeError and urllib3's LocationValueError / LocationParseError are ValueErrors)
MALFORMED = (ValueError,)


def malformed(url: str, exc: BaseException) -> FetchError:
    """The final per-URL failure for a URL (or one of its redirects) that cannot be parsed or encoded."""
    return FetchError(f"{url}: malformed URL, not fetched ({exc})", final=True)


def _as_fetch_error(url: str, exc: FetchError) -> FetchError:
    """``exc``, made final when urllib3 could not parse the URL or a redirect's Location (retrying cannot help)."""
    if isinstance(exc.__cause__, urllib3.exceptions.LocationValueError) and not exc.final:
        return malformed(url, exc.__cause__)
    return exc


class HostSkipped(FetchError):
    """A URL not requested this run because its host's robots.txt could not be read: not an attempt.

    Transient; ``attempted`` tells the crawl state not to count it towards ``max_attempts``.
    """

    attempted = False


class _Adder:
    def __init__(self, found: Discovered, skip: set[str]) -> None:
        self.found, self.skip, self.seen = found, skip, set(found.urls)
        self.bad: set[str] = set()

    def __call__(self, url: str) -> None:
        try:
            check_url(url)
            canon = canonical_url(url)
        except MALFORMED as exc:  # one bad link is one failure row, never a stopped crawl
            if url not in self.bad:
                self.bad.add(url)
                self.found.failures.append((url, f"{url}: {exc}; link skipped"))
            return
        if url != canon:
            self.found.aliases[url] = canon
        if canon in self.seen or canon in self.skip:
            return
        if len(self.found.urls) < self.found.source.max_pages:
            self.seen.add(canon)
            self.found.urls.append(canon)


def _conditional(fetcher: Fetcher, url: str, kind: str, source: Source,
                 previous: Mapping[str, FeedState]) -> tuple[FeedState, bool]:
    """The feed/sitemap at ``url`` now: fetched, or the stored state when the server says 304."""
    prev = previous.get(url)
    res = fetcher.get(url, allow_private=source.allow_private,
                      etag=prev.etag if prev else None, last_modified=prev.last_modified if prev else None)
    if res.status == 304 and prev is not None:
        return prev, True
    if kind == "feed":
        links, children = tuple(feed_links(res.body)), ()
    else:
        pages, subs = sitemap_links(res.body)
        links, children = tuple(pages), tuple(subs)
    return FeedState(url, kind, res.etag, res.last_modified, links, children), False


def discover(source: Source, fetcher: Fetcher, previous: Mapping[str, FeedState] | None = None,
             skip: Iterable[str] = ()) -> Discovered:
    """Canonical article URLs from the source's URL list, feeds and sitemaps, de-duplicated, in order.

    ``previous`` holds the feed/sitemap states of the last run (for conditional
    GETs); URLs in ``skip`` (already handled) are left out but their aliases kept.
    """
    previous = previous or {}
    found = Discovered(source)
    add = _Adder(found, set(skip))

    def visit(url: str, kind: str) -> FeedState | None:
        try:
            state, unchanged = _conditional(fetcher, url, kind, source, previous)
        except (FetchError, ValueError) as exc:
            found.failures.append((url, str(exc)))
            return None
        found.not_modified += unchanged
        found.feeds.append(state)
        return state

    for url in source.urls:
        add(url)
    for feed in source.feeds:
        if state := visit(feed, "feed"):
            for link in state.links:
                add(link)
    queue, visited = list(source.sitemaps), set()
    while queue and len(visited) < MAX_SITEMAPS:
        sm = queue.pop(0)
        if sm in visited:
            continue
        visited.add(sm)
        if state := visit(sm, "sitemap"):
            queue.extend(state.children)
            for link in state.links:
                add(link)
    return found


def fetch_all(urls: list[str], source: Source, fetcher: Fetcher, robots: Robots | None = None,
              gate: Gate | None = None) -> Iterator[FetchResult | tuple[str, FetchError]]:
    """Fetch each URL robots.txt allows, waiting between requests to one host.

    The wait is the larger of the source's ``crawl_delay`` and the host's
    robots.txt ``Crawl-delay``. By default it is kept within this call (from the end of
    one request to the start of the next); ``gate`` replaces that wait when several
    processes crawl one host (the flows pass a warehouse-backed one). Yields a
    FetchResult, or ``(url, error)`` for a URL that failed or was refused; one bad
    URL never stops the others.
    """
    robots = robots or Robots(fetcher, allow_private=source.allow_private)
    last_hit: dict[str, float] = {}
    for url in urls:
        try:
            check_url(url)
            refusal = robots.refusal(url)
        except MALFORMED as exc:
            yield url, malformed(url, exc)
            continue
        if refusal:
            disallowed = "disallowed" in refusal
            yield url, (FetchError if disallowed else HostSkipped)(f"{url}: {refusal}", final=disallowed)
            continue
        host = urlsplit(url).netloc
        delay = max(source.crawl_delay, robots.crawl_delay(url))
        if gate is not None:
            gate(host, delay)
        elif (wait := last_hit.get(host, float("-inf")) + delay - time.monotonic()) > 0:
            time.sleep(wait)
        try:
            result = fetcher.get(url, allow_private=source.allow_private)
        except FetchError as exc:
            result = _as_fetch_error(url, exc)
        except MALFORMED as exc:  # a redirect to a malformed Location (port, IPv6 literal, IDNA)
            result = malformed(url, exc)
        finally:
            last_hit[host] = time.monotonic()
        yield result if isinstance(result, FetchResult) else (url, result)
