"""Counts of people: PLACEHOLDER until the counts extractor lands."""

from __future__ import annotations

import re

from extractors.model import CountFact


def find_counts(text: str) -> list[CountFact]:
    """Numbers of people in ``text``."""
    return [CountFact(int(m.group(1).replace(",", "")), None, "exact", m.group(2), m.group(), m.start(), m.end())
            for m in re.finditer(r"\b(\d[\d,]*) (prisoners|people)\b", text)]
