"""Pilot tests: select, annotate, highlight, edit, delete, undo and redo, list, and restart."""

from __future__ import annotations

from pathlib import Path

import yaml

from annotations.notes.autosave import AutoSaver
from annotations.notes.file import load_notes
from reader.screens.help import HelpScreen
from reader.screens.note_editor import ConfirmDiscard, NoteEditor
from reader.screens.notes_list import NotesList
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from reader.widgets.key_bar import KeyBar
from tests.ui.ui_helpers import (
    SMALL_ARTICLE,
    build_app,
    screen_text,
    settle,
    widget_lines,
)

TEXT = SMALL_ARTICLE


def view(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def saved_notes(path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["notes"]


async def annotate(pilot, note: str, tags: str = "", color_steps: int = 0) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*note)
    await pilot.press("tab")
    if tags:
        await pilot.press(*tags)
    await pilot.press("tab")
    for _ in range(color_steps):
        await pilot.press("right")
    if color_steps:
        await pilot.press("enter")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_v_selects_whole_words_and_esc_drops_it(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "v", "w", "l")
        assert view(app).selection == (TEXT.index("met"), TEXT.index("Beta") + 4)
        await pilot.press("escape")
        assert view(app).selection is None


async def test_annotate_a_selection_saves_quote_note_tags_and_colour(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "v", "w", "w")
        await annotate(pilot, "Why here?", "travel, doubt", color_steps=2)
        notes = saved_notes(notes_file)
        assert len(notes) == 1
        note = notes[0]
        assert note["quote"]["exact"] == "met Beta in"
        assert note["position"] == {"start": 6, "end": 17}
        assert note["note"].strip() == "Why here?"
        assert note["tags"] == ["travel", "doubt"]
        assert note["color"] == "blue"
        assert view(app).selection is None
        # The note shows in the card pane while the cursor rests on it.
        assert "Your note" in screen_text(app)
        assert "Why here?" in screen_text(app)
        assert "saved" in screen_text(app).lower()


async def test_annotate_without_selection_takes_the_word_under_the_cursor(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "l")
        await annotate(pilot, "verb")
        assert saved_notes(notes_file)[0]["quote"]["exact"] == "met"


async def test_escape_in_the_editor_asks_before_discarding(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert not notes_file.exists() or saved_notes(notes_file) == []


async def test_highlight_uses_the_last_colour(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await annotate(pilot, "first", color_steps=1)  # green, on "Alpha"
        await pilot.press("w", "w", "H")
        await settle(pilot)
        notes = sorted(saved_notes(notes_file), key=lambda n: n["position"]["start"])
        assert [n["color"] for n in notes] == ["green", "green"]
        assert notes[1]["quote"]["exact"] == "Beta"
        assert notes[1]["note"] == ""


async def test_notes_are_drawn_in_their_colour(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "H", "G")
        await settle(pilot)
        strip = view(app).render_line(0)
        colours = {seg.text: seg.style.bgcolor for seg in strip if seg.text.strip()}
        note_bg = view(app).get_component_rich_style("article--note-yellow").bgcolor
        assert colours.get("met") == note_bg


async def test_a_highlight_shows_at_once_under_the_cursor(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "H")  # the cursor stays on "met"
        await settle(pilot)
        strip = view(app).render_line(0)
        # "m" is the cursor's own cell; the rest of the word shows the note's colour.
        colours = {seg.text: seg.style.bgcolor for seg in strip if seg.text.strip()}
        under = view(app).style_for(("article--cursor-word",)).bgcolor
        red, green, blue = colours["et"].get_truecolor()
        assert colours["et"] != under and min(red, green) > blue + 30  # yellow, over the word


async def test_edit_delete_undo_redo(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await annotate(pilot, "one")
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("end", *" two", "ctrl+s")
        await settle(pilot)
        assert saved_notes(notes_file)[0]["note"].strip() == "one two"
        await pilot.press("d")
        await settle(pilot)
        assert saved_notes(notes_file) == []
        await pilot.press("u")
        await settle(pilot)
        assert saved_notes(notes_file)[0]["note"].strip() == "one two"
        await pilot.press("u")
        await settle(pilot)
        assert saved_notes(notes_file)[0]["note"].strip() == "one"
        await pilot.press("ctrl+r", "ctrl+r")
        await settle(pilot)
        assert saved_notes(notes_file) == []


async def test_tab_visits_notes_as_well_as_mentions(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "H", "g")  # a note on "met", between Alpha and Beta
        await settle(pilot)
        await pilot.press("tab")
        assert view(app).cursor == TEXT.index("met")
        assert "Your note" in screen_text(app)
        await pilot.press("tab")
        assert view(app).cursor == TEXT.index("Beta")
        await pilot.press("shift+tab")
        assert view(app).cursor == TEXT.index("met")


async def test_note_list_filters_and_jumps(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await annotate(pilot, "about alpha", "people")
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await annotate(pilot, "the third", "structure")
        await pilot.press("g", "A")
        await pilot.pause()
        assert isinstance(app.screen, NotesList)
        shown = screen_text(app)
        assert shown.index("about alpha") < shown.index("the third")
        assert "#people" in shown
        await pilot.press(*"structure")
        await pilot.pause()
        shown = screen_text(app)
        assert "the third" in shown and "about alpha" not in shown
        await pilot.press("enter")
        await pilot.pause()
        assert view(app).cursor == TEXT.index("A third")


async def test_notes_survive_a_restart(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await annotate(pilot, "kept", "t1")
    again = build_app(article, notes_path=notes_file)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert view(again).cursor == TEXT.index("met")  # where reading stopped, on the note
        assert "kept" in screen_text(again)
        assert "#t1" in screen_text(again)


async def test_default_notes_location_is_shown_in_help(article, private_data_dir):
    app = build_app(article)
    async with app.run_test(size=(160, 50)) as pilot:
        location = app.store.path
        assert location.is_relative_to(private_data_dir)
        assert f"Notes: {location}" in screen_text(app)
        await pilot.press("question_mark")
        shown = screen_text(app)
        assert "Notes are saved to" in shown
        assert str(location) in shown


async def test_a_broken_notes_file_is_never_overwritten(article, notes_file):
    notes_file.write_text("version: 1\nnotes: [\n", encoding="utf-8")
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "does not load" in screen_text(app)  # the status line, its path shortened
        assert any(str(notes_file) in n.message for n in app._notifications)  # and in full
        await pilot.press("w")
        await annotate(pilot, "in memory")
        assert notes_file.read_text(encoding="utf-8") == "version: 1\nnotes: [\n"
        assert "in memory" in screen_text(app)
    # Quitting says on the terminal that those notes are not saved, and why.
    message = app.save_before_exit()
    expected = f"1 notes could not be saved to {notes_file} (the notes file does not"
    assert message.startswith(expected)
    recovery = message.split("; they are kept in ")[1].split(", and the next start")[0]
    assert [n.note for n in load_notes(Path(recovery)).notes] == ["in memory"]
    assert notes_file.read_text(encoding="utf-8") == "version: 1\nnotes: [\n"


async def test_a_change_made_just_before_quitting_is_saved_on_the_way_out(
    article, notes_file, monkeypatch
):
    # As if q came before the background save could start.
    monkeypatch.setattr(AutoSaver, "request", lambda self: None)
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "H")
        await pilot.pause()
        assert not notes_file.exists()
    assert app.save_before_exit() is None
    assert [note["quote"]["exact"] for note in saved_notes(notes_file)] == ["met"]
    assert app.save_before_exit() is None  # nothing left to save: the file is not touched again


async def test_card_and_note_both_show_on_a_noted_mention(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await annotate(pilot, "on alpha")
        shown = screen_text(app)
        assert "on alpha" in shown and "Alpha summary." in shown
        assert app.screen.query_one(CardPane).card.id == "alpha"


async def test_notes_written_elsewhere_appear_while_reading(article, notes_file):
    from annotations.notes.store import NotesStore
    from annotations.text.article import load_article

    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "H")  # our own note on "met"
        await settle(pilot)
        other = NotesStore.open(load_article(article), notes_file)
        start = TEXT.index("Gamma on")
        theirs = other.add(start, start + 5, "from the other machine")
        assert other.save().ok
        app.screen.watch_notes_file()  # what the 2-second timer does
        await settle(pilot)
        assert app.store.get(theirs.id) is not None
        view(app).move_to(start)
        await pilot.pause()
        assert "from the other machine" in screen_text(app)
        assert len(saved_notes(notes_file)) == 2


def key_bar(app) -> str:
    return "".join(widget_lines(app.screen.query_one(KeyBar))).strip()


async def test_the_key_bar_says_what_a_note_key_did_then_shows_the_keys_again(
    article, notes_file, monkeypatch
):
    monkeypatch.setattr(KeyBar, "MESSAGE_SECONDS", 0.3)
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "H")
        await settle(pilot)
        assert key_bar(app).startswith("Highlighted")
        await pilot.press("u")
        await pilot.pause()
        assert key_bar(app).startswith("Undone")
        await pilot.press("u")
        await pilot.pause()
        assert key_bar(app).startswith("Nothing to undo.")
        await pilot.pause(0.5)
        assert key_bar(app).startswith("tab Next link")
        assert not app._notifications  # no toast covers the card pane


async def test_a_click_on_a_key_in_the_key_bar_presses_it(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.screen.query_one(KeyBar)
        column = key_bar(app).index("Help")
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert bar.message == ""
