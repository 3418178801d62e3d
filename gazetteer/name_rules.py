"""Load and validate ``gazetteer/data/name_rules.yaml``: the words and endings of how names are written.

Read by both the people detector and name resolution, so each rule is written once: honorifics,
particles, patronymic endings, surname gender endings and foreign case endings (romanisation systems
are tables of their own: ``gazetteer/data/romanisations.yaml``, read by :mod:`gazetteer.romanisations`).
Validated at load: unknown sections or keys, missing keys, non-strings and words not in folded lower case
raise :class:`GazetteerError` naming the file, the line of the entry and the reason.
Lists of ``[ending, replacement]`` pairs keep their order (it decides which ending wins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from gazetteer import data_dir
from gazetteer.load import GazetteerError, read_yaml
from records.datafiles import DataFileError, read_text

_WORD = re.compile(r"[a-z][a-z'\-]*")
_ENDING = re.compile(r"[a-z]+")
_REPLACEMENT = re.compile(r"[a-z]*")
#: section → its keys (every key required)
_SECTIONS: dict[str, tuple[str, ...]] = {
    "honorifics": ("male", "female"),
    "particles": ("words", "detector_also", "joined", "given_compound"),
    "patronymics": ("male", "female", "shape", "detector_shape", "root_endings"),
    "surname_gender": ("feminine", "masculine"),
    "case_endings": ("endings",),
    "oblique_cases": ("surname", "nominative", "given"),
}

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class NameRules:
    """Folded words and endings, by rule (see ``name_rules.yaml`` for what each does)."""

    honorifics_male: frozenset[str]
    honorifics_female: frozenset[str]
    particles: frozenset[str] = frozenset()
    particles_detector_also: frozenset[str] = frozenset()
    particles_joined: frozenset[str] = frozenset()  # articles hyphen-joined to a name part ("el-Rahman")
    particles_given_compound: frozenset[str] = frozenset()  # first words of two-word given names ("Abdel Karim")
    patronymic_male: tuple[str, ...] = ()
    patronymic_female: tuple[str, ...] = ()
    patronymic_shape: tuple[str, ...] = ()
    patronymic_detector_shape: tuple[str, ...] = ()
    patronymic_root_endings: tuple[str, ...] = ()  # tried on a father's name the lexicon lacks ("grigor" + "i")
    surname_feminine: Pairs = ()     # feminine ending → masculine form, in order
    surname_masculine: Pairs = ()    # masculine ending → normal form, in order
    case_endings: Pairs = ()         # foreign case ending → replacement, in order
    oblique_surname: Pairs = ()      # surname ending only an oblique case has → gender of the name (m/f/u)
    oblique_nominative: tuple[str, ...] = ()  # nominative endings that end like an oblique one (-ski)
    oblique_given: Pairs = ()        # a given name's oblique ending → its nominative ending, in order

    @property
    def honorifics(self) -> frozenset[str]:
        return self.honorifics_male | self.honorifics_female

    @property
    def detector_particles(self) -> frozenset[str]:
        """The particles the people detector joins into a name: the shared ones and its own."""
        return self.particles | self.particles_detector_also


def ending_pattern(endings: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds any of ``endings`` at the end of a word (``.search``)."""
    return re.compile("(?:" + "|".join(re.escape(e) for e in endings) + ")$")


def _line(path: Path, *at: str | int) -> int | str:
    """The 1-based line of the entry at ``at`` (section, key, item index) of a file that already read safely:
    composed again on the error path only, so every message names the line of the bad entry itself."""
    try:
        node = yaml.compose(read_text(path), Loader=yaml.SafeLoader)
        mark = node.start_mark
        for step in at:
            if isinstance(step, int):
                node = node.value[step]
                mark = node.start_mark
            else:
                key, node = next((k, v) for k, v in node.value if k.value == step)
                mark = key.start_mark
        return mark.line + 1
    except (DataFileError, yaml.YAMLError, StopIteration, IndexError, AttributeError, TypeError):
        return "?"


def _where(path: Path, line: object, name: str) -> str:
    return f"{path}:{line}: {name}"


def _list(path: Path, at: tuple[str, ...], name: str, value: object) -> list:
    if not isinstance(value, list) or not value:
        raise GazetteerError(f"{_where(path, _line(path, *at), name)}: expected a non-empty list")
    return value


