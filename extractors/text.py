"""Main text and metadata of a news page, with trafilatura.

The publication date comes from the page's own metadata (``article:published_time``,
``<time>``, JSON-LD ...), because relative dates in the text are normalised
against it.
"""

from __future__ import annotations

import gzip
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from tld import get_fld
from tld.utils import MozillaTLDSourceParser

from extractors.boilerplate import load_boilerplate
from extractors.settings import extract_settings
from records.pages import Article

#: "2": promotional boxes pruned and credit lines dropped (``extractors/boilerplate.yaml``)
EXTRACTOR_VERSION = "2"
#: og:type values of pages that list articles rather than being one (home and section pages)
NON_ARTICLE_TYPES = frozenset({"website", "profile", "product"})
#: leading bytes of files that servers sometimes label text/html
BINARY_MAGIC = ((b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP archive"), (b"\x89PNG", "PNG image"),
                (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"), (b"\x1f\x8b", "gzip data"))


class _OfflinePublicSuffixList(MozillaTLDSourceParser):
    """The Public Suffix List shipped inside the ``tld`` package, never fetched.

    ``tld`` downloads the list when its local copy cannot be read; with no source URL and no update
    step, a missing copy makes every lookup fail (the canonical URL is then ignored) instead.
    """

    uid = "newsfacts-offline-psl"
    source_url = ""

    @classmethod
    def update_tld_names(cls, fail_silently: bool = False) -> bool:
        return False


def registrable_domain(url: str | None) -> str | None:
    """The registrable domain of an http(s) ``url`` ("bbc.co.uk" for www.bbc.co.uk), or None."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        fld = get_fld(url, fail_silently=True, parser_class=_OfflinePublicSuffixList)
    except (TypeError, ValueError, KeyError):  # an unreadable list or URL: no domain
        return None
    return fld.lower() if isinstance(fld, str) else None


def choose_canonical(declared: str | None, fetched: str | None) -> str | None:
    """The page's canonical URL: the one it declares when on the fetched URL's registrable domain.

    A ``rel=canonical`` (or og:url) pointing at another site would make the warehouse cite that site
    as the source, so it is ignored and the fetched URL kept; so is a malformed one. Hosts the list
    does not know (an IP address, ``localhost``) must be equal. Without a fetched URL (a saved file)
    there is nothing to compare with and the declared URL is kept.
    """
    if not declared or declared == fetched:
        return fetched or declared
    if not fetched:
        return declared
    return declared if _same_site(declared, fetched) else fetched


def _same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one registrable domain; hosts outside the Public Suffix List (an IP
    address, ``localhost``, ``example.test``) must be equal instead."""
    try:
        ha, hb = urlsplit(a).hostname, urlsplit(b).hostname
    except ValueError:  # "http://[bad"
        return False
    if not ha or not hb or not a.lower().startswith(("http://", "https://")):
        return False
    da, db = registrable_domain(a), registrable_domain(b)
    if da and db:
        return da == db
    return da is None and db is None and ha == hb


#: how far before the cap a cut looks for a sentence end, then for whitespace
CUT_WINDOW = 10_000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s")


def cut_text(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the last sentence end (else whitespace) before it.

    Only the last ``CUT_WINDOW`` characters before the cap are searched: with no sentence end or
    whitespace there (one enormous token), the cut is at the cap itself.
    """
    if len(text) <= limit:
        return text
    lo = max(0, limit - CUT_WINDOW)
    window = text[lo:limit + 1]  # one more: a sentence ending right at the cap keeps its last character
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() - 1 <= limit - lo]
    if ends:
        return text[:lo + ends[-1]].rstrip()
    space = max(window.rfind(c, 0, limit - lo + 1) for c in (" ", "\n", "\t"))
    if space > 0:
        return text[:lo + space].rstrip()
    return text[:limit]


def cap_article(art: Article, limit: int) -> Article:
    """Cut ``art``'s text to ``limit`` characters (see :func:`cut_text`), recording the length it had."""
    if len(art.text) > limit:
        full = len(art.text)
        art.text = cut_text(art.text, limit)
        art.truncated_from = art.truncated_from or full
    return art


class ExtractionError(Exception):
    """A page that yields no article text; the message says which page and why.

    Raised as such, the page is broken (empty, no text where an article was expected): a failure.
    Its subclass :class:`NotAnArticle` says the page is fine but is not an article: a skip.
    """


class NotAnArticle(ExtractionError):
    """A page that is not an article (a home or section page, a PDF or other file): skipped, not failed."""


def read_page(path: str | Path) -> bytes:
    """Bytes of a saved page; ``.gz`` files are decompressed."""
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def sniff_binary(data: bytes) -> str | None:
    """What a body that is not text really is ("PDF", "binary data"), or None for text.

    Servers label PDFs and other files ``text/html``; looking at the bytes gives
    a clear reason instead of trafilatura's "no main text".
    """
    head = data[:4096]
    for magic, kind in BINARY_MAGIC:
        if head.lstrip().startswith(magic):
            return kind
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return "binary data" if head and controls / len(head) > 0.05 else None


def parse_date(value: str | None) -> date | None:
    """The ISO date at the start of a metadata value (trafilatura gives ``YYYY-MM-DD``), or None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _pagetype(html: str) -> str | None:
    """The page's declared type (og:type) from its metadata alone, for a page with no main text."""
    try:
        return trafilatura.extract_metadata(html).pagetype
    except Exception:  # noqa: BLE001 - metadata of a page already being refused: no type
        return None


def extract_article(html: bytes | str, url: str | None = None) -> Article:
    """Extract main text and metadata from ``html``; raise ExtractionError if there is none."""
    if isinstance(html, bytes):
        kind = sniff_binary(html)
        if kind:
            raise NotAnArticle(f"{url or 'page'}: not an HTML page ({kind}); skipped")
        html = trafilatura.utils.decode_file(html)
    if not html or not html.strip():
        raise ExtractionError(f"{url or 'page'}: empty document")
    boilerplate = load_boilerplate()
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        deduplicate=False, prune_xpath=boilerplate.prune_xpath,
    )
    if doc is None or not (doc.text or "").strip():
        pagetype = doc.pagetype if doc is not None else _pagetype(html)
        if (pagetype or "").lower() in NON_ARTICLE_TYPES:  # an index page: nothing to extract, as expected
            raise NotAnArticle(f"{url or 'page'}: not an article (og:type {pagetype!r}, no main text); skipped")
        raise ExtractionError(f"{url or 'page'}: trafilatura found no main text")
    if (doc.pagetype or "").lower() in NON_ARTICLE_TYPES:
        raise NotAnArticle(f"{url or 'page'}: not an article (og:type {doc.pagetype!r}); skipped")
    art = Article(
        url=url or doc.url,
        canonical_url=choose_canonical(doc.url, url),
        title=doc.title,
        published=parse_date(doc.date),
        author=doc.author,
        site=doc.sitename or doc.hostname,
        language=doc.language,
        text=boilerplate.drop_credits(doc.text),
    )
    return cap_article(art, extract_settings().max_text_chars)
