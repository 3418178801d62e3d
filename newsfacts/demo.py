"""The demo: serve the sample news site on loopback and run the pipeline flow on it."""

from __future__ import annotations

from typing import Any

from crawler.sources import sample_site_sources
from flows.pipeline import pipeline
from newsfacts.demo_site import article_urls, tracking_url
from newsfacts.demo_site.server import serve_site


def demo_sources(base: str) -> list[dict[str, Any]]:
    """The sample site at ``base``: its feed, its sitemap (with the wire copy) and one newsletter link.

    The newsletter link is an article URL with ``utm_`` parameters: it must land
    on the same article as the feed's link, as the wire copy must.
    """
    return sample_site_sources(base, newsletter_links=(tracking_url(article_urls(base)[0]),))


DEMO_PORT = 8765


def run_demo(db: str | None = None, port: int = DEMO_PORT) -> dict[str, Any]:
    """Serve the sample site, run ``pipeline`` against it (ephemeral Prefect API), return its result.

    The port is fixed by default so the site's URLs, and so the warehouse rows,
    are the same on every run: running the demo twice adds nothing.
    """
    with serve_site(port=port) as base:
        return pipeline(sources=demo_sources(base), db=db)
