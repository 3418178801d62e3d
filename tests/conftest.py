"""Shared test set-up: no test writes into the real user's home."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _newsfacts_home(tmp_path_factory: pytest.TempPathFactory):
    """``NEWSFACTS_HOME`` (the default warehouse's folder) is a temporary folder for every test and every
    subprocess a test starts; ``NEWSFACTS_DB`` from the caller's shell is ignored."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSFACTS_HOME", str(tmp_path_factory.mktemp("newsfacts-home")))
        mp.delenv("NEWSFACTS_DB", raising=False)
        yield os.environ["NEWSFACTS_HOME"]
