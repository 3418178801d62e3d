"""The demo: serve the sample news site on loopback and run the pipeline flow on it."""

from __future__ import annotations

from typing import Any

from flows.pipeline import pipeline
from newsfacts.demo_site.server import serve_site


def demo_sources(base: str) -> list[dict[str, Any]]:
    """A source for the sample site at ``base``; the only kind allowed to point at loopback."""
    return [{
        "name": "sample-site",
        "feeds": [f"{base}/feed.xml"],
        "sitemaps": [f"{base}/sitemap.xml"],
        "crawl_delay": 0.0,
        "allow_private": True,
    }]


DEMO_PORT = 8765


def run_demo(db: str | None = None, port: int = DEMO_PORT) -> dict[str, Any]:
    """Serve the sample site, run ``pipeline`` against it (ephemeral Prefect API), return its result.

    The port is fixed by default so the site's URLs, and so the warehouse rows,
    are the same on every run: running the demo twice adds nothing.
    """
    with serve_site(port=port) as base:
        return pipeline(sources=demo_sources(base), db=db)
