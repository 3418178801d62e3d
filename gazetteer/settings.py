"""Settings of the stages that read the gazetteer, from ``gazetteer/data/settings.toml``.

Each table belongs to one stage (``[resolution]``); each key can be overridden from the environment
(``NEWSFACTS_RESOLVE_<KEY>``) and is validated by ``records.datafiles.load_settings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from gazetteer import data_dir
from gazetteer.load import GazetteerError
from records.datafiles import DataFileError, load_settings


@dataclass(frozen=True)
class ResolutionSettings:
    #: uncertain pairs of spellings kept per page for review, highest scores first
    max_review_pairs_per_page: int


@lru_cache(maxsize=1)
def resolution_settings() -> ResolutionSettings:
    """The ``[resolution]`` table, each key overridable as ``NEWSFACTS_RESOLVE_<KEY>``."""
    try:
        return load_settings(ResolutionSettings, data_dir() / "settings.toml", "resolution", "NEWSFACTS_RESOLVE_")
    except DataFileError as exc:
        raise GazetteerError(str(exc)) from None
