"""Shared fixtures of the extractor tests."""

import pytest
import spacy


@pytest.fixture(scope="module")
def nlp():
    """A blank English pipeline with a sentencizer: what the people detector needs, and nothing else."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
