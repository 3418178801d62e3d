"""Settings of the stages that read the gazetteer, from ``gazetteer/data/settings.toml``.

Each table belongs to one stage (``[resolution]``); each key can be overridden from the environment
(``NEWSFACTS_RESOLVE_<KEY>``) and is validated by ``records.datafiles.load_settings``; a ratio (a field
with ``metadata={"max": 1}``) must also be at most 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache

from gazetteer import data_dir
from gazetteer.load import GazetteerError
from records.datafiles import DataFileError, load_settings

_RATIO = {"max": 1.0}  # a ratio in (0, 1]: positive (load_settings) and at most 1 (checked here)


@dataclass(frozen=True)
class ResolutionSettings:
    """``[resolution]`` of ``gazetteer/data/settings.toml`` (each key documented there); every key required."""

    #: uncertain pairs of spellings kept per page for review, highest scores first
    max_review_pairs_per_page: int
    #: surname similarity two full names with agreeing given names need to be one person
    full_surname_min: float = field(metadata=_RATIO)
    #: key similarity two given names the lexicon does not know need
    given_fuzzy_min: float = field(metadata=_RATIO)
    #: surname similarity two surname-only spellings need
    surname_only_min: float = field(metadata=_RATIO)
    #: surname similarity a full name and a surname-only spelling need
    mixed_min: float = field(metadata=_RATIO)
    #: lowest score of a pair reported as uncertain (below it: clearly different)
    grey_low: float = field(metadata=_RATIO)
    #: entries of each per-resolver cache before it is emptied
    cache_max: int
    #: rows of the pairwise surname screen scored at once (memory: rows x names)
    chunk_rows: int
    #: close names one name is compared with at most
    close_max: int


@lru_cache(maxsize=1)
def resolution_settings() -> ResolutionSettings:
    """The ``[resolution]`` table, each key overridable as ``NEWSFACTS_RESOLVE_<KEY>``."""
    path = data_dir() / "settings.toml"
    try:
        settings = load_settings(ResolutionSettings, path, "resolution", "NEWSFACTS_RESOLVE_")
    except DataFileError as exc:
        raise GazetteerError(str(exc)) from None
    for f in fields(ResolutionSettings):
        top = f.metadata.get("max")
        if top is not None and getattr(settings, f.name) > top:
            raise GazetteerError(f"{path} [resolution] (or $NEWSFACTS_RESOLVE_{f.name.upper()}): {f.name} must be "
                                 f"at most {top}, got {getattr(settings, f.name)!r}")
    return settings
