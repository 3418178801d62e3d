"""People: PLACEHOLDER until the people detector lands (two capitalised words)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extractors.model import Mention


def find_mentions(doc: Doc) -> list[Mention]:
    """Mentions of people in ``doc``."""
    return [Mention(m.group(), m.group(), m.start(), m.end())
            for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", doc.text)]
