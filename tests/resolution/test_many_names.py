"""Pages naming thousands of people: bounded memory in the resolver, a capped review queue, and (slow) a
page naming 30,000 distinct invented people extracted and resolved in bounded time and memory.

Measured by hand (``python tests/gazetteer/many_names.py 30000 > page.html``, then
``/usr/bin/time -v newsfacts extract page.html``): see the commit that added this file.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from records.facts import Mention
from resolution import resolve
from resolution.resolve import CHUNK_ROWS, Resolver

_spec = importlib.util.spec_from_file_location("many_names", Path(__file__).with_name("many_names.py"))
many_names = importlib.util.module_from_spec(_spec)
sys.modules["many_names"] = many_names
_spec.loader.exec_module(many_names)


def _mentions(names: list[str]) -> list[Mention]:
    out, pos = [], 0
    for name in names:
        out.append(Mention(name, name, pos, pos + len(name), None, None))
        pos += len(name) + 7
    return out


@pytest.fixture
def cdist_shapes(monkeypatch):
    """The shapes of every rapidfuzz matrix the resolver asks for."""
    shapes = []
    real = resolve.process.cdist

    def spy(queries, choices, **kw):
        shapes.append((len(queries), len(choices)))
        return real(queries, choices, **kw)

    monkeypatch.setattr(resolve.process, "cdist", spy)
    return shapes


def test_a_page_of_thousands_of_names_is_screened_in_bounded_chunks(cdist_shapes):
    names = many_names.invented_people(800)
    people = Resolver().resolve([_mentions(names)]).people[0]
    assert sum(len(p.mentions) for p in people) == 800
    assert cdist_shapes and max(rows for rows, _ in cdist_shapes) <= CHUNK_ROWS  # never 800 x 800


def test_a_block_of_ten_thousand_names_sharing_a_suffix_is_chunked(cdist_shapes):
    res = Resolver()
    parsed = [res.parse(n) for n in many_names.invented_people(10_000)]
    suffixes = {pn.stem[-3:] for pn in parsed}
    assert len(suffixes) < 10  # blocks of thousands of names
    assert sum(1 for _ in res._candidate_pairs(parsed)) > 0
    assert max(rows for rows, _ in cdist_shapes) <= CHUNK_ROWS


def test_close_pairs_agree_with_a_dense_screen_on_a_small_page():
    res = Resolver(decisions={("babarin bababassen", "zuzurin kotassen"): True})
    names = [*many_names.invented_people(300), "Zuzurin Kotassen", "Alex Petrov", "Aleksandr Petrova"]
    parsed = [res.parse(n) for n in names]
    near = res._close_pairs(parsed, resolve.PAIR_MIN)
    dense = np.zeros((len(names), len(names)), dtype=bool)
    for x, ys in enumerate(near):
        dense[x, ys] = True
    assert (dense == dense.T).all()
    assert dense[0, len(names) - 3]  # the recorded decision is honoured whatever the names


def test_review_pairs_are_capped_per_page():
    base = many_names.invented_people(40)
    names = [n for name in base for n in (name, name + "ko")]  # "X Yssen" / "X Yssenko": too close to call
    res = Resolver()
    uncapped = res.resolve([_mentions(names)]).uncertain
    assert len(uncapped) > 5
    capped = res.resolve([_mentions(names)], max_uncertain_per_doc=5).uncertain
    assert len(capped) == 5
    assert sorted(p[2] for p in capped) == sorted(p[2] for p in uncapped)[-5:]  # the highest scores kept
@pytest.mark.slow
def test_a_page_naming_30000_people_is_extracted_in_bounded_time_and_memory():
    psutil = pytest.importorskip("psutil")
    from extractors.pipeline import extract_pages
    from extractors.text import extract_article
    from resolution.resolve import resolve_pages

    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    peak = rss0
    t0 = time.perf_counter()
    art = extract_article(many_names.many_names_page(30_000).encode(), url="http://example.test/roll-call")
    pages = list(extract_pages([art]))
    peak = max(peak, proc.memory_info().rss)
    uncertain = resolve_pages(pages)
    peak = max(peak, proc.memory_info().rss)
    elapsed = time.perf_counter() - t0
    page = pages[0]
    assert page.people and len({m.name for m in page.mentions}) <= 2000
    assert any("distinct people" in note for note in page.notes)
    assert len(uncertain) <= 200
    assert elapsed < 60, f"{elapsed:.1f} s"
    assert peak - rss0 < 1.5 * 2**30, f"{(peak - rss0) / 2**20:.0f} MB"
