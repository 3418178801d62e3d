"""The spaCy pipeline: ``spacy.blank("en")`` + sentencizer + our own fact components.

Each component wraps one plain extractor (people, counts, dates, then events over
those three) and stores its results on the Doc (``doc._.mentions``, ``doc._.counts``,
``doc._.dates``, ``doc._.events``), so the
extractors stay testable without spaCy's machinery and the pipeline stays a
normal spaCy ``Language`` that ``nlp.pipe`` can stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from extractors.columns import columns, prefetch, store
from extractors.counts import find_counts
from extractors.dates import find_dates
from extractors.events import find_events
from extractors.fingerprint import doc_fingerprint
from extractors.headline import drop_headline_repeats
from extractors.people import doc_text, find_mentions
from extractors.settings import extract_settings
from extractors.text import EXTRACTOR_VERSION, cap_article
from records.facts import EventFact, Mention, PageFacts
from records.pages import Article

for _name in ("published", "mentions", "counts", "dates", "events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("newsfacts_people")
def people_component(doc: Doc) -> Doc:
    doc._.mentions = find_mentions(doc)
    return doc


@Language.component("newsfacts_counts")
def counts_component(doc: Doc) -> Doc:
    """Counts, told who the page names (people run first) so that "the two leaders" is no tally."""
    doc._.counts = find_counts(doc_text(doc), [(m.start, m.name) for m in doc._.mentions or []])
    return doc


@Language.component("newsfacts_dates")
def dates_component(doc: Doc) -> Doc:
    doc._.dates = find_dates(doc_text(doc), doc._.published)
    return doc


@Language.component("newsfacts_events")
def events_component(doc: Doc) -> Doc:
    """Events from the sentences and the people, counts and dates found before (so it runs after them)."""
    starts, ends = _doc_sentence_bounds(doc)
    doc._.events = find_events(doc_text(doc), starts, ends, doc._.mentions or [], doc._.counts or [],
                               doc._.dates or [], doc._.published)
    return doc


def fast_tokenizer(nlp: Language) -> Tokenizer:
    """English tokenization with the same token boundaries as spaCy's, ~10x faster on news text.

    spaCy's tokenizer caches each whitespace-separated chunk's tokens, but once one chunk of a text
    hits a special case, no later chunk of that text is cached (``has_special`` is one flag per call),
    so every word goes through the prefix/suffix/infix regexes again. English has 133 special cases
    that only set a token's NORM and split exactly as the affix rules would ("—", "'s", "''", ...);
    the em dash alone, in most articles, turned the cache off. Without those cases the tokens, their
    offsets and whitespace are the same (``benchmarks.pipeline`` checks it against stock spaCy on
    every run); only ``token.norm_`` of those characters differs, which nothing here reads.

    The cache holds up to ``TOKENIZER_CACHE_CHUNKS`` chunks instead of spaCy's 10,000: news text filled
    10,000 within ~300 articles, after which every chunk not cached by then (new names, numbers, "Minsk,")
    went through the affix regexes again on each use. A cached chunk gives the tokens it was cut into.
    """
    stock = nlp.tokenizer
    bare = Tokenizer(nlp.vocab, rules={}, prefix_search=stock.prefix_search, suffix_search=stock.suffix_search,
                     infix_finditer=stock.infix_finditer, token_match=stock.token_match, url_match=stock.url_match)
    orth = nlp.vocab.strings["ORTH"]  # rule entries are dicts keyed by attribute ids
    rules = {chunk: subs for chunk, subs in stock.rules.items()
             if [t.text for t in bare(chunk)] != [sub.get(orth, sub.get("ORTH")) for sub in subs]}
    return Tokenizer(nlp.vocab, rules=rules, prefix_search=stock.prefix_search, suffix_search=stock.suffix_search,
                     infix_finditer=stock.infix_finditer, token_match=stock.token_match, url_match=stock.url_match,
                     max_cache_size=TOKENIZER_CACHE_CHUNKS)


#: chunks the tokenizer caches at most: 1,200 generated articles have ~15,000 distinct ones. An entry costs
#: ~250 bytes (less than the vocabulary's own lexeme for a new word), so 25 MB at most in a process of any length
TOKENIZER_CACHE_CHUNKS = 100_000


class FastSentencizer(Sentencizer):
    """spaCy's rule sentencizer plus a line-break rule, deciding from token columns instead of Token objects.

    The stock rule, same punctuation set: a sentence starts at the first token that is neither
    punctuation nor a sentence-final character after one that is. Then the line-break rule: the
    token after a whitespace token holding a line break starts a sentence (trafilatura's text puts
    the headline, the standfirst and every paragraph on a line of its own, so none runs into the
    next), and a whitespace token never starts one (the start moves on to the next token that is not
    whitespace: whitespace stays with the sentence before, and ``sentence_bounds`` leaves it out).
    Decided in NumPy over the token columns: the stock ``predict`` builds a Python Token for every
    token of every text, and a loop over the columns in Python still cost 0.6 ms a 1,000-word article.
    ``tests/extractors/test_sentences.py`` checks it against the stock ``Sentencizer`` followed by
    the line-break rule written as a plain loop over tokens.
    """

    def predict(self, docs):
        guesses = []
        for doc in docs:
            n = len(doc)
            if not n:
                guesses.append([])
                continue
            # the columns later components read are fetched in the same pass (``extractors.columns``)
            arr = prefetch(doc, (_final_flag(doc.vocab, self._chars), IS_PUNCT, IS_SPACE, _line_break_flag(doc.vocab),
                                 *SHARED_COLUMNS))[:, :4].astype(bool)
            final, space, line_break = arr[:, 0], arr[:, 2], arr[:, 3]
            word = ~final & ~arr[:, 1]
            # the stock loop starts a sentence at a word token when a sentence-final token came after the
            # previous word token (the punctuation between them stays with the sentence before)
            index = np.arange(n)
            last_final = np.maximum.accumulate(np.where(final, index, -1))
            last_word = np.maximum.accumulate(np.where(word, index, -1))
            starts = np.zeros(n, dtype=bool)
            starts[1:] = word[1:] & (last_final[:-1] > last_word[:-1])
            starts[1:] |= line_break[:-1]  # a line break ends a sentence
            moved = np.flatnonzero(starts & space)  # a start on whitespace moves on to the next solid token
            if len(moved):
                starts[moved] = False
                next_solid = np.minimum.accumulate(np.where(space, n, index)[::-1])[::-1]
                to = next_solid[moved]
                starts[to[to < n]] = True
            starts[0] = True
            guesses.append(starts.tolist())
        return guesses

    def set_annotations(self, docs, batch_tag_ids) -> None:
        """The stock annotation; then each Doc's sentence starts, now set, are kept for ``extractors.columns``."""
        super().set_annotations(docs, batch_tag_ids)
        for doc in [docs] if isinstance(docs, Doc) else docs:
            if len(doc):
                store(doc, (SENT_START,), doc.to_array([SENT_START]).reshape(-1, 1))

    @property
    def _chars(self) -> frozenset[str]:
        return frozenset(self.punct_chars)


