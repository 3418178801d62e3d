"""The facts stage's fast paths equal the plain ways they stand for.

* ``fast_tokenizer`` caches up to ``TOKENIZER_CACHE_CHUNKS`` chunks, not spaCy's 10,000: a text tokenized from
  the cache (past spaCy's limit) must get the tokens an uncached tokenizer gives it.
"""

from __future__ import annotations

import random

import spacy

from extractors.pipeline import TOKENIZER_CACHE_CHUNKS, fast_tokenizer

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
