"""Pages as the crawler fetched them, as the warehouse archives them, and as text extraction leaves them.

Plain records passed between stages: the crawler makes ``FetchResult``/``FetchFailure``/``FeedState``,
the warehouse stores them and hands back ``RawPage``s, text extraction makes an ``Article``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(slots=True)
class FetchResult:
    """One page as fetched: the URL asked for, where redirects ended, status, body and validators."""

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """A URL that could not be fetched or was refused, with the reason to record.

    ``transient``: a later run should try again (timeouts, 5xx, 429); ``attempted``: a request was made
    (False when the host was skipped, e.g. for an unreadable robots.txt: not counted as an attempt);
    ``refused``: turned down before any request (robots.txt disallows, malformed URL, non-public address),
    which is no sign of a broken crawl.
    """

    url: str
    reason: str
    transient: bool
    attempted: bool = True
    refused: bool = False


@dataclass(frozen=True)
class FeedState:
    """What a feed or sitemap said last time, and the validators to ask whether that changed.

    On a 304 the stored links stand in for the body, so a URL that failed last
    time is still retried even though its feed did not change.
    """

    url: str
    kind: str  # feed | sitemap
    etag: str | None = None
    last_modified: str | None = None
    links: tuple[str, ...] = ()
    children: tuple[str, ...] = ()  # child sitemaps of a sitemap index


@dataclass(slots=True)
class RawPage:
    """One archived page, decompressed, ready for extraction."""

    id: int
    url: str
    final_url: str
    body: bytes
    fetched_at: datetime
    language: str | None


@dataclass(slots=True)
class Article:
    """The text of one page plus the metadata the warehouse keeps.

    ``published`` is parsed once, where the page's metadata is read; ``canonical_url`` is the URL the
    article is filed under (tracking parameters stripped, a ``rel=canonical`` only on the page's own site).
    """

    url: str | None
    canonical_url: str | None
    title: str | None
    published: date | None
    author: str | None
    site: str | None
    language: str | None
    text: str
    #: characters of the extracted text before it was cut to ``max_text_chars``; None: not cut
    truncated_from: int | None = None
    #: when the page was fetched (the archive's time); None for a page read from disk
    fetched_at: datetime | None = None

    @property
    def content_hash(self) -> str:
        """Hash of the normalised text (:func:`normalised_text`): the same story under two URLs has one hash."""
        return hashlib.sha256(normalised_text(self.text).encode("utf-8")).hexdigest()

    @property
    def cut_note(self) -> str | None:
        """The failure reason that records a cut text, or None."""
        if self.truncated_from is None:
            return None
        return f"text cut at {len(self.text):,} of {self.truncated_from:,} characters"


def normalised_text(text: str) -> str:
    """``" ".join(text.split()).casefold()``: white space runs made one space, case folded.

    Two shortcuts, each giving that string: a text whose only white space is single spaces and line breaks
    between words (trafilatura's text, nearly always) needs no split (its line breaks become spaces; every other
    white space character is unprintable, so ``isprintable`` rules them out), and an ASCII text's ``casefold`` is
    its ``lower``. ~3x faster on an article (~100 -> ~30 us); ``tests/records/test_normalised_text.py`` checks it
    against the plain way.
    """
    flat = text.replace("\n", " ")
    if not (flat.isprintable() and "  " not in flat and flat[:1] != " " and flat[-1:] != " "):
        flat = " ".join(text.split())
    return flat.lower() if flat.isascii() else flat.casefold()
