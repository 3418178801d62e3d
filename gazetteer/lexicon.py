"""Non-person lexicons: organisations, places and the words around person names.

The people detector reads three YAML files in ``gazetteer/data``:

* ``organisations.yaml``: outlets, NGOs, state bodies, companies (never people),
  plus ``head_words`` that end organisation names ("... Council") and lower-case
  ``apposition_nouns`` that introduce one ("the charity X", "the Telegram channel X");
* ``places.yaml``: countries, cities, regions with their demonyms, plus ``head_words``
  that end place names ("... Square") and ``prefix_words`` that start them ("North ...");
* ``titles.yaml``: ``titles`` ("President", "Mr"), ``regnal_titles`` used with a given
  name alone ("Pope Leo XIV"), lowercase ``roles``
  ("journalist"), ``modifiers`` ("former"), ``speech_verbs`` ("said") and
  ``never_names`` (sentence-initial function words, common nouns; the people detector adds the
  weekday, month and season words of ``calendar.yaml``).

Every file is validated once at load: unknown keys, missing fields, bad ids,
duplicate ids or words, and non-string values (YAML reads a bare ``No`` or ``On``
as a boolean) raise :class:`LexiconError` naming the file, the entry and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from gazetteer import data_dir
from gazetteer.load import GazetteerError
from records.datafiles import DataFileError, load_yaml

DATA_DIR = data_dir()

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_ENTRY_KEYS = {"id", "name", "kind", "aliases", "demonyms"}
_WORD_LISTS = ("titles", "regnal_titles", "roles", "modifiers", "speech_verbs", "never_names")


class LexiconError(GazetteerError, ValueError):
    """A lexicon file or entry that cannot be used; the message names the file, the entry and the fix."""

    def __init__(self, file: Path | str, entry: Any, reason: str):
        self.file, self.entry, self.reason = str(file), entry, reason
        super().__init__(f"{file}: entry {entry!r}: {reason}")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One organisation or place: canonical id and name, kind, other spellings, demonyms."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the people detector needs to know about words that are not person names."""

    organisations: tuple[LexiconEntry, ...]
    places: tuple[LexiconEntry, ...]
    organisation_heads: tuple[str, ...]
    place_heads: tuple[str, ...]
    place_prefixes: tuple[str, ...]
    titles: tuple[str, ...]
    regnal_titles: tuple[str, ...]
    roles: tuple[str, ...]
    modifiers: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    never_names: tuple[str, ...]
    organisation_nouns: tuple[str, ...] = ()


def _read(path: Path) -> dict:
    try:
        data = load_yaml(path)
    except DataFileError as exc:
        raise GazetteerError(f"gazetteer file {exc}") from None
    if not isinstance(data, dict):
        raise LexiconError(path, None, "top level must be a mapping")
    return data


