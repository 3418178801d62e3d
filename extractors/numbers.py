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

    Looks only at the word starts of ``text`` whose first letters (ASCII case ignored) begin one of ``words``,
    and, with ``whole``, whose word is as long as one of them (:class:`_TextScan`): one pass over the text for
    every list of words instead of a ``str.find`` pass a word (71 passes a page for the count and date words).
    :func:`word_starts_plain` is the plain way.
    """
    table = _prefix_table(words)
    scan = _text_scan(text)
    if whole:  # the word's length counts too: "this" is no candidate for "thirteen"
        candidates = scan.word_starts[table.sized.take(scan.hashes(table.size, sized=True))]
    else:
        candidates = scan.word_starts[table.prefixes.take(scan.hashes(table.size, sized=False))]
    if not len(candidates):
        return
    n = len(text)
    size = table.size
    groups = table.groups
    for i in candidates.tolist():
        for w in groups.get(low[i:i + size], ()):
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


#: a character class bit of :func:`_bmp_classes`: ``re``'s ``\\w`` (``isalnum()`` or "_")
_WORD_CHAR = 1
#: a character class bit of :func:`_bmp_classes`: ``re``'s ``\\d`` for a str pattern (``isdecimal()``)
_DIGIT = 2
#: letters of a word-prefix hash at most
_KEY_LETTERS = 3
#: a word-prefix hash is ``(h * _HASH_FACTOR + code) & _HASH_MASK`` over its letters (and then its length): a
#: table of 65,536 flags tells which a list of words has
_HASH_FACTOR = 131
_HASH_MASK = 0xFFFF


@lru_cache(maxsize=1)
def _bmp_classes() -> np.ndarray:
    """The class bits of every code point of the Basic Multilingual Plane (built once a process, ~10 ms)."""
    return np.array([_class_of(chr(c)) for c in range(0x10000)], dtype=np.uint8)


def _class_of(c: str) -> int:
    return (_WORD_CHAR if _is_word_char(c) else 0) | (_DIGIT if c.isdecimal() else 0)


class _TextScan:
    """One text's code points and the starts of its runs of word characters and of digits, from one NumPy pass.

    Each character's class (word character, digit) comes from a table of the Basic Multilingual Plane; a run
    starts where a character has a class the one before it has not, and ends where the next has it not.
    """

    __slots__ = ("codes", "word_starts", "word_lengths", "digit_starts", "_hashes")

    def __init__(self, text: str) -> None:
        # UTF-32 gives one code point per 4 bytes, lone surrogates included ("surrogatepass")
        self.codes = codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        n = len(codes)
        classes = np.zeros(n + 2, dtype=np.uint8)  # a class-0 character before and after the text
        inner = classes[1:-1]
        _bmp_classes().take(codes, out=inner, mode="clip")
        if n and codes.max() > 0xFFFF:  # outside the BMP: rare, each looked up alone
            for i in np.flatnonzero(codes > 0xFFFF).tolist():
                inner[i] = _class_of(text[i])
        # a run starts at i when text[i] has the class and text[i - 1] not: classes[i + 1] > classes[i] for one bit;
        # a word ends before e when classes[e] > classes[e + 1] for the word bit
        word, digit = classes & _WORD_CHAR, classes & _DIGIT
        self.word_starts = np.flatnonzero(word[1:-1] > word[:-2])
        self.word_lengths = np.flatnonzero(word[1:-1] > word[2:]) + 1 - self.word_starts
        self.digit_starts = tuple(np.flatnonzero(digit[1:-1] > digit[:-2]).tolist())
        self._hashes: dict[tuple[int, bool], np.ndarray] = {}

    def hashes(self, size: int, sized: bool) -> np.ndarray:
        """The :func:`_prefix_hash` of the ``size`` characters at each word start (with the word's length when
        ``sized``), ASCII letters lower-cased (other code points changed too, or read past the end of a shorter
        word or of the text: the hash only picks candidates, so only the words' own letters must hash alike)."""
        hashes = self._hashes.get((size, sized))
        if hashes is None:
            if not sized:
                hashes = np.zeros(len(self.word_starts), dtype=np.int64)
                if len(self.codes):
                    for j in range(size):
                        letters = self.codes.take(self.word_starts + j, mode="clip") | 0x20
                        hashes = (hashes * _HASH_FACTOR + (letters & 0xFFFF)) & _HASH_MASK
            else:
                hashes = (self.hashes(size, False) * _HASH_FACTOR + np.minimum(self.word_lengths, 255)) & _HASH_MASK
            self._hashes[size, sized] = hashes
        return hashes


@lru_cache(maxsize=4)  # the counts and dates components scan the same text one after the other
def _text_scan(text: str) -> _TextScan:
    return _TextScan(text)


class _PrefixTable:
    """A list of words grouped by their first ``size`` letters, and which :func:`_prefix_hash` values their
    first letters have, alone (``prefixes``) and with their length (``sized``)."""

    __slots__ = ("size", "groups", "prefixes", "sized")

    def __init__(self, words: tuple[str, ...]) -> None:
        self.size = min(_KEY_LETTERS, *map(len, words))
        self.groups: dict[str, tuple[str, ...]] = {}
        for w in words:
            self.groups[w[:self.size]] = (*self.groups.get(w[:self.size], ()), w)
        self.prefixes = np.zeros(_HASH_MASK + 1, dtype=bool)
        self.sized = np.zeros(_HASH_MASK + 1, dtype=bool)
        for w in words:
            h = _prefix_hash(w[:self.size])
            self.prefixes[h] = True
            self.sized[(h * _HASH_FACTOR + len(w)) & _HASH_MASK] = True


def _prefix_hash(letters: str) -> int:
    """The hash ``_TextScan.hashes`` gives a word start whose first letters are ``letters`` (lower-case ASCII)."""
    h = 0
    for c in letters:
        h = (h * _HASH_FACTOR + ord(c)) & _HASH_MASK
    return h


@lru_cache(maxsize=32)
def _prefix_table(words: tuple[str, ...]) -> _PrefixTable:
    if not words or not all(w.isascii() and w.isalpha() and w.islower() and len(w) < 256 for w in words):
        raise ValueError(f"word_starts needs lower-case ASCII words: {words!r}")
    return _PrefixTable(words)


def word_before(text: str, i: int) -> int:
    """Where the run of word characters that ends right before the spaces before ``i`` starts; ``-1`` when
    there are no spaces or no such word."""
    j = i
    while j and text[j - 1].isspace():
        j -= 1
    if j == i or not j:
        return -1
    c = text[j - 1]
    if not (c.isalnum() or c == "_"):  # _is_word_char, written out: this runs for every letter of the word
        return -1
    j -= 1
    while j:
        c = text[j - 1]
        if not (c.isalnum() or c == "_"):
            break
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
