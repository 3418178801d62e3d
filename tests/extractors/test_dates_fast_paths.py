"""The dates extractor's early exits never skip a match of the pattern they stand for, over generated date-like
texts (those of ``test_fast_scans``), generated pages and the edge cases below.

* ``dates._num_may_match`` lets ``find_dates`` skip a number anchor where ``NUM_RE`` cannot match;
* ``dates._rel_may_end`` lets ``_on_unit`` skip ``REL_BEFORE_RE`` ("last", "this", "next" ... before a unit);
* ``dates._anaphor_unit`` lets ``_anaphors`` skip a unit word that no ``ANAPHOR_RE`` match ends on (the scan as a
  whole is compared with the regex in ``test_fast_scans``);
* ``numbers.word_before`` equals the plain loop over ``_is_word_char``.
"""

from __future__ import annotations

import random
from datetime import date

from benchmarks.pages import article
from extractors import dates, numbers
from tests.extractors.test_fast_scans import TEXTS

_EDGES = ["in 2021", "the 1990s", "the 90's", "11.09.2025", "9/11/2025", "the 20th century", "3 weeks ago",
          "3-weeks ago", "28 August 2025", "28th of August", "15\tMay", "2009-2010", "1957-58", "2025-08-28",
          "14 prisoners", "150,000", "2.5 million", "007", "12345", "0 days", "3  Decade ago", "last  year",
          "LAST Year", "the current fiscal year", "this\nweek", "the coming\u00a0month", "blast year", "ſlast year",
          "the day before,", "a year earlier", "The Following month", "two days  later", "the previous\nweek",
          "days after", "weeks earlier than", "the next  year", "yearly after"]


def _texts() -> list[str]:
    rng = random.Random(7)
    out = [*TEXTS, *_EDGES, " ".join(_EDGES)]
    for _ in range(40):
        title, paragraphs = article(rng, date(2025, 6, 1))
        out.append("\n".join([title, *paragraphs]))
    return out


def test_number_anchors_skipped_never_match_num_re():
    matched = 0
    for text in _texts():
        for a in dates.ANCHOR_RE.finditer(text):
            if a.lastgroup == "num" and dates.NUM_RE.match(text, a.start()):
                matched += 1
                assert dates._num_may_match(text, a.start(), a.end()), (text, a.start())
    assert matched > 500, matched


def test_rel_before_is_searched_wherever_it_can_match():
    found = 0
    rng = random.Random(11)
    for text in _texts():
        for p in range(len(text) + 1):
            if p and not text[p - 1].isspace():
                continue  # REL_BEFORE_RE ends with white space
            lo = max(0, p - rng.choice([3, 12, dates._BACK]))
            if dates.REL_BEFORE_RE.search(text, lo, p):
                found += 1
                assert dates._rel_may_end(text, lo, p), (text, lo, p)
    assert found > 200, found


def test_anaphor_units_skipped_end_no_match():
    found = 0
    for text in _texts():
        low = dates.folded(text)
        if low is None:
            continue
        for m in dates.ANAPHOR_RE.finditer(text):
            found += 1
            unit = m.start("u") if m["u"] else m.start("u2")
            assert dates._anaphor_unit(text, low, unit), (text, m.group())
    assert found > 50, found


def _plain_word_before(text: str, i: int) -> int:
    j = i
    while j and text[j - 1].isspace():
        j -= 1
    if j == i or not j or not numbers._is_word_char(text[j - 1]):
        return -1
    while j and numbers._is_word_char(text[j - 1]):
        j -= 1
    return j


def test_word_before_equals_the_plain_loop():
    for text in _texts()[:200] + ["", " ", "a ", " a", "_x  y", "é  ", "1 2"]:
        for i in range(len(text) + 1):
            assert numbers.word_before(text, i) == _plain_word_before(text, i), (text, i)
