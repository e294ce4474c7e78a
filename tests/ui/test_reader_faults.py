"""Faults while the reader saves notes (Pilot): what the status line says, what stays in memory
and on screen, what is on disk, and that the next save after the fault puts everything there.

The model's own fault tests are in test_notes_faults.py; these drive the app with keys, so the
background save worker, the status line and the redraws are part of what is checked.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Static

from annotations.notes.file import load_notes
from annotations.notes.store import NotesStore
from annotations.text.article import load_article
from reader.screens.notes_list import NotesList
from reader.widgets.article_view import ArticleView
from tests.ui.ui_helpers import (
    SMALL_ARTICLE,
    build_app,
    screen_text,
    settle,
    widget_lines,
    write_reading,
)

TEXT = SMALL_ARTICLE
NOTES = Path("mine.notes.yaml")
"""Relative to the test's folder (each test changes into it), so messages stay short."""
SIZE = (200, 40)


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write_reading(tmp_path)


def view(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def status(app) -> str:
    """The status line as the user reads it."""
    return "".join(widget_lines(app.screen.query_one("#status", Static))).strip()


def status_is_error(app) -> bool:
    return app.screen.query_one("#status", Static).has_class("status-error")


async def highlight(pilot, word: str, occurrence: int = 0) -> None:
    """Put the cursor on `word` (its n-th occurrence) and press H."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(word, start + 1)
    view(pilot.app).move_to(start)
    await pilot.press("H")
    await settle(pilot)


def on_disk() -> list[str]:
    """The quotes of the notes in the notes file, in text order."""
    return [note.quote.exact for note in load_notes(NOTES).notes]


def leftovers() -> list[str]:
    return sorted(name for name in os.listdir(".") if name.endswith(".tmp"))


async def listed(pilot) -> str:
    """What the notes list (A) shows; closes it again."""
    await pilot.press("A")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NotesList)
    shown = screen_text(pilot.app)
    await pilot.press("escape")
    await pilot.pause()
    return shown


def _fsync_fails(code: int):
    def fail(fd):
        raise OSError(code, os.strerror(code))

    return fail


def _mkstemp_refused(code: int):
    def refuse(*args, **kwargs):
        raise PermissionError(code, os.strerror(code))

    return refuse


@pytest.mark.parametrize(
    ("target", "name", "make", "code", "reason"),
    [
        (os, "fsync", _fsync_fails, errno.ENOSPC, "the disk is full"),
        (
            os,
            "fsync",
            _fsync_fails,
            errno.EIO,
            "an input/output error (the disk or network share failed)",
        ),
        # Tests run as root, whom a read-only folder does not stop: refuse where it would.
        (
            tempfile,
            "mkstemp",
            _mkstemp_refused,
            errno.EACCES,
            "permission denied: the folder can't be written",
        ),
        (
            tempfile,
            "mkstemp",
            _mkstemp_refused,
            errno.EROFS,
            "the folder is on a read-only file system",
        ),
    ],
    ids=["ENOSPC", "EIO", "read-only-folder", "read-only-file-system"],
)
async def test_a_failed_save_is_reported_keeps_the_note_and_the_next_save_writes_it(
    article, monkeypatch, target, name, make, code, reason
):
    app = build_app(article, notes_path=NOTES)
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "met")
        assert status(app) == f"Notes: {NOTES} (saved)"
        before = NOTES.read_bytes()

        with monkeypatch.context() as fault:
            fault.setattr(target, name, make(code))
            await highlight(pilot, "Gamma")
            assert status(app) == (
                f"Notes not saved to {NOTES}: {reason}. 2 notes kept in memory,"
                " to be saved on the next try."
            )
            assert status_is_error(app)
            assert NOTES.read_bytes() == before and leftovers() == []
            # The note is on screen: in the card pane under the cursor, and in the notes list.
            assert "Your note" in screen_text(app)
            shown = await listed(pilot)
            assert "“met”" in shown and "“Gamma”" in shown

        await highlight(pilot, "Delta")  # the fault is gone: the next change saves everything
        assert status(app) == f"Notes: {NOTES} (saved)"
        assert not status_is_error(app)
    assert on_disk() == ["met", "Gamma", "Delta"]
    assert leftovers() == []


async def test_a_notes_path_that_is_a_folder_loses_nothing(article):
    NOTES.mkdir()
    app = build_app(article, notes_path=NOTES)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        problem = f"{NOTES}: is a folder, not a notes file"
        assert status(app) == (
            f"Notes file does not load ({problem}); it is not overwritten."
            " Notes you make are kept in memory until it loads."
        )
        assert status_is_error(app)
        assert f"Your notes file could not be read; new notes are kept in memory.\n{problem}" in [
            notification.message for notification in app._notifications
        ]
        await highlight(pilot, "met")
        await highlight(pilot, "Gamma")
        assert status(app).endswith("it is not overwritten. 2 notes kept in memory.")
        assert NOTES.is_dir() and list(NOTES.iterdir()) == []
        assert "Your note" in screen_text(app)

        NOTES.rmdir()  # the user moves the folder out of the way
        await highlight(pilot, "Delta")
        assert status(app) == f"Notes: {NOTES} (saved)"
    assert on_disk() == ["met", "Gamma", "Delta"]


async def test_a_note_added_by_another_process_is_merged_not_overwritten(article):
    app = build_app(article, notes_path=NOTES)
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "met")
        # Another copy of the program (here its notes CLI) adds a note to the same file.
        other = subprocess.run(
            [
                sys.executable,
                "-m",
                "reader",
                "notes",
                "add",
                str(article),
                "--notes",
                str(NOTES),
                "--quote",
                "Gamma",
                "--occurrence",
                "2",
                "--note",
                "from the other machine",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert other.returncode == 0, other.stderr
        assert on_disk() == ["met", "Gamma"]

        await highlight(pilot, "Delta")  # the reader's next save
        assert on_disk() == ["met", "Gamma", "Delta"]
        assert status(app) == f"Notes: {NOTES} (saved)"
        theirs = TEXT.index("Gamma", TEXT.index("Gamma") + 1)
        view(app).move_to(theirs)
        await pilot.pause()
        assert "from the other machine" in screen_text(app)
    assert [note.note for note in load_notes(NOTES).notes] == ["", "from the other machine", ""]


async def edit_on_both_sides(pilot, article) -> None:
    """Highlight "met", let another machine's copy change that note, then edit it here too."""
    await highlight(pilot, "met")
    [note] = pilot.app.store.notes
    other = NotesStore.open(load_article(article), NOTES)  # another machine's copy
    other.edit(note.id, note="their words", color="blue")
    assert other.save().ok
    view(pilot.app).move_to(TEXT.index("met"))
    await pilot.press("E")
    await pilot.pause()
    await pilot.press(*"our words", "ctrl+s")
    await settle(pilot)


async def test_a_note_edited_on_both_sides_keeps_both_versions_and_says_so(article):
    app = build_app(article, notes_path=NOTES)
    async with app.run_test(size=SIZE) as pilot:
        await edit_on_both_sides(pilot, article)

        [saved] = load_notes(NOTES).notes
        assert (saved.note, saved.color) == ("our words", "yellow")
        assert (saved.conflict.note, saved.conflict.color) == ("their words", "blue")
        # Flagged where the user looks: the card pane under the cursor, and the notes list.
        shown = screen_text(app)
        assert "Changed in another window or program too; its version:" in shown
        assert "their words" in shown and "our words" in shown
        assert "(changed elsewhere too: both versions kept)" in await listed(pilot)
        assert status(app) == f"Notes: {NOTES} (saved)"


@pytest.mark.parametrize(
    ("key", "kept"), [("K", ("our words", "yellow")), ("T", ("their words", "blue"))]
)
async def test_k_or_t_settles_a_note_edited_on_both_sides(article, key, kept):
    app = build_app(article, notes_path=NOTES)
    async with app.run_test(size=SIZE) as pilot:
        await edit_on_both_sides(pilot, article)
        assert "K keeps yours · T takes this one" in screen_text(app)

        await pilot.press(key)
        await settle(pilot)
        [saved] = load_notes(NOTES).notes
        assert (saved.note, saved.color) == kept
        assert saved.conflict is None
        assert "Changed on another machine too" not in screen_text(app)

        await pilot.press("u")  # settling is a change like any other: it can be undone
        await settle(pilot)
        [saved] = load_notes(NOTES).notes
        assert saved.conflict is not None


async def test_k_says_so_when_no_note_under_the_cursor_is_in_conflict(article):
    app = build_app(article, notes_path=NOTES)
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "met")
        await pilot.press("K")
        await settle(pilot)
        assert "No note changed in two places under the cursor." in screen_text(app)
        [saved] = load_notes(NOTES).notes
        assert saved.conflict is None
