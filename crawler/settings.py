"""Fetch settings from ``crawler/settings.toml``, with ``NEWSFACTS_FETCH_<KEY>`` overrides.

Read and validated by ``records.datafiles.load_settings``: a number must be finite and
positive (``retries`` may be 0), so ``READ_TIMEOUT=nan``, ``CONNECT_TIMEOUT=inf`` or
``RETRIES=-1`` stop a command with one line instead of a crawl that never times out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from records.datafiles import SettingsError, load_settings

__all__ = ["SettingsError", "FetchSettings", "SharedCrawlSettings", "fetch_settings", "shared_crawl_settings"]

SETTINGS_FILE = Path(__file__).with_name("settings.toml")
ENV_PREFIX = "NEWSFACTS_FETCH_"
SHARED_ENV_PREFIX = "NEWSFACTS_SHARED_CRAWL_"



@dataclass(frozen=True)
class FetchSettings:
    user_agent: str
    connect_timeout: float
    read_timeout: float
    deadline: float
    max_bytes: int
    retries: int = field(metadata={"min": 0})
    backoff: float = field(metadata={"min": 0})
    max_redirects: int = field(metadata={"min": 0})
    robots_max_bytes: int
    max_attempts: int


@lru_cache(maxsize=1)
def fetch_settings() -> FetchSettings:
    """The settings file's ``[fetch]`` table, each key overridable from the environment."""
    return load_settings(FetchSettings, SETTINGS_FILE, "fetch", ENV_PREFIX)


@dataclass(frozen=True)
class SharedCrawlSettings:
    """The ``[shared_crawl]`` table: whether crawls share the warehouse (claims, global host delays) and how."""

    enabled: bool
    claim_ttl: float
    batch: int
    slot_slack: float


def shared_crawl_settings() -> SharedCrawlSettings:
    """The settings file's ``[shared_crawl]`` table, each key overridable as ``NEWSFACTS_SHARED_CRAWL_<KEY>``.

    Read on every call (not cached): a flow run reads it once, and tests change the environment.
    """
    return load_settings(SharedCrawlSettings, SETTINGS_FILE, "shared_crawl", SHARED_ENV_PREFIX)
