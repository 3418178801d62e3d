"""What the extractors found in one article, and the people it names once resolved.

Every fact carries character offsets into the extracted article text, so the warehouse can show its
provenance (sentence, offsets) next to the value. ``PageFacts`` holds everything of one page, with the
finished values the warehouse stores (fingerprint, extractor version) so storage recomputes nothing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from records.pages import Article

QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to", "fewer_than", "range")


@dataclass(frozen=True, slots=True)
class DateFact:
    """A calendar reference normalised against the publication date.

    ``value`` is ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www`` or
    ``YYYY-SP|SU|FA|WI`` (decades/centuries as ``199``/``19``), at the
    granularity the text gives.
    """

    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CountFact:
    """A number of people: ``value`` (low end of a range), ``high`` for ranges."""

    value: int
    high: int | None
    qualifier: str
    unit: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where a person is named.

    ``text`` is the surface form as written (titles included when they were
    matched, e.g. "President Alexander Lukashenko"); ``name`` is the bare name
    ("Alexander Lukashenko"); offsets cover ``text``. ``gazetteer_id`` is set
    when the gazetteer recognised the person.
    """

    text: str
    name: str
    start: int
    end: int
    gazetteer_id: str | None = None
    #: mentions of one page sharing a group name one person (e.g. a parenthesised
    #: alternate spelling, "Sergey Tikhanovsky (Siarhei Tsikhanouskiy)")
    group: int | None = None


@dataclass(slots=True)
class Person:
    """A resolved person: a stable id and every mention that names them."""

    id: str
    name: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class PageFacts:
    """Everything extracted from one article; people carry resolved ids."""

    article: Article
    mentions: list[Mention]
    counts: list[CountFact]
    dates: list[DateFact]
    sentence_starts: list[int]
    sentence_ends: list[int]
    people: list[Person] = field(default_factory=list)
    #: simhash of the text from the pipeline's tokens; None: too short to compare
    fingerprint: int | None = None
    #: the extraction code's version (``extractors.text.EXTRACTOR_VERSION``), stored with the article
    extractor_version: str = ""
    #: distinct names the page named when over ``max_names_per_page`` (only the first were kept); else None
    names_total: int | None = None
    #: distinct names kept when ``names_total`` is set
    names_kept: int | None = None

    @property
    def notes(self) -> list[str]:
        """What was left out of this page (a cut text, dropped names): one reason each, for the failures table."""
        out = []
        if self.article.cut_note:
            out.append(self.article.cut_note)
        if self.names_total is not None:
            out.append(f"page names {self.names_total:,} distinct people; the first {self.names_kept:,} kept")
        return out

    def sentence_of(self, start: int) -> tuple[int, int, str]:
        """The sentence (start, end, text) that contains character ``start``."""
        i = bisect.bisect_right(self.sentence_starts, start) - 1
        if i < 0:
            return 0, 0, ""
        s, e = self.sentence_starts[i], self.sentence_ends[i]
        return s, e, self.article.text[s:e]
