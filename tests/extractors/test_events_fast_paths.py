"""The events extractor's fast paths equal the plain ways they stand for.

* ``events._TOKEN_RE`` tries a word that starts with a letter first; its tokens must be those of the plain
  order (a number with commas, a possessive "'s", a word, a sign).
* ``Phrase.match`` looks a phrase's word sequences up by length (``Phrase.forms``); it must give the end
  the slot-by-slot walk (``Phrase.match_slots``) gives, for every phrase of the shipped vocabulary.
* ``events._trigger_sentences`` looks up each sentence's words; it must flag the sentences the page scan
  (``events._trigger_words``) finds a trigger's first word in, wherever the sentence bounds fall.
* ``events._tokens`` splits a sentence's lower case by its tokens; its words and offsets must be those of
  ``events._tokens_plain`` (a match a token over the text as written), anywhere in a text; a sentence whose
  only white space is " " is read piece by piece (``events._tokens_by_space``), to the same tokens.
* ``events._trigger_levels`` reads a sentence's words from ``events._plain_letters`` (the page with all but
  a-z and "-" as spaces); they must be ``_WORD_RE``'s words of the lower case.
* ``PhraseSet.matches_at`` and ``EventLexicon.triggers_at`` try no phrase when the next word goes on none
  (``Phrase.after_first``); they must give what a match of every phrase gives (``matches_at_plain``,
  ``triggers_at_plain``), for every phrase set and trigger of the shipped vocabulary.
"""

from __future__ import annotations

import random
import re
from itertools import pairwise

import pytest

from extractors import events
from gazetteer.events import PhraseSet, load_events, parse_phrase

#: the sentence tokens in the plain order of their kinds
_PLAIN_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[’']s\b|\w+(?:-\w+)*(?:[’'](?!s\b)\w+)*|[^\w\s]")

_PIECES = ["Belarus", "freed", "1,300", "12,5", "1,2345", "3.5", "52", "O'Brien", "X's", "X’s", "rock'n'roll",
           "re-arrested", "-", "—", "'s", "’", "'", "s", "_x", "x_1", "²", "Ⅻ", "é", "İ", "٣", "2,000.5", ",", ".",
           "(", ")", "said:", "it's", "'sa", "Sakalouski’s", "a-", "-b", "10-year", "ten-year-old"]
_GLUE = [" ", " ", " ", "", "  ", "\n", ", ", ". "]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + rng.choice(_GLUE) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def test_letter_first_tokens_equal_the_plain_order():
    for text in _texts(2000, seed=7):
        assert [m.span() for m in events._TOKEN_RE.finditer(text)] == \
            [m.span() for m in _PLAIN_TOKEN_RE.finditer(text)], text


def _phrases():
    lex = load_events()
    out = [p for _, _, p in lex.triggers]
    for name in ("ignore", "proposed", "negation", "distinct", "enumerations", "before", "after", "since",
                 "reporting"):
        out += getattr(lex, name).phrases
    return out


def test_most_multi_word_phrases_are_looked_up_by_their_forms():
    multi = [p for p in _phrases() if len(p.slots) > 1]
    assert sum(p.forms is not None for p in multi) > 0.8 * len(multi)


@pytest.mark.parametrize("seed", range(4))
def test_phrase_forms_match_as_the_slots_do(seed):
    """Word sequences made of each phrase's own words (so that most match, fully or in part), options left
    out or not, words swapped for others of the vocabulary, cut short: every start gives the same end."""
    rng = random.Random(seed)
    phrases = _phrases()
    vocab = sorted({w for p in phrases for choice, _ in p.slots if choice for w in choice} | {"x", "the", "."})
    for p in phrases:
        for _ in range(30):
            words = [rng.choice(vocab) for _ in range(rng.randint(0, 3))]
            for choice, optional in p.slots:
                if optional and rng.random() < 0.4:
                    continue
                words.append(rng.choice(sorted(choice)) if choice and rng.random() < 0.85 else rng.choice(vocab))
            words += [rng.choice(vocab) for _ in range(rng.randint(0, 3))]
            if rng.random() < 0.2:
                words = words[:rng.randint(0, len(words))]
            for i in range(len(words) + 1):
                assert p.match(words, i) == p.match_slots(words, i), (p.label, words, i)


def _pages(n: int, seed: int) -> list[tuple[str, list[int], list[int]]]:
    """Pages of trigger words, other words, hyphens and non-ASCII letters, cut into sentences at spaces or
    (now and then) anywhere, inside a word too."""
    rng = random.Random(seed)
    words = sorted(load_events().starts)[:40] + ["Freed", "RELEASED", "re-arrested", "free-", "-freed", "x",
                                                  "unfreed", "released-x", "é", "Ⅻ", "İ", ".", ",", "—", "1,300"]
    out = []
    for _ in range(n):
        text = "".join(rng.choice(words) + rng.choice([" ", " ", "", "-", ". "]) for _ in range(rng.randint(0, 30)))
        cuts = sorted({0, len(text)} | {rng.randint(0, len(text)) if rng.random() < 0.2 else x
                                        for x in range(len(text)) if text[x] == " " and rng.random() < 0.3})
        bounds = [(a, b) for a, b in pairwise(cuts) if rng.random() < 0.9]
        out.append((text, [a for a, _ in bounds], [b for _, b in bounds]))
    return out


