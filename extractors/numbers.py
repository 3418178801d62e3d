"""Read numbers written as digits or English words ("1,300", "Fifty-two").

Shared by the count and date extractors, which both meet "five years ago"
and "Thirteen prisoners".
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

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
# positions where a pattern can start (the word starts whose first letters begin a listed word, the
# starts of runs of digits: one NumPy pass over the text's code points, shared by the counts and dates
# components), and the pattern is then matched only there. They only ever return a superset of the real start positions,
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


def word_starts(text: str, low: str, words: tuple[str, ...], out: list[int], whole: bool = True) -> None:
    """Append to ``out`` where one of ``words`` (lower case, letters only) begins a word of ``text`` (is a whole
    word of it, with ``whole``); ``low`` is ``folded(text)``. Each position once for each word found there.

    Looks only at the word starts of ``text`` whose first letters (ASCII case ignored) begin one of ``words``
    (:func:`_text_scan`): one pass over the text for every list of words instead of a ``str.find`` pass a word
    (71 passes a page for the count and date words). :func:`word_starts_plain` is the plain way.
    """
    table = _prefix_table(words)
    scan = _text_scan(text)
    keys = scan.keys(table.size)
    at = np.searchsorted(table.keys, keys)
    np.minimum(at, len(table.keys) - 1, out=at)
    hit = table.keys[at] == keys
    if not hit.any():
        return
    n = len(text)
    groups = table.groups
    for i, key in zip(scan.word_starts[hit].tolist(), keys[hit].tolist(), strict=True):
        for w in groups[key]:
            k = len(w)
            if low.startswith(w, i) and (not whole or i + k == n or not _is_word_char(text[i + k])):
                out.append(i)


def word_starts_plain(text: str, low: str, words: tuple[str, ...], out: list[int], whole: bool = True) -> None:
    """:func:`word_starts` the plain way, a ``str.find`` pass for each word (the tests' reference)."""
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


#: a character class bit of :func:`_char_classes`: ``re``'s ``\w`` (``isalnum()`` or "_")
_WORD_CHAR = 1
#: a character class bit of :func:`_char_classes`: ``re``'s ``\d`` for a str pattern (``isdecimal()``)
_DIGIT = 2
#: bits per character of a word-prefix key (every code point fits in 21)
_KEY_BITS = 21
#: letters of a word-prefix key at most
_KEY_LETTERS = 3


@lru_cache(maxsize=1)
def _bmp_classes() -> np.ndarray:
    """The class bits of every code point of the Basic Multilingual Plane (built once a process, ~10 ms)."""
    return np.array([_class_of(chr(c)) for c in range(0x10000)], dtype=np.uint8)


def _class_of(c: str) -> int:
    return (_WORD_CHAR if _is_word_char(c) else 0) | (_DIGIT if c.isdecimal() else 0)


class _TextScan:
    """One text's code points, the starts of its runs of word characters and of digits, from one NumPy pass."""

    __slots__ = ("codes", "word_starts", "digit_starts", "_keys")

    def __init__(self, text: str) -> None:
        # UTF-32 gives one code point per 4 bytes, lone surrogates included ("surrogatepass")
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cls = _bmp_classes()[codes & 0xFFFF]
        for i in np.flatnonzero(codes > 0xFFFF).tolist():  # outside the BMP: rare, each looked up alone
            cls[i] = _class_of(text[i])
        word = (cls & _WORD_CHAR).astype(bool)
        digit = (cls & _DIGIT).astype(bool)
        self.codes = np.concatenate((codes, np.zeros(_KEY_LETTERS, dtype=np.uint32)))  # keys read past the end
        self.word_starts = _run_starts(word)
        self.digit_starts = tuple(_run_starts(digit).tolist())
        self._keys: dict[int, np.ndarray] = {}

    def keys(self, size: int) -> np.ndarray:
        """The prefix key (:func:`_prefix_key`) of the ``size`` characters at each word start, ASCII letters
        lower-cased (every other code point changed too, but no word's key holds one)."""
        keys = self._keys.get(size)
        if keys is None:
            keys = np.zeros(len(self.word_starts), dtype=np.uint64)
            for j in range(size):
                keys <<= np.uint64(_KEY_BITS)
                keys |= (self.codes[self.word_starts + j] | 0x20).astype(np.uint64)
            self._keys[size] = keys
        return keys


def _run_starts(flags: np.ndarray) -> np.ndarray:
    """Where each run of True in ``flags`` starts."""
    return np.flatnonzero(flags & ~np.concatenate(([False], flags[:-1])))


@lru_cache(maxsize=4)  # the counts and dates components scan the same text one after the other
def _text_scan(text: str) -> _TextScan:
    return _TextScan(text)


class _PrefixTable:
    """A list of words grouped by the key of their first ``size`` letters, the keys sorted for ``searchsorted``."""

    __slots__ = ("size", "keys", "groups")

    def __init__(self, words: tuple[str, ...]) -> None:
        self.size = min(_KEY_LETTERS, *map(len, words))
        self.groups: dict[int, tuple[str, ...]] = {}
        for w in words:
            key = _prefix_key(w[:self.size])
            self.groups[key] = (*self.groups.get(key, ()), w)
        self.keys = np.array(sorted(self.groups), dtype=np.uint64)


def _prefix_key(letters: str) -> int:
    key = 0
    for c in letters:
        key = key << _KEY_BITS | ord(c)
    return key


@lru_cache(maxsize=32)
def _prefix_table(words: tuple[str, ...]) -> _PrefixTable:
    if not words or not all(w.isascii() and w.isalpha() and w.islower() for w in words):
        raise ValueError(f"word_starts needs lower-case ASCII words: {words!r}")
    return _PrefixTable(words)


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
    """Append to ``out`` where each run of digits (``\\d+``) starts (:func:`digit_starts_plain`: the regex)."""
    out.extend(_text_scan(text).digit_starts)


def digit_starts_plain(text: str, out: list[int]) -> None:
    """:func:`digit_starts` by the regex ``\\d+`` (the tests' reference)."""
    out.extend(m.start() for m in _DIGIT_RUN_RE.finditer(text))


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
