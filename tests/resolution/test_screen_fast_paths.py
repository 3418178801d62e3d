"""The candidate-pair screen's fast paths equal the plain ways they stand for.

``Resolver._candidate_pairs`` scores each block's later names only (``_later_close``) and filters the few close
pairs as index arrays; the plain way kept here screens each chunk's whole rows (``_close_chunks``) and filters
names x names matrices. Both must give the same pairs in the same order, with and without recorded decisions,
rejected pairs dropped or not, and a cap on later names that binds.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from benchmarks.resolve import generate
from resolution import resolve
from resolution.resolve import PAIR_MIN, Resolver

_spec = importlib.util.spec_from_file_location("many_names", Path(__file__).with_name("many_names.py"))
many_names = importlib.util.module_from_spec(_spec)
sys.modules["many_names"] = many_names
_spec.loader.exec_module(many_names)


def _plain_candidate_pairs(res: Resolver, names: list, drop_rejected: bool) -> Iterator[tuple[int, int]]:
    """The pairs as the dense screen picked them: whole rows of each block, masks over names x names."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, pn in enumerate(names):
        blocks["p:" + pn.stem[:3]].append(i)
        blocks["s:" + pn.stem[-3:]].append(i)
    prefixes: dict[str, int] = {}
    prefix = np.array([prefixes.setdefault(pn.stem[:3], len(prefixes)) for pn in names], dtype=np.int64)
    length = np.array([len(pn.stem) for pn in names], dtype=np.int64)
    keys = [resolve._surname_keys(pn) for pn in names]
    conflicts = resolve._GivenConflicts(names)
    rejects = resolve._GivenRejects(names, conflicts) if drop_rejected else None
    for block, members in blocks.items():
        if len(members) < 2:
            continue
        idx = np.array(members, dtype=np.int64)
        cols = np.arange(len(members))
        for r0, close in res._close_chunks([names[i] for i in members], PAIR_MIN, [keys[i] for i in members],
                                           conflicts.subset(idx)):
            r1 = r0 + len(close)
            later = close & (cols[None, :] > cols[r0:r1, None])
            later &= np.cumsum(later, axis=1) <= resolve.CLOSE_MAX
            if block.startswith("s:"):
                later &= prefix[idx[r0:r1], None] != prefix[None, idx]
            later &= np.abs(length[idx[r0:r1], None] - length[None, idx]) <= 3
            if rejects is not None:
                later &= ~rejects.pairs(idx[r0:r1], idx)
            xs, ys = np.nonzero(later)
            yield from zip(idx[xs + r0].tolist(), idx[ys].tolist(), strict=True)


def _names(res: Resolver) -> list:
    docs, _ = generate(400, seed=11)
    raw = sorted({m.name for doc in docs for m in doc} | set(many_names.invented_people(400)))
    return [pn for pn in (res.parse(n) for n in raw) if pn.has_given and pn.stem]


@pytest.mark.parametrize("close_max", [resolve.CLOSE_MAX, 2])
@pytest.mark.parametrize("drop_rejected", [False, True])
@pytest.mark.parametrize("screen_rows", [resolve.SCREEN_ROWS, 5])
def test_candidate_pairs_equal_the_dense_screen(monkeypatch, close_max, drop_rejected, screen_rows):
    monkeypatch.setattr(resolve, "CLOSE_MAX", close_max)  # 2: the cap on later names binds
    monkeypatch.setattr(resolve, "SCREEN_ROWS", screen_rows)  # 5: many chunks a block
    monkeypatch.setattr(resolve, "CHUNK_ROWS", 7)  # the plain screen in chunks too
    res = Resolver(decisions={("ivan petrov", "anna petrova"): True, ("anna petrova", "maria petrova"): False})
    names = _names(res) + [res.parse(n) for n in ("Ivan Petrov", "Anna Petrova", "Maria Petrova", "Anna Petrova")]
    got = list(res._candidate_pairs(names, drop_rejected=drop_rejected))
    assert len(got) > 200
    assert got == list(_plain_candidate_pairs(res, names, drop_rejected))


def test_rejects_at_pairs_are_the_matrix_entries():
    res = Resolver()
    names = _names(res)[:600]
    rejects = resolve._GivenRejects(names, resolve._GivenConflicts(names))
    idx = np.arange(len(names))
    matrix = rejects.pairs(idx, idx)
    rng = random.Random(3)
    xs = np.array([rng.randrange(len(names)) for _ in range(20_000)])
    ys = np.array([rng.randrange(len(names)) for _ in range(20_000)])
    assert (rejects.pairs_at(xs, ys) == matrix[xs, ys]).all() and matrix.any()


def test_conflicts_block_is_the_rows_columns():
    res = Resolver()
    names = _names(res)[:300]
    conflicts = resolve._GivenConflicts(names)
    for r0, r1, c0 in ((0, 300, 0), (10, 74, 11), (299, 300, 0), (5, 9, 299)):
        assert (conflicts.block(r0, r1, c0) == conflicts.rows(r0, r1)[:, c0:]).all()


def test_first_of_rows_is_the_cumulative_count():
    rng = np.random.default_rng(5)
    for limit in (1, 3, 100):
        later = rng.random((40, 60)) < 0.3
        xs, ys = np.nonzero(later)
        want = (np.cumsum(later, axis=1) <= limit)[xs, ys]
        assert (resolve._first_of_rows(xs, limit) == want).all()
