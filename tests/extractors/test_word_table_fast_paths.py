"""The people detector's word table (``people._WordTable``) gives each token the row the plain way gives it.

The table finds a Doc's tokens by ``np.searchsorted`` of their ORTH ids in a sorted array and reads their
columns with one NumPy index; the plain way is ``people._row`` of each token's own text. Checked on Docs that
bring new words, repeat them, bring none, and on a table that empties between Docs.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from spacy.attrs import ORTH

from extractors import people
from extractors.pipeline import build_nlp

_WORDS = ("Ales", "A.", "B.", "O'Brien", "Łukašenka", "Тихановская", "İstanbul", "ǅemal", "ß", "U.S.", "said", "the",
          "-", ",", "(", ")", "NGO", "van", "der", "el-Rahman", "McDonald", "97", "Kotau", "ÉCOLE", "x")


def _texts(n: int, seed: int) -> list[str]:
    """Texts of known and made-up words (``w123`` style, most of them new to the table)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(_WORDS) if rng.random() < 0.6 else f"{rng.choice('AbÖz')}w{rng.randrange(400)}"
                 for _ in range(rng.randint(1, 60))]
        out.append(" ".join(words))
    return out


def _plain_rows(doc) -> list[people._Row]:
    return [people._row(t.text) for t in doc]


def _table_rows(doc) -> list[people._Row]:
    rows = people._WORDS.rows_of(doc.to_array([ORTH]).astype(np.uint64), doc.vocab.strings)
    texts, flags = people._WORDS.texts[:, rows].T.tolist(), people._WORDS.flags[:, rows].T.tolist()
    return [(w, *f, k, low) for (w, k, low), f in zip(texts, flags, strict=True)]


@pytest.mark.parametrize("max_rows", [people._WordTable.MAX_ROWS, 60, 1])
def test_rows_are_each_tokens_own(monkeypatch, max_rows):
    monkeypatch.setattr(people, "_WORDS", people._WordTable())
    monkeypatch.setattr(people._WORDS, "MAX_ROWS", max_rows)  # 60, 1: the table empties before many Docs
    nlp = build_nlp()
    texts = _texts(300, seed=3)
    for text in texts + texts[::-1]:  # the second round: every word is known
        doc = nlp.make_doc(text)
        assert _table_rows(doc) == _plain_rows(doc), text
    table = people._WORDS
    assert (table.orths[1:] > table.orths[:-1]).all()  # sorted, each id once
    assert sorted(table.slots.tolist()) == list(range(table.size))


def test_doc_columns_are_the_rows_columns(monkeypatch):
    monkeypatch.setattr(people, "_WORDS", people._WordTable())
    nlp = build_nlp()
    for text in _texts(100, seed=4):
        doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
        d = people._Doc(doc)
        rows = _plain_rows(doc)
        assert d.words == tuple(r[0] for r in rows) and d.keys == tuple(r[5] for r in rows)
        assert d.lowers == tuple(r[6] for r in rows) and d.name == tuple(r[1] for r in rows)
        assert d.caps == [i for i, r in enumerate(rows) if r[2]] and d.initial == tuple(r[3] for r in rows)
        assert d.lower_vocab == {r[0] for r in rows if r[4]}
