"""The prefix-scan fast paths equal the plain regex scans they stand for, on generated text.

``dates._anchors``, ``dates._anaphors`` and ``counts._numbers`` find candidate start positions with
``str.find`` on a folded copy (``numbers.word_starts``, ``digit_starts``) and match only there
(``numbers.matches_at``); each must give exactly the matches of ``PATTERN.finditer(text)``. The texts
mix every calendar word (in several cases, glued to letters, digits and hyphens), numbers, number
words, punctuation, filler and a few non-ASCII characters, including those that send the scan down the
plain path.

``numbers.word_starts`` and ``digit_starts`` themselves read the word and digit runs from one NumPy pass over
the text's code points (``numbers._TextScan``); they must give the positions of the plain ways
(``word_starts_plain``: a ``str.find`` pass a word, ``digit_starts_plain``: the regex ``\\d+``), and the
class of every code point must be the one ``re`` gives it.
"""

from __future__ import annotations

import random
import re
import sys

import pytest

from extractors import counts, dates, numbers
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


#: every list of words the components scan for
_WORD_LISTS = (counts._FIRST_WORDS, counts._AFTER_A, dates._ANCHOR_WORDS, dates._UNITS, ("a", "an", "ago"))
#: runs of digits and words the plain ways read: decimal digits of other scripts, digits that are no decimals,
#: letters outside the Basic Multilingual Plane, a lone surrogate, case pairs of the scanned words
_ODD = ["\u0663\u0664", "\uff13", "\u0969", "\u00b2", "\u2163", "\U0001d7d8", "\U0001d400bc", "\U0001f600", "\ud800",
        "ONE", "Two", "tWeNtY", "Jan", "MAY", "Weekday", "yEaR", "A dozen", "a_dozen", "Ωone", "one\u0301", "_two"]


def _odd_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = _vocabulary() + _ODD * 5 + [_number(rng) for _ in range(50)]
    return ["".join(rng.choice(pieces) + rng.choice(_PUNCT + [""] * 4) for _ in range(rng.randint(0, 40)))
            for _ in range(n)]


@pytest.mark.parametrize("i", range(0, len(TEXTS), 100))
def test_word_and_digit_starts_are_the_plain_ones(i):
    for text in TEXTS[i:i + 100] + _odd_texts(100, seed=i):
        ours: list[int] = []
        plain: list[int] = []
        numbers.digit_starts(text, ours)
        numbers.digit_starts_plain(text, plain)
        assert ours == plain, text
        low = numbers.folded(text)
        if low is None:
            continue
        for words in _WORD_LISTS:
            for whole in (True, False):
                ours, plain = [], []
                numbers.word_starts(text, low, words, ours, whole)
                numbers.word_starts_plain(text, low, words, plain, whole)
                assert sorted(ours) == sorted(plain), (text, words, whole)


def test_every_code_point_has_the_class_re_gives_it():
    word, digit = re.compile(r"\w"), re.compile(r"\d")
    bmp = numbers._bmp_classes()
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        cls = int(bmp[cp]) if cp <= 0xFFFF else numbers._class_of(c)
        assert cls == (numbers._WORD_CHAR if word.match(c) else 0) | (numbers._DIGIT if digit.match(c) else 0), cp


def test_white_space_is_never_a_word_character():
    """The scans for "a dozen" and "the day before" look only at word starts: the word they look for comes after
    white space there, and white space must then end any word before it."""
    assert not any(chr(cp).isspace() and numbers._is_word_char(chr(cp)) for cp in range(sys.maxunicode + 1))


def test_word_starts_refuses_words_it_cannot_scan():
    for words in ((), ("Dozen",), ("half a",), ("ñu",)):
        with pytest.raises(ValueError):
            numbers.word_starts("a dozen", "a dozen", words, [])
