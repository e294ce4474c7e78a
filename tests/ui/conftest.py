"""Fixtures the Pilot tests share: a small article with its cards, and a notes file beside it."""

from __future__ import annotations

import pytest

from tests.ui.ui_helpers import write_reading


@pytest.fixture
def article(tmp_path):
    """The small test article (Alpha, Beta, Gamma, Delta) and its sidecar cards."""
    return write_reading(tmp_path)


@pytest.fixture
def notes_file(tmp_path):
    """Where the test's notes go (not written until a save)."""
    return tmp_path / "my.notes.yaml"
