"""Load and validate ``gazetteer/data/calendar.yaml``: month, weekday and season words, ordinal words.

The one place this vocabulary is written: ``extractors.dates`` builds its patterns from it,
``extractors.counts`` reads the month and weekday words ("August 15" is no count) and
``extractors.people`` takes them all as never-names. Validated once at load; a bad entry
raises :class:`CalendarError` naming the file, the line, the entry and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer import data_dir
from gazetteer.load import GazetteerError, entry_where, read_yaml, section_entries

CALENDAR_PATH = data_dir() / "calendar.yaml"

_SECTIONS = {"months", "weekdays", "seasons", "ordinals"}
_NAMED_KEYS = {"name", "abbreviations"}
_SEASON_KEYS = {"name", "code", "start"}
_SEASON_CODES = {"SP", "SU", "FA", "WI"}
_CAPITAL_RE = re.compile(r"[A-Z][a-z]+")
_LOWER_RE = re.compile(r"[a-z]+")
_ORDINAL_RE = re.compile(r"[a-z]+(?:-[a-z]+)?")


class CalendarError(GazetteerError):
    """``calendar.yaml`` is missing, unreadable or invalid; the message names file, line, entry and reason."""


@dataclass(frozen=True, slots=True)
class Calendar:
    """The validated calendar words, in the file's order."""

    #: month name -> number (1-12), in calendar order
    months: dict[str, int]
    #: month abbreviation -> number, in the file's order (a longer form before a shorter one it starts with)
    month_abbreviations: dict[str, int]
    #: weekday name -> ISO weekday from 0 (Monday)
    weekdays: dict[str, int]
    #: weekday abbreviation -> weekday number
    weekday_abbreviations: dict[str, int]
    #: season name (lower case) -> TimeML code
    seasons: dict[str, str]
    #: TimeML season code -> first month of the season
    season_start: dict[str, int]
    #: ordinal word -> its number, from "first" (1)
    ordinals: dict[str, int]

    def words(self) -> tuple[str, ...]:
        """Every month, weekday and season word and abbreviation, as written in the file."""
        return (*self.months, *self.month_abbreviations, *self.weekdays, *self.weekday_abbreviations,
                *self.seasons)


def load_calendar(path: Path | str | None = None) -> Calendar:
    """The calendar vocabulary from ``path`` (default ``gazetteer/data/calendar.yaml``), cached.

    Raises :class:`CalendarError` on an unreadable file, invalid YAML, an unknown or missing
    section or key, a malformed word, a word listed twice, a wrong number of months or weekdays,
    or a bad season code or start month.
    """
    return _load(Path(path) if path else CALENDAR_PATH)


@lru_cache(maxsize=8)
def _load(path: Path) -> Calendar:
    data = read_yaml(path, CalendarError)
    if not isinstance(data, dict):
        raise CalendarError(f"{path}: expected a mapping with sections {sorted(_SECTIONS)}")
    top = data.pop("__line__", "?")
    unknown = sorted(set(data) - _SECTIONS)
    if unknown:
        raise CalendarError(f"{path}:{top}: unknown section(s) {unknown}; allowed: {sorted(_SECTIONS)}")
    for section in sorted(_SECTIONS):
        if not data.get(section):
            raise CalendarError(f"{path}:{top}: missing section {section!r}")

    owner: dict[str, str] = {}  # lower-cased word -> where it was first listed

    def claim(word: str, where: str) -> None:
        key = word.lower()
        if key in owner:
            raise CalendarError(f"{where}: {word!r} is already listed at {owner[key]}")
        owner[key] = where

    months, month_abbr = _named(data, "months", 12, path, claim)
    weekdays, weekday_abbr = _named(data, "weekdays", 7, path, claim, start=0)
    for name, n in weekdays.items():
        if not name.endswith("day"):
            raise CalendarError(f"{path}: weekdays entry {n + 1} ({name}): a weekday name ends in 'day'")

    seasons: dict[str, str] = {}
    season_start: dict[str, int] = {}
    for n, raw in enumerate(section_entries(data, "seasons", path, CalendarError), 1):
        where = entry_where(path, "seasons", n, raw, _SEASON_KEYS, raw.get("name", "?"), CalendarError)
        for key in sorted(_SEASON_KEYS):
            if raw.get(key) in (None, ""):
                raise CalendarError(f"{where}: missing required field {key!r}")
        name, code, start = raw["name"], raw["code"], raw["start"]
        if not isinstance(name, str) or not _LOWER_RE.fullmatch(name):
            raise CalendarError(f"{where}: name {name!r} is not a lower-case word")
        if code not in _SEASON_CODES:
            raise CalendarError(f"{where}: bad code {code!r}; expected one of {sorted(_SEASON_CODES)}")
        if not isinstance(start, int) or isinstance(start, bool) or not 1 <= start <= 12:
            raise CalendarError(f"{where}: start {start!r} is not a month number (1-12)")
        if season_start.setdefault(code, start) != start:
            raise CalendarError(f"{where}: season {code} starts in month {season_start[code]} in another entry")
        claim(name, where)
        seasons[name] = code
    missing = sorted(_SEASON_CODES - set(season_start))
    if missing:
        raise CalendarError(f"{path}: section 'seasons': no name for code(s) {missing}")

    words = data["ordinals"]
    if not isinstance(words, list):
        raise CalendarError(f"{path}:{top}: section 'ordinals' must be a list of lower-case words")
    ordinals: dict[str, int] = {}
    for n, word in enumerate(words, 1):
        where = f"{path}: ordinals entry {n} ({word!r})"
        if not isinstance(word, str) or not _ORDINAL_RE.fullmatch(word):
            raise CalendarError(f"{where}: not a lower-case word")
        if word in ordinals:
            raise CalendarError(f"{where}: listed twice")
        ordinals[word] = n
    return Calendar(months, month_abbr, weekdays, weekday_abbr, seasons, season_start, ordinals)


def _named(data: dict, section: str, count: int, path: Path, claim, start: int = 1):
    """``section``'s names and abbreviations, numbered in file order from ``start``."""
    entries = section_entries(data, section, path, CalendarError)
    if len(entries) != count:
        raise CalendarError(f"{path}: section {section!r} must list {count} entries, got {len(entries)}")
    names: dict[str, int] = {}
    abbreviations: dict[str, int] = {}
    for n, raw in enumerate(entries, start):
        where = entry_where(path, section, n - start + 1, raw, _NAMED_KEYS, raw.get("name", "?"), CalendarError)
        name = raw.get("name")
        if not isinstance(name, str) or not _CAPITAL_RE.fullmatch(name):
            raise CalendarError(f"{where}: name {name!r} is not a capitalised word")
        claim(name, where)
        names[name] = n
        abbr = raw.get("abbreviations") or []
        if not isinstance(abbr, list):
            raise CalendarError(f"{where}: 'abbreviations' must be a list of capitalised words")
        for a in abbr:
            if not isinstance(a, str) or not _CAPITAL_RE.fullmatch(a):
                raise CalendarError(f"{where}: abbreviation {a!r} is not a capitalised word")
            if not name.startswith(a):
                raise CalendarError(f"{where}: abbreviation {a!r} does not begin {name!r}")
            claim(a, where)
            abbreviations[a] = n
    return names, abbreviations
