"""Read numbers written as digits or English words ("1,300", "Fifty-two").

Shared by the count and date extractors, which both meet "five years ago"
and "Thirteen prisoners".
"""

from __future__ import annotations

import re
from functools import lru_cache

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SPECIAL = {"a dozen": 12, "dozen": 12, "a couple of": 2, "a pair of": 2, "a half": 0.5}

NUMBER_WORDS = sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True)
_WORD = "(?:" + "|".join(NUMBER_WORDS) + ")"
#: A number written in words: "fifty-two", "one hundred and twenty", "three thousand".
WORDS_RE = rf"{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*"
#: A number in digits: "14", "1,300", "1 300", "2.5" (with optional "million").
DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"

_ONES = "|".join(sorted((w for w, v in UNITS.items() if 0 < v < 10), key=len, reverse=True))
_TEENS = "|".join(sorted((w for w, v in UNITS.items() if v > 0), key=len, reverse=True))
_TENS = "|".join(TENS)
_SMALL = rf"(?:(?:{_TENS})(?:[-\u2010\u2011 ](?:{_ONES}))?|{_TEENS})"
_BLOCK = rf"(?:(?:{_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
#: A cardinal in words read strictly, so that "between two and three" stays two numbers:
#: "Fifty-two", "one hundred and twenty", "three thousand five hundred", "a thousand",
#: "a dozen", "two dozen", "half a dozen". Vague amounts ("dozens", "hundreds", "a few
#: hundred", "tens of thousands") do not match.
CARDINAL_WORDS_RE = (rf"(?:half\s+a|a|{_SMALL})\s+dozen"
                     rf"|{_BLOCK}(?:\s+(?:thousand|million|billion)(?:,?\s+(?:and\s+)?{_BLOCK}(?!\s+dozen))?)?"
                     rf"|a\s+(?:thousand|million)")


_DIGITS_FULL_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand|billion))?")
_WORD_SPLIT_RE = re.compile(r"[\s-]+")


def parse_number(text: str) -> int | float | None:
    """Value of a number in digits or words; ``None`` when ``text`` is not one.

    >>> parse_number("Fifty-two"), parse_number("1,300"), parse_number("2.5 million")
    (52, 1300, 2500000)
    """
    s = text.strip().lower().replace("\u2011", "-").replace("\u2010", "-")
    if not s:
        return None
    if s in SPECIAL:
        return SPECIAL[s]
    if s.endswith(" dozen"):  # "two dozen", "half a dozen"
        head = s[: -len(" dozen")].strip()
        n = 0.5 if head == "half a" else 1 if head == "a" else parse_number(head)
        return None if n is None else int(n * 12)
    if s.startswith("a ") and s[2:].split(" ", 1)[0] in SCALES:  # "a hundred", "a thousand"
        s = "one " + s[2:]
    m = _DIGITS_FULL_RE.fullmatch(s)
    if m:
        num = float(m.group(1).replace(",", ""))
        if m.group(2):
            num *= SCALES[m.group(2)]
        return int(num) if num == int(num) else num
    total = current = 0
    seen = False
    for tok in _WORD_SPLIT_RE.split(s):
        if tok == "and" and seen:
            continue
        if tok in UNITS:
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in SCALES:
            total += (current or 1) * SCALES[tok]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# ---------------------------------------------------------------- fast candidate scans
#
# Python's ``re`` tries a pattern at every position of the text; for an alternation of words under
# IGNORECASE that costs about half a microsecond a character. The helpers below find the few
# positions where a pattern can start with ``str.find`` on a lower-cased copy (C speed), and the
# pattern is then matched only there. They only ever return a superset of the real start positions,
# and the pattern itself decides, so the matches are the ones ``finditer`` gives.

#: The only non-ASCII characters that an IGNORECASE pattern matches to an ASCII letter (İ, ı, ſ and the
#: Kelvin sign), or whose ``lower()`` is longer than one character (İ). Text with any of them is scanned
#: the plain way.
_EXOTIC_RE = re.compile("[\u0130\u0131\u017f\u212a]")
_DIGIT_RUN_RE = re.compile(r"\d+")


@lru_cache(maxsize=4)  # the counts and dates components fold the same text one after the other
def folded(text: str) -> str | None:
    """``text.lower()``, when its ASCII letters line up one for one with the letters an IGNORECASE pattern
    reads in ``text``; ``None`` when the text holds a character for which that does not hold."""
    if not text.isascii() and _EXOTIC_RE.search(text):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def _is_word_char(c: str) -> bool:
    """``re``'s ``\\w`` for one character of a str pattern."""
    return c.isalnum() or c == "_"


def word_starts(text: str, low: str, words, out: list[int], whole: bool = True) -> None:
    """Append to ``out`` where one of ``words`` (lower case, letters only) begins a word of ``text`` (is a whole
    word of it, with ``whole``)."""
    n = len(text)
    find = low.find
    for w in words:
        k = len(w)
        i = find(w)
        while i >= 0:
            if (not i or not _is_word_char(text[i - 1])) and (
                    not whole or i + k == n or not _is_word_char(text[i + k])):
                out.append(i)
            i = find(w, i + k)


def word_before(text: str, i: int) -> int:
    """Where the run of word characters that ends right before the spaces before ``i`` starts; ``-1`` when
    there are no spaces or no such word."""
    j = i
    while j and text[j - 1].isspace():
        j -= 1
    if j == i or not j or not _is_word_char(text[j - 1]):
        return -1
    while j and _is_word_char(text[j - 1]):
        j -= 1
    return j


def digit_starts(text: str, out: list[int]) -> None:
    """Append to ``out`` where each run of digits (``\\d+``) starts."""
    out.extend(_digit_runs(text))


@lru_cache(maxsize=4)  # as ``folded``: one scan for both components
def _digit_runs(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in _DIGIT_RUN_RE.finditer(text))


def matches_at(pattern: re.Pattern, text: str, starts: list[int]):
    """``pattern.finditer(text)``, given every position where a match can start (a superset, any order)."""
    last = 0
    match = pattern.match
    for p in sorted(set(starts)):
        if p < last:
            continue
        m = match(text, p)
        if m is not None:
            yield m
            last = m.end()