def test_sentences_with_trigger_words_equal_the_page_scan():
    lex = load_events()
    fast = 0
    for text, starts, ends in _pages(1500, seed=3):
        hits = events._trigger_words(text, lex)
        plain = [any(a <= h < b for h in hits) for a, b in zip(starts, ends, strict=True)]
        assert events._trigger_sentences(text, starts, ends, lex) == plain, (text, starts, ends)
        fast += len(text.lower()) == len(text) and not any(events._runs_over(text.lower(), x) for x in starts + ends)
    assert fast > 300  # the word lookup, not only the page scan, was tried


#: pieces whose lower case is special: longer ("İ"), a final sigma, an apostrophe's "S", the Kelvin sign
_CASE_PIECES = ["İstanbul", "ΟΔΟΣ", "ΑΣ's", "X'S", "X’S", "D'SOUZA", "K", "ẞ", "ß", "ǅ", "Ǉ", "’S", "'S", "S"]


def test_split_tokens_equal_the_plain_tokens():
    rng = random.Random(11)
    split = 0
    for text in _texts(3000, seed=13):
        if rng.random() < 0.2:
            text = text.replace(rng.choice(_GLUE), rng.choice(_GLUE) + rng.choice(_CASE_PIECES), 1)
        text = text if rng.random() < 0.5 else text.upper()
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        for x, y in ((0, len(text)), (a, b)):
            assert events._tokens(text, x, y) == events._tokens_plain(text, x, y), (text, x, y)
        seg = text[a:b]
        split += len(seg.lower()) == len(seg) and "'S" not in seg and "’S" not in seg
    assert split > 1500  # the split, not only the plain way, was tried


def test_a_sentence_read_no_closer_holds_no_trigger():
    """Sentences of trigger phrases' words, with pieces that tokenise apart ("x's-freed", "1,300freed"), cut
    anywhere: a sentence with a trigger's first word whose level says no trigger may match there holds none
    among its words read closer. (Which sentences have a first word is the page scan's, as before.)"""
    lex = load_events()
    rng = random.Random(5)
    # mostly the words of phrases of several words: a sentence of one of them only may match nothing
    vocab = sorted({w for _, _, p in lex.triggers if len(p.slots) > 1 for choice, _ in p.slots if choice
                    for w in choice})
    tricky = ["x's-freed", "X’s-held", "1,300freed", "2-held", "held-", "-in", "x_held", "é-freed", "İ", "X'S",
              "Held", "IN", "o'brien", ".", ",", "—", "(", "the", "x"]
    levels_seen = {events._NO_TRIGGER: 0, events._NO_MATCH: 0, events._MAY_MATCH: 0}
    for _ in range(3000):
        pieces = [rng.choice(vocab) if rng.random() < 0.6 else rng.choice(tricky) for _ in range(rng.randint(0, 12))]
        text = "".join(p + rng.choice([" ", " ", "", "-", ". ", "'s ", "\n"]) for p in pieces)
        cuts = sorted({0, len(text)} | {rng.randint(0, len(text)) for _ in range(rng.randint(0, 3))})
        starts, ends = [a for a, _ in pairwise(cuts)], [b for _, b in pairwise(cuts)]
        levels = events._trigger_levels(text, starts, ends, lex)
        assert [lv != events._NO_TRIGGER for lv in levels] == events._trigger_sentences(text, starts, ends, lex)
        for a, b, level in zip(starts, ends, levels, strict=True):
            levels_seen[level] += 1
            words = events._tokens(text, a, b)[0]
            if any(lex.triggers_at(words, n) for n in range(len(words))):
                assert level != events._NO_MATCH, (text, a, b)
    assert min(levels_seen.values()) > 200, levels_seen


def test_tokens_between_spaces_equal_the_plain_tokens():
    """Sentences whose only white space is " " are read piece by piece (``events._tokens_by_space``); their
    words and offsets must be those of the plain way, whatever the pieces (signs, numbers, apostrophes, case)."""
    rng = random.Random(17)
    pieces = _PIECES + _CASE_PIECES + ['"we', 'it,"', "(11", "356);", "1,100", "year,", "freed.", "x_", "'", '"']
    by_space = 0
    for _ in range(4000):
        glue = [" ", " ", " ", "", "  ", ", "]
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(0, 30)))
        text = text if rng.random() < 0.7 else text.upper()
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        for x, y in ((0, len(text)), (a, b)):
            assert events._tokens(text, x, y) == events._tokens_plain(text, x, y), (text, x, y)
            seg = text[x:y]
            by_space += seg.isprintable() and len(seg.lower()) == len(seg) and "'S" not in seg and "’S" not in seg
    assert by_space > 3000  # the pieces between spaces, not only the regex, were read


