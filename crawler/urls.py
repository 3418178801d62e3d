"""Canonical URLs: the same page reached with tracking parameters is one URL.

A small documented list rather than a general URL normaliser, so that nothing
that changes a page (``?page=2``, ``?id=7``) is ever dropped: only parameters
that exist to attribute a click (campaign tags, click ids, newsletter ids).
Scheme and host are lower-cased, default ports and the fragment dropped; path
and the order of the remaining parameters are kept.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import urllib3

#: parameter-name prefixes that only track a click (Google Analytics / Matomo / Piwik campaign tags)
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")
#: exact parameter names that only track a click (ad click ids, mail and social platform ids)
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
    "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "ref_src", "ncid", "cmpid", "s_cid", "at_medium",
    "at_campaign", "ito", "guccounter", "guce_referrer", "guce_referrer_sig",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking(name: str) -> bool:
    """True for a query parameter that only says where a click came from."""
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """``url`` without tracking parameters or fragment, with a lower-case scheme and host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def check_url(url: str) -> None:
    """Raise ValueError, with the reason, when ``url`` is malformed beyond fetching.

    Catches what would otherwise surface deep inside the stack as a ValueError or
    UnicodeError: a port out of range or not a number, a broken IPv6 literal, a
    host with a space or other invalid character, an empty or over-63-character
    label, or a name IDNA cannot encode.
    """
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises on "99999" or "abc"
        urllib3.util.parse_url(url.strip())  # invalid host characters, invalid IDNA labels
        host = parts.hostname or ""
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if host:
                host.encode("idna")  # as the resolver will: label length, empty labels
    except (ValueError, UnicodeError) as exc:  # LocationParseError is a ValueError
        raise ValueError(f"malformed URL ({exc})") from exc