def _check_keys(path: Path, data: dict, allowed: set[str], required: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise LexiconError(path, unknown[0], f"unknown top-level key; allowed: {sorted(allowed)}")
    missing = sorted(required - set(data))
    if missing:
        raise LexiconError(path, missing[0], "required top-level key is missing")


def _words(path: Path, key: str, value: Any) -> tuple[str, ...]:
    """A list of non-empty, distinct strings."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise LexiconError(path, key, "must be a list of strings")
    seen: set[str] = set()
    for w in value:
        if not isinstance(w, str):
            raise LexiconError(path, w, f"in {key}: not a string (quote it: YAML reads bare Yes/No/On/Off as booleans)")
        if not w.strip() or w != w.strip():
            raise LexiconError(path, w, f"in {key}: empty or padded with spaces")
        if w in seen:
            raise LexiconError(path, w, f"in {key}: duplicate word")
        seen.add(w)
    return tuple(value)


def _entries(path: Path, key: str, items: Any, kinds: tuple[str, ...], with_demonyms: bool) -> tuple[LexiconEntry, ...]:
    if not isinstance(items, list):
        raise LexiconError(path, key, "must be a list of entries")
    allowed = _ENTRY_KEYS if with_demonyms else _ENTRY_KEYS - {"demonyms"}
    out: list[LexiconEntry] = []
    ids: set[str] = set()
    for item in items:
        if not isinstance(item, dict):
            raise LexiconError(path, item, "entry must be a mapping with id, name, kind")
        label = item.get("id", item.get("name", item))
        unknown = sorted(set(item) - allowed)
        if unknown:
            raise LexiconError(path, label, f"unknown key {unknown[0]!r}; allowed: {sorted(allowed)}")
        for field in ("id", "name", "kind"):
            if not isinstance(item.get(field), str) or not item[field].strip():
                raise LexiconError(path, label, f"{field!r} is missing or not a non-empty string")
        if not _ID.match(item["id"]):
            raise LexiconError(path, label, "id must be lowercase letters, digits, '_' or '-'")
        if item["id"] in ids:
            raise LexiconError(path, label, "duplicate id")
        ids.add(item["id"])
        if kinds and item["kind"] not in kinds:
            raise LexiconError(path, label, f"kind {item['kind']!r} is not one of {list(kinds)}")
        aliases = _words(path, f"{item['id']}.aliases", item.get("aliases"))
        if item["name"] in aliases:
            raise LexiconError(path, label, f"alias {item['name']!r} repeats the name")
        demonyms = _words(path, f"{item['id']}.demonyms", item.get("demonyms")) if with_demonyms else ()
        out.append(LexiconEntry(item["id"], item["name"], item["kind"], aliases, demonyms))
    return tuple(out)


def load_organisations(path: Path | None = None) -> tuple[tuple[LexiconEntry, ...], tuple[str, ...]]:
    """Organisations and outlets, and the head words that end organisation names."""
    path = path or DATA_DIR / "organisations.yaml"
    data = _read(path)
    _check_keys(path, data, {"kinds", "organisations", "head_words", "apposition_nouns"}, {"organisations"})
    kinds = _words(path, "kinds", data.get("kinds"))
    return (_entries(path, "organisations", data["organisations"], kinds, with_demonyms=False),
            _words(path, "head_words", data.get("head_words")))


def load_organisation_nouns(path: Path | None = None) -> tuple[str, ...]:
    """The lower-case nouns that introduce an organisation's name ("the charity X"): a separate list from the
    head words because they stand outside the name, before it or in an apposition after it."""
    path = path or DATA_DIR / "organisations.yaml"
    nouns = _words(path, "apposition_nouns", _read(path).get("apposition_nouns"))
    for w in nouns:
        if w != w.lower() or not w.isalpha():
            raise LexiconError(path, w, "in apposition_nouns: one lower-case word (acronyms too: 'ngo')")
    return nouns


def load_places(path: Path | None = None) -> tuple[tuple[LexiconEntry, ...], tuple[str, ...], tuple[str, ...]]:
    """Countries, cities and regions (with demonyms), the words that end place names and those that start them."""
    path = path or DATA_DIR / "places.yaml"
    data = _read(path)
    _check_keys(path, data, {"kinds", "places", "head_words", "prefix_words"}, {"places"})
    kinds = _words(path, "kinds", data.get("kinds"))
    return (_entries(path, "places", data["places"], kinds, with_demonyms=True),
            _words(path, "head_words", data.get("head_words")),
            _words(path, "prefix_words", data.get("prefix_words")))


def load_titles(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The word lists of ``titles.yaml``: titles, regnal_titles, roles, modifiers, speech_verbs, never_names."""
    path = path or DATA_DIR / "titles.yaml"
    data = _read(path)
    _check_keys(path, data, set(_WORD_LISTS), {"titles", "never_names"})
    return {key: _words(path, key, data.get(key)) for key in _WORD_LISTS}


@lru_cache(maxsize=4)
def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """All three lexicons from ``data_dir``, validated; raises LexiconError on a bad file or entry."""
    orgs, org_heads = load_organisations(data_dir / "organisations.yaml")
    places, place_heads, place_prefixes = load_places(data_dir / "places.yaml")
    words = load_titles(data_dir / "titles.yaml")
    nouns = load_organisation_nouns(data_dir / "organisations.yaml")
    return Lexicon(organisations=orgs, places=places, organisation_heads=org_heads, place_heads=place_heads,
                   place_prefixes=place_prefixes, organisation_nouns=nouns, **words)