def test_plain_letters_give_the_words_of_the_regex():
    """``_trigger_levels`` reads a sentence's words from ``events._plain_letters`` of the page's lower case: its
    pieces between spaces (or, with a hyphen, ``_WORD_RE`` over it) must be ``_WORD_RE``'s words of the lower case."""
    rng = random.Random(19)
    pieces = _PIECES + ["é-freed", "x-", "--", "a--b", "naïve", "中文", "\u2028", "\t", "ǅ", "x\u00a0y"]
    for _ in range(3000):
        low = "".join(rng.choice(pieces) + rng.choice(_GLUE) for _ in range(rng.randint(0, 30))).lower()
        plain = events._plain_letters(low)
        assert len(plain) == len(low)
        a = rng.randint(0, len(low))
        b = rng.randint(a, len(low))
        words = plain[a:b].split() if plain.find("-", a, b) < 0 else events._WORD_RE.findall(plain, a, b)
        assert words == events._WORD_RE.findall(low, a, b), (low, a, b)


_PHRASE_SETS = ("ignore", "proposed", "negation", "distinct", "enumerations", "before", "after", "since", "reporting")


def _phrase_words(rng: random.Random, phrases, vocab: list[str]) -> list[str]:
    """Words made of the phrases' own words in their order (options left out or not, now and then another
    word of the vocabulary), between and after other words."""
    words = [rng.choice(vocab) for _ in range(rng.randint(0, 3))]
    for _ in range(rng.randint(1, 3)):
        for choice, optional in rng.choice(phrases).slots:
            if optional and rng.random() < 0.4:
                continue
            words.append(rng.choice(sorted(choice)) if choice and rng.random() < 0.85 else rng.choice(vocab))
        words += [rng.choice(vocab) for _ in range(rng.randint(0, 2))]
    return words[:rng.randint(0, len(words))] if rng.random() < 0.2 else words


@pytest.mark.parametrize("name", _PHRASE_SETS)
def test_phrase_set_next_word_check_equals_a_match_of_each_phrase(name):
    rng = random.Random(name)
    phrases = getattr(load_events(), name)
    vocab = sorted({w for p in phrases.phrases for choice, _ in p.slots if choice for w in choice} | {"x", "."})
    skipped = 0
    for _ in range(3000):
        words = _phrase_words(rng, phrases.phrases, vocab)
        for i in range(len(words) + 1):
            assert phrases.matches_at(words, i) == phrases.matches_at_plain(words, i), (name, words, i)
            skipped += i + 1 < len(words) and phrases.nexts.get(words[i]) is not None \
                and words[i + 1] not in phrases.nexts[words[i]]
    assert skipped > 1000  # the check, not only the phrases, answered


def test_trigger_next_word_check_equals_a_match_of_each_trigger():
    lex = load_events()
    rng = random.Random(23)
    triggers = [p for _, _, p in lex.triggers]
    vocab = sorted({w for p in triggers for choice, _ in p.slots if choice for w in choice} | {"x", "the", "."})
    skipped = found = 0
    for _ in range(6000):
        words = _phrase_words(rng, triggers, vocab)
        for i in range(len(words)):
            hits = lex.triggers_at(words, i)
            assert hits == lex.triggers_at_plain(words, i), (words, i)
            found += bool(hits)
            skipped += i + 1 < len(words) and lex.next_words.get(words[i]) is not None \
                and words[i + 1] not in lex.next_words[words[i]]
    assert skipped > 5000 and found > 5000


@pytest.mark.parametrize(("label", "word", "after"), [
    ("freed", "freed", (True, frozenset())),
    ("held [in] custody", "held", (False, frozenset({"in", "custody"}))),
    ("[also] included", "also", (False, frozenset({"included"}))),
    ("[also] included", "included", (True, frozenset())),
    ("[still] held [in] [custody]", "still", (False, frozenset({"held"}))),
    ("[still] held [in] [custody]", "held", (True, frozenset({"in", "custody"}))),
    ("let|lets * [*] go", "let", (False, None)),
    ("remain [still] in *", "remain", (False, frozenset({"still", "in"}))),
    ("freed", "held", (False, frozenset())),
])
def test_after_first(label, word, after):
    assert parse_phrase(label, "test").after_first(word) == after


def test_phrase_set_of_tricky_phrases():
    """Phrases with optional first words, options after the first word and a "*": every start agrees."""
    labels = ["[also] included", "held [in] [a|the] custody", "the group|list included", "let * go", "freed",
              "[still] held", "the [*] list", "x [y] [z]"]
    phrases = PhraseSet([parse_phrase(label, "test") for label in labels])
    vocab = ["also", "included", "held", "in", "a", "the", "custody", "group", "list", "let", "go", "freed",
             "still", "x", "y", "z", "."]
    rng = random.Random(29)
    for _ in range(5000):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 8))]
        for i in range(len(words) + 1):
            assert phrases.matches_at(words, i) == phrases.matches_at_plain(words, i), (words, i)
