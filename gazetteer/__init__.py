"""Public knowledge about people, names, organisations and places; name resolution.

The data files live in ``gazetteer/data``; ``NEWSFACTS_GAZETTEER_DIR`` points the
loaders at another folder with the same files (a curated or test gazetteer).
"""

import os
from pathlib import Path

ENV_DIR = "NEWSFACTS_GAZETTEER_DIR"


def data_dir() -> Path:
    """The folder the gazetteer files are read from."""
    return Path(os.environ.get(ENV_DIR) or Path(__file__).resolve().parent / "data")


def validate() -> None:
    """Load and validate every gazetteer file now; raises GazetteerError naming file, entry and field.

    Commands that write to the warehouse call this first, so a bad entry stops
    them before anything is fetched or written.
    """
    from gazetteer.count_nouns import load_count_nouns
    from gazetteer.lexicon import load_lexicon
    from gazetteer.load import load_given_names, load_people

    load_people()
    load_given_names()
    load_lexicon()
    load_count_nouns()
