"""Fetch pages over HTTP with timeouts, a body-size cap, retries and an SSRF guard.

urllib3's ``Retry`` does the backoff (and honours ``Retry-After``) on timeouts
and 5xx; 4xx are final. Addresses that resolve to private, loopback or
link-local ranges are refused unless the source explicitly allows them (only
the demo and the tests do).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import urllib3

from crawler.settings import FetchSettings, fetch_settings


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
    """One connection pool with retries; reuse it for a whole crawl.

    Defaults come from ``crawler/settings.toml`` (``NEWSFACTS_FETCH_*`` overrides);
    keyword arguments override both.
    """

    def __init__(self, settings: FetchSettings | None = None, *, retries: int | None = None,
                 backoff: float | None = None, max_bytes: int | None = None) -> None:
        st = settings or fetch_settings()
        self.settings = st
        self.max_bytes = max_bytes if max_bytes is not None else st.max_bytes
        retries = st.retries if retries is None else retries
        retry = urllib3.Retry(
            total=retries, connect=retries, read=retries, redirect=0, status=retries,
            backoff_factor=st.backoff if backoff is None else backoff, backoff_max=30,
            status_forcelist=(500, 502, 503, 504), respect_retry_after_header=True, raise_on_status=False,
            allowed_methods=frozenset({"GET", "HEAD"}),
        )
        self.pool = urllib3.PoolManager(
            retries=retry, timeout=urllib3.Timeout(connect=st.connect_timeout, read=st.read_timeout),
            headers={"User-Agent": st.user_agent},
        )

    def get(self, url: str, allow_private: bool = False, etag: str | None = None,
            last_modified: str | None = None, truncate_at: int | None = None) -> FetchResult:
        """GET ``url``; raise FetchError with the reason on any failure or non-2xx/304 status.

        ``truncate_at``: keep only the body's first bytes instead of refusing a body over the cap (robots.txt).
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        final_url = url
        max_redirects = self.settings.max_redirects
        for _hop in range(max_redirects + 1):
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
            raise FetchError(f"{url}: more than {max_redirects} redirects (redirect loop?)", final=True)
        body = self._read_body(url, resp, truncate_at)
        if resp.status != 304 and not 200 <= resp.status < 300:
            raise FetchError(f"{url}: HTTP {resp.status}", status=resp.status)
        return FetchResult(
            url=url, final_url=final_url, status=resp.status, body=body,
            content_type=resp.headers.get("Content-Type", ""), etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"), fetched_at=datetime.now(UTC).replace(tzinfo=None),
        )

    def _read_body(self, url: str, resp: urllib3.BaseHTTPResponse, truncate_at: int | None = None) -> bytes:
        """The body, within the size cap and the whole-response deadline; a refused body closes the connection.

        With ``truncate_at``, a longer body is cut to its first ``truncate_at`` bytes, not refused.
        """
        declared = resp.headers.get("Content-Length", "")
        if truncate_at is None and declared.isdigit() and int(declared) > self.max_bytes:
            resp.close()
            raise FetchError(f"{url}: body of {declared} bytes is over the {self.max_bytes}-byte cap; skipped",
                             status=413)
        deadline = time.monotonic() + self.settings.deadline
        body = bytearray()
        try:
            while chunk := resp.read1(64 * 1024):
                body.extend(chunk)
                if truncate_at is not None and len(body) >= truncate_at:
                    resp.close()  # the rest is never read
                    return bytes(body[:truncate_at])
                if truncate_at is None and len(body) > self.max_bytes:
                    resp.close()
                    raise FetchError(f"{url}: body larger than the {self.max_bytes}-byte cap; skipped", status=413)
                if time.monotonic() > deadline:
                    resp.close()
                    raise FetchError(f"{url}: body not complete after {self.settings.deadline:g} s "
                                     "(slow server); will retry next run")
        except urllib3.exceptions.HTTPError as exc:
            resp.close()
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
        resp.release_conn()
        return bytes(body)
