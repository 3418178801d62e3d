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
