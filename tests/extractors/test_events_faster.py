"""More of the events extractor's fast paths, each against the plain way it stands for, on the seed articles,
generated pages and random text with the characters that make case folding or word edges special.

* ``events._has_material`` reads ``_MATERIAL_RE``'s words off a sentence's runs of word characters; it must
  say what ``_MATERIAL_RE.search`` says, for any bounds (inside a word too).
* ``events._trigger_levels`` takes the page's lower case from ``numbers.folded`` when it has one: the levels
  must be those of the page's own ``lower()``.
* ``events._has_material`` reads an ASCII sentence's runs off its bytes (``events._ascii_material``: one
  translate, digits by ``in``) and looks its numbers up in the runs' line (" " + number): it must still say
  what ``_MATERIAL_RE.search`` says, for ASCII sentences too (``test_ascii_material_equals_the_regex``).
* ``events._word_at`` finds the word starting at an offset by bisection; it must be what a dict of every
  word's start says.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from benchmarks.pages import article
from extractors import events
from extractors.numbers import folded
from gazetteer.events import load_events

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"

#: words of the pattern (whole, glued, in any case), numbers, and characters case folding treats apart
_PIECES = ["he", "She", "HIM", "her", "his", "They", "them", "both", "pair", "Couple", "two", "Twenty-one", "tens",
           "tenant", "Hundreds", "dozen", "THOUSAND", "fifty", "x", "the", "freed", "released", "Belarus", "7",
           "1,300", "٣", "²", "_he", "he_", "é", "hé", "ſhe", "\u212ahe", "İ", "ı", "Σ", "ΟΔΟΣ", "—", "’s", "'s",
           "-", "(", ")", ",", ".", ":", "?", "\n", "\u00a0"]
_GLUE = [" ", " ", " ", "", "  ", "\n", ", ", ". ", "-"]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + rng.choice(_GLUE) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def _page_texts() -> list[str]:
    """The seed articles (when ../shared is there) and generated pages."""
    out = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    rng = random.Random(41)
    for _ in range(25):
        title, paragraphs = article(rng, date(2025, 6, 1))
        out.append("\n".join([title, *paragraphs]))
    return out


def _cuts(text: str, rng: random.Random, k: int) -> list[tuple[int, int]]:
    """Sentence-like bounds (at spaces) and bounds anywhere, inside words too."""
    spaces = [x for x, c in enumerate(text) if c in " \n"]
    out = []
    for _ in range(k):
        if spaces and rng.random() < 0.7:
            a, b = sorted(rng.sample(spaces, 2)) if len(spaces) > 1 else (0, spaces[0])
            a += 1
        else:
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
        out.append((a, b))
    return out


def test_material_equals_the_regex():
    rng = random.Random(3)
    checked = {True: 0, False: 0}
    texts = _random_texts(3000, seed=5) + _page_texts()
    for text in texts:
        foldable = folded(text) is not None
        for a, b in _cuts(text, rng, 8):
            plain = events._MATERIAL_RE.search(text, a, b) is not None
            assert events._has_material(text, a, b, foldable) == plain, (text, a, b)
            checked[plain] += foldable
    assert min(checked.values()) > 1000, checked  # the runs, not only the regex, decided both ways


def test_trigger_levels_equal_those_of_the_lower_case():
    lex = load_events()
    rng = random.Random(9)
    for text in _random_texts(1500, seed=11) + _page_texts():
        cuts = sorted({0, len(text)} | {rng.randint(0, len(text)) for _ in range(rng.randint(0, 12))})
        starts, ends = cuts[:-1], cuts[1:]
        folded.cache_clear()
        assert events._trigger_levels(text, starts, ends, lex) == _levels_of_lower(text, starts, ends, lex)


def _levels_of_lower(text: str, starts: list[int], ends: list[int], lex) -> list[int]:
    """``_trigger_levels`` with ``folded`` giving nothing: the page's own ``lower()``."""
    saved = events.folded
    events.folded = lambda _: None
    try:
        return events._trigger_levels(text, starts, ends, lex)
    finally:
        events.folded = saved


@pytest.mark.parametrize("text", ["", "he", "x he", "xhe", "7"])
def test_material_at_the_edges(text):
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            assert events._has_material(text, a, b, True) == (events._MATERIAL_RE.search(text, a, b) is not None)



def test_ascii_material_equals_the_regex():
    """ASCII texts (the pattern's words whole, glued, in any case; signs; "_"; digits now and then), cut
    anywhere, inside a word too: the byte reading says what the regex says."""
    pieces = [p for p in _PIECES if p.isascii() and not any(c.isdigit() for c in p)] + ["_", "x_two", "TWOx", "e"]
    rng = random.Random(37)
    checked = {True: 0, False: 0}
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(_GLUE) for _ in range(rng.randint(0, 20)))
        if rng.random() < 0.1:
            text += rng.choice("0123456789")
        for a, b in _cuts(text, rng, 4) if text.strip() else [(0, len(text))]:
            plain = events._MATERIAL_RE.search(text, a, b) is not None
            assert events._has_material(text, a, b, True) == plain, (text, a, b)
            checked[plain] += text[a:b].isascii()
    assert min(checked.values()) > 2000, checked


def test_word_at_equals_a_dict_of_word_starts():
    rng = random.Random(43)
    for text in _random_texts(1000, seed=47) + _page_texts():
        for a, b in _cuts(text, rng, 3) if len(text) > 1 else [(0, len(text))]:
            starts = events._tokens(text, a, b)[1]
            at = dict(zip(starts, range(len(starts)), strict=True))
            for x in range(a - 1, b + 2):
                assert events._word_at(starts, x) == at.get(x), (text, a, b, x)