def _words(path: Path, at: tuple[str, ...], name: str, value: object,
           pattern: re.Pattern[str] = _WORD) -> tuple[str, ...]:
    out = []
    for i, w in enumerate(_list(path, at, name, value)):
        if not isinstance(w, str) or not pattern.fullmatch(w):
            hint = " (quote it: YAML reads some words as true/false/null)" if not isinstance(w, str) else ""
            raise GazetteerError(f"{_where(path, _line(path, *at, i), name)}[{i}]: {w!r} is not a lower-case "
                                 f"ASCII word{hint}")
        if w in out:
            raise GazetteerError(f"{_where(path, _line(path, *at, i), name)}[{i}]: {w!r} is listed twice")
        out.append(w)
    return tuple(out)


def _pairs(path: Path, at: tuple[str, ...], name: str, value: object) -> Pairs:
    out: list[tuple[str, str]] = []
    for i, pair in enumerate(_list(path, at, name, value)):
        ok = (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
              and _ENDING.fullmatch(pair[0]) and _REPLACEMENT.fullmatch(pair[1]))
        if not ok:
            raise GazetteerError(f"{_where(path, _line(path, *at, i), name)}[{i}]: {pair!r} is not an "
                                 "[ending, replacement] pair of lower-case ASCII letters (replacement may be \"\")")
        if any(pair[0] == e for e, _ in out):
            raise GazetteerError(f"{_where(path, _line(path, *at, i), name)}[{i}]: ending {pair[0]!r} "
                                 "is listed twice")
        out.append((pair[0], pair[1]))
    return tuple(out)


def _genders(path: Path, pairs: Pairs) -> Pairs:
    for i, (ending, gender) in enumerate(pairs):
        if gender not in ("m", "f", "u"):
            raise GazetteerError(f"{_where(path, _line(path, 'oblique_cases', 'surname', i), 'oblique_cases.surname')}"
                                 f"[{i}]: gender {gender!r} of {ending!r} is not m, f or u")
    return pairs


@lru_cache(maxsize=4)
def load_name_rules(path: Path | None = None) -> NameRules:
    """The name rules from ``path`` (default ``gazetteer/data/name_rules.yaml``), validated and cached."""
    path = path or data_dir() / "name_rules.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: expected a mapping with sections {sorted(_SECTIONS)}")
    data = dict(data)
    data.pop("__line__", None)
    unknown = sorted(set(data) - set(_SECTIONS))
    if unknown:
        raise GazetteerError(f"{path}:{_line(path, unknown[0])}: unknown section(s) {unknown}; "
                             f"allowed: {sorted(_SECTIONS)}")
    missing = sorted(set(_SECTIONS) - set(data))
    if missing:
        raise GazetteerError(f"{path}: missing section(s) {missing}")
    sec: dict[str, dict] = {}
    for name, keys in _SECTIONS.items():
        body = data[name]
        if not isinstance(body, dict):
            raise GazetteerError(f"{path}:{_line(path, name)}: section {name!r} must map {list(keys)} to lists")
        body = dict(body)
        body.pop("__line__", None)
        if set(body) != set(keys):
            extra, lack = sorted(set(body) - set(keys)), sorted(set(keys) - set(body))
            line = _line(path, name, extra[0]) if extra else _line(path, name)
            raise GazetteerError(f"{path}:{line}: {name}: expected exactly the keys {list(keys)}"
                                 + (f"; unknown {extra}" if extra else "") + (f"; missing {lack}" if lack else ""))
        sec[name] = body

    def words(name: str, key: str, pattern: re.Pattern[str] = _WORD) -> tuple[str, ...]:
        return _words(path, (name, key), f"{name}.{key}", sec[name][key], pattern)

    def pairs(name: str, key: str) -> Pairs:
        return _pairs(path, (name, key), f"{name}.{key}", sec[name][key])

    return NameRules(
        honorifics_male=frozenset(words("honorifics", "male")),
        honorifics_female=frozenset(words("honorifics", "female")),
        particles=frozenset(words("particles", "words")),
        particles_detector_also=frozenset(words("particles", "detector_also")),
        particles_given_compound=frozenset(words("particles", "given_compound")),
        particles_joined=frozenset(words("particles", "joined")),
        patronymic_male=words("patronymics", "male", _ENDING),
        patronymic_female=words("patronymics", "female", _ENDING),
        patronymic_shape=words("patronymics", "shape", _ENDING),
        patronymic_detector_shape=words("patronymics", "detector_shape", _ENDING),
        patronymic_root_endings=words("patronymics", "root_endings", _ENDING),
        surname_feminine=pairs("surname_gender", "feminine"),
        surname_masculine=pairs("surname_gender", "masculine"),
        case_endings=pairs("case_endings", "endings"),
        oblique_surname=_genders(path, pairs("oblique_cases", "surname")),
        oblique_nominative=words("oblique_cases", "nominative", _ENDING),
        oblique_given=pairs("oblique_cases", "given"),
    )
