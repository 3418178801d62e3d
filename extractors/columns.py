"""Token columns of a Doc read from spaCy once, then shared by the components that need them.

``Doc.to_array`` costs ~130 instructions an attribute a token (spaCy takes the GIL for each read), and the
sentencizer, the people detector, the sentence bounds and the fingerprint read overlapping columns (offsets,
lengths, ORTH, LOWER, punctuation and space flags, sentence starts): sixteen reads a token, 7% of the facts
and events stages. The sentencizer reads the union once (:func:`prefetch`) and stores the sentence starts it
sets (:func:`store`); :func:`columns` then answers from the stored columns, or, for a column never stored
(or a Doc whose tokens changed since), asks spaCy as before. Only columns that cannot change afterwards are
stored: a token's offsets and lexeme attributes once tokenized, its sentence start once the sentencizer set it.

:func:`prefetch` asks spaCy only for the token's own columns (offsets, ORTH): a lexeme's attributes (flags,
LOWER, LENGTH) are the same wherever it stands, so they are read once a process for each lexeme, from a Doc of
the Doc's new words (:class:`_LexemeRows`), and given to each token by its ORTH. Reading six lexeme columns from
spaCy cost 1.5 million instructions a page. A lexeme attribute set by hand after its row was read (nothing
here does that) would not be seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

import numpy as np
from spacy.attrs import LENGTH, LOWER, ORTH
from spacy.tokens import Doc
from spacy.vocab import Vocab

_KEY = "newsfacts_columns"


class _Stored:
    """Columns of one Doc: ``array[:, index[attr]]`` for each stored attribute, for a Doc of ``n`` tokens."""

    __slots__ = ("arrays", "index", "n")

    def __init__(self, n: int) -> None:
        self.n = n
        self.arrays: list[np.ndarray] = []
        self.index: dict[int, tuple[int, int]] = {}  # attr → (which array, which column)


def prefetch(doc: Doc, attrs: Sequence[int]) -> np.ndarray:
    """``doc.to_array(attrs)`` (two attributes or more), stored for :func:`columns` as well; the lexeme
    attributes among ``attrs`` are read from the per-process lexeme rows (:func:`lexeme_columns`)."""
    lexeme = [a for a in attrs if is_lexeme_attr(a)]
    if not lexeme:
        arr = doc.to_array(list(attrs))
    else:
        own = list(dict.fromkeys([ORTH, *(a for a in attrs if not is_lexeme_attr(a))]))
        token_arr = doc.to_array(own).reshape(len(doc), len(own))
        lexeme_arr = lexeme_columns(doc.vocab, tuple(lexeme), token_arr[:, 0])
        arr = np.empty((len(doc), len(attrs)), dtype=np.uint64)
        for j, a in enumerate(attrs):
            arr[:, j] = lexeme_arr[:, lexeme.index(a)] if is_lexeme_attr(a) else token_arr[:, own.index(a)]
    store(doc, attrs, arr)
    return arr


def is_lexeme_attr(attr: int) -> bool:
    """Whether ``Doc.to_array`` reads ``attr`` from the token's lexeme alone: a flag (ids below 64: IS_PUNCT,
    IS_SPACE, the flags ``Vocab.add_flag`` adds), LOWER or LENGTH (never NORM: a token may have its own)."""
    return attr < 64 or attr in (LOWER, LENGTH)


class _LexemeRows:
    """The values of a tuple of lexeme attributes for each lexeme met, one row each, found by its ORTH id."""

    MAX_ROWS = 200_000  # emptied past this many lexemes, as ``people._WordTable``

    def __init__(self, vocab: Vocab, attrs: tuple[int, ...]) -> None:
        self.vocab = vocab
        self.attrs = list(attrs)
        self.index: dict[int, int] = {}
        self.rows = np.zeros((0, len(attrs)), dtype=np.uint64)

    def of(self, orths: np.ndarray) -> np.ndarray:
        """The rows of the lexemes with these ORTH ids, reading the new ones' from spaCy in one Doc."""
        keys = orths.tolist()
        if len(self.index) + len(keys) > self.MAX_ROWS:
            self.index = {}
            self.rows = self.rows[:0]
        at = np.fromiter(map(self.index.get, keys, repeat(-1)), dtype=np.int64, count=len(keys))
        if (at < 0).any():
            new = list(dict.fromkeys(o for o, i in zip(keys, at.tolist(), strict=True) if i < 0))
            strings = self.vocab.strings
            words = Doc(self.vocab, words=[strings[o] for o in new], spaces=[False] * len(new))
            first = len(self.rows)
            self.rows = np.concatenate((self.rows, words.to_array(self.attrs).reshape(len(new), -1)))
            self.index.update(zip(new, range(first, first + len(new)), strict=True))
            at = np.fromiter(map(self.index.get, keys), dtype=np.int64, count=len(keys))
        return self.rows[at]


#: id(vocab) → (the vocab, kept alive so that its id is not reused; its lexeme rows for each tuple of attributes)
_LEXEME_ROWS: dict[int, tuple[Vocab, dict[tuple[int, ...], _LexemeRows]]] = {}


def lexeme_columns(vocab: Vocab, attrs: tuple[int, ...], orths: np.ndarray) -> np.ndarray:
    """The columns of ``attrs`` (lexeme attributes) that ``to_array`` gives tokens with these ORTH ids."""
    entry = _LEXEME_ROWS.get(id(vocab))
    if entry is None:
        if len(_LEXEME_ROWS) >= 8:  # tests build many pipelines; a process of the pipeline has one
            _LEXEME_ROWS.clear()
        entry = _LEXEME_ROWS[id(vocab)] = (vocab, {})
    tables = entry[1]
    table = tables.get(attrs)
    if table is None:
        table = tables[attrs] = _LexemeRows(vocab, attrs)
    return table.of(orths)


def store(doc: Doc, attrs: Sequence[int], arr: np.ndarray) -> None:
    """Keep ``arr`` (``doc.to_array(attrs)``, 2-D) as the Doc's columns of ``attrs``."""
    stored = doc.user_data.get(_KEY)
    if stored is None or stored.n != len(doc):
        stored = doc.user_data[_KEY] = _Stored(len(doc))
    which = len(stored.arrays)
    stored.arrays.append(arr)
    for col, attr in enumerate(attrs):
        stored.index[attr] = (which, col)


def columns(doc: Doc, attrs: Sequence[int]) -> np.ndarray:
    """What ``doc.to_array(attrs)`` returns for two attributes or more (uint64, one row a token), from the
    stored columns when all of ``attrs`` are stored for this Doc's tokens, else from spaCy."""
    stored = doc.user_data.get(_KEY)
    if stored is None or stored.n != len(doc) or not all(a in stored.index for a in attrs):
        return doc.to_array(list(attrs))
    where = [stored.index[a] for a in attrs]
    if len({w for w, _ in where}) == 1:
        return stored.arrays[where[0][0]][:, [c for _, c in where]]
    return np.column_stack([stored.arrays[w][:, c] for w, c in where])
