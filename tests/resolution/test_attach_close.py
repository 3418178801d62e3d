"""A lone surname is compared only with the full mentions whose spellings are close to it
(``Resolver._attach``'s ``close``): the people and uncertain pairs are those of comparing it with every full
mention of its page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks.resolve import generate
from records.facts import Mention
from resolution.resolve import Resolver


def pages_of(docs: list[list[Mention]], per_page: int) -> list[list[Mention]]:
    """``per_page`` generated documents joined into one page (offsets shifted): pages naming dozens of people,
    lone surnames among many full names, shared surnames included."""
    out = []
    for k in range(0, len(docs), per_page):
        page, shift = [], 0
        for doc in docs[k:k + per_page]:
            page += [replace(m, start=m.start + shift, end=m.end + shift,
                             group=None if m.group is None else m.group + shift) for m in doc]
            shift += max((m.end for m in doc), default=0) + 1
        out.append(page)
    return out


@pytest.mark.parametrize("per_page", [1, 12])
def test_lone_surnames_attach_as_when_compared_with_every_full_mention(monkeypatch, per_page):
    docs = pages_of(generate(6_000, 11)[0], per_page)
    fast = Resolver().resolve(docs, max_uncertain_per_doc=20)
    attach = Resolver._attach

    def every_full_mention(self, *args, **kwargs):
        kwargs.pop("close", None)
        return attach(self, *args[:9], **kwargs)  # without ``close``: every full mention of the page

    monkeypatch.setattr(Resolver, "_attach", every_full_mention)
    plain = Resolver().resolve(docs, max_uncertain_per_doc=20)
    assert fast.people == plain.people
    assert fast.uncertain == plain.uncertain
    assert sum(len(p.mentions) for doc in fast.people for p in doc) == sum(map(len, docs))
