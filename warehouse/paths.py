"""Where the warehouse lives and how long to wait for it: the settings every warehouse module reads.

Its own module so that ``warehouse.db`` (connections) and ``warehouse.crawl_lock`` (the crawl lock file
beside the warehouse) both read them without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path

from warehouse.migrate import WarehouseError

DB_FILENAME = "newsfacts.duckdb"
ENV_DB = "NEWSFACTS_DB"
ENV_HOME = "NEWSFACTS_HOME"
ENV_LOCK_TIMEOUT = "NEWSFACTS_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0

def home() -> Path:
    """Where newsfacts keeps its warehouse: ``$NEWSFACTS_HOME``, else the user data dir (platformdirs),
    e.g. ``~/.local/share/newsfacts`` on Linux. Never the current directory."""
    raw = os.environ.get(ENV_HOME)
    if raw:
        return Path(raw).expanduser()
    import platformdirs

    return platformdirs.user_data_path("newsfacts")


def db_path(explicit: str | Path | None = None) -> Path:
    """``--db`` if given, else ``$NEWSFACTS_DB``, else ``$NEWSFACTS_HOME/newsfacts.duckdb`` (see ``home``)."""
    return Path(explicit or os.environ.get(ENV_DB) or home() / DB_FILENAME)


def lock_timeout(explicit: float | None = None) -> float:
    """Seconds to wait for another process's lock: the argument, else ``$NEWSFACTS_LOCK_TIMEOUT``, else 30."""
    if explicit is not None:
        return max(0.0, explicit)
    raw = os.environ.get(ENV_LOCK_TIMEOUT)
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise WarehouseError(f"{ENV_LOCK_TIMEOUT}={raw!r} is not a number of seconds; set it to e.g. 60") from None
