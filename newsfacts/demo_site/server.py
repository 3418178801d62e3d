"""Serve the demo news site on loopback with ``http.server``.

Routes (query strings are ignored, so ``/news/{slug}?utm_source=...`` is the same page):

- ``/``                 home page                     text/html
- ``/section/{name}``   section front                 text/html
- ``/news/{slug}``      article                       text/html
- ``/wire/{slug}``      syndicated copy of ONE article (canonical -> /news/{slug}); in the sitemap, not the feed
- ``/feed.xml``         RSS 2.0                       application/rss+xml
- ``/sitemap.xml``      sitemap                       application/xml
- ``/robots.txt``       allow all + Sitemap line      text/plain

Every response has Content-Length, ETag and Last-Modified; ``If-None-Match`` and
``If-Modified-Since`` give 304. Unknown paths give 404. Nothing is logged per request.
"""

from __future__ import annotations

import hashlib
import re
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from newsfacts.demo_site import render

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"

_HOST_RE = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str
    last_modified: datetime
    etag: str

    @classmethod
    def make(cls, text: str, content_type: str, last_modified: datetime) -> Resource:
        body = text.encode("utf-8")
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        # HTTP dates have one-second resolution; compare like with like.
        return cls(body, content_type, last_modified.astimezone(UTC).replace(microsecond=0), etag)


@lru_cache(maxsize=16)
def site_resources(base: str) -> dict[str, Resource]:
    """Every page of the site rendered for ``base``, keyed by path."""
    articles = render.load_articles()
    newest = render.last_modified(articles)
    pages: dict[str, Resource] = {
        "/": Resource.make(render.render_index(base), HTML, newest),
        "/feed.xml": Resource.make(render.render_feed(base), RSS, newest),
        "/sitemap.xml": Resource.make(render.render_sitemap(base), XML, newest),
        "/robots.txt": Resource.make(render.render_robots(base), TEXT, newest),
    }
    for section in render.SECTIONS:
        in_section = [a for a in articles if a.section == section]
        if in_section:
            pages[f"/section/{render.section_slug(section)}"] = Resource.make(
                render.render_index(base, section), HTML, render.last_modified(in_section)
            )
    for a in articles:
        pages[a.path] = Resource.make(render.render_article(a, base), HTML, a.published)
        if a.wire:
            pages[a.wire_path] = Resource.make(render.render_wire_copy(a, base), HTML, a.published)
    return pages


def article_urls(base: str) -> list[str]:
    """Canonical URLs of all articles (newest first); excludes the wire copy."""
    base = base.rstrip("/")
    return [f"{base}{a.path}" for a in render.load_articles()]


def wire_urls(base: str) -> list[str]:
    """URLs of the syndicated copies (one), each a duplicate of an article in ``article_urls``."""
    base = base.rstrip("/")
    return [f"{base}{a.wire_path}" for a in render.wire_articles()]


def tracking_url(url: str) -> str:
    """``url`` with newsletter tracking parameters: served as the same page as ``url``."""
    return f"{url}{'&' if '?' in url else '?'}{render.TRACKING_QUERY}"


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    candidates = [c.strip() for c in header.split(",")]
    return any(c.removeprefix("W/") == etag for c in candidates)


class DemoSiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "BorderlandDemo/1.0"
    timeout = 15  # close idle keep-alive connections

    server: DemoSiteServer

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature fixed by base class
        """Quiet: no per-request logging."""

    def _base(self) -> str:
        host = self.headers.get("Host", "")
        if host and _HOST_RE.match(host):
            return f"http://{host}"
        return self.server.base_url

    def _send(self, status: int, resource: Resource | None, body: bytes, content_type: str, head: bool) -> None:
        self.send_response(status)
        if resource is not None:
            self.send_header("ETag", resource.etag)
            self.send_header("Last-Modified", render.http_date(resource.last_modified))
            self.send_header("Cache-Control", "public, max-age=60")
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != HTTPStatus.NOT_MODIFIED:
            self.wfile.write(body)

    def _not_modified(self, resource: Resource) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # takes precedence over If-Modified-Since (RFC 9110 13.2.2)
            return _etag_matches(inm, resource.etag)
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = parsedate_to_datetime(ims)
            except (TypeError, ValueError, IndexError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return resource.last_modified <= since
        return False

    def _handle(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path) or "/"
        base = self._base()
        resource = site_resources(base).get(path)
        if resource is None:
            body = render.render_not_found(base, path).encode("utf-8")
            self._send(HTTPStatus.NOT_FOUND, None, body, HTML, head)
        elif self._not_modified(resource):
            self._send(HTTPStatus.NOT_MODIFIED, resource, b"", resource.content_type, head)
        else:
            self._send(HTTPStatus.OK, resource, resource.body, resource.content_type, head)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._handle(head=False)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
        self._handle(head=True)


class DemoSiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, port: int) -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), DemoSiteHandler)
        bound_host = f"[{host}]" if ":" in host else host
        self.base_url = f"http://{bound_host}:{self.server_port}"


def make_server(host: str = "127.0.0.1", port: int = 0) -> DemoSiteServer:
    """Bind (port 0 picks a free port) without starting to serve; ``server.base_url`` is the site URL."""
    render.load_articles()  # fail fast on broken content
    return DemoSiteServer(host, port)


@contextmanager
def serve_site(host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the site from a daemon thread; yields the base URL; stops and closes the port on exit."""
    server = make_server(host, port)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                              name=f"demo-site-{server.server_port}")
    thread.start()
    try:
        yield server.base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run_forever(host: str, port: int) -> None:
    """Serve in the foreground until Ctrl-C (for ``newsfacts demo-site --port N``)."""
    server = make_server(host, port)
    print(f"Demo news site at {server.base_url}/ (feed: {server.base_url}/feed.xml); Ctrl-C to stop", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("Stopping demo site", file=sys.stderr, flush=True)
    finally:
        server.server_close()
