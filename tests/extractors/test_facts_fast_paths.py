"""The facts stage's fast paths equal the plain ways they stand for.

* ``fast_tokenizer`` caches up to ``TOKENIZER_CACHE_CHUNKS`` chunks, not spaCy's 10,000: a text tokenized from
  the cache (past spaCy's limit) must get the tokens an uncached tokenizer gives it.
* ``extractors.columns`` keeps the token columns the sentencizer read and the sentence starts it set; what
  ``columns`` answers must be what ``Doc.to_array`` gives, before and after the sentencizer, and after the
  tokens change.
* ``people._Doc`` takes a Doc's word columns from a per-process table of word rows (``people._WordTable``);
  they must be each token's own values, computed the plain way, also when the table empties between Docs.
* ``dates._cued`` matches ``WEEKEND_RE`` and ``SEASON_CUE_RE`` only in the run of letters, spaces and "-" before
  each place their last word is written; the matches must be the regex's own over the whole text.
"""

from __future__ import annotations

import random
from itertools import combinations

import numpy as np
import pytest
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH, SENT_START, SPACY

from extractors import dates, people
from extractors.columns import columns
from extractors.numbers import folded
from extractors.pipeline import TOKENIZER_CACHE_CHUNKS, build_nlp, fast_tokenizer

_PIECES = ("Minsk,", "(Viasna)", "1,100", "U.S.", "Mr.", "it's", "don't", "re-arrested", "—", "“freed”", "O'Brien",
           "a.m.", "Lukashenko's", "$150", "50%", "http://example.org/a", "#Belarus", "9/11", "10:30", "e.g.", ":-)")


def _texts(n: int, seed: int) -> list[str]:
    """Texts of made-up words (each new to the cache) glued to pieces with affixes and special cases."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        words = [rng.choice(_PIECES) if rng.random() < 0.3 else f"{rng.choice('ABCxyz')}w{k}x{j}"
                 + rng.choice(("", "", ",", ".", "'s", ")", "-based")) for j in range(rng.randint(1, 60))]
        out.append("".join(w + rng.choice((" ", " ", " ", "\n", "  ", "")) for w in words))
    return out


def test_the_cache_outgrows_spacys_limit():
    assert TOKENIZER_CACHE_CHUNKS > 10_000
    assert fast_tokenizer(spacy.blank("en")).max_cache_size == TOKENIZER_CACHE_CHUNKS


def test_cached_tokens_are_the_uncached_tokens():
    tokenizer = fast_tokenizer(spacy.blank("en"))
    plain = fast_tokenizer(spacy.blank("en"))
    plain.max_cache_size = 0  # every chunk cut by the affix rules, every time
    texts = _texts(800, seed=3)
    for _ in range(2):  # the second round reads the chunks of the first from the cache
        for text in texts:
            ours, theirs = tokenizer(text), plain(text)
            assert [(t.idx, t.text, t.whitespace_) for t in ours] == \
                [(t.idx, t.text, t.whitespace_) for t in theirs], text


_ATTRS = (IDX, LENGTH, SPACY, ORTH, LOWER, IS_PUNCT, IS_SPACE, SENT_START)


def _same(doc, attrs) -> None:
    ours, theirs = columns(doc, attrs), doc.to_array(list(attrs))
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape and np.array_equal(ours, theirs), attrs


@pytest.mark.parametrize("seed", range(3))
def test_stored_columns_are_the_arrays_spacy_gives(seed):
    nlp = build_nlp()
    for text in _texts(40, seed=seed) + ["", " ", "\n", "One.", "Freed. \n\n Jailed"]:
        doc = nlp.make_doc(text)
        for attrs in combinations(_ATTRS[:-1], 3):  # before the sentencizer: nothing stored yet
            _same(doc, attrs)
        doc = nlp.get_pipe("sentencizer")(doc)
        for n in (2, 3, 5):
            for attrs in combinations(_ATTRS, n):
                _same(doc, attrs)
        _same(doc, (SENT_START, IDX))
        _same(doc, (IDX, LENGTH, SPACY, SENT_START, ORTH))


def test_columns_of_changed_tokens_are_read_again():
    nlp = build_nlp()
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc("Ales Bialiatski was freed on Saturday. He said so."))
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    _same(doc, (IDX, LENGTH, ORTH, LOWER))
    _same(doc, (IDX, SENT_START, IS_SPACE))


def _plain_word_columns(doc) -> tuple[tuple, ...]:
    """The word columns of ``people._Doc``, one token at a time."""
    words = [t.text for t in doc]
    return (tuple(words), tuple(people._is_name_part(w) for w in words),
            tuple(i for i, w in enumerate(words) if w[:1].isupper()),
            tuple(len(w) == 2 and w[1] == "." and w[0].isupper() for w in words),
            {w for w in words if w[:1].islower()}, tuple(people._key(w) for w in words),
            tuple(w.lower() for w in words))


@pytest.mark.parametrize("max_rows", [people._WordTable.MAX_ROWS, 50])
def test_word_columns_are_each_tokens_own(monkeypatch, max_rows):
    monkeypatch.setattr(people, "_WORDS", people._WordTable())
    monkeypatch.setattr(people._WORDS, "MAX_ROWS", max_rows)  # 50: the table empties before most Docs
    nlp = build_nlp()
    texts = _texts(60, seed=5) + ["Ales", "A. B. Łukašenka, Тихановская and O'Brien said İstanbul ǅemal ß."]
    for text in texts * 2:
        doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
        d = people._Doc(doc)
        assert (d.words, d.name, tuple(d.caps), d.initial, d.lower_vocab, d.keys, d.lowers) == \
            _plain_word_columns(doc), text


_CUE_PIECES = ("in", "In", "IN", "during", "over", "throughout", "by", "until", "since", "the", "The", "early", "late",
               "mid-", "mid", "spring", "Summer", "autumn", "fall", "fallen", "winter", "winters", "at", "on", "this",
               "last", "next", "past", "coming", "weekend", "weekend's", "weekends", "of", "2020", "camp", "-", "—",
               ",", ".", "x", "ſ", "ı", "İ", "K", "é", "_")


def test_cued_matches_are_the_regex_matches():
    rng = random.Random(23)
    tried = found = 0
    for _ in range(4000):
        text = "".join(rng.choice(_CUE_PIECES) + rng.choice((" ", " ", "  ", "\n", "", "-", "\u00a0"))
                       for _ in range(rng.randint(0, 25)))
        low = folded(text)
        tried += low is not None
        for pattern, words in ((dates.WEEKEND_RE, ("weekend",)), (dates.SEASON_CUE_RE, dates.SEASONS)):
            spans = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in dates._cued(pattern, text, low, words)] == spans, text
            found += len(spans)
    assert tried > 1500 and found > 400  # the cued way, not only the regex, was tried, and matches found
