"""The counts extractor's early exits equal the plain ways they stand for, at every number of the seed articles,
generated pages and random text.

* ``counts._elided_count`` looks at what follows a number (the shapes of a count without its noun) before
  what stands left of it; the plain order (:func:`_plain_elided_count`) reads the left first.
* ``counts._after_tally`` gives up when no tally word is written within reach before the number; the plain
  way (:func:`_plain_after_tally`) reads the sentence's words.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from benchmarks.pages import article
from extractors import counts
from extractors.counts import (
    _COORD_RE,
    _DEM_PLURAL,
    _DETERMINERS,
    _HEADS_PLURAL,
    _MAX_MODIFIERS,
    _OF_PRONOUN_RE,
    _PLAIN_WORD_RE,
    _POSSESSIVE_RE,
    _PRONOUNS,
    _QUAL_LAST_WORDS,
    _QUAL_WINDOW,
    _RELATIVES,
    _TALLIES,
    _WORD_RE,
    _antecedent,
    _left_word,
    _no_noun_after,
    _noun_phrase,
    _qualifier,
    _sentence_start,
    _value,
    _verb_at,
)
from records.facts import CountFact

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def _plain_after_tally(text: str, start: int) -> bool:
    words = _PLAIN_WORD_RE.findall(text, _sentence_start(text, start), start)
    for i in range(len(words) - 2):
        if words[i].lower() in _TALLIES and words[i + 1].lower() == "of":
            for w in words[i + 2:i + 2 + _MAX_MODIFIERS + 2]:
                bare = _POSSESSIVE_RE.sub("", w)
                if (bare.islower() and bare in _HEADS_PLURAL) or bare in _DEM_PLURAL:
                    return True
    return False


def _plain_elided_count(text: str, start: int, end: int, raw: str, before: list[CountFact]) -> CountFact | None:
    """``counts._elided_count`` as first written: the left of the number read before the shapes after it."""
    value = _value(raw)
    if value is None or value < 2 or (raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2099):
        return None
    nxt = text[end:end + 2]
    if nxt[:1] and (nxt[0].isalnum() or nxt[0] in "%°:+\u2010\u2011-" or (nxt[0] in ".," and nxt[1:].isdigit())):
        return None
    window = text[max(0, start - _QUAL_WINDOW):start]
    prev_low = _left_word(text, start, end, window)
    if prev_low is None:
        return None
    span_end = end
    unit: str | None = None
    coord = _COORD_RE.match(text, end)
    of = _OF_PRONOUN_RE.match(text, end)
    if coord and prev_low != "between":
        last = _value(coord.group("last"))
        phrase = _noun_phrase(text, coord.end(), last) if last is not None else None
        if phrase is None:
            return None
        unit = text[phrase[0]:phrase[1]]
    elif of and of.group(1).lower() in _PRONOUNS:
        after = _WORD_RE.match(text, of.end())
        if of.group(1).lower() in ("those", "these") and after and after.group(1).lower() in _RELATIVES:
            return None
        span_end = of.end() - (1 if of.group().endswith(",") else 0)
    elif not (_verb_at(text, end, after_pronoun=False) or (prev_low in _DETERMINERS and _no_noun_after(text, end))
              or (_no_noun_after(text, end) and _plain_after_tally(text, start))):
        return None
    if unit is None:
        unit = _antecedent(text, start, before)
        if unit is None:
            return None
    qualifier, q_start = _qualifier(window, start) if prev_low in _QUAL_LAST_WORDS else ("exact", start)
    return CountFact(value, None, qualifier, unit, text[q_start:span_end], q_start, span_end, anaphoric=True)


_PIECES = ["the", "number", "Number", "NUMBER", "tally", "total", "figure", "count", "country", "of", "political",
           "prisoners", "people", "them", "those", "who", "were", "freed", "remaining", "another", "between", "and",
           "Article", "June", "in", "one", "52", "1,300", "2020", "14", "five", "Fifty-two", "a dozen", "İ", "Σ",
           "K", "é", ".", ",", ";", "\n", "—", "averaging", "held", "remain", "others", "journalists",
           "the number of political prisoners,", "the Total of detainees", "a tally of journalists stood at"]


def _texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    rng = random.Random(23)
    for _ in range(25):
        title, paragraphs = article(rng, date(2025, 6, 1))
        out.append("\n".join([title, *paragraphs]))
    for _ in range(1500):
        out.append("".join(rng.choice(_PIECES) + rng.choice([" ", " ", " ", "  ", ", ", ". ", "\n"])
                           for _ in range(rng.randint(1, 40))))
    return out


def test_elided_counts_and_tallies_equal_the_plain_ways():
    tallies = 0
    counted = 0
    for text in _texts():
        before: list[CountFact] = []
        for m in counts._numbers(text):
            start, end = m.span()
            assert counts._after_tally(text, start) == _plain_after_tally(text, start), (text, start)
            tallies += _plain_after_tally(text, start)
            found = counts._elided_count(text, start, end, m.group(), before)
            assert found == _plain_elided_count(text, start, end, m.group(), before), (text, start)
            if found is not None:
                before.append(found)
                counted += 1
    assert tallies > 50 and counted > 100, (tallies, counted)


def test_what_follows_a_number_is_matched_only_after_its_first_character():
    """``_count_at`` tries ``_POST_RE`` ("or more", "-plus", "+") only after a space, "-" or "+", and
    ``_STRONG_RE`` ("-strong") only after a hyphen: wherever either matches, that character is there."""
    posts = strongs = 0
    for text in _texts() + ["52-strong", "a 300-strong delegation", "52‑strong crowd", "100 or so", "1,000-plus",
                            "1,000+", "20-odd", "five\u00a0or more", "12\u2009or so"]:
        for m in counts._numbers(text):
            end = m.end()
            nxt = text[end:end + 1]
            if counts._POST_RE.match(text, end):
                posts += 1
                assert nxt and (nxt in "-+" or nxt.isspace()), (text, end)
            if counts._STRONG_RE.match(text, end):
                strongs += 1
                assert nxt and nxt in "-\u2010\u2011", (text, end)
    assert posts >= 5 and strongs >= 2, (posts, strongs)


def test_patterns_after_a_number_are_tried_only_where_the_next_word_lets_them_match():
    """``_count_at`` and ``_elided_count`` try the patterns that begin with white space and a word ("or more",
    "to 20", "of them", "and 9") only when ``_word_may_follow`` lets them, a range's dash or a list's comma
    only after that character: wherever a pattern matches after a number, its gate is open."""
    hits = {"post": 0, "range": 0, "of_them": 0, "coord": 0, "of": 0}
    extra = ["15 to 20 prisoners", "15 - 20 people", "15\n to 20", "5, 7 and 9 prisoners", "5 , 7 and 9 men",
             "14 of them were moved", "300 of whom women", "52 or more people", "100 OR so", "5 AND 7 men",
             "15\u201320 people", "two or three activists", "14\u00a0of them", "1,000+ people", "20-odd men",
             "1,000-plus", "five or more", "a dozen or so"]
    for text in _texts() + extra:
        for m in counts._numbers(text):
            end = m.end()
            nxt = text[end:end + 1]
            after = counts._next_word(text, end)
            assert after.match is None or nxt.isspace(), (text, end)
            if counts._POST_RE.match(text, end):
                hits["post"] += 1
                assert nxt in "-+" or counts._word_may_follow(after, counts._OR), (text, end)
            if counts._RANGE_RE.match(text, end):
                hits["range"] += 1
                assert nxt in counts._DASHES or counts._word_may_follow(after, counts._RANGE_WORDS), (text, end)
            if counts._OF_THEM_RE.match(text, end):
                hits["of_them"] += 1
                assert counts._word_may_follow(after, counts._OF), (text, end)
            if _COORD_RE.match(text, end):
                hits["coord"] += 1
                assert nxt == "," or counts._word_may_follow(after, counts._AND), (text, end)
            if _OF_PRONOUN_RE.match(text, end):
                hits["of"] += 1
                assert counts._word_may_follow(after, counts._OF), (text, end)
    assert all(n >= 5 for n in hits.values()), hits


def test_bare_word_equals_the_possessive_regex():
    """``_bare`` strips a possessive ending as ``_POSSESSIVE_RE.sub("", word)`` does, for every word of the texts
    and the edge cases (a lone quote or "s", two quotes, curly quotes): the words of ``_noun_phrase``, ``_antecedent``
    and ``_after_tally``."""
    words = {w for text in _texts() for regex in (counts._WORD_RE, _PLAIN_WORD_RE) for w in regex.findall(text)}
    words |= {"'", "’", "s", "'s", "’s", "s'", "x''", "x's'", "'s'", "s's", "Belarus's", "prisoners'", "ab’S"}
    for w in words:
        assert counts._bare(w) == _POSSESSIVE_RE.sub("", w), w
