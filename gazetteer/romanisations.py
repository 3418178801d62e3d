"""Load and validate ``gazetteer/data/romanisations.yaml``: one table per romanisation system.

Each system becomes a :class:`Romanisation` with its rewrites compiled once into one regex (longest ``from``
first, with the system's ``after``/``before``/``at_end`` context), so reading a word with it is one
``re.sub``. Validated at load like the name rules: unknown systems' keys, missing keys, bad values and
repeated entries raise :class:`GazetteerError` naming the file, the line and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer import data_dir
from gazetteer.load import GazetteerError, read_yaml
from gazetteer.name_rules import _ENDING, _line, _list, _pairs, _where, _words

_NAME = re.compile(r"[a-z][a-z_]*")
_KEYS = {"scope", "rewrites", "marks", "not_with", "after", "before", "at_end", "raw"}
_REQUIRED = {"scope", "rewrites"}
_SCOPES = ("word", "name")


@dataclass(frozen=True, slots=True)
class Romanisation:
    """One system: which words it reads (``shows``) and how (``read``)."""

    name: str
    scope: str                                  # "word" | "name"
    rewrites: tuple[tuple[str, str], ...]
    pattern: re.Pattern[str]                    # the rewrites with their context, longest first
    marks: re.Pattern[str]                      # letters that show the system
    not_with: re.Pattern[str] | None            # letters that show another system
    raw: tuple[tuple[str, str], ...] = ()       # rewrites of the spelling as written, before folding
    table: dict[str, str] | None = None         # the rewrites as a mapping (built at load)

    def shows(self, folded: str) -> bool:
        """Whether a folded word (or name) shows this system."""
        return bool(self.marks.search(folded)) and not (self.not_with and self.not_with.search(folded))

    def read(self, folded: str) -> str:
        """A folded word read with this system's rewrites, in one pass."""
        table = self.table or dict(self.rewrites)
        return self.pattern.sub(lambda m: table[m.group()], folded)

    def raw_read(self, text: str) -> str | None:
        """The spelling as written with the ``raw`` rewrites, or None when none applies."""
        if not any(a in text for a, _ in self.raw):
            return None
        for a, b in self.raw:
            text = text.replace(a, b)
        return text


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _raw_pairs(path: Path, at: tuple[str, ...], name: str, value: object) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for i, pair in enumerate(_list(path, at, name, value)):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) and x for x in pair)):
            raise GazetteerError(f"{_where(path, _line(path, *at, i), name)}[{i}]: {pair!r} is not a "
                                 "[from, to] pair of non-empty strings")
        out.append((pair[0], pair[1]))
    return tuple(out)


@lru_cache(maxsize=4)
def load_romanisations(path: Path | None = None) -> tuple[Romanisation, ...]:
    """The systems of ``path`` (default ``gazetteer/data/romanisations.yaml``), validated, in file order."""
    path = path or data_dir() / "romanisations.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: expected a mapping of system name to its table")
    data = dict(data)
    data.pop("__line__", None)
    out = []
    for name, body in data.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise GazetteerError(f"{path}: {name!r} is not a lower-case system name")
        if not isinstance(body, dict):
            raise GazetteerError(f"{path}:{_line(path, name)}: system {name!r} must map keys to values")
        body = dict(body)
        body.pop("__line__", None)
        extra, lack = sorted(set(body) - _KEYS), sorted(_REQUIRED - set(body))
        if extra or lack:
            line = _line(path, name, extra[0]) if extra else _line(path, name)
            raise GazetteerError(f"{path}:{line}: {name}: allowed keys {sorted(_KEYS)}"
                                 + (f"; unknown {extra}" if extra else "") + (f"; missing {lack}" if lack else ""))
        scope = body["scope"]
        if scope not in _SCOPES:
            raise GazetteerError(f"{path}:{_line(path, name, 'scope')}: {name}.scope: {scope!r} is not one of "
                                 f"{list(_SCOPES)}")
        rewrites = _pairs(path, (name, "rewrites"), f"{name}.rewrites", body["rewrites"])
        marks = (_words(path, (name, "marks"), f"{name}.marks", body["marks"], _ENDING) if "marks" in body
                 else tuple(a for a, _ in rewrites))
        not_with = (_words(path, (name, "not_with"), f"{name}.not_with", body["not_with"], _ENDING)
                    if "not_with" in body else ())
        context = {}
        for key in ("after", "before"):
            if key in body:
                letters = body[key]
                if not isinstance(letters, str) or not _ENDING.fullmatch(letters):
                    raise GazetteerError(f"{path}:{_line(path, name, key)}: {name}.{key}: {letters!r} is not a "
                                         "string of lower-case ASCII letters")
                context[key] = letters
        at_end = body.get("at_end", False)
        if not isinstance(at_end, bool):
            raise GazetteerError(f"{path}:{_line(path, name, 'at_end')}: {name}.at_end: {at_end!r} is not "
                                 "true or false")
        raw = _raw_pairs(path, (name, "raw"), f"{name}.raw", body["raw"]) if "raw" in body else ()
        regex = "(?:" + _alternation([a for a, _ in rewrites]) + ")"
        if "after" in context:
            regex = f"(?<=[{context['after']}])" + regex
        if "before" in context:
            regex += f"(?=[{context['before']}])"
        if at_end:
            regex += "$"
        pattern = re.compile(regex)
        # a system whose rewrites carry a context shows where a rewrite applies; else where its marks are
        shows = pattern if (context or at_end) and "marks" not in body else re.compile(_alternation(marks))
        out.append(Romanisation(name=name, scope=scope, rewrites=rewrites, pattern=pattern, marks=shows,
                                not_with=re.compile(_alternation(not_with)) if not_with else None, raw=raw,
                                table=dict(rewrites)))
    if not out:
        raise GazetteerError(f"{path}: no romanisation system")
    return tuple(out)
