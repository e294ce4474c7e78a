"""Shared fixtures: no test ever touches the real user data folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    """Point the notes folder at a fresh temporary directory for every test."""
    data_dir = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("ANNOTATED_READER_DATA_DIR", str(data_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(data_dir / "xdg"))
    monkeypatch.setenv("ANNOTATED_READER_CACHE_DIR", str(data_dir / "cache"))
    monkeypatch.setenv("ANNOTATED_READER_CONFIG_DIR", str(data_dir / "config"))
    # A card library the developer set up must not add cards to the tests' articles.
    monkeypatch.delenv("ANNOTATED_READER_CARDS", raising=False)
    return data_dir
