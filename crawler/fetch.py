"""Fetch pages over HTTP with timeouts, a body-size cap, retries and an SSRF guard.

urllib3's ``Retry`` does the backoff (and honours ``Retry-After``) on timeouts
and 5xx; 4xx are final. Addresses that resolve to private, loopback or
link-local ranges are refused unless the source explicitly allows them (only
the demo and the tests do).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import urllib3

USER_AGENT = "newsfacts/0.1 (+https://github.com/newsfacts; research crawler for news fact extraction)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = urllib3.Timeout(connect=5.0, read=15.0)


class FetchError(Exception):
    """A URL that could not be fetched; the message says why (recorded per URL).

    ``status`` is the HTTP status when the server answered; ``transient`` says
    whether a later run should try the URL again (timeouts, 5xx, 429) or not (other 4xx).
    """

    def __init__(self, message: str, status: int | None = None, final: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.final = final  # refused before any request (scheme, address): retrying cannot help

    @property
    def transient(self) -> bool:
        if self.final:
            return False
        return self.status is None or self.status >= 500 or self.status == 429


@dataclass(slots=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched_at: datetime


def check_address(url: str, allow_private: bool) -> None:
    """Raise FetchError when ``url`` is not http(s) or resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http(s) URLs with a host can be fetched", final=True)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve host ({exc})") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            raise FetchError(
                f"{url}: resolves to non-public address {ip}; refused (set allow_private in the source to permit)",
                final=True,
            )


class Fetcher:
    """One connection pool with retries; reuse it for a whole crawl."""

    def __init__(self, retries: int = 3, backoff: float = 0.5, max_bytes: int = MAX_BYTES,
                 user_agent: str = USER_AGENT) -> None:
        self.max_bytes = max_bytes
        retry = urllib3.Retry(
            total=retries, connect=retries, read=retries, redirect=0, status=retries,
            backoff_factor=backoff, backoff_max=30, status_forcelist=(500, 502, 503, 504),
            respect_retry_after_header=True, raise_on_status=False, allowed_methods=frozenset({"GET", "HEAD"}),
        )
        self.pool = urllib3.PoolManager(retries=retry, timeout=TIMEOUT, headers={"User-Agent": user_agent})

    def get(self, url: str, allow_private: bool = False, etag: str | None = None,
            last_modified: str | None = None) -> FetchResult:
        """GET ``url``; raise FetchError with the reason on any failure or non-2xx/304 status."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        final_url = url
        for _hop in range(MAX_REDIRECTS + 1):
            # redirects are followed here, not by urllib3, so every hop passes the address check
            check_address(final_url, allow_private)
            try:
                resp = self.pool.request("GET", final_url, headers=headers, preload_content=False, redirect=False)
            except urllib3.exceptions.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
            location = resp.headers.get("Location")
            if resp.status in (301, 302, 303, 307, 308) and location:
                resp.drain_conn()
                resp.release_conn()
                final_url = urljoin(final_url, location)
                continue
            break
        else:
            raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects (redirect loop?)")
        try:
            body = bytearray()
            for chunk in resp.stream(64 * 1024):
                body.extend(chunk)
                if len(body) > self.max_bytes:
                    raise FetchError(f"{url}: body larger than {self.max_bytes} bytes; skipped", status=413)
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
        finally:
            resp.release_conn()
        if resp.status != 304 and not 200 <= resp.status < 300:
            raise FetchError(f"{url}: HTTP {resp.status}", status=resp.status)
        return FetchResult(
            url=url, final_url=final_url, status=resp.status, body=bytes(body),
            content_type=resp.headers.get("Content-Type", ""), etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"), fetched_at=datetime.now(UTC).replace(tzinfo=None),
        )
