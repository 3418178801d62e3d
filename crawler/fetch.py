"""Fetch pages over HTTP with timeouts, a body-size cap, retries and an SSRF guard.

urllib3's ``Retry`` does the backoff (and honours ``Retry-After``) on timeouts
and 5xx; 4xx are final. URLs are parsed by urllib3 itself (the parser that
connects); backslashes and userinfo are refused. Every connection resolves its
host once, checks every address (IPv6 forms that embed an IPv4 address are
judged by it) and connects to a checked one, so DNS rebinding between check and
connect is impossible. Non-public addresses are refused unless the source
explicitly allows them (only the demo and the tests do).
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, LocationParseError, NameResolutionError, NewConnectionError
from urllib3.util import Url, parse_url
from urllib3.util.connection import allowed_gai_family
from urllib3.util.timeout import _DEFAULT_TIMEOUT

from crawler.settings import FetchSettings, fetch_settings
from records.pages import FetchFailure, FetchResult


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

    def record(self, url: str) -> FetchFailure:
        """This failure of ``url`` as the record the warehouse stores."""
        return FetchFailure(url, str(self), self.transient, getattr(self, "attempted", True), refused=self.final)


Resolver = Callable[[str, int], Sequence[tuple]]
"""``(host, port) -> getaddrinfo-style tuples``; the addresses a connection may use."""

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052 well-known prefix, IPv4 in the low 32 bits
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215 local-use prefix: never public
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d


def system_resolver(host: str, port: int) -> Sequence[tuple]:
    """The system's answer, asked the way urllib3 asks (IPv4 and IPv6 when the machine has IPv6)."""
    return socket.getaddrinfo(host, port, allowed_gai_family(), socket.SOCK_STREAM)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, compatible, NAT64, 6to4), else None."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def non_public_reason(address: str) -> str | None:
    """None when ``address`` (an IP) is public, else the address as refused ("::ffff:10.0.0.1 (embeds ...)").

    Anything not ``is_global``, plus multicast, reserved, unspecified, loopback, link-local and
    site-local; an IPv6 form that carries an IPv4 address is judged by that IPv4 address.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 scope id
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64_LOCAL:
            return str(ip)
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return f"{ip} (embeds {embedded})" if non_public_reason(str(embedded)) else None
        if ip.is_site_local:
            return str(ip)
    if (not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified or ip.is_loopback
            or ip.is_link_local or ip.is_private):
        return str(ip)
    return None


class AddressRefused(FetchError):
    """A connection refused by the address guard (raised inside urllib3, re-raised per URL by Fetcher)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, final=True)


@dataclass(frozen=True, slots=True, eq=False)
class AddressGuard:
    """Resolve a host once, check every address, connect to a checked one (no second lookup to rebind)."""

    allow_private: bool
    resolver: Resolver = system_resolver

    def connect(self, host: str, port: int, timeout: Any, source_address: tuple[str, int] | None,
                socket_options: Sequence[tuple] | None) -> socket.socket:
        infos = list(self.resolver(host.strip("[]"), port))
        if not infos:
            raise socket.gaierror(f"no addresses for {host}")
        if not self.allow_private:
            for info in infos:
                refused = non_public_reason(info[4][0])
                if refused:
                    raise AddressRefused(f"resolves to non-public address {refused}; refused "
                                         "(set allow_private in the source to permit)")
        err: OSError | None = None
        for family, socktype, proto, _canon, sockaddr in infos:  # as urllib3's create_connection
            sock = socket.socket(family, socktype, proto)
            try:
                for opt in socket_options or ():
                    sock.setsockopt(*opt)
                if timeout is not _DEFAULT_TIMEOUT:
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                err = exc
                sock.close()
        assert err is not None
        raise err


class _GuardedConnectionMixin:
    """``_new_conn`` through the pool manager's AddressGuard; Host header, SNI and certificate use the name."""

    def __init__(self, *args: Any, guard: AddressGuard, **kwargs: Any) -> None:
        self._guard = guard
        super().__init__(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        # mirrors urllib3.connection.HTTPConnection._new_conn, with the guard instead of create_connection
        try:
            sock = self._guard.connect(self._dns_host, self.port, self.timeout, self.source_address,
                                       self.socket_options)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out. "
                                            f"(connect timeout={self.timeout})") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc
        sys.audit("http.client.connect", self, self.host, self.port)
        return sock


