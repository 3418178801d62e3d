"""Canonical URLs: the same page reached with tracking parameters is one URL.

A small documented list rather than a general URL normaliser, so that nothing
that changes a page (``?page=2``, ``?id=7``) is ever dropped: only parameters
that exist to attribute a click (campaign tags, click ids, newsletter ids).
Scheme and host are lower-cased, default ports and the fragment dropped; path
and the order of the remaining parameters are kept.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
