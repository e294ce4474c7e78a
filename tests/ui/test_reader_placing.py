"""Pilot tests, issue 11 item 13: notes placed approximately or orphaned are pointed out once on
opening, and in the notes list Enter on an orphan says what to do and d deletes it."""

from __future__ import annotations

from annotations.notes.anchoring import make_quote
from annotations.notes.file import NotesDocument, dump_notes, load_notes
from annotations.notes.model import Note, new_id
from reader.screens.notes_list import ORPHAN_HELP, NotesList
from tests.ui.ui_helpers import build_app, settle, write_reading

OLD = (
    "Alpha met Beta in Gamma on Monday for talks.\n"
    "The relationship is a continuation of a long marriage of convenience.\n"
    "A third paragraph mentions Delta once, and then it was deleted.\n"
)
NEW = (
    "Alpha met Beta in Gamma on Monday for talks.\n"
    "The relationship is a prolongation of a long marriage of convenience.\n"
)


def _notes_on_the_old_text(path) -> tuple[str, str]:
    changed = OLD.index("The relationship")
    gone = OLD.index("mentions Delta")
    approximate = Note(new_id(), make_quote(OLD, changed, changed + 39), changed, changed + 39)
    orphan = Note(new_id(), make_quote(OLD, gone, gone + 14), gone, gone + 14, "about Delta")
    document = NotesDocument("small.txt", "0" * 64, [approximate, orphan])
    path.write_text(dump_notes(document), encoding="utf-8")
    return approximate.id, orphan.id


def _messages(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_opening_says_once_which_notes_need_a_look(tmp_path):
    article = write_reading(tmp_path, NEW, cards=None)
    notes = tmp_path / "n.notes.yaml"
    _notes_on_the_old_text(notes)
    app = build_app(article, notes_path=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # said once the text is kept as a version, in the background
        said = [m for m in _messages(app) if "need a look" in m]
        assert said == [
            "2 notes need a look: A lists them (1 placed approximately (≈),"
            " 1 whose text is gone from the article)."
        ]
        await pilot.press("j", "j")
        await pilot.pause()
        assert len([m for m in _messages(app) if "need a look" in m]) == 1


async def test_nothing_is_said_when_every_note_is_exact(tmp_path):
    article = write_reading(tmp_path, OLD, cards=None)
    notes = tmp_path / "n.notes.yaml"
    _notes_on_the_old_text(notes)
    app = build_app(article, notes_path=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not [m for m in _messages(app) if "need a look" in m]


async def test_enter_on_an_orphan_says_what_to_do_and_d_deletes_it(tmp_path):
    article = write_reading(tmp_path, NEW, cards=None)
    notes = tmp_path / "n.notes.yaml"
    approximate_id, orphan_id = _notes_on_the_old_text(notes)
    app = build_app(article, notes_path=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NotesList)
        await pilot.press("d")  # typed into the filter, deletes nothing
        await pilot.pause()
        assert app.store.get(orphan_id) is not None
        await pilot.press("backspace", "down")  # past the heading of orphans
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotesList)  # an orphan has nowhere to jump to
        assert ORPHAN_HELP in _messages(app)
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, NotesList)
        assert app.store.get(orphan_id) is None
        assert app.store.get(approximate_id) is not None
        assert [note.id for note in load_notes(notes).notes] == [approximate_id]
        await pilot.press("u")  # undo brings it back
        await app.workers.wait_for_complete()
        assert app.store.get(orphan_id) is not None
