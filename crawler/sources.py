"""The sources file: which feeds, sitemaps and URL lists to crawl, and how politely.

YAML (``.yaml``/``.yml``) or TOML (``.toml``, an array of ``[[sources]]`` tables),
validated on load; a bad entry fails with the file, the entry and the field, so
a typo never turns into a silent empty crawl.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from records.datafiles import DataFileError, load_toml, load_yaml
from records.pages import FeedState

#: The bundled sources file (public feeds on Belarus's political prisoners), found from any directory.
DEFAULT_SOURCES = Path(__file__).with_name("default_sources.yaml")


class SourcesError(Exception):
    """A sources file that cannot be used; the message names file, entry and field."""


@dataclass(frozen=True)
class Source:
    name: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    language: str | None = None
    max_pages: int = 500
    crawl_delay: float = 1.0
    allow_private: bool = False  # only the demo and tests point at loopback/private hosts

    def to_dict(self) -> dict[str, Any]:
        return {f.name: (list(v) if isinstance(v := getattr(self, f.name), tuple) else v) for f in fields(self)}


_LISTS = ("feeds", "sitemaps", "urls")
_FIELDS = {f.name for f in fields(Source)}


def parse_sources(data: Any, origin: str = "<sources>") -> list[Source]:
    """Validate parsed YAML (``{"sources": [...]}``) into Source objects."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{origin}: expected a mapping with a 'sources' list")
    out, names = [], set()
    for i, entry in enumerate(data["sources"]):
        where = f"{origin}: sources[{i}]"
        if not isinstance(entry, dict):
            raise SourcesError(f"{where}: expected a mapping, got {type(entry).__name__}")
        unknown = set(entry) - _FIELDS
        if unknown:
            raise SourcesError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_FIELDS)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SourcesError(f"{where}: field 'name' must be a non-empty string")
        where = f"{origin}: source {name!r}"
        if name in names:
            raise SourcesError(f"{where}: duplicate name")
        names.add(name)
        kw: dict[str, Any] = {"name": name}
        for key in _LISTS:
            val = entry.get(key, [])
            if not isinstance(val, list) or not all(isinstance(u, str) and u.startswith(("http://", "https://"))
                                                    for u in val):
                raise SourcesError(f"{where}: field {key!r} must be a list of http(s) URLs")
            kw[key] = tuple(val)
        if not any(kw[k] for k in _LISTS):
            raise SourcesError(f"{where}: needs at least one of feeds, sitemaps or urls")
        for key, typ in (("max_pages", int), ("crawl_delay", (int, float)), ("allow_private", bool)):
            if key in entry:
                val = entry[key]
                if not isinstance(val, typ) or isinstance(val, bool) != (typ is bool) or (
                        typ is not bool and val < 0):
                    raise SourcesError(f"{where}: field {key!r} has invalid value {val!r}")
                kw[key] = val
        if "language" in entry:
            if not isinstance(entry["language"], str):
                raise SourcesError(f"{where}: field 'language' must be a string such as 'en'")
            kw["language"] = entry["language"]
        out.append(Source(**kw))
    return out


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file: TOML when it ends in ``.toml``, else YAML."""
    p = Path(path)
    try:
        data = load_toml(p) if p.suffix.lower() == ".toml" else load_yaml(p)
    except DataFileError as exc:
        hint = "" if p.is_file() else "; pass an existing file with --sources"
        raise SourcesError(f"{exc}{hint}") from None
    return parse_sources(data, str(p))


def sample_site_sources(base: str, newsletter_links: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Sources mapping for the bundled sample site at ``base``: the only kind that may point at loopback.

    ``newsletter_links`` are article links with tracking parameters, as a
    newsletter would carry them; they must land on the article they point to.
    """
    return [{
        "name": "sample-site",
        "feeds": [f"{base}/feed.xml"],
        "sitemaps": [f"{base}/sitemap.xml"],
        "urls": list(newsletter_links),
        "language": "en",
        "crawl_delay": 0.0,
        "allow_private": True,
    }]


def write_sources(path: str | Path, sources: list[dict[str, Any]]) -> Path:
    """Write a sources YAML file (validated first, so what is written can be read back)."""
    parse_sources({"sources": sources}, str(path))
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(yaml.safe_dump({"sources": sources}, sort_keys=False), encoding="utf-8")
    return p


@dataclass
class Discovered:
    """URLs found for one source, and per-URL failures met while discovering.

    ``urls`` are canonical (tracking parameters stripped), in discovery order;
    ``aliases`` maps each other spelling seen (``?utm_source=...``) to its canonical URL.
    """

    source: Source
    urls: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    feeds: list[FeedState] = field(default_factory=list)  # validators to store for next run
    not_modified: int = 0  # feeds/sitemaps answered 304
