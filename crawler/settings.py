"""Fetch settings from ``crawler/settings.toml``, with ``NEWSFACTS_FETCH_<KEY>`` overrides."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

SETTINGS_FILE = Path(__file__).with_name("settings.toml")
ENV_PREFIX = "NEWSFACTS_FETCH_"


class SettingsError(Exception):
    """A setting that cannot be used; names the key, where it came from and the value."""


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str
    connect_timeout: float
    read_timeout: float
    deadline: float
    max_bytes: int
    retries: int
    backoff: float
    max_redirects: int


@lru_cache(maxsize=1)
def fetch_settings() -> FetchSettings:
    """The settings file's ``[fetch]`` table, each key overridable from the environment."""
    data = tomllib.loads(SETTINGS_FILE.read_text(encoding="utf-8"))["fetch"]
    values = {}
    for f in fields(FetchSettings):
        env = os.environ.get(ENV_PREFIX + f.name.upper())
        raw, origin = (env, f"${ENV_PREFIX}{f.name.upper()}") if env is not None else (data[f.name], SETTINGS_FILE)
        typ, kind = {"str": (str, "text"), "float": (float, "a number"), "int": (int, "an integer")}[f.type]
        try:
            value = typ(raw)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"{origin}: {f.name} must be {kind}, got {raw!r}") from exc
        if typ is not str and value <= 0 and f.name != "retries":
            raise SettingsError(f"{origin}: {f.name} must be positive, got {raw!r}")
        values[f.name] = value
    return FetchSettings(**values)
