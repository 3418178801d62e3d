"""``records.pages.normalised_text`` (what ``Article.content_hash`` hashes) equals the plain normalisation."""

import random

from records.pages import Article, normalised_text


def plain(text: str) -> str:
    return " ".join(text.split()).casefold()


#: white space of every kind ``str.split`` breaks at, letters whose case folding is not their lower case, ASCII
ALPHABET = [" ", " ", " ", "\n", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2009", "\u2028",
            "\u3000", "a", "B", "z", "Q", "7", ".", "ß", "İ", "Σ", "ς", "ﬁ", "Ж", "é", "\u200b", "\x00"]


def test_random_texts_normalise_as_the_plain_way():
    rng = random.Random(17)
    for _ in range(20_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        assert normalised_text(text) == plain(text), repr(text)


def test_texts_of_the_shapes_the_shortcuts_take():
    cases = ["", " ", "\n", "a", "A b\nC", "Ab\n\nCd", "ab \ncd", " lead", "trail ", "\nlead", "trail\n",
             "Straße\nGROSS", "İstanbul and\nIzmir", "tab\there", "no\xa0break", "ΣΊΣΥΦΟΣ\nend", "x\r\ny"]
    for text in cases:
        assert normalised_text(text) == plain(text), repr(text)


def test_article_hash_is_the_hash_of_the_plain_normalisation():
    import hashlib

    text = "Minsk, Sept. 11\nFifty-two PRISONERS were freed.\n\n  The  Straße\tremains."
    art = Article(None, None, None, None, None, None, "en", text)
    assert art.content_hash == hashlib.sha256(plain(text).encode("utf-8")).hexdigest()
