"""Saving under faults: full disks, I/O errors, read-only folders, broken files, other writers."""

from __future__ import annotations

import errno
import os
import tempfile

import filelock
import pytest

from annotations.notes.file import load_notes
from annotations.notes.merge import merge
from annotations.notes.model import Note, Quote
from annotations.notes.store import NotesStore
from annotations.text.article import Article

TEXT = (
    "Russian President Vladimir Putin and his Turkish counterpart Recep Tayyip Erdogan met in "
    "Sochi for talks. The relationship is a continuation of a marriage of convenience between "
    "Russia and Turkey, analysts said.\n"
)


@pytest.fixture
def article(tmp_path) -> Article:
    return Article(TEXT, "sochi.txt", tmp_path / "sochi.txt")


@pytest.fixture
def path(tmp_path):
    return tmp_path / "notes" / "sochi.notes.yaml"


def add(store: NotesStore, word: str, note: str = "") -> Note:
    start = TEXT.index(word)
    return store.add(start, start + len(word), note)


def saved_store(article, path) -> NotesStore:
    store = NotesStore.open(article, path)
    add(store, "Putin", "saved before the fault")
    assert store.save().ok
    return store


def leftovers(path) -> list:
    return sorted(name for name in os.listdir(path.parent) if name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EIO, "an input/output error (the disk or network share failed)"),
        (errno.EDQUOT, "the disk quota is used up"),
    ],
)
def test_a_failed_write_keeps_notes_and_the_old_file_and_the_next_save_works(
    article, path, monkeypatch, code, reason
):
    store = saved_store(article, path)
    before = path.read_bytes()
    add(store, "Sochi", "written while the disk fails")

    def fail(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    result = store.save()
    assert not result.ok and result.reason == reason
    assert result.message == (
        f"Notes not saved to {path}: {reason}. 2 notes kept in memory, to be saved on the next try."
    )
    assert store.status_message == result.message and store.dirty
    assert path.read_bytes() == before and leftovers(path) == []
    assert len(store.notes) == 2
    monkeypatch.undo()
    result = store.save()
    assert result.ok and not store.dirty
    assert [note.note for note in load_notes(path).notes] == [
        "saved before the fault",
        "written while the disk fails",
    ]


def test_a_read_only_folder_is_reported_and_nothing_is_lost(article, path, monkeypatch):
    # Tests run as root, whom chmod does not stop: the refusal is simulated where it would happen.
    store = saved_store(article, path)
    before = path.read_bytes()
    add(store, "Sochi")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = store.save()
    assert not result.ok
    assert result.reason == "permission denied: the folder can't be written"
    assert path.read_bytes() == before
    monkeypatch.undo()
    assert store.save().ok and len(load_notes(path).notes) == 2


def test_a_lock_that_cannot_be_created_is_reported(article, path, monkeypatch):
    store = saved_store(article, path)
    add(store, "Sochi")

    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    result = store.save()
    assert not result.ok and result.reason == "the folder is on a read-only file system"
    monkeypatch.undo()
    assert store.save().ok


def test_a_lock_held_too_long_by_another_reader_is_reported(article, path):
    store = saved_store(article, path)
    store.lock_timeout = 0.1
    add(store, "Sochi")
    with filelock.FileLock(f"{path}.lock", thread_local=False):
        result = store.save()
    assert not result.ok
    assert result.reason == "another copy of the reader kept the notes file locked; try again"
    assert store.save().ok


def test_a_notes_path_that_is_a_folder(article, path):
    path.mkdir(parents=True)
    store = NotesStore.open(article, path)
    assert str(store.broken) == f"{path}: is a folder, not a notes file"
    add(store, "Sochi", "kept in memory")
    result = store.save()
    assert not result.ok and path.is_dir()
    assert result.reason == f"the notes file does not load ({path}: is a folder, not a notes file)"
    path.rmdir()
    assert store.save().ok
    assert [note.note for note in load_notes(path).notes] == ["kept in memory"]


def test_a_broken_file_is_never_overwritten(article, path):
    path.parent.mkdir(parents=True)
    path.write_text("version: 1\nnotes: [\n")
    store = NotesStore.open(article, path)
    assert store.broken is not None
    assert store.status_message.startswith(f"Notes file does not load ({path}:3:1: YAML syntax")
    add(store, "Sochi", "new")
    assert not store.save().ok
    assert path.read_text() == "version: 1\nnotes: [\n"
    assert len(store.notes) == 1


def test_fixing_the_broken_file_merges_it_with_the_new_notes(article, path):
    other = saved_store(article, path)
    good = path.read_text()
    path.write_text(good.replace("version: 1", "version: one"))
    store = NotesStore.open(article, path)
    add(store, "Sochi", "new")
    assert not store.save().ok
    path.write_text(good)  # the user fixed it
    assert store.save().ok and store.broken is None
    assert {note.note for note in load_notes(path).notes} == {"saved before the fault", "new"}
    assert other.get(other.notes[0].id) is not None


def test_start_fresh_keeps_the_bad_file_aside(article, path):
    path.parent.mkdir(parents=True)
    path.write_text("notes: {oops\n")
    store = NotesStore.open(article, path)
    add(store, "Sochi", "new")
    assert store.start_fresh().ok
    [aside] = [p for p in path.parent.iterdir() if ".broken-" in p.name]
    assert aside.read_text() == "notes: {oops\n"
    assert [note.note for note in load_notes(path).notes] == ["new"]


def test_a_note_edited_in_two_readers_keeps_both_versions(article, path):
    first = saved_store(article, path)
    second = NotesStore.open(article, path)
    note_id = first.notes[0].id
    second.edit(note_id, note="theirs", color="blue")
    assert second.save().ok
    first.edit(note_id, note="ours")
    result = first.save()
    assert result.ok and result.conflicts == (note_id,)
    assert "1 note changed in both places (both versions kept)" in result.message
    [conflicted] = first.conflicts()
    assert conflicted.note == "ours" and conflicted.conflict.note == "theirs"
    assert conflicted.conflict.color == "blue"
    [on_disk] = load_notes(path).notes
    assert on_disk.note == "ours" and on_disk.conflict.note == "theirs"
    # Undo of our edit must not drop their version.
    first.undo()
    assert first.get(note_id).conflict.note == "theirs"
    first.redo()
    first.resolve_conflict(note_id, "theirs")
    assert first.save().ok
    [settled] = load_notes(path).notes
    assert (settled.note, settled.color, settled.conflict) == ("theirs", "blue", None)


def test_notes_added_and_deleted_elsewhere_are_merged(article, path):
    first = saved_store(article, path)
    putin = first.notes[0]
    second = NotesStore.open(article, path)
    add(second, "Sochi", "from the second reader")
    second.delete(putin.id)
    assert second.save().ok
    mine = add(first, "Erdogan", "from the first reader")
    result = first.save()
    assert result.ok and result.merged == 2
    assert {n.note for n in first.notes} == {"from the first reader", "from the second reader"}
    assert {n.note for n in load_notes(path).notes} == {n.note for n in first.notes}
    assert first.get(mine.id) is not None and first.get(putin.id) is None


def _version(text: str) -> Note:
    return Note("01JD3Q5V8K2M4N6P7R9S0T1U2V", Quote("Sochi"), 1, 6, text)


def test_merge_rules():
    base = {"n": _version("base")}
    edited, other = {"n": _version("ours")}, {"n": _version("theirs")}
    assert merge(base, base, other).notes == other  # only they changed it
    assert merge(base, edited, base).notes == edited  # only we changed it
    assert merge(base, {}, base).notes == {}  # we deleted it, they did not touch it
    assert merge(base, base, {}).notes == {}  # they deleted it, we did not touch it
    assert merge(base, edited, {}).notes == edited  # an edit beats a delete
    assert merge(base, {}, other).notes == other  # ... on either side
    both = merge(base, edited, other)
    assert both.conflicts == ["01JD3Q5V8K2M4N6P7R9S0T1U2V"]
    assert both.notes["n"].note == "ours" and both.notes["n"].conflict.note == "theirs"


def test_a_save_with_nothing_changed_takes_in_other_notes_without_rewriting(article, path):
    first = saved_store(article, path)
    second = NotesStore.open(article, path)
    add(second, "Sochi", "from the second reader")
    assert second.save().ok
    written = path.read_bytes()
    revision = first.revision
    result = first.save()
    assert result.ok and result.merged == 1 and not first.dirty
    assert first.revision > revision  # tells the UI to redraw
    assert {n.note for n in first.notes} == {"saved before the fault", "from the second reader"}
    assert path.read_bytes() == written
