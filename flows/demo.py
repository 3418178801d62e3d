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


def run_demo(db: str | None = None) -> dict[str, Any]:
    """Serve the sample site, run ``pipeline`` against it (ephemeral Prefect API), return its result."""
    with serve_site() as base:
        return pipeline(sources=demo_sources(base), db=db)
