"""Pilot tests: every note on a shared span can be seen, edited and deleted."""

from __future__ import annotations

from reader.screens.note_editor import NoteEditor
from reader.screens.notes_list import NotesList
from tests.ui.ui_helpers import SMALL_ARTICLE, build_app, screen_text, settle, write_reading

START = SMALL_ARTICLE.index("met")


def build(tmp_path):
    app = build_app(write_reading(tmp_path), notes_path=tmp_path / "my.notes.yaml")
    # Three notes on "met": the first two on the word alone, the third on "met Beta".
    app.store.add(START, START + 3, "first note")
    app.store.add(START, START + 3, "second note")
    app.store.add(START, START + 8, "third note")
    return app


def texts(app) -> list[str]:
    return sorted(note.note for note in app.store.notes)


async def test_n_shows_each_note_on_the_span_in_turn(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        seen = []
        for _ in range(3):
            shown = screen_text(app)
            seen += [t for t in ("first note", "second note", "third note") if t in shown]
            assert "of 3 here" in shown
            await pilot.press("o")
            await pilot.pause()
        assert sorted(seen) == ["first note", "second note", "third note"]


async def test_d_deletes_the_note_picked_with_n(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        top = app.reader_screen.note_under_cursor().note
        await pilot.press("o")
        picked = app.reader_screen.note_under_cursor().note
        assert picked != top
        await pilot.press("d")
        await settle(pilot)
        assert picked not in texts(app) and top in texts(app)


async def test_e_after_picking_in_the_list_edits_that_note(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NotesList)
        await pilot.press(*"first")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("end", *" edited", "ctrl+s")
        await settle(pilot)
        assert "first note edited" in [t.strip() for t in texts(app)]
