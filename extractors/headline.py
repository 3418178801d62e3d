"""Headline facts: a count or date in the headline that the body repeats is reported once, from the body.

trafilatura's text starts with the headline line, then the standfirst and the body. A news headline
usually restates the lead ("At least 300 journalists detained" / "At least 300 journalists have been
detained ..."), so the same number would land twice for one article and be summed twice by the views.
The headline is the first line of the text when it is ``Article.title`` (compared case- and
whitespace-insensitively); nothing else is treated as one.

- a headline count is dropped when a count after the headline has the same value, high end,
  qualifier and unit (case-insensitively): the body's copy stays, with its fuller sentence;
- a headline date is dropped when a date after the headline has the same value;
- a headline count or date the body does not repeat is kept: it is the only report of it;
- people named in the headline are always kept: each mention is a real place the person is named,
  with its own offsets (the views count articles per person with ``count(DISTINCT article_id)``).
"""

from __future__ import annotations

import re

from records.facts import CountFact, DateFact
from records.pages import Article

#: the characters ``str.splitlines`` breaks a line at
_LINE_BREAK_RE = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def headline_end(article: Article) -> int:
    """The offset in ``article.text`` where the headline line ends; 0 when the text opens with no headline."""
    title = _folded(article.title or "")
    if not title:
        return 0
    text = article.text
    first = _LINE_BREAK_RE.search(text)
    end = first.start() if first else len(text)
    return end if _folded(text[:end]) == title else 0


def _count_key(c: CountFact) -> tuple:
    return c.value, c.high, c.qualifier, c.unit.casefold()


def drop_headline_repeats(article: Article, counts: list[CountFact],
                          dates: list[DateFact]) -> tuple[list[CountFact], list[DateFact]]:
    """``counts`` and ``dates`` without the headline's facts that the body repeats (module docstring)."""
    end = headline_end(article)
    if not end:
        return counts, dates
    body_counts = {_count_key(c) for c in counts if c.start >= end}
    body_dates = {d.value for d in dates if d.start >= end}
    return ([c for c in counts if c.start >= end or _count_key(c) not in body_counts],
            [d for d in dates if d.start >= end or d.value not in body_dates])
