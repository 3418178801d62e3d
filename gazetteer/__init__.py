"""Public knowledge about people, names, organisations and places, as data, and the loaders that validate it.

May import: ``records`` only. The stages that use the data (``extractors``, ``resolution``) import it;
it never imports them. ``gazetteer.translit`` folds any script to ASCII, the key every data file is
looked up by.

The data files live in ``gazetteer/data``; ``NEWSFACTS_GAZETTEER_DIR`` points the
loaders at another folder with the same files (a curated or test gazetteer).
"""

import os
from pathlib import Path

ENV_DIR = "NEWSFACTS_GAZETTEER_DIR"


#: the shipped data folder (resolved once: ``data_dir`` is called for every page)
_SHIPPED = Path(__file__).resolve().parent / "data"


def data_dir() -> Path:
    """The folder the gazetteer files are read from."""
    return Path(os.environ.get(ENV_DIR) or _SHIPPED)


def validate() -> None:
    """Load and validate every gazetteer file now; raises GazetteerError naming file, entry and field.

    Commands that write to the warehouse call this first, so a bad entry stops
    them before anything is fetched or written.
    """
    from gazetteer.calendar import load_calendar
    from gazetteer.count_nouns import load_count_nouns
    from gazetteer.events import load_events
    from gazetteer.lexicon import load_lexicon
    from gazetteer.load import load_given_names, load_people
    from gazetteer.name_rules import load_name_rules
    from gazetteer.settings import resolution_settings

    load_people()
    load_given_names()
    load_lexicon()
    load_count_nouns()
    load_calendar()
    load_name_rules()
    load_events()
    resolution_settings()
