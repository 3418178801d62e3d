"""Boxes and credit lines inside a publisher's article that are not the article (``boilerplate.yaml``).

trafilatura keeps the main text, but some pages carry inside the story a promotional infobox ("What to know
about the 2024 Election: Today's news: ...") or end it with wire credits ("Reporting by X in Beirut; Editing
by Y", "Associated Press writer Z contributed to this report"). Their names and numbers are not the story's:
the boxes are pruned from the page before extraction, and credit paragraphs dropped from the text after.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from records.datafiles import load_yaml

DATA_FILE = Path(__file__).with_name("boilerplate.yaml")
#: a credit line is short: a longer paragraph that happens to say "contributed reporting" is story
CREDIT_MAX_CHARS = 300


@dataclass(frozen=True)
class Boilerplate:
    boxes: tuple[str, ...]
    credit_starts: tuple[str, ...]
    credit_phrases: tuple[str, ...]

    @property
    def prune_xpath(self) -> list[str]:
        """One XPath for every box word: an element whose class or id contains it, lower-case or capitalised.

        One expression, plain ``contains`` tests: a page is scanned once (lower-casing every attribute with
        ``translate`` cost ~10 ms a page on 170 KB pages); each word costs four tests an element."""
        tests = [f"contains(@{attr}, '{form}')" for w in self.boxes for form in dict.fromkeys((w, w.capitalize()))
                 for attr in ("class", "id")]
        return [f"//*[{' or '.join(tests)}]"] if tests else []

    def is_credit(self, paragraph: str) -> bool:
        """A short paragraph that opens with a credit followed by a name ("Editing by Ewa Lis", not "Editing by
        hand ..."), or that says "... contributed to this report"."""
        raw = paragraph.strip().lstrip("—–-* ")
        p = raw.lower()
        if not p or len(p) > CREDIT_MAX_CHARS:
            return False
        for start in self.credit_starts:
            if p.startswith(start) and raw[len(start):].strip()[:1].isupper():
                return True
        return any(c in p[:200] for c in self.credit_phrases)

    def drop_credits(self, text: str) -> str:
        """The text without its credit paragraphs (lines), everything else as it was."""
        lines = text.split("\n")
        kept = [line for line in lines if not self.is_credit(line)]
        return text if len(kept) == len(lines) else "\n".join(kept).strip("\n")


@lru_cache(maxsize=1)
def load_boilerplate() -> Boilerplate:
    raw = load_yaml(DATA_FILE)
    if not isinstance(raw, dict) or set(raw) != {"boxes", "credit_starts", "credit_phrases"}:
        raise ValueError(f"{DATA_FILE}: expected sections boxes, credit_starts, credit_phrases")
    out = {}
    for key, words in raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"{DATA_FILE}: {key} must be a list of non-empty strings")
        if key == "boxes" and not all(w.replace("-", "").isalnum() for w in words):
            raise ValueError(f"{DATA_FILE}: box words are letters, digits and '-' (they go into an XPath)")
        out[key] = tuple(w.strip().lower() for w in words)
    return Boilerplate(**out)
