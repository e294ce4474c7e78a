"""Saving in the background, watching the file, reloading, and two copies editing one note.

Plain model tests: no App. Two NotesStore objects on one file stand for two reader windows.
"""

from __future__ import annotations

import threading

import pytest

from annotations.notes.autosave import AutoSaver
from annotations.notes.file import load_notes
from annotations.notes.store import NotesStore
from annotations.text.article import load_article

TEXT = "Putin met Erdogan in Sochi. Erdogan told Putin about Idlib.\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return load_article(path)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "a.notes.yaml"


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def on_disk(path) -> list[tuple[str, str | None]]:
    return [(n.note, n.conflict.note if n.conflict else None) for n in load_notes(path).notes]


def test_changes_made_while_a_save_runs_are_saved_by_one_more_save(article, path):
    store = NotesStore.open(article, path)
    release, entered = threading.Event(), threading.Event()
    real_save, saves = store.save, []

    def slow_save():
        saves.append(len(store.notes))
        entered.set()
        release.wait(5)
        return real_save()

    store.save = slow_save
    done = []
    saver = AutoSaver(store, done.append)
    store.add(*span("Putin"))
    saver.request()
    assert entered.wait(5)
    for word in ("Erdogan", "Sochi", "Idlib"):  # three changes while the first save runs
        store.add(*span(word))
        saver.request()
    release.set()
    assert saver.wait(5)
    assert saves == [1, 4]  # one more save took all three, not three more
    assert len(done) == 1 and done[0].ok
    assert len(load_notes(path).notes) == 4 and not store.unsaved_changes


def test_the_watch_merges_what_another_window_wrote(article, path):
    ours, theirs = NotesStore.open(article, path), NotesStore.open(article, path)
    saver = AutoSaver(ours)
    assert not saver.poll()  # nothing changed
    theirs.add(*span("Sochi"), "from the other window")
    assert theirs.save().ok
    assert saver.poll() and saver.wait(5)
    assert [n.note for n in ours.notes] == ["from the other window"]


def test_finish_waits_for_the_running_save_then_saves_the_rest(article, path):
    store = NotesStore.open(article, path)
    saver = AutoSaver(store)
    store.add(*span("Putin"))
    saver.request()
    store.add(*span("Idlib"))  # the running save may not have taken it
    saver.finish()
    assert len(load_notes(path).notes) == 2 and not store.unsaved_changes


def test_an_edit_beats_a_delete_made_in_another_window_meanwhile(article, path):
    # Window 2 opens the editor on a note; window 1 deletes it; window 2 saves its edit.
    window1, window2 = NotesStore.open(article, path), NotesStore.open(article, path)
    note = window1.add(*span("Sochi"), "first words")
    assert window1.save().ok and window2.save().ok
    being_edited = window2.get(note.id)
    window1.delete(note.id)
    assert window1.save().ok
    assert window2.save().ok and window2.get(note.id) is None  # the delete reached window 2
    window2.edit(note.id, note="my edit", original=being_edited)
    assert window2.save().ok
    assert on_disk(path) == [("my edit", None)]
    window2.undo()  # undoing the edit goes back to the state it found: deleted
    assert window2.save().ok and on_disk(path) == []
    window2.redo()
    assert window2.save().ok and on_disk(path) == [("my edit", None)]


def test_an_edit_over_a_change_that_came_in_while_editing_keeps_both(article, path):
    # Window 2 opens the editor; window 1's edit comes in (a save merges it) before window 2
    # saves its own: neither text is lost unseen, window 2's words lead, window 1's are beside.
    window1, window2 = NotesStore.open(article, path), NotesStore.open(article, path)
    note = window1.add(*span("Sochi"), "first words")
    assert window1.save().ok and window2.save().ok
    being_edited = window2.get(note.id)
    window1.edit(note.id, note="their words", color="blue")
    assert window1.save().ok
    assert window2.save().ok and window2.get(note.id).note == "their words"  # it came in
    mine = window2.edit(note.id, note="my words", color="yellow", original=being_edited)
    assert (mine.note, mine.color) == ("my words", "yellow")
    assert (mine.conflict.note, mine.conflict.color) == ("their words", "blue")
    assert window2.save().ok
    [saved] = load_notes(path).notes
    assert (saved.note, saved.conflict.note) == ("my words", "their words")
    # Typing the same words they did is no conflict.
    again = window1.get(note.id)
    window1.edit(note.id, note="their words", original=again)
    assert window1.get(note.id).conflict is None


def test_yours_is_always_this_windows_text(article, path):
    # Both windows edit one note; 1 saves AAA, then 2 saves BBB; then 1 takes in 2's save.
    window1, window2 = NotesStore.open(article, path), NotesStore.open(article, path)
    note = window1.add(*span("Sochi"), "original")
    assert window1.save().ok and window2.save().ok
    window1.edit(note.id, note="AAA")
    window2.edit(note.id, note="BBB")
    assert window1.save().ok and window2.save().ok
    assert window1.save().ok  # window 1 merges what window 2 wrote
    mine1, mine2 = window1.get(note.id), window2.get(note.id)
    assert (mine1.note, mine1.conflict.note) == ("AAA", "BBB")
    assert (mine2.note, mine2.conflict.note) == ("BBB", "AAA")
    # K (keep yours) in window 1 keeps AAA, everywhere, once window 2 takes it in.
    window1.resolve_conflict(note.id, "ours")
    assert window1.save().ok and window2.save().ok
    assert on_disk(path) == [("AAA", None)]
    assert (window2.get(note.id).note, window2.get(note.id).conflict) == ("AAA", None)


def test_reload_after_a_failed_save_keeps_the_notes_in_memory(article, path, monkeypatch):
    from annotations import files

    store = NotesStore.open(article, path)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "write_atomically", full_disk)
    store.add(*span("Idlib"), "kept")
    assert not store.save().ok and store.unsaved_changes
    result = store.reload()  # the disk is still full: nothing may be dropped
    assert not result.ok and [n.note for n in store.notes] == ["kept"] and store.dirty
    monkeypatch.undo()
    assert store.reload().ok
    assert on_disk(path) == [("kept", None)] and not store.unsaved_changes


def test_reload_of_a_file_fixed_by_hand_adds_it_to_the_notes_in_memory(article, path):
    path.write_text("version: 1\nnotes: [\n", encoding="utf-8")  # broken
    store = NotesStore.open(article, path)
    assert store.broken is not None
    store.add(*span("Putin"), "made while it was broken")
    other = NotesStore(article, path.with_name("other.yaml"))
    other.add(*span("Sochi"), "in the fixed file")
    other.save()
    path.write_text(other.path.read_text(encoding="utf-8"), encoding="utf-8")  # "fixed"
    assert store.reload().ok and store.broken is None
    assert sorted(note for note, _ in on_disk(path)) == [
        "in the fixed file",
        "made while it was broken",
    ]


def test_a_tag_typed_with_a_leading_hash_is_stored_without_it(article, path):
    store = NotesStore.open(article, path)
    note = store.add(*span("Sochi"), "x", ["#hash", "plain", "#plain"])
    assert note.tags == ("hash", "plain")  # shown as #hash, never ##hash


def test_a_recovered_note_changed_here_since_keeps_both_versions(article, path):
    store = NotesStore.open(article, path)
    note = store.add(*span("Sochi"), "recovered words")
    recovered = store.get(note.id)
    store.edit(note.id, note="newer words")
    assert store.restore(recovered)
    kept = store.get(note.id)
    assert (kept.note, kept.conflict.note) == ("newer words", "recovered words")
    assert not store.restore(store.get(note.id))  # as it is: nothing to do
