"""Script folding and romanisation keys for person names.

``fold`` turns any spelling into lowercase ASCII (Cyrillic RU/BY/UK, Łacinka,
Polish, Lithuanian, Czech/Slovak diacritics transliterated) so spellings can be
compared byte for byte. ``phonetic_key`` goes further and collapses the
romanisation choices that differ between transliteration systems (kh/h/ch,
ts/c/cz, sh/sz/š, o/a akanne, ie/ia/ya glides, ov/ou/au, -sky/-ski…), so that
"Tsikhanouski" and "Tikhanovsky" share one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Latin letters whose Slavic/Baltic value anyascii would lose (š → s).
_LATIN = str.maketrans({
    "š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh", "č": "ch", "Č": "Ch", "ř": "rzh", "Ř": "Rzh",
    "ŭ": "u", "Ŭ": "U", "ł": "l", "Ł": "L", "ß": "ss", "ẞ": "Ss",
    # apostrophes and soft signs carry no letter
    "'": "", "’": "", "ʼ": "", "‘": "", "`": "", "´": "", "ь": "", "Ь": "", "ъ": "", "Ъ": "",
})
# Cyrillic letters where the Belarusian/Ukrainian value differs from anyascii's default.
_CYR = str.maketrans({"ў": "u", "Ў": "U", "і": "i", "І": "I", "ї": "yi", "Ї": "Yi", "є": "ye", "Є": "Ye",
                      "ё": "yo", "Ё": "Yo", "ґ": "g", "Ґ": "G"})
_BY_UK = re.compile(r"[іІўЎїЇєЄ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Any script → lowercase ASCII words separated by single spaces.

    Diacritics and Cyrillic (Russian, Belarusian, Ukrainian) are transliterated
    (``"Łatuška"`` → ``"latushka"``, ``"Ціханоўская"`` → ``"tsikhanouskaya"``);
    apostrophes and soft signs vanish; other punctuation becomes a space.
    Belarusian/Ukrainian text (recognised by і/ў/ї/є) reads г as ``h``.
    """
    if text.isascii():  # most words of English news: no script to fold, only apostrophes to drop
        return _NON_ALNUM.sub(" ", text.replace("'", "").replace("`", "").lower()).strip()
    s = unicodedata.normalize("NFC", text)
    if _BY_UK.search(s):
        s = s.replace("г", "h").replace("Г", "H")
    s = anyascii(s.translate(_LATIN).translate(_CYR)).lower()
    return _NON_ALNUM.sub(" ", s.replace("'", "")).strip()


_VOWELS = "aeiouy"
# Ordered rewrites from romanisation variants to one phonetic spelling.
_REWRITES: tuple[tuple[str, str], ...] = (
    ("szcz", "s"), ("shch", "s"), ("schtsch", "s"), ("sch", "s"), ("sh", "s"), ("sz", "s"), ("ss", "s"),
    ("tsch", "c"), ("tch", "c"), ("cz", "c"), ("ch", "c"), ("tz", "c"), ("ts", "c"), ("ck", "k"),
    ("kh", "h"), ("g", "h"), ("zh", "z"), ("rz", "z"), ("dzh", "z"), ("dz", "d"), ("x", "ks"),
    ("ph", "f"), ("w", "v"), ("q", "k"),
)
_REWRITE_RE = re.compile("|".join(re.escape(a) for a, _ in _REWRITES))
_REWRITE_MAP = dict(_REWRITES)


@lru_cache(maxsize=200_000)
def phonetic_key(word: str) -> str:
    """One folded word → a coarse key shared by its romanisations.

    Consonant digraphs collapse (shch/szcz/sh/sz → s, ch/cz/ts/tz → c, kh/g → h,
    zh/rz → z, w → v), BY tsekanne (ci → ti), glides before vowels are dropped
    (ia/ya/ja/ie → a), o and e read as a (akanne, -enko/-anka), y as i, v before
    a consonant or at the end as u (-ov/-ou/-au), doubled letters collapse.
    """
    s = _NON_ALNUM.sub("", fold(word))
    s = _REWRITE_RE.sub(lambda m: _REWRITE_MAP[m.group()], s)
    s = s.replace("y", "i").replace("j", "i")
    s = re.sub(r"c(?=i)", "t", s)  # BY tsekanne: ці → ti as in RU
    # glide i after a consonant or at word start, before a vowel: ia/ie/iu → a/e/u
    s = re.sub(r"(?:(?<=[^aeiou])|^)i(?=[aeou])", "", s)
    s = re.sub(r"(?<=[aeou])i(?=[aeou])", "", s)  # intervocalic glide
    s = s.replace("o", "a").replace("e", "a")
    s = re.sub(r"v(?![aeiu])", "u", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s
