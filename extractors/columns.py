"""Token columns of a Doc read from spaCy once, then shared by the components that need them.

``Doc.to_array`` costs ~130 instructions an attribute a token (spaCy takes the GIL for each read), and the
sentencizer, the people detector, the sentence bounds and the fingerprint read overlapping columns (offsets,
lengths, ORTH, LOWER, punctuation and space flags, sentence starts): sixteen reads a token, 7% of the facts
and events stages. The sentencizer reads the union once (:func:`prefetch`) and stores the sentence starts it
sets (:func:`store`); :func:`columns` then answers from the stored columns, or, for a column never stored
(or a Doc whose tokens changed since), asks spaCy as before. Only columns that cannot change afterwards are
stored: a token's offsets and lexeme attributes once tokenized, its sentence start once the sentencizer set it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc

_KEY = "newsfacts_columns"


class _Stored:
    """Columns of one Doc: ``array[:, index[attr]]`` for each stored attribute, for a Doc of ``n`` tokens."""

    __slots__ = ("arrays", "index", "n")

    def __init__(self, n: int) -> None:
        self.n = n
        self.arrays: list[np.ndarray] = []
        self.index: dict[int, tuple[int, int]] = {}  # attr → (which array, which column)


def prefetch(doc: Doc, attrs: Sequence[int]) -> np.ndarray:
    """``doc.to_array(attrs)`` (two attributes or more), stored for :func:`columns` as well."""
    arr = doc.to_array(list(attrs))
    store(doc, attrs, arr)
    return arr


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