class _GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class _GuardedHTTPConnectionPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSConnectionPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedPoolManager(urllib3.PoolManager):
    """A PoolManager whose every connection goes through ``guard`` (one manager per allow_private policy,
    so a connection opened for a source that allows private addresses is never reused for one that does not)."""

    def __init__(self, guard: AddressGuard, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.guard = guard
        self.pool_classes_by_scheme = {"http": _GuardedHTTPConnectionPool, "https": _GuardedHTTPSConnectionPool}

    def _new_pool(self, scheme: str, host: str, port: int,
                  request_context: dict[str, Any] | None = None) -> urllib3.HTTPConnectionPool:
        # urllib3 documents _new_pool as the place to customise pools; the guard reaches each connection
        context = dict(self.connection_pool_kw if request_context is None else request_context)
        context["guard"] = self.guard
        return super()._new_pool(scheme, host, port, context)


def check_url(url: str, label: str | None = None) -> Url:
    """``url`` parsed by urllib3 (the parser that connects); FetchError(final) unless it is a plain http(s) URL.

    ``label`` starts the message (default ``url``). Backslashes and userinfo are refused outright: parsers
    disagree on them (``http://127.0.0.1\\@news.example/`` is news.example to urlsplit, 127.0.0.1 to urllib3).
    """
    label = label or url
    if "\\" in url:
        raise FetchError(f"{label}: backslash in URL; refused", final=True)
    try:
        parts = parse_url(url)
    except LocationParseError as exc:
        raise FetchError(f"{label}: malformed URL, not fetched ({exc})", final=True) from exc
    if parts.scheme not in ("http", "https") or not parts.host:
        raise FetchError(f"{label}: only http(s) URLs with a host can be fetched", final=True)
    try:
        parts.host.encode("idna")  # as urllib3 before connecting; getaddrinfo would raise UnicodeError
    except UnicodeError as exc:
        raise FetchError(f"{label}: malformed URL, not fetched (host {parts.host!r}: {exc})", final=True) from exc
    authority = url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if parts.auth is not None or "@" in authority:
        raise FetchError(f"{label}: user name or password in URL; refused", final=True)
    return parts


class Fetcher:
    """One connection pool with retries; reuse it for a whole crawl.

    Defaults come from ``crawler/settings.toml`` (``NEWSFACTS_FETCH_*`` overrides);
    keyword arguments override both.
    """

    def __init__(self, settings: FetchSettings | None = None, *, retries: int | None = None,
                 backoff: float | None = None, max_bytes: int | None = None,
                 resolver: Resolver | None = None) -> None:
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
        self.resolver = resolver or system_resolver
        self.pools = {  # allow_private -> its own pools: connections are never shared across policies
            allow: _GuardedPoolManager(
                AddressGuard(allow, self.resolver), retries=retry,
                timeout=urllib3.Timeout(connect=st.connect_timeout, read=st.read_timeout),
                headers={"User-Agent": st.user_agent},
            )
            for allow in (False, True)
        }

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
        pool = self.pools[bool(allow_private)]
        for _hop in range(max_redirects + 1):
            # redirects are followed here, not by urllib3, so every hop passes the URL check and its
            # connection the address guard
            where = url if final_url == url else f"{url}: redirect to {final_url}"
            target = check_url(final_url, where)
            try:
                resp = pool.request("GET", target.url, headers=headers, preload_content=False, redirect=False)
            except AddressRefused as exc:
                raise FetchError(f"{where}: {exc}", final=True) from exc
            except urllib3.exceptions.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
            location = resp.headers.get("Location")
            if resp.status in (301, 302, 303, 307, 308) and location:
                resp.drain_conn()
                resp.release_conn()
                if "\\" in location:
                    raise FetchError(f"{url}: redirect Location {location!r} has a backslash; refused", final=True)
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
