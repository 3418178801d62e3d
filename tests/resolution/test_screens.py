"""The resolver's cheap screens agree with the full rules: a pair a screen drops is one the rules would find
neither the same person nor uncertain, so dropping it cannot change any result."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

from benchmarks.resolve import generate
from resolution.names import GREY_LOW, compare, given_rules_reject
from resolution.resolve import Resolver

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
