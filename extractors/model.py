"""Plain records passed between stages: what an extractor found and where.

Every fact carries character offsets into the extracted article text, so the
warehouse can show its provenance (sentence, offsets) next to the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