#: the token columns the people detector, the sentence bounds and the fingerprint read besides the sentence starts
SHARED_COLUMNS = (IDX, LENGTH, SPACY, ORTH, LOWER)

#: the characters ``str.splitlines`` breaks a line at
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


@lru_cache(maxsize=8)
def _final_flag(vocab, chars: frozenset[str]) -> int:
    """A lexeme flag set on the sentence-final characters: a column read, not a set lookup per token."""
    return vocab.add_flag(lambda text: text in chars)


@lru_cache(maxsize=8)
def _line_break_flag(vocab) -> int:
    """A lexeme flag set on the whitespace tokens that hold a line break."""
    return vocab.add_flag(lambda text: text.isspace() and not LINE_BREAKS.isdisjoint(text))


@Language.factory("newsfacts_sentencizer", default_config={"punct_chars": None, "overwrite": False})
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool) -> FastSentencizer:
    return FastSentencizer(name, punct_chars=punct_chars, overwrite=overwrite)


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Character (start, end) of each sentence of a sentenced ``doc``: ``doc.sents`` without Span objects.

    Whitespace tokens at either end of a sentence are left out (a sentence never starts or ends with
    a line break or a space), and a sentence of whitespace alone is no sentence.
    """
    if not len(doc):
        return [], []
    arr = columns(doc, (IDX, LENGTH, SENT_START, IS_SPACE)).astype(np.int64)
    first = arr[:, 2] == 1
    first[0] = True
    solid = np.flatnonzero(arr[:, 3] == 0)
    if not len(solid):
        return [], []
    firsts = np.flatnonzero(first)
    lasts = np.append(firsts[1:] - 1, len(arr) - 1)
    # the first and last solid token of each sentence; a sentence of whitespace alone has first > last
    lo = solid[np.minimum(np.searchsorted(solid, firsts), len(solid) - 1)]
    hi = solid[np.maximum(np.searchsorted(solid, lasts, side="right") - 1, 0)]
    keep = (lo >= firsts) & (hi <= lasts) & (lo <= hi)
    lo, hi = lo[keep], hi[keep]
    return arr[lo, 0].tolist(), (arr[hi, 0] + arr[hi, 1]).tolist()


def _doc_sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """``sentence_bounds(doc)``, computed once per Doc of the pipeline: the events component and
    ``extract_pages`` both need them, and the sentences are set before either asks (copies are returned,
    so neither caller can change what the other gets)."""
    bounds = doc.user_data.get("newsfacts_sentence_bounds")
    if bounds is None:
        bounds = doc.user_data["newsfacts_sentence_bounds"] = sentence_bounds(doc)
    return list(bounds[0]), list(bounds[1])


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The default pipeline; needs no downloaded model."""
    nlp = spacy.blank("en")
    nlp.tokenizer = fast_tokenizer(nlp)
    nlp.add_pipe("newsfacts_sentencizer", name="sentencizer")
    nlp.add_pipe("newsfacts_people")
    nlp.add_pipe("newsfacts_counts")
    nlp.add_pipe("newsfacts_dates")
    nlp.add_pipe("newsfacts_events")
    return nlp


