"""Load and validate ``gazetteer/data/name_rules.yaml``: the words and endings of how names are written.

Read by both the people detector and name resolution, so each rule is written once. Validated at
load: unknown keys, non-strings and words not in folded lower case raise :class:`GazetteerError`
naming the file and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer import data_dir
from gazetteer.load import GazetteerError, read_yaml

_WORD = re.compile(r"[a-z][a-z'\-]*")
_SECTIONS = {"honorifics"}


@dataclass(frozen=True, slots=True)
class NameRules:
    """Folded words, by rule."""

    honorifics_male: frozenset[str]
    honorifics_female: frozenset[str]

    @property
    def honorifics(self) -> frozenset[str]:
        return self.honorifics_male | self.honorifics_female


def _words(path: Path, where: str, value: object) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise GazetteerError(f"{path}: {where}: expected a non-empty list of lower-case words")
    for w in value:
        if not isinstance(w, str) or not _WORD.fullmatch(w):
            raise GazetteerError(f"{path}: {where}: {w!r} is not a lower-case ASCII word")
    return frozenset(value)


@lru_cache(maxsize=4)
def load_name_rules(path: Path | None = None) -> NameRules:
    """The name rules from ``path`` (default ``gazetteer/data/name_rules.yaml``), validated and cached."""
    path = path or data_dir() / "name_rules.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: expected a mapping with sections {sorted(_SECTIONS)}")
    data.pop("__line__", None)
    unknown = sorted(set(data) - _SECTIONS)
    if unknown:
        raise GazetteerError(f"{path}: unknown section(s) {unknown}; allowed: {sorted(_SECTIONS)}")
    hon = data.get("honorifics")
    if not isinstance(hon, dict):
        raise GazetteerError(f"{path}: section 'honorifics' must map male and female to lists of words")
    line = hon.pop("__line__", "?")
    if set(hon) != {"male", "female"}:
        raise GazetteerError(f"{path}:{line}: honorifics: expected exactly the keys 'male' and 'female'")
    return NameRules(_words(path, "honorifics.male", hon["male"]), _words(path, "honorifics.female", hon["female"]))
