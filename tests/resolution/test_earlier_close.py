"""A page's leader clustering reads each name's close earlier names from lists of ints (``_earlier_close``) up to
``EARLIER_LISTS_MAX`` names, from the screen's NumPy rows (``_close_pairs``) beyond: the same names, the same
clusters."""

from __future__ import annotations

import random

from benchmarks.resolve import generate
from resolution import resolve
from resolution.resolve import PAIR_MIN, Resolver


def test_earlier_close_is_the_screen_below_the_diagonal():
    r = Resolver(decisions={("aliaksandr lukashenka", "aleksandr lukashenko"): True})
    docs, _ = generate(3_000, 7)
    spellings = list(dict.fromkeys(m.name for doc in docs for m in doc))
    parsed = [pn for pn in (r.parse(s) for s in spellings) if pn.has_given and pn.stem]
    rng = random.Random(2)
    for n in (1, 2, 13, 40, 300):  # 300: more than one chunk of rows
        names = rng.sample(parsed, min(n, len(parsed)))
        want = [ys[ys < x].tolist() for x, ys in enumerate(r._close_pairs(names, PAIR_MIN))]
        assert r._earlier_close(names, PAIR_MIN) == want


def test_pages_cluster_alike_from_lists_and_from_rows(monkeypatch):
    docs, _ = generate(4_000, 3)
    found_lists: dict = {}
    by_lists = [Resolver()._cluster_doc(doc, found_lists) for doc in docs]
    monkeypatch.setattr(resolve, "EARLIER_LISTS_MAX", 0)
    found_rows: dict = {}
    by_rows = [Resolver()._cluster_doc(doc, found_rows) for doc in docs]

    def shape(clusters: list) -> list:
        return [[(m.start, m.name) for m in c.mentions] for c in clusters]

    assert [shape(c) for c in by_lists] == [shape(c) for c in by_rows]
    assert found_lists == found_rows
    assert sum(len(c.mentions) > 1 for doc in by_lists for c in doc) > len(docs)  # names merged into people
