"""The pipeline's fast tokenizer and sentencizer against the plain way, on generated text.

The plain way is stock spaCy: its tokenizer, its ``Sentencizer``, and the line-break rule written as
a loop over Token objects. ``FastSentencizer`` decides the same rule over token columns in NumPy;
these tests make the two agree on several hundred random texts with punctuation, quotes,
abbreviations, line breaks and runs of whitespace.
"""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors.pipeline import build_nlp, fast_tokenizer, sentence_bounds

WORDS = ("the", "prisoners", "were", "released", "on", "Friday", "Lukashenko", "said", "at", "least", "300",
         "journalists", "Belarus", "in", "2020", "and", "more", "than", "1,100", "people", "remain", "jailed",
         "Minsk", "WARSAW", "according", "to", "Viasna", "it's", "don't", "rock'n'roll", "co-founder", "—", "–",
         "$150", "50%", "10:30", "http://example.org/a", "@user", "#Belarus", "9/11", "O'Brien")
ABBREVIATIONS = ("Mr.", "Mrs.", "Dr.", "St.", "U.S.", "e.g.", "i.e.", "a.m.", "p.m.", "Jan.", "No.", "etc.",
                 "Gen.", "Inc.", "a.", "vs.")
PUNCT = (".", ".", ".", "?", "!", ",", ",", ";", ":", "...", "?!", "…", "。")
OPENING = ("“", '"', "'", "‘", "(", "[", "«")
CLOSING = ("”", '"', "'", "’", ")", "]", "»")
#: what goes between two words: mostly a space, sometimes a line break or a run of whitespace
GAPS = (" ",) * 30 + ("\n",) * 4 + ("\n\n", " \n", "\n ", "  ", "\t", "\r\n", " \n\n ", "\u2028", "\xa0", "\n\t")
#: the characters ``str.splitlines`` breaks a line at: the plain rule's own copy
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def random_text(rng: random.Random) -> str:
    parts = [rng.choice(("", "", "", " ", "\n", " \n "))]  # sometimes leading whitespace
    for _ in range(rng.randint(0, 60)):
        r = rng.random()
        if r < 0.08:
            parts.append(rng.choice(ABBREVIATIONS))
        elif r < 0.14:
            parts.append(rng.choice(OPENING) + rng.choice(WORDS))
        else:
            word = rng.choice(WORDS)
            parts.append(word.capitalize() if rng.random() < 0.2 else word)
        if rng.random() < 0.25:
            parts[-1] += rng.choice(PUNCT)
        if rng.random() < 0.08:
            parts[-1] += rng.choice(CLOSING)
        parts.append(rng.choice(GAPS))
    if rng.random() < 0.5:
        parts.append(rng.choice(("", " ", "\n", "\n\n", " \n")))  # sometimes trailing whitespace
    return "".join(parts)


TEXTS = [random_text(random.Random(seed)) for seed in range(600)]


@Language.component("plain_line_breaks")
def plain_line_breaks(doc: Doc) -> Doc:
    """The line-break rule, plainly: after the stock sentencizer, a token after a whitespace token with a
    line break starts a sentence, and a sentence start on whitespace moves to the next token that is not."""
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if before.is_space and any(c in LINE_BREAKS for c in before.text):
            tok.is_sent_start = True
    for tok in doc[1:]:
        if tok.is_space and tok.is_sent_start:
            tok.is_sent_start = False
            solid = next((t for t in doc[tok.i + 1:] if not t.is_space), None)
            if solid is not None:
                solid.is_sent_start = True
    return doc


@pytest.fixture(scope="module")
def stock():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("plain_line_breaks")
    return nlp


@pytest.fixture(scope="module")
def fast():
    nlp = build_nlp()
    sentencizer = nlp.get_pipe("sentencizer")
    return lambda text: sentencizer(nlp.make_doc(text))


def plain_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Each sentence of ``doc.sents`` without the whitespace at its ends; whitespace-only ones dropped."""
    out = []
    for sent in doc.sents:
        text = sent.text
        if text.strip():
            start = sent.start_char + len(text) - len(text.lstrip())
            out.append((start, start + len(text.strip())))
    return out


def test_generated_texts_have_what_the_rule_is_about():
    joined = "".join(TEXTS)
    assert len(TEXTS) >= 500
    for piece in ("\n", "\r\n", "\u2028", "  ", "Mr.", "U.S.", "“", "”", "...", "?!"):
        assert piece in joined


def test_fast_tokenizer_gives_the_stock_tokens(stock):
    tokenizer = fast_tokenizer(spacy.blank("en"))
    for text in TEXTS:
        ours, theirs = tokenizer(text), stock.tokenizer(text)
        assert [(t.idx, t.text, t.whitespace_) for t in ours] == [(t.idx, t.text, t.whitespace_) for t in theirs], text


def test_fast_sentencizer_gives_the_plain_sentence_starts(stock, fast):
    for text in TEXTS:
        ours, theirs = fast(text), stock(text)
        # token 0 always starts the first sentence (spaCy reports it either way)
        assert [t.is_sent_start for t in ours][1:] == [t.is_sent_start for t in theirs][1:], text


def test_sentence_bounds_are_the_plain_sentences_trimmed(stock, fast):
    for text in TEXTS:
        starts, ends = sentence_bounds(fast(text))
        assert list(zip(starts, ends, strict=True)) == plain_bounds(stock(text)), text


def test_sentences_never_hold_or_touch_a_line_break(fast):
    for text in TEXTS:
        starts, ends = sentence_bounds(fast(text))
        for s, e in zip(starts, ends, strict=True):
            sentence = text[s:e]
            assert sentence and sentence == sentence.strip(), (text, sentence)
            assert len(sentence.splitlines()) == 1, (text, sentence)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert len(starts) >= len(lines)  # every non-empty line holds at least one sentence


@pytest.mark.parametrize(("text", "sentences"), [
    ("Press group says 300 journalists detained\nAn annual review. It lists raids.",
     ["Press group says 300 journalists detained", "An annual review.", "It lists raids."]),
    ("He said it.\n“Go,” she said.\n\nLast line", ["He said it.", "“Go,” she said.", "Last line"]),
    ("  \nLeading and trailing.  \n", ["Leading and trailing."]),
    ("One.  Two", ["One.", "Two"]),
    ("", []),
    (" \n ", []),
])
def test_line_breaks_end_sentences(fast, text, sentences):
    starts, ends = sentence_bounds(fast(text))
    assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == sentences


def test_extract_pages_keeps_the_sentence_bounds_of_its_docs():
    # the bounds are computed once per Doc (events component and extract_pages share them)
    from extractors.pipeline import extract_pages
    from records.pages import Article

    text = "Headline here\nFirst sentence. Second one!\n\nA third, after a blank line."
    art = Article(url="https://example.org/a", canonical_url=None, title=None, published=None, author=None, site=None,
                  language="en", text=text)
    page = next(extract_pages([art]))
    assert (page.sentence_starts, page.sentence_ends) == sentence_bounds(build_nlp()(text))
