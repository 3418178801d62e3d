"""Events: who was released, detained, sentenced or is still held — when, how many (eval/README.md §3).

Placeholder of the interface; the rules follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from records.facts import CountFact, DateFact, EventFact, Mention


def find_events(text: str, sentence_starts: Sequence[int], sentence_ends: Sequence[int],
                mentions: Sequence[Mention], counts: Sequence[CountFact], dates: Sequence[DateFact],
                published: date | None = None) -> list[EventFact]:
    """The events of one page, one per happening, in text order."""
    return []
