"""Provides the built-in article (Sochi, 29 September 2021) and its cards, inside the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

BUILTIN_NAME = "builtin"
"""What a user types (as `ARTICLE`) to mean the built-in article."""

TITLE = "Putin and Erdogan meet in Sochi"
"""The built-in article's title, as its cards file gives it (a test keeps the two equal)."""


def article_path() -> Path:
    """The built-in article's text file, byte for byte as given."""
    return Path(str(resources.files(__package__) / "sochi-2021.txt"))


def cards_path() -> Path:
    """The built-in article's cards file."""
    return Path(str(resources.files(__package__) / "sochi-2021.cards.yaml"))
