"""The spaCy pipeline: ``spacy.blank("en")`` + sentencizer + our own fact components.

Each component wraps one plain extractor (people, counts, dates) and stores its
results on the Doc (``doc._.mentions``, ``doc._.counts``, ``doc._.dates``), so the
extractors stay testable without spaCy's machinery and the pipeline stays a
normal spaCy ``Language`` that ``nlp.pipe`` can stream.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors.counts import find_counts
from extractors.dates import find_dates
from extractors.model import CountFact, DateFact, Mention, Person
from extractors.people import find_mentions
from extractors.text import Article

for _name in ("published", "mentions", "counts", "dates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("newsfacts_people")
def people_component(doc: Doc) -> Doc:
    doc._.mentions = find_mentions(doc)
    return doc


@Language.component("newsfacts_counts")
def counts_component(doc: Doc) -> Doc:
    doc._.counts = find_counts(doc.text)
    return doc


@Language.component("newsfacts_dates")
def dates_component(doc: Doc) -> Doc:
    doc._.dates = find_dates(doc.text, doc._.published)
    return doc


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The default pipeline; needs no downloaded model."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("newsfacts_people")
    nlp.add_pipe("newsfacts_counts")
    nlp.add_pipe("newsfacts_dates")
    return nlp


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

    def sentence_of(self, start: int) -> tuple[int, int, str]:
        """The sentence (start, end, text) that contains character ``start``."""
        i = bisect.bisect_right(self.sentence_starts, start) - 1
        if i < 0:
            return 0, 0, ""
        s, e = self.sentence_starts[i], self.sentence_ends[i]
        return s, e, self.article.text[s:e]


def parse_date(value: str | None) -> date | None:
    """The ISO date at the start of ``value``, or None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def extract_pages(articles: Iterable[Article], batch_size: int = 32) -> Iterator[PageFacts]:
    """Run the spaCy pipeline over articles, streaming one PageFacts per article.

    People are *not* resolved here: call ``resolve_pages`` over the pages that
    must share ids (one call, one batch, or the warehouse's known people).
    """
    nlp = build_nlp()

    def docs() -> Iterator[tuple[Doc, Article]]:
        for art in articles:
            doc = nlp.make_doc(art.text)
            doc._.published = parse_date(art.published)
            yield doc, art

    stream = docs()
    pairs = ((d, a) for d, a in stream)
    for doc, art in _pipe(nlp, pairs, batch_size):
        sents = list(doc.sents)
        yield PageFacts(
            article=art,
            mentions=doc._.mentions or [],
            counts=doc._.counts or [],
            dates=doc._.dates or [],
            sentence_starts=[s.start_char for s in sents],
            sentence_ends=[s.end_char for s in sents],
        )


def _pipe(nlp: Language, pairs: Iterable[tuple[Doc, Article]], batch_size: int):
    """nlp.pipe over prepared Docs, keeping each Doc's article alongside."""
    return nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)


def resolve_pages(pages: list[PageFacts],
                  decisions: dict[tuple[str, str], bool] | None = None) -> list[tuple[str, str, float]]:
    """Give every page's people ids that agree across all ``pages``.

    ``decisions`` are recorded review answers (see ``warehouse.review``); the
    return value lists the uncertain pairs of spellings that were not merged.
    """
    from gazetteer.resolve import Resolver, default_resolver

    resolver = Resolver(decisions=decisions) if decisions else default_resolver()
    resolution = resolver.resolve([p.mentions for p in pages])
    for page, people in zip(pages, resolution.people, strict=True):
        page.people = people
    return resolution.uncertain
