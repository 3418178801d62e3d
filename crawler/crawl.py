"""Discover a source's article URLs and fetch them politely (one host at a time, with a delay)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import urlsplit

from crawler.discover import feed_links, sitemap_links
from crawler.fetch import Fetcher, FetchError, FetchResult
from crawler.sources import Discovered, Source

MAX_SITEMAPS = 50


def discover(source: Source, fetcher: Fetcher) -> Discovered:
    """Article URLs from the source's feeds, sitemaps and URL list, de-duplicated, in order."""
    found = Discovered(source)
    seen: set[str] = set()

    def add(url: str) -> None:
        if url not in seen and len(found.urls) < source.max_pages:
            seen.add(url)
            found.urls.append(url)

    for url in source.urls:
        add(url)
    for feed in source.feeds:
        try:
            for link in feed_links(fetcher.get(feed, allow_private=source.allow_private).body):
                add(link)
        except FetchError as exc:
            found.failures.append((feed, str(exc)))
    queue, visited = list(source.sitemaps), set()
    while queue and len(visited) < MAX_SITEMAPS:
        sm = queue.pop(0)
        if sm in visited:
            continue
        visited.add(sm)
        try:
            pages, children = sitemap_links(fetcher.get(sm, allow_private=source.allow_private).body)
        except (FetchError, ValueError) as exc:
            found.failures.append((sm, str(exc)))
            continue
        queue.extend(children)
        for link in pages:
            add(link)
    return found


def fetch_all(urls: list[str], source: Source, fetcher: Fetcher) -> Iterator[FetchResult | tuple[str, str]]:
    """Fetch each URL, waiting ``crawl_delay`` between requests to one host.

    Yields a FetchResult, or ``(url, reason)`` for a URL that failed; one bad
    URL never stops the others.
    """
    last_hit: dict[str, float] = {}
    for url in urls:
        host = urlsplit(url).netloc
        wait = last_hit.get(host, 0.0) + source.crawl_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            yield fetcher.get(url, allow_private=source.allow_private)
        except FetchError as exc:
            yield url, str(exc)
        finally:
            last_hit[host] = time.monotonic()
