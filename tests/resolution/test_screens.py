"""The resolver's cheap screens agree with the full rules: a pair a screen drops is one the rules would find
neither the same person nor uncertain, so dropping it cannot change any result."""

from __future__ import annotations

import csv
import importlib.util
import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks.resolve import generate
from resolution import resolve
from resolution.names import GREY_LOW, MIXED_MIN, compare, given_rules_reject
from resolution.resolve import CLOSE_MAX, PAIR_MIN, Resolver

_spec = importlib.util.spec_from_file_location("many_names", Path(__file__).with_name("many_names.py"))
many_names = importlib.util.module_from_spec(_spec)
sys.modules["many_names"] = many_names
_spec.loader.exec_module(many_names)

_PAIRS = Path(__file__).parents[1] / "heldout" / "names" / "pairs.tsv"

#: names built to hit every rule a screen reads: genders of given names, patronymics and surname forms,
#: initials, given names outside the lexicon, shared and different classes
_HANDMADE = [
    "Ivan Petrov", "Ivan Petrova", "Anna Petrova", "Anna Petrov", "I. Petrov", "A. Petrova", "J. Petrov",
    "Ivan Ivanovich Petrov", "Ivan Sergeyevich Petrov", "Ivan Ivanovna Petrova", "Alex Petrov", "Alexandra Petrova",
    "Aleksandr Petrov", "Sasha Petrov", "Zuzurin Petrov", "Zuzurina Petrova", "Zuzurim Petrov", "Babarin Kotassen",
    "Babarina Kotassen", "Mr Ivanou", "Lady Starmer", "PETROV Ivan", "Petrov, Ivan Ivanovich", "Maria Kalesnikava",
    "Maryia Kalesnikava", "Mikalai Statkevich", "Mikola Statkevich", "Nasta Losik", "Anastasia Losik",
]


def _names() -> list[str]:
    names = list(_HANDMADE)
    with _PAIRS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            names += [row["name_a"], row["name_b"]]
    docs, _ = generate(600, seed=7)
    names += [m.name for doc in docs for m in doc]
    return sorted(set(names))


def test_given_rules_reject_only_pairs_the_rules_find_neither_same_nor_uncertain():
    res = Resolver()
    parsed = [res.parse(n) for n in _names()]
    rejected = 0
    for a, b in itertools.permutations(parsed, 2):
        if given_rules_reject(a, b, res.index):
            rejected += 1
            m = compare(a, b, res.index)
            assert not m.same and m.score < GREY_LOW, (a.raw, b.raw, m)
    assert rejected > 1000  # the screen is exercised, not vacuous


def _plain_candidate_pairs(res: Resolver, names: list) -> list[tuple[int, int]]:
    """The candidate pairs by a row-by-row loop over each block's screen (how they were first picked)."""
    blocks: dict[str, list[int]] = {}
    for i, pn in enumerate(names):
        blocks.setdefault("p:" + pn.stem[:3], []).append(i)
        blocks.setdefault("s:" + pn.stem[-3:], []).append(i)
    out = []
    for block, members in blocks.items():
        if len(members) < 2:
            continue
        stems = [names[i].stem for i in members]
        near = res._close_pairs([names[i] for i in members], PAIR_MIN)
        for x, ys in enumerate(near):
            for y in ys[ys > x][:resolve.CLOSE_MAX].tolist():
                if block.startswith("s:") and stems[x][:3] == stems[y][:3]:
                    continue
                if abs(len(stems[x]) - len(stems[y])) <= 3:
                    out.append((members[x], members[y]))
    return out


@pytest.mark.parametrize("close_max", [CLOSE_MAX, 3])
def test_candidate_pairs_agree_with_a_row_by_row_loop(monkeypatch, close_max):
    monkeypatch.setattr(resolve, "CLOSE_MAX", close_max)  # 3: the cap on later names of a block is exercised
    res = Resolver(decisions={("ivan petrov", "anna petrova"): True})
    names = [res.parse(n) for n in _names() + many_names.invented_people(300)]
    names = [pn for pn in names if pn.has_given and pn.stem]
    pairs = list(res._candidate_pairs(names))
    assert len(pairs) > 1000
    assert pairs == _plain_candidate_pairs(res, names)


def test_given_conflicts_are_names_of_disjoint_classes():
    res = Resolver()
    names = [res.parse(n) for n in _names()]
    conflicts = resolve._GivenConflicts(names).rows(0, len(names))
    classes = [pn.given_classes if len(pn.given) > 1 else frozenset() for pn in names]
    plain = np.array([[bool(a) and bool(b) and not a & b for b in classes] for a in classes])
    assert (conflicts == plain).all() and conflicts.any()


def test_close_surnames_agree_with_the_pairwise_test():
    res = Resolver()
    parsed = [res.parse(n) for n in _names()]
    alone = [res.parse(n) for n in dict.fromkeys(pn.surname.capitalize() for pn in parsed if pn.surname)]
    for bar in (MIXED_MIN, PAIR_MIN):
        near = resolve._close_surnames(alone + parsed[:50], parsed, bar)
        plain = {a.raw: {b.raw for b in parsed if resolve._surnames_close(a, b, bar)} for a in alone + parsed[:50]}
        assert near == plain and sum(map(len, near.values())) > len(near)


def test_given_rejects_are_pairs_the_rules_reject():
    res = Resolver()
    names = [res.parse(n) for n in _names() + many_names.invented_people(100)]
    idx = np.arange(len(names))
    found = resolve._GivenRejects(names, resolve._GivenConflicts(names)).pairs(idx, idx)
    plain = np.array([[given_rules_reject(a, b, res.index) for b in names] for a in names])
    assert not (found & ~plain).any()  # never a pair the rules would keep
    assert found.sum() > 0.5 * plain.sum()  # and most of those they reject (class conflicts: _GivenConflicts)


def test_candidate_pairs_drop_only_rejected_pairs_and_keep_the_order():
    res = Resolver()
    names = [pn for pn in (res.parse(n) for n in _names()) if pn.has_given and pn.stem]
    every = list(res._candidate_pairs(names))
    kept = list(res._candidate_pairs(names, drop_rejected=True))
    dropped = set(every) - set(kept)
    assert kept == [p for p in every if p not in dropped] and len(dropped) > 100
    assert all(given_rules_reject(names[x], names[y], res.index) for x, y in dropped)
