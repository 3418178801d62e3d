"""Extraction limits from ``extractors/settings.toml``, with ``NEWSFACTS_EXTRACT_<KEY>`` overrides.

Read and validated by ``records.datafiles.load_settings``: every number must be finite and
positive, so ``NEWSFACTS_EXTRACT_MAX_TEXT_CHARS=0`` or ``=inf`` stops a command with one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from records.datafiles import SettingsError, load_settings

__all__ = ["SettingsError", "ExtractSettings"]

SETTINGS_FILE = Path(__file__).with_name("settings.toml")
ENV_PREFIX = "NEWSFACTS_EXTRACT_"



@dataclass(frozen=True)
class ExtractSettings:
    #: characters of article text kept per page (cut at a sentence end or whitespace before it)
    max_text_chars: int
    #: distinct names per page kept, in text order
    max_names_per_page: int


@lru_cache(maxsize=1)
def extract_settings() -> ExtractSettings:
    """The settings file's ``[extract]`` table, each key overridable from the environment."""
    return load_settings(ExtractSettings, SETTINGS_FILE, "extract", ENV_PREFIX)
