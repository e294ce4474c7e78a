"""Keys typed in one burst in the note editor land in the field they were typed for (12.11)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from reader.screens.note_editor import NoteEditor
from tests.ui.ui_helpers import build_app, settle


def burst(app, keys: list[str]) -> None:
    """Post every key at once, as a fast typist or a paste-like burst from the terminal does."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_keys_typed_right_after_tab_go_to_the_next_field(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        burst(app, [*"note1", "tab", *"alpha"])
        await settle(pilot)
        assert app.screen.query_one("#editor-note", TextArea).text == "note1"
        assert app.screen.query_one("#editor-tags", Input).value == "alpha"


async def test_shift_tab_in_a_burst_goes_back_to_the_note(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        burst(app, [*"ab", "tab", *"t1", "shift+tab", *"cd"])
        await settle(pilot)
        assert app.screen.query_one("#editor-note", TextArea).text == "abcd"
        assert app.screen.query_one("#editor-tags", Input).value == "t1"
