"""Invented people for the many-names page: distinct given names and surnames built from syllables.

Used by ``test_many_names.py`` and by hand for the measurements in its docstring:
``python tests/gazetteer/many_names.py 30000 > page.html``.
"""

from __future__ import annotations

import itertools
import sys

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z")
_VOWELS = ("a", "e", "i", "o", "u")
_SYLLABLES = [c + v for c in _ONSETS for v in _VOWELS]  # 70
_ENDINGS = ("rin", "mar", "vel", "dor", "win", "lek", "sto", "nah")
_SURNAME_ENDINGS = ("ssen", "ndal", "rvik", "ltan", "mbor")


def invented_people(n: int) -> list[str]:
    """``n`` distinct "Given Surname" names, none of them a real given name or a word of the lexicon."""
    givens = (a.capitalize() + b + e for a, b in itertools.product(_SYLLABLES, repeat=2) for e in _ENDINGS)
    surnames = (a.capitalize() + b + c + e for a, b, c in itertools.product(_SYLLABLES, repeat=3)
                for e in _SURNAME_ENDINGS)
    return [f"{g} {s}" for g, s in zip(itertools.islice(givens, n), itertools.islice(surnames, n), strict=True)]


def many_names_text(n: int) -> str:
    """An article naming ``n`` distinct invented people, each with a speech verb ("X Y said.")."""
    return " ".join(f"{name} said." for name in invented_people(n))


def many_names_page(n: int) -> str:
    body = many_names_text(n)
    return (f"<html><head><title>Roll call</title><meta property='article:published_time' content='2025-09-12'>"
            f"</head><body><article><h1>Roll call</h1><p>{body}</p></article></body></html>")


if __name__ == "__main__":
    sys.stdout.write(many_names_page(int(sys.argv[1])))
