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
#: what happened to the people of an event (eval/README.md §3)
EVENT_KINDS = ("release", "detention", "sentence", "held")


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
    """A number of people: ``value`` (low end of a range), ``high`` for ranges.

    ``anaphoric`` is true when the number was written without its noun ("14 of them were moved",
    "another 30 were freed", "freed 5 and 7 prisoners, respectively") and ``unit`` was taken from the
    phrase it refers to: the figure is often a part of a tally reported before, which analysts weigh apart.
    It defaults to false so that code building counts with a noun of their own needs no change.
    """

    value: int
    high: int | None
    qualifier: str
    unit: str
    text: str
    start: int
    end: int
    anaphoric: bool = False


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


@dataclass(frozen=True, slots=True)
class EventFact:
    """One happening a page reports: people released, detained, sentenced, or a stock still held.

    Several sentences of a page may report one happening ("52 prisoners were freed on Thursday ...
    the 52 include ..."): they are one EventFact. ``start``/``end`` cover the sentence that reports it
    first (provenance), ``text`` is that sentence. ``subjects`` are mentions naming the people it
    happened to (never the actor who pardoned or the envoy who brokered); their person ids are known
    once the page's people are resolved (:meth:`PageFacts.event_people`). ``count_start`` and
    ``date_start`` are the offsets of the count and date facts the event took its figures from.
    """

    kind: str                      # one of EVENT_KINDS
    proposed: bool                 # offered, planned, negotiated or demanded; not done
    date: str | None               # normalised as DateFact.value; None: the page ties no date to it
    count: int | None              # people it concerns, when stated (low end of a range)
    high: int | None
    qualifier: str | None          # one of QUALIFIERS when count is set
    subjects: tuple[Mention, ...]
    trigger: str                   # the word or phrase that reports it, as written ("were freed")
    text: str
    start: int
    end: int
    count_start: int | None = None
    date_start: int | None = None


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
    #: events the page reports, in text order (``extractors.events``)
    events: list[EventFact] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        """What was left out of this page (a cut text, dropped names): one reason each, for the failures table."""
        out = []
        if self.article.cut_note:
            out.append(self.article.cut_note)
        if self.names_total is not None:
            out.append(f"page names {self.names_total:,} distinct people; the first {self.names_kept:,} kept")
        return out

    def event_people(self, event: EventFact) -> list[str]:
        """Ids of the resolved people an event happened to, in order of first mention, each once."""
        return event_people_of(self.mention_owners(), event)

    def mention_owners(self) -> dict[int, str]:
        """``mention start → resolved person id`` of the page (build once for many events)."""
        return {m.start: p.id for p in self.people for m in p.mentions}

    def sentence_of(self, start: int) -> tuple[int, int, str]:
        """The sentence (start, end, text) that contains character ``start``."""
        i = bisect.bisect_right(self.sentence_starts, start) - 1
        if i < 0:
            return 0, 0, ""
        s, e = self.sentence_starts[i], self.sentence_ends[i]
        return s, e, self.article.text[s:e]


def event_people_of(owner: dict[int, str], event: EventFact) -> list[str]:
    """:meth:`PageFacts.event_people` from the page's :meth:`PageFacts.mention_owners`, built once a page."""
    out: list[str] = []
    for m in event.subjects:
        pid = owner.get(m.start)
        if pid is not None and pid not in out:
            out.append(pid)
    return out