def limit_names(mentions: list[Mention], limit: int) -> tuple[list[Mention], int | None]:
    """Mentions of the first ``limit`` distinct names in text order, and how many distinct names there
    were when that is more (else None): a page naming tens of thousands of people stays cheap to resolve."""
    names = {m.name for m in mentions}
    if len(names) <= limit:
        return mentions, None
    kept: set[str] = set()
    for m in sorted(mentions, key=lambda m: m.start):
        if len(kept) == limit:
            break
        kept.add(m.name)
    return [m for m in mentions if m.name in kept], len(names)


def _kept_subjects(events: list[EventFact], mentions: list[Mention]) -> list[EventFact]:
    """Events whose subjects are only mentions the names limit kept (a dropped name has no person id)."""
    kept = {m.start for m in mentions}
    return [e if all(m.start in kept for m in e.subjects)
            else replace(e, subjects=tuple(m for m in e.subjects if m.start in kept)) for e in events]


def extract_pages(articles: Iterable[Article], batch_size: int = 32) -> Iterator[PageFacts]:
    """Run the spaCy pipeline over articles, streaming one PageFacts per article.

    People are *not* resolved here: ``resolution.resolve.resolve_pages`` gives ids over the pages that
    must share ids (one call, one batch, or the warehouse's known people).
    An article's text is cut to ``max_text_chars`` and its names limited to
    ``max_names_per_page`` (``extractors/settings.toml``); ``PageFacts.notes`` says so.
    """
    nlp = build_nlp()
    settings = extract_settings()
    nlp.max_length = max(nlp.max_length, settings.max_text_chars + 1)

    def docs() -> Iterator[tuple[Doc, Article]]:
        for art in articles:
            cap_article(art, settings.max_text_chars)
            doc = nlp.make_doc(art.text)
            doc.user_data["newsfacts_text"] = art.text  # the tokenizer keeps every character: doc.text == art.text
            doc._.published = art.published
            yield doc, art

    for doc, art in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        starts, ends = _doc_sentence_bounds(doc)
        mentions, names_total = limit_names(doc._.mentions or [], settings.max_names_per_page)
        counts, dates = drop_headline_repeats(art, doc._.counts or [], doc._.dates or [])
        yield PageFacts(
            article=art,
            mentions=mentions,
            counts=counts,
            dates=dates,
            sentence_starts=starts,
            sentence_ends=ends,
            fingerprint=doc_fingerprint(doc),
            extractor_version=EXTRACTOR_VERSION,
            names_total=names_total,
            names_kept=settings.max_names_per_page if names_total is not None else None,
            events=_kept_subjects(doc._.events or [], mentions),
        )


def extract_pages_isolated(articles: list[Article],
                           batch_size: int = 32) -> tuple[list[PageFacts], list[tuple[Article, str]]]:
    """``extract_pages`` over a batch; if it raises, again page by page, so one bad page fails alone.

    Returns the pages extracted and, for each page that raised, the article and the exception's message.
    """
    try:
        return list(extract_pages(articles, batch_size)), []
    except Exception:  # noqa: BLE001 - any page's error: find which page, below
        pass
    pages: list[PageFacts] = []
    failed: list[tuple[Article, str]] = []
    for art in articles:
        try:
            pages.extend(extract_pages([art], batch_size))
        except Exception as exc:  # noqa: BLE001 - recorded as this page's failure
            failed.append((art, f"facts not extracted: {type(exc).__name__}: {exc}"))
    return pages, failed


def text_fingerprint(text: str) -> int | None:
    """The fingerprint ``extract_pages`` gives a text (``extractors.fingerprint``), for recomputing stored ones."""
    return doc_fingerprint(build_nlp().make_doc(text))
