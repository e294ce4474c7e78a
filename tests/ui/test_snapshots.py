"""Snapshot tests of the built-in article at 120x40 and 80x24: first screen, a card, help."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.ui_helpers import build_app as build_any_app

SIZES = [(120, 40), (80, 24)]
# A fixed notes path keeps the status line identical on every machine; nothing is saved to it.
NOTES = Path("/nonexistent/annotated-reader/sochi.notes.yaml")


def build_app():
    return build_any_app(notes_path=NOTES)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_first_screen(snap_compare, size):
    assert snap_compare(build_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_card_open(snap_compare, size):
    # Tab three times lands on "Recep Tayyip Erdogan"; Enter goes into the card pane.
    assert snap_compare(build_app(), terminal_size=size, press=["tab", "tab", "tab", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_help_screen(snap_compare, size):
    assert snap_compare(build_app(), terminal_size=size, press=["question_mark"])
