"""Name resolution: PLACEHOLDER until the resolver lands (exact names only)."""

from __future__ import annotations

import hashlib

from extractors.model import Mention, Person


def same_person(a: str, b: str) -> tuple[bool, float]:
    """Whether two spellings name the same person, with a score in [0, 1]."""
    return a.casefold() == b.casefold(), float(a.casefold() == b.casefold())


def resolve_documents(docs: list[list[Mention]]) -> list[list[Person]]:
    """Cluster each document's mentions into people with ids stable across documents."""
    out = []
    for mentions in docs:
        people: dict[str, Person] = {}
        for m in mentions:
            pid = "p-" + hashlib.sha1(m.name.casefold().encode()).hexdigest()[:10]
            people.setdefault(pid, Person(pid, m.name)).mentions.append(m)
        out.append(list(people.values()))
    return out
