"""Benchmark name resolution on generated mentions: time, peak memory and wrong merges.

    python -m benchmarks.resolve --mentions 100000 [--seed 7] [--no-gazetteer]

Mentions are drawn from the gazetteer's people with realistic noise: another
known spelling (other romanisation or script), a one-letter typo in the surname,
upper-case ``SURNAME, Given`` order, lower/upper case, and surname-only repeats
after a full mention in the same document. Documents hold ~20 mentions of ~5
people. Prints wall time, peak RSS, how many resolved ids merge mentions of
different generated people (wrong merges) and how many people were split.
``--no-gazetteer`` resolves with an empty gazetteer, so only the general rules act.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import defaultdict

from gazetteer.load import load_people
from records.facts import Mention
from resolution.resolve import Resolver

_LETTERS = "abcdefghiklmnoprstuvyz"


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 6 or not word.isascii():
        return word
    i = rng.randrange(2, len(word) - 1)
    op = rng.random()
    if op < 0.4:
        return word[:i] + rng.choice(_LETTERS) + word[i + 1:]
    if op < 0.7:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def _noisy(rng: random.Random, spelling: str) -> str:
    tokens = spelling.split()
    if len(tokens) < 2:
        return spelling
    given, surname = tokens[0], tokens[-1]
    if rng.random() < 0.1:
        surname = _typo(rng, surname)
    r = rng.random()
    if r < 0.1:
        return f"{surname.upper()}, {given}"
    if r < 0.15:
        return f"{given} {surname}".upper()
    if r < 0.2:
        return f"{given} {surname}".lower()
    return " ".join([given, *tokens[1:-1], surname])


def generate(n: int, seed: int) -> tuple[list[list[Mention]], dict[tuple[int, int], str]]:
    """``n`` mentions in documents, and the true person id of each (doc, mention index)."""
    rng = random.Random(seed)
    people = load_people()
    docs: list[list[Mention]] = []
    truth: dict[tuple[int, int], str] = {}
    made = 0
    while made < n:
        cast = rng.sample(people, 5)
        doc: list[Mention] = []
        named: list = []
        pos = 0
        for _ in range(min(20, n - made)):
            p = rng.choice(cast)
            if p in named and rng.random() < 0.3:
                name = p.name.split()[-1]
            else:
                name = _noisy(rng, rng.choice(p.spellings))
                named.append(p)
            truth[(len(docs), len(doc))] = p.id
            doc.append(Mention(name, name, pos, pos + len(name)))
            pos += len(name) + 40
            made += 1
        docs.append(doc)
    return docs, truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-gazetteer", action="store_true", help="resolve with an empty gazetteer (rules only)")
    args = ap.parse_args(argv)

    docs, truth = generate(args.mentions, args.seed)
    t0 = time.perf_counter()
    resolver = Resolver(people=[] if args.no_gazetteer else None)
    result = resolver.resolve(docs)
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # resolved id → true people of its full-name mentions; surname-only mentions are judged apart, since
    # "Lukashenka" next to two Lukashenkas is ambiguous for any reader
    members: dict[str, set[str]] = defaultdict(set)
    ids_of: dict[str, set[str]] = defaultdict(set)    # true person → resolved ids (full names)
    index = {id(m): (d, k) for d, doc in enumerate(docs) for k, m in enumerate(doc)}
    bare_wrong = bare = 0
    for people in result.people:
        for person in people:
            full = [truth[index[id(m)]] for m in person.mentions if len(m.name.split()) > 1]
            members[person.id].update(full)
            for t in full:
                ids_of[t].add(person.id)
        for person in people:
            for m in person.mentions:
                if len(m.name.split()) == 1:
                    bare += 1
                    bare_wrong += truth[index[id(m)]] not in members[person.id] and bool(members[person.id])
    merged = sorted(i for i, t in members.items() if len(t) > 1)
    wrong_people = len({t for i in merged for t in members[i]})
    print(f"mentions {sum(map(len, docs))} in {len(docs)} documents; generated people {len(ids_of)}")
    print(f"resolve time {elapsed:.2f} s; peak RSS {peak_mb:.0f} MB")
    print(f"resolved ids {len(members)}; ids merging different generated people {len(merged)} "
          f"(people involved {wrong_people})")
    print(f"generated people split over several ids {sum(len(v) > 1 for v in ids_of.values())}; "
          f"surname-only mentions {bare}, attached to another person {bare_wrong}; "
          f"uncertain pairs reported {len(result.uncertain)}")
    for i in merged[:10]:
        print(f"  merged {i}: {sorted(members[i])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
