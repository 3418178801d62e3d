"""Load and validate the gazetteer data files under ``gazetteer/data/``.

``people.yaml`` is a list of known people; ``given_names.yaml`` maps a given-name
class to its gender and every known form. Both are validated once at load:
unknown keys, missing fields and bad values raise :class:`GazetteerError`
naming the file, the entry (and its line) and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer import data_dir
from gazetteer.translit import fold
from records.datafiles import DataFileError, load_yaml

DATA = data_dir()
PEOPLE_PATH = DATA / "people.yaml"
GIVEN_NAMES_PATH = DATA / "given_names.yaml"

_PERSON_KEYS = {"id", "name", "gender", "role", "wikidata", "spellings"}
_PERSON_REQUIRED = ("id", "name", "gender", "spellings")
_GIVEN_KEYS = {"gender", "forms", "diminutives"}


class GazetteerError(Exception):
    """A gazetteer file is missing, unreadable or invalid; the message names file, entry and reason."""


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """A public figure: canonical ``name``, ``gender`` ('m'|'f') and every known spelling."""

    id: str
    name: str
    gender: str
    role: str | None
    wikidata: str | None
    spellings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GivenName:
    """The equivalence class (``cls``) of a given-name form and its gender ('m'|'f'|'u').

    ``exact``: a diminutive, known as written only: its phonetic key (short, shared by other names: Gena ~
    Hanna) does not bring other spellings into its class."""

    cls: str
    gender: str
    exact: bool = False


def read_yaml(path: Path, error: type[GazetteerError] | None = None):
    """A gazetteer YAML file, parsed safely (``records.datafiles``: no anchors or aliases, UTF-8 only), with
    the 1-based line of every mapping as ``__line__``; a bad file raises ``error`` (GazetteerError)."""
    try:
        return load_yaml(path, lines=True)
    except DataFileError as exc:
        raise (error or GazetteerError)(f"gazetteer file {exc}") from None


_read = read_yaml


def load_people(path: Path | None = None) -> list[KnownPerson]:
    """Known people from ``path`` (default ``gazetteer/data/people.yaml``), validated and cached.

    Each entry is a mapping with ``id``, ``name``, ``gender`` ('m'|'f'),
    ``spellings`` (list of strings; the canonical name is added) and optional
    ``role`` and ``wikidata``. Raises :class:`GazetteerError` on an unreadable
    file, an unknown key, a missing field, a bad gender or a duplicate id.
    """
    return list(_load_people(Path(path) if path else PEOPLE_PATH))


@lru_cache(maxsize=8)
def _load_people(path: Path) -> tuple[KnownPerson, ...]:
    data = _read(path)
    if not isinstance(data, list):
        raise GazetteerError(f"{path}: expected a list of people at the top level")
    people: list[KnownPerson] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(data, 1):
        if not isinstance(raw, dict):
            raise GazetteerError(f"{path}: entry {n}: expected a mapping, got {type(raw).__name__}")
        line = raw.pop("__line__", "?")
        where = f"{path}:{line}: entry {n} ({raw.get('id', '?')})"
        unknown = sorted(set(raw) - _PERSON_KEYS)
        if unknown:
            raise GazetteerError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(_PERSON_KEYS)}")
        for key in _PERSON_REQUIRED:
            if raw.get(key) in (None, "", []):
                raise GazetteerError(f"{where}: missing required field {key!r}")
        if raw["gender"] not in ("m", "f"):
            raise GazetteerError(f"{where}: bad gender {raw['gender']!r}; expected 'm' or 'f'")
        for key in ("id", "name", "role", "wikidata"):
            if raw.get(key) is not None and not isinstance(raw[key], str):
                raise GazetteerError(f"{where}: field {key!r} must be a string")
        spellings = raw["spellings"]
        if not isinstance(spellings, list) or not all(isinstance(s, str) and s.strip() for s in spellings):
            raise GazetteerError(f"{where}: 'spellings' must be a list of non-empty strings")
        if raw["id"] in seen:
            raise GazetteerError(f"{where}: duplicate id {raw['id']!r} (first at entry {seen[raw['id']]})")
        seen[raw["id"]] = n
        forms = list(dict.fromkeys([raw["name"], *spellings]))
        people.append(KnownPerson(raw["id"], raw["name"], raw["gender"], raw.get("role"), raw.get("wikidata"),
                                  tuple(forms)))
    return tuple(people)


def load_given_names(path: Path | None = None) -> dict[str, GivenName]:
    """Given-name lexicon from ``path`` (default ``gazetteer/data/given_names.yaml``), cached.

    The file maps a class name to ``{gender: m|f|u, forms: [...], diminutives: [...]}`` (diminutives
    optional, known as written only: ``GivenName.exact``); the result
    maps ``fold(form)`` of every form (and the class name) to its
    :class:`GivenName`. Raises :class:`GazetteerError` on unknown keys, missing
    fields, a bad gender or one form claimed by two classes.
    """
    return dict(_load_given_names(Path(path) if path else GIVEN_NAMES_PATH))


@lru_cache(maxsize=8)
def _load_given_names(path: Path) -> tuple[tuple[str, GivenName], ...]:
    data = _read(path)
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: expected a mapping of class -> {{gender, forms}} at the top level")
    data.pop("__line__", None)
    out: dict[str, GivenName] = {}
    for cls, raw in data.items():
        if not isinstance(raw, dict):
            raise GazetteerError(f"{path}: entry {cls!r}: expected a mapping with 'gender' and 'forms'")
        where = f"{path}:{raw.pop('__line__', '?')}: entry {cls!r}"
        unknown = sorted(set(raw) - _GIVEN_KEYS)
        if unknown:
            raise GazetteerError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(_GIVEN_KEYS)}")
        for key in ("gender", "forms"):
            if raw.get(key) in (None, "", []):
                raise GazetteerError(f"{where}: missing required field {key!r}")
        if raw["gender"] not in ("m", "f", "u"):
            raise GazetteerError(f"{where}: bad gender {raw['gender']!r}; expected 'm', 'f' or 'u'")
        forms = raw["forms"]
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise GazetteerError(f"{where}: 'forms' must be a list of non-empty strings")
        diminutives = raw.get("diminutives", [])
        if not isinstance(diminutives, list) or not all(isinstance(f, str) and f.strip() for f in diminutives):
            raise GazetteerError(f"{where}: 'diminutives' must be a list of non-empty strings")
        entry = GivenName(str(cls), raw["gender"])
        exact = GivenName(str(cls), raw["gender"], exact=True)
        for form, value in [*((f, entry) for f in [str(cls), *forms]), *((f, exact) for f in diminutives)]:
            key = fold(form)
            other = out.get(key)
            if other is not None and other.cls != entry.cls:
                raise GazetteerError(f"{where}: form {form!r} already belongs to class {other.cls!r}")
            if other is None or not value.exact:
                out[key] = value
    return tuple(out.items())


def read_sections(path: Path, allowed: set[str], error: type[GazetteerError]) -> dict:
    """A data file that maps section names to their contents (``read_yaml``); anything else, or a section
    not in ``allowed``, raises ``error`` naming the file."""
    data = read_yaml(path, error)
    if not isinstance(data, dict):
        raise error(f"{path}: expected a mapping with sections {sorted(allowed)}")
    data.pop("__line__", None)
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise error(f"{path}: unknown section(s) {unknown}; allowed: {sorted(allowed)}")
    return data


def section_entries(data: dict, section: str, path: Path, error: type[GazetteerError]) -> list[dict]:
    """The mappings of a list section of a data file (an absent section is empty); anything else raises ``error``."""
    entries = data.get(section) or []
    if not isinstance(entries, list):
        raise error(f"{path}: section {section!r} must be a list of mappings")
    for n, raw in enumerate(entries, 1):
        if not isinstance(raw, dict):
            raise error(f"{path}: {section} entry {n} ({raw!r}): expected a mapping")
    return entries


def entry_where(path: Path, section: str, n: int, raw: dict, allowed: set[str], label: str,
                error: type[GazetteerError]) -> str:
    """``file:line: section entry n (label)`` for error messages; pops ``__line__`` and rejects unknown keys."""
    line = raw.pop("__line__", "?")
    where = f"{path}:{line}: {section} entry {n} ({label})"
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise error(f"{where}: unknown key(s) {unknown}; allowed: {sorted(allowed)}")
    return where
