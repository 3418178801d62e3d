"""The project's own sample news site, served on loopback for the demo, the tests and benchmarks.

    from newsfacts.demo_site import serve_site, article_urls

    with serve_site() as base:            # e.g. "http://127.0.0.1:54321"
        urls = article_urls(base)         # canonical article URLs, newest first

Content is data: ``articles/*.md`` (YAML front matter + paragraphs), written for this project.
"""

from newsfacts.demo_site.render import TRACKING_QUERY, Article, load_articles
from newsfacts.demo_site.server import article_urls, run_forever, serve_site, tracking_url, wire_urls

__all__ = [
    "Article",
    "TRACKING_QUERY",
    "article_urls",
    "load_articles",
    "run_forever",
    "serve_site",
    "tracking_url",
    "wire_urls",
]
