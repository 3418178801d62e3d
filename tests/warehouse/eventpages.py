"""Hand-built pages with events for the warehouse's event tests (no spaCy: the facts are given, offsets exact)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from records.facts import CountFact, DateFact, EventFact, Mention, PageFacts, Person
from records.pages import Article
from warehouse.load import article_id

#: person id → spellings, the canonical one first; every occurrence of a spelling in a page's text is a
#: mention of that person
PEOPLE = {"p-siarhei": ("Siarhei Tsikhanouski", "Sergei Tikhanovsky", "Tikhanovsky"),
          "p-sviatlana": ("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya"),
          "p-mikalai": ("Mikalai Statkevich",), "p-ales": ("Ales Bialiatski",), "p-maria": ("Maria Kalesnikava",),
          "p-alexander": ("Alexander Lukashenko", "Lukashenko"), "p-ihar": ("Ihar Losik",)}


@dataclass
class Ev:
    """An event of a page: its kind and figures, the sentence (by index) that reports it, its subjects' ids.

    ``count_text``/``date_text``: the count and date facts it took its figures from (found in its sentence).
    """

    kind: str
    sentence: int = 0
    date: str | None = None
    count: int | None = None
    people: tuple[str, ...] = ()
    proposed: bool = False
    qualifier: str | None = None
    high: int | None = None
    trigger: str = "freed"
    count_text: str | None = None
    date_text: str | None = None


def url(slug: str) -> str:
    return f"http://news.example/{slug}"


def aid(slug: str) -> str:
    """The article id the page of ``slug`` lands under."""
    return article_id(url(slug))


def page(slug: str, published: date | None, sentences: list[str], events: list[Ev] = (),
         site: str = "example.test", version: str = "v1", fetched_at: datetime | None = None) -> PageFacts:
    """A page whose text is ``sentences`` joined by spaces, with the people of ``PEOPLE`` it names, the counts
    and dates its events name, and ``events``. ``fetched_at`` None: the time it is loaded."""
    text = " ".join(sentences)
    starts, ends, pos = [], [], 0
    for s in sentences:
        starts.append(pos)
        ends.append(pos + len(s))
        pos += len(s) + 1
    people: list[Person] = []
    mentions: list[Mention] = []
    taken: set[int] = set()
    for pid, spellings in PEOPLE.items():
        found = []
        for name in sorted(spellings, key=len, reverse=True):  # "Alexander Lukashenko" before "Lukashenko"
            for m in re.finditer(rf"\b{re.escape(name)}\b", text):
                if not taken.intersection(range(m.start(), m.end())):
                    taken.update(range(m.start(), m.end()))
                    found.append(Mention(name, name, m.start(), m.end()))
        if found:
            people.append(Person(pid, spellings[0], sorted(found, key=lambda m: m.start)))
            mentions += found
    mentions.sort(key=lambda m: m.start)
    counts: list[CountFact] = []
    dates: list[DateFact] = []
    facts: list[EventFact] = []
    for ev in events:
        s, e = starts[ev.sentence], ends[ev.sentence]
        count_start = date_start = None
        if ev.count_text:
            count_start = text.index(ev.count_text, s)
            counts.append(CountFact(ev.count, ev.high, ev.qualifier or "exact", "prisoners", ev.count_text,
                                    count_start, count_start + len(ev.count_text)))
        if ev.date_text:
            date_start = text.index(ev.date_text, s)
            dates.append(DateFact(ev.date, ev.date_text, date_start, date_start + len(ev.date_text)))
        subjects = tuple(m for m in mentions if s <= m.start < e and
                         any(p.id in ev.people and m in p.mentions for p in people))
        facts.append(EventFact(ev.kind, ev.proposed, ev.date, ev.count, ev.high,
                               (ev.qualifier or "exact") if ev.count is not None else None, subjects, ev.trigger,
                               text[s:e], s, e, count_start, date_start))
    art = Article(url=url(slug), canonical_url=url(slug), title=sentences[0], published=published, author=None,
                  site=site, language="en", text=text, fetched_at=fetched_at)
    return PageFacts(article=art, mentions=mentions, counts=counts, dates=dates, sentence_starts=starts,
                     sentence_ends=ends, people=people, fingerprint=None, extractor_version=version,
                     events=facts)
