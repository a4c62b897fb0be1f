"""Shared pytest fixtures. Keep each small: several parts of the project add theirs here."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline of the default settings, loaded once per test session."""
    from generator.analyse import load_model
    from generator.settings import DEFAULT_MODEL

    return load_model(DEFAULT_MODEL)
