"""Load and validate ``gazetteer/data/count_nouns.yaml``: the words a count of people can count.

The file has six sections (see its header): ``nouns`` (lower-case head nouns with
singular and plural forms), ``demonyms`` (capitalised nationality nouns and their
adjectives), ``modifiers`` (words allowed between the number and the head noun),
``fillers`` (modifiers left out of the reported unit) and ``quantities`` (other nouns
that make a four-digit number before them a quantity, not a year: ``extractors.dates``
reads them with the plurals of the nouns marked ``not_year``) and ``anaphora`` (the words by which a
number written without its noun refers back to an earlier people phrase). Everything is validated once
at load; a bad entry raises :class:`CountNounsError` naming the file, the line, the
entry and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gazetteer import data_dir
from gazetteer.load import GazetteerError, entry_where, read_sections, section_entries

COUNT_NOUNS_PATH = data_dir() / "count_nouns.yaml"

_SECTIONS = {"nouns", "demonyms", "modifiers", "fillers", "quantities", "anaphora"}
_ANAPHORA_KEYS = ("pronouns", "verbs", "participles", "determiners", "tallies", "pair_determiners")
_NOUN_KEYS = {"singular", "plural", "not_year"}
_DEMONYM_KEYS = {"adjective", "singular", "plural"}
_LOWER_RE = re.compile(r"[a-z][a-z'\-]*")
_CAPITAL_RE = re.compile(r"[A-Z][A-Za-z.'\-]*")


class CountNounsError(GazetteerError):
    """``count_nouns.yaml`` is missing, unreadable or invalid; the message names file, entry and reason."""


@dataclass(frozen=True, slots=True)
class CountNouns:
    """The validated lexicon. Common-noun forms are lower case; demonym forms keep their capital."""

    singular: frozenset[str]
    plural: frozenset[str]
    demonym_singular: frozenset[str]
    demonym_plural: frozenset[str]
    adjectives: frozenset[str]
    modifiers: frozenset[str]
    fillers: frozenset[str]
    #: lower-case nouns after which a four-digit number is a count or quantity, not a year ("2020 people",
    #: "1500 km"): the plurals of the nouns marked ``not_year`` and the ``quantities``
    not_year: frozenset[str] = frozenset()
    #: how a number written without its noun refers back (section ``anaphora``), key → lower-case words
    anaphora: dict[str, frozenset[str]] = field(default_factory=dict)


def load_count_nouns(path: Path | str | None = None) -> CountNouns:
    """The count-noun lexicon from ``path`` (default ``gazetteer/data/count_nouns.yaml``), cached.

    Raises :class:`CountNounsError` on an unreadable file, invalid YAML, an unknown
    section or key, a missing or malformed form, or a form listed twice.
    """
    return _load(Path(path) if path else COUNT_NOUNS_PATH)


def _forms(value, where: str, key: str, pattern: re.Pattern) -> list[str]:
    """One form or a list of forms, each matching ``pattern``."""
    values = value if isinstance(value, list) else [value]
    if not values:
        raise CountNounsError(f"{where}: {key!r} is an empty list")
    for v in values:
        if not isinstance(v, str) or not pattern.fullmatch(v):
            kind = "lower-case word" if pattern is _LOWER_RE else "capitalised word"
            raise CountNounsError(f"{where}: {key!r} form {v!r} is not a {kind}")
    return values


@lru_cache(maxsize=8)
def _load(path: Path) -> CountNouns:
    data = read_sections(path, _SECTIONS, CountNounsError)
    if not data.get("nouns"):
        raise CountNounsError(f"{path}: missing section 'nouns'")

    owner: dict[str, str] = {}  # form -> entry that claimed it, to report duplicates

    def claim(form: str, where: str) -> None:
        if form in owner:
            raise CountNounsError(f"{where}: form {form!r} is already listed at {owner[form]}")
        owner[form] = where

    singular: set[str] = set()
    plural: set[str] = set()
    not_year: set[str] = set()
    for n, raw in enumerate(section_entries(data, "nouns", path, CountNounsError), 1):
        where = entry_where(path, "nouns", n, raw, _NOUN_KEYS, _label(raw), CountNounsError)
        for key in ("singular", "plural"):
            if raw.get(key) in (None, "", []):
                raise CountNounsError(f"{where}: missing required field {key!r}")
        sing = _forms(raw["singular"], where, "singular", _LOWER_RE)
        if len(sing) != 1:
            raise CountNounsError(f"{where}: 'singular' must be one form, got {sing}")
        plur = _forms(raw["plural"], where, "plural", _LOWER_RE)
        for form in dict.fromkeys(sing + plur):
            claim(form, where)
        singular.update(sing)
        plural.update(plur)
        flag = raw.get("not_year", False)
        if not isinstance(flag, bool):
            raise CountNounsError(f"{where}: 'not_year' must be true or false, got {flag!r}")
        if flag:
            not_year.update(plur)

    dem_sing: set[str] = set()
    dem_plur: set[str] = set()
    adjectives: set[str] = set()
    for n, raw in enumerate(section_entries(data, "demonyms", path, CountNounsError), 1):
        where = entry_where(path, "demonyms", n, raw, _DEMONYM_KEYS, _label(raw), CountNounsError)
        if not any(raw.get(k) for k in _DEMONYM_KEYS):
            raise CountNounsError(f"{where}: give at least one of {sorted(_DEMONYM_KEYS)}")
        if bool(raw.get("singular")) != bool(raw.get("plural")):
            raise CountNounsError(f"{where}: give both 'singular' and 'plural', or neither")
        forms = {k: _forms(raw[k], where, k, _CAPITAL_RE) for k in _DEMONYM_KEYS if raw.get(k)}
        for form in dict.fromkeys(forms.get("singular", []) + forms.get("plural", [])):
            claim(form, where)
        for form in forms.get("adjective", []):
            if form in adjectives:
                raise CountNounsError(f"{where}: adjective {form!r} is listed twice")
            adjectives.add(form)
        dem_sing.update(forms.get("singular", []))
        dem_plur.update(forms.get("plural", []))

    modifiers = _word_list(data, "modifiers", path)
    fillers = _word_list(data, "fillers", path)
    quantities = _word_list(data, "quantities", path)
    for word in quantities:
        if word in owner:
            raise CountNounsError(f"{path}: section 'quantities': {word!r} is already listed at {owner[word]}")
    stray = sorted(set(fillers) - set(modifiers))
    if stray:
        raise CountNounsError(f"{path}: section 'fillers': {stray} must also be listed under 'modifiers'")
    anaphora = _anaphora(data, path)
    nouns_as_verbs = sorted((anaphora["verbs"] | anaphora["participles"]) & (set(owner) | set(modifiers)))
    if nouns_as_verbs:
        raise CountNounsError(f"{path}: section 'anaphora': {nouns_as_verbs} are count nouns or modifiers, "
                              "not verbs")
    return CountNouns(frozenset(singular), frozenset(plural), frozenset(dem_sing), frozenset(dem_plur),
                      frozenset(adjectives), frozenset(modifiers), frozenset(fillers),
                      frozenset(not_year | set(quantities)), anaphora)


def _anaphora(data: dict, path: Path) -> dict[str, frozenset[str]]:
    """Section ``anaphora``: a mapping of the keys in :data:`_ANAPHORA_KEYS` to lists of lower-case words.

    An absent section turns the references back off (a lexicon of nouns alone stays valid); a present one needs
    every key: a missing list would silently turn one shape of reference off.
    """
    raw = data.get("anaphora")
    if raw is None:
        return {k: frozenset() for k in _ANAPHORA_KEYS}
    if not isinstance(raw, dict):
        raise CountNounsError(f"{path}: section 'anaphora' must be a mapping with keys {list(_ANAPHORA_KEYS)}")
    raw = {k: v for k, v in raw.items() if k != "__line__"}
    unknown = sorted(set(raw) - set(_ANAPHORA_KEYS))
    missing = [k for k in _ANAPHORA_KEYS if not raw.get(k)]
    if unknown or missing:
        raise CountNounsError(f"{path}: section 'anaphora': unknown keys {unknown}, missing or empty {missing}")
    return {k: frozenset(_word_list(raw, k, path)) for k in _ANAPHORA_KEYS}


def _label(raw: dict) -> str:
    return raw.get("singular") or raw.get("adjective") or raw.get("plural") or "?"


def _word_list(data: dict, section: str, path: Path) -> list[str]:
    words = data.get(section) or []
    if not isinstance(words, list):
        raise CountNounsError(f"{path}: section {section!r} must be a list of lower-case words")
    seen: set[str] = set()
    for n, word in enumerate(words, 1):
        if not isinstance(word, str) or not _LOWER_RE.fullmatch(word):
            raise CountNounsError(f"{path}: {section} entry {n} ({word!r}): not a lower-case word")
        if word in seen:
            raise CountNounsError(f"{path}: {section} entry {n} ({word!r}): listed twice")
        seen.add(word)
    return words
