"""Find article URLs in RSS/Atom feeds (feedparser) and XML sitemaps (lxml).

trafilatura's own feed and sitemap helpers fetch by themselves and reject IP
and ``localhost`` hosts, so here we parse bodies our Fetcher already got.
"""

from __future__ import annotations

import feedparser
from lxml import etree

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_links(body: bytes) -> list[str]:
    """Article links of an RSS or Atom feed, in feed order."""
    parsed = feedparser.parse(body)
    return [e.link for e in parsed.entries if getattr(e, "link", None)]


def sitemap_links(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of a sitemap or sitemap index."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        return [], []
    locs = [el.text.strip() for el in root.iter(f"{SITEMAP_NS}loc", "loc") if el.text and el.text.strip()]
    if etree.QName(root).localname == "sitemapindex":
        return [], locs
    return locs, []
