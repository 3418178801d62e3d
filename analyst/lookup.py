"""Find a person in the warehouse by any spelling, through the resolver the pipeline uses.

A spelling never seen in the warehouse (Cyrillic, Łacinka, surname first, a typo) is compared with every
spelling the warehouse holds by ``resolution.resolve.Resolver.match``, the rule the pipeline merges names
by, with the analysts' recorded review decisions; a gazetteer hit finds the gazetteer's person directly.
Several people may match: all are listed with their confidence, never merged; when none does, the nearest
spellings are offered ("did you mean").
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache

from analyst.store import Store
from resolution.resolve import Resolver
from warehouse.review import decisions as review_decisions

#: a spelling longer than this is not a name (a pasted paragraph): refused with a message
MAX_SPELLING = 200
#: spellings the rules do not call the same person but score at least this are offered as "did you mean"
NEAR_SCORE = 0.5
NEAR_LIMIT = 5


class SpellingError(ValueError):
    """A spelling that cannot be looked up (empty, too long, no letters); the message says what to type."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person of the warehouse a spelling may name."""

    person_id: str
    name: str
    confidence: float
    spelling: str  # the warehouse's spelling that matched best
    reason: str  # the rule that decided ("gazetteer ...", "surname+given", "recorded decision", ...)


@dataclass(slots=True)
class Lookup:
    query: str
    matches: list[Candidate] = field(default_factory=list)  # the same person by the resolver's rules
    near: list[Candidate] = field(default_factory=list)  # not the same by the rules; closest first


@cache
def _resolver() -> Resolver:
    """One resolver a process (parsing the gazetteer takes a moment); decisions are set per lookup."""
    return Resolver()


_LOCK = threading.Lock()  # the resolver's decisions and caches are per lookup: one lookup at a time


def clean_spelling(spelling: str) -> str:
    """The spelling as a name: spaces collapsed, "SURNAME, Given" turned to "Given SURNAME"."""
    s = " ".join(spelling.split())
    if not s:
        raise SpellingError("type a name to look up, e.g. \"Tsikhanouski\" or \"Тихановский\"")
    if len(s) > MAX_SPELLING:
        raise SpellingError(f"that is {len(s)} characters, not a name; type at most {MAX_SPELLING}")
    if not any(c.isalpha() for c in s):
        raise SpellingError(f"{s!r} has no letters; type a name, e.g. \"Babaryka\"")
    if s.count(",") == 1:
        surname, given = (p.strip() for p in s.split(","))
        if surname and given:
            s = f"{given} {surname}"
    return re.sub(r"\s*,\s*", " ", s)


def find_people(store: Store, spelling: str, resolver: Resolver | None = None) -> Lookup:
    """The people of the warehouse ``spelling`` names, most confident first, and the near misses."""
    query = clean_spelling(spelling)
    aliases: dict[str, list[str]] = {}
    for r in store.rows("aliases"):
        aliases.setdefault(r["person_id"], []).append(r["alias"])
    names = {r["person_id"]: r["name"] for r in store.rows("people")}
    recorded = review_decisions(store.con)
    res = resolver or _resolver()
    best: dict[str, Candidate] = {}
    near: dict[str, Candidate] = {}
    with _LOCK:
        saved = res.decisions
        res.decisions = dict(saved)
        try:
            for (a, b), same in recorded.items():
                res.decisions[(a, b)] = same
            gid = res.lookup(query)
            if gid:
                for r in store.rows("people_by_gazetteer", gid):
                    pid = r["id"]
                    best[pid] = Candidate(pid, names.get(pid, pid), 1.0, names.get(pid, pid), f"gazetteer {gid}")
            for pid, spellings in aliases.items():
                for alias in spellings:
                    m = res.match(query, alias)
                    c = Candidate(pid, names.get(pid, alias), round(m.score, 3), alias, m.reason)
                    pool = best if m.same else near
                    if pid not in pool or c.confidence > pool[pid].confidence:
                        pool[pid] = c
        finally:
            res.decisions = saved
    matches = sorted(best.values(), key=lambda c: (-c.confidence, c.name))
    misses = sorted((c for pid, c in near.items() if pid not in best and c.confidence >= NEAR_SCORE),
                    key=lambda c: (-c.confidence, c.name))[:NEAR_LIMIT]
    return Lookup(query, matches, misses)
