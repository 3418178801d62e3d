"""The prefix-scan fast paths equal the plain regex scans they stand for, on generated text.

``dates._anchors``, ``dates._anaphors`` and ``counts._numbers`` find candidate start positions with
``str.find`` on a folded copy (``numbers.word_starts``, ``digit_starts``) and match only there
(``numbers.matches_at``); each must give exactly the matches of ``PATTERN.finditer(text)``. The texts
mix every calendar word (in several cases, glued to letters, digits and hyphens), numbers, number
words, punctuation, filler and a few non-ASCII characters, including those that send the scan down the
plain path.
"""

from __future__ import annotations

import random

import pytest

from extractors import counts, dates
from extractors.numbers import TENS, UNITS
from gazetteer.calendar import load_calendar


def _vocabulary() -> list[str]:
    cal = load_calendar()
    words = [*cal.months, *cal.month_abbreviations, *cal.weekdays, *cal.weekday_abbreviations, *cal.seasons,
             *cal.ordinals, "today", "yesterday", "tomorrow", "week", "weeks", "month", "year", "years", "decade",
             "ago", "century", "weekend", "day", "days", "before", "after", "earlier", "later", "previous",
             "following", "the", "a", "an", "in", "on", "last", "next", "this", "of", "since", "people",
             "prisoners", "dozen", "hundred", "thousand", "million", "half", "and", "or", "to",
             *UNITS, *TENS]
    return [v for w in words for v in (w, w.lower(), w.upper(), w.capitalize())]


_FILLER = ["x", "Mayor", "Marchers", "Junes", "yearly", "Sundays", "agony", "centurylink", "weekday", "todays",
           "Éclair", "naïve", "Σ", "ß", "_", "mon_day"]
#: phrases the scans look for around a word ("the day before", "half a dozen")
_PHRASES = ["the day before", "a year earlier", "two days  later", "The following month", "the previous week",
            "a month earlier than", "the day before the vote", "3 weeks ago", "a dozen", "half a dozen",
            "A MILLION", "a\nhundred", "half  a thousand", "twenty-one", "at the weekend", "last summer",
            "in spring", "the 20th century", "twentieth century", "five years ago", "an hour before"]
#: characters whose case folding does not line up with ASCII: a text with one is scanned the plain way
_EXOTIC = ["İstanbul", "ſun", "\u212a"]
_PUNCT = [" ", " ", " ", "  ", "\n", ", ", ". ", "-", "–", "'", "’", "s", "/", ".", ",", ":", "$", "%", "(", ")",
          "\u00a0", "\t"]


def _number(rng: random.Random) -> str:
    return rng.choice([str(rng.randint(0, 31)), str(rng.randint(1890, 2030)),
                       f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}", f"{rng.randint(1, 9)}.{rng.randint(0, 99)}",
                       "1990s", "90s", "20th", "3rd", "0", "007"])


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = _vocabulary()
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 60)):
            r = rng.random()
            part = (rng.choice(vocab) if r < 0.5 else rng.choice(_PHRASES) if r < 0.6 else _number(rng) if r < 0.8
                    else rng.choice(_FILLER))
            parts.append(part)
            parts.append(rng.choice(_PUNCT) if rng.random() < 0.85 else "")  # sometimes glued to the next word
        if rng.random() < 0.1:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(_EXOTIC))
        out.append("".join(parts))
    return out


TEXTS = _texts(600, seed=20250828)


def _spans(matches) -> list[tuple[int, int, str | None, str]]:
    return [(m.start(), m.end(), m.lastgroup, m.group()) for m in matches]


def test_the_generated_texts_reach_both_paths_and_every_anchor_kind():
    assert sum(dates.folded(t) is None for t in TEXTS) > 20  # plain path (İ, ſ, K sign)
    assert sum(dates.folded(t) is not None for t in TEXTS) > 450
    kinds = {m.lastgroup for t in TEXTS for m in dates.ANCHOR_RE.finditer(t)}
    assert kinds == {"num", "mon", "wd", "deic", "unit", "ago", "cen"}
    assert sum(bool(dates.ANAPHOR_RE.search(t)) for t in TEXTS) > 50


@pytest.mark.parametrize("i", range(0, len(TEXTS), 50))
def test_anchor_prefix_scan_equals_anchor_re(i):
    for text in TEXTS[i:i + 50]:
        assert _spans(dates._anchors(text, dates.folded(text))) == _spans(dates.ANCHOR_RE.finditer(text)), text


@pytest.mark.parametrize("i", range(0, len(TEXTS), 50))
def test_anaphor_scan_equals_anaphor_re(i):
    for text in TEXTS[i:i + 50]:
        assert _spans(dates._anaphors(text, dates.folded(text))) == _spans(dates.ANAPHOR_RE.finditer(text)), text


@pytest.mark.parametrize("i", range(0, len(TEXTS), 50))
def test_number_scan_equals_number_re(i):
    for text in TEXTS[i:i + 50]:
        assert _spans(counts._numbers(text)) == _spans(counts._NUMBER_RE.finditer(text)), text


def test_every_anchor_word_is_scanned():
    """Each spelling ANCHOR_RE knows is found by the prefix scan, alone and in a sentence."""
    for words in dates._ANCHOR_KINDS.values():
        for w in dates._spellings(words):
            for text in (w, f"It was {w}, then.", f"({w})"):
                assert _spans(dates._anchors(text, dates.folded(text))) == _spans(dates.ANCHOR_RE.finditer(text))
                assert any(m.group() == w for m in dates._anchors(text, dates.folded(text)))
