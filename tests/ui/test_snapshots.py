"""Snapshot tests of the built-in article at 120x40 and 80x24: first screen, a card, help; the
same in the light theme; notes, selection and cursor in both themes."""

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


@pytest.mark.parametrize(
    "press",
    [[], ["tab", "tab", "tab", "enter"], ["question_mark"]],
    ids=["first-screen", "card-open", "help"],
)
def test_in_the_light_theme(snap_compare, press):
    """The first screen, a card and the help as they look in textual-light (the default is dark)."""

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=(120, 40), press=press, run_before=light)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_notes_selection_and_cursor_in_each_theme(snap_compare, theme):
    """Notes in every colour, a selection and the cursor, as a reader sees them in each theme."""
    from annotations.notes.model import COLORS
    from reader.widgets.article_view import ArticleView

    app = build_app()  # the notes are added in memory only: nothing is saved

    async def set_up(pilot) -> None:
        await pilot.pause()
        app.theme = theme
        text = app.reading.article.text
        for color, word in zip(COLORS, ["Sochi", "talks", "Syria", "Idlib", "NATO"], strict=True):
            start = text.index(word)
            app.store.add(start, start + len(word), color=color)
        view = app.screen.query_one(ArticleView)
        view.move_to(text.index("powerful"))
        view.anchor = view.cursor
        view.move_to(text.index("sat down"))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=set_up)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_cards_index_in_each_theme(snap_compare, theme):
    """The cards index (x) of the built-in article, sorted by mentions, the second card chosen."""
    app = build_app()

    async def set_up(pilot) -> None:
        await pilot.pause()
        app.theme = theme
        await pilot.press("x", "ctrl+s", "down")
        from textual.widgets import Input

        app.screen.query_one(Input).cursor_blink = False  # a blinking cursor differs run to run
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=set_up)
