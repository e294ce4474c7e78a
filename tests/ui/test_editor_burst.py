"""Keys typed in one burst land where they were typed for: the note editor's next field (12.11),
the search line, a mark."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from reader.screens.note_editor import NoteEditor
from tests.ui.ui_helpers import build_app, settle


def burst(app, keys: list[str]) -> None:
    """Post every key at once, as a fast typist or a paste-like burst from the terminal does."""
    named = {"slash": "/", "apostrophe": "'", "enter": "\r", "escape": "\x1b"}
    for key in keys:
        character = key if len(key) == 1 else named.get(key)
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


async def test_a_search_typed_in_one_burst_is_all_query(article, notes_file):
    # Before: "/" waited behind the keys after it, so N went back a match and A opened the list.
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, ["slash", *"Delta", "enter"])
        await settle(pilot)
        view = app.screen.query_one("ArticleView")
        assert view.cursor == view.text.index("Delta")
        assert view.search_query is None and app.screen is app.reader_screen


async def test_a_slash_inside_a_query_is_typed_and_marks_take_a_burst(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, ["slash", "a", "slash", "b"])
        await settle(pilot)
        view = app.screen.query_one("ArticleView")
        assert view.search_query == "a/b"
        burst(app, ["escape", "w", "w", "m", "q", "g", "apostrophe", "q"])
        await settle(pilot)
        assert view.cursor == view.text.index("Beta")  # back at the mark set on the 3rd word
        burst(app, ["apostrophe", "apostrophe"])  # '' in one burst: back before the last jump
        await settle(pilot)
        assert view.cursor == 0
