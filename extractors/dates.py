"""Dates: PLACEHOLDER until the dates extractor lands (ISO years only)."""

from __future__ import annotations

import re
from datetime import date

from extractors.model import DateFact


def find_dates(text: str, published: date | None) -> list[DateFact]:
    """Calendar references in ``text`` normalised against ``published``."""
    return [DateFact(m.group(), m.group(), m.start(), m.end())
            for m in re.finditer(r"\b(?:19|20)\d\d\b", text)]
