"""Real processes: a writer killed mid-save, and two writers at once, never cost a note."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sys
import time

import pytest

from annotations.notes.file import load_notes
from annotations.notes.store import NotesStore
from annotations.text.article import Article

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")

# Forking keeps each process start to milliseconds: the child inherits the loaded modules.
FORK = multiprocessing.get_context("fork")
WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india")
# Long notes make each write take long enough for some kills to land in the middle of it.
PADDING = "a long note to make the file bigger " * 40
TEXT = " ".join(f"{word}{number}" for number in range(400) for word in WORDS) + "\n"


def _keep_saving(store: NotesStore) -> None:
    """Rewrite every note with the same round number, and save; forever, until killed."""
    round_number = 0
    while True:
        round_number += 1
        for note in store.notes:
            store.edit(note.id, note=f"round {round_number}\n{PADDING}")
        if not store.save().ok:
            os._exit(3)


def _wait_for_change(path, mtime_ns: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while path.stat().st_mtime_ns == mtime_ns and time.monotonic() < deadline:
        time.sleep(0.005)


def test_a_writer_killed_in_the_middle_of_saves_leaves_old_or_new_notes(tmp_path):
    article = Article(TEXT, "words.txt", tmp_path / "words.txt")
    path = tmp_path / "words.notes.yaml"
    store = NotesStore.open(article, path)
    for index in range(150):
        start = index * 71
        store.add(start, start + 12, f"round 0\n{PADDING}", ["kill"])
    assert store.save().ok
    ids = {note.id for note in store.notes}
    rng = random.Random(5)
    rounds_seen = set()
    for attempt in range(50):
        writer = FORK.Process(target=_keep_saving, args=(NotesStore.open(article, path),))
        before = path.stat().st_mtime_ns
        writer.start()
        if attempt % 5 == 0:
            # Now and then the kill waits for a finished save, however loaded the machine is,
            # so that some rounds surely land; the others land wherever the clock says.
            _wait_for_change(path, before)
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL
        notes = load_notes(path).notes  # parses, or this raises
        assert {note.id for note in notes} == ids
        texts = {note.note for note in notes}
        assert len(texts) == 1, "a torn file mixes two rounds"
        rounds_seen |= texts
    assert len(rounds_seen) > 1, "the writer never finished a save before being killed"
    # A kill in the middle of a write leaves a temporary file; the next save clears it away.
    store = NotesStore.open(article, path)
    store.edit(next(iter(ids)), note="after the kills")
    assert store.save().ok
    assert list(tmp_path.glob(".*.tmp")) == []


def _die_at(point: str, store: NotesStore) -> None:
    """Save, and die by SIGKILL at `point` inside the atomic write."""

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "write":
        real_fdopen = os.fdopen

        class HalfWritten:
            """The temporary file's handle: writes half of the text to disk, then the kill."""

            def __init__(self, *args, **kwargs):
                self.handle = real_fdopen(*args, **kwargs)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, text):
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                die()

        os.fdopen = HalfWritten
    else:
        setattr(os, point, die)
    store.edit(store.notes[-1].id, note="never saved")
    store.save()
    os._exit(4)


@pytest.mark.parametrize("point", ["write", "fsync", "replace"])
def test_a_kill_at_each_step_of_the_atomic_write_leaves_the_old_file(tmp_path, point):
    article = Article(TEXT, "words.txt", tmp_path / "words.txt")
    path = tmp_path / "words.notes.yaml"
    store = NotesStore.open(article, path)
    for index in range(20):
        store.add(index * 71, index * 71 + 12, f"old {index}")
    assert store.save().ok
    before = path.read_bytes()
    writer = FORK.Process(target=_die_at, args=(point, NotesStore.open(article, path)))
    writer.start()
    writer.join()
    assert writer.exitcode == -signal.SIGKILL
    assert path.read_bytes() == before


def _add_many(article: Article, path, tag: str, start_together, failures) -> None:
    store = NotesStore.open(article, path)
    start_together.wait()
    for index in range(200):
        start = (index * 53 + (7 if tag == "b" else 0)) % (len(article.text) - 20)
        store.add(start, start + 9, f"{tag} {index}", [tag])
        result = store.save()
        if not result.ok:
            failures.put(result.message)
    os._exit(0)


def test_two_processes_adding_200_notes_each_keep_all_400(tmp_path):
    article = Article(TEXT, "words.txt", tmp_path / "words.txt")
    path = tmp_path / "words.notes.yaml"
    start_together = FORK.Barrier(2)
    failures = FORK.Queue()
    writers = [
        FORK.Process(target=_add_many, args=(article, path, tag, start_together, failures))
        for tag in ("a", "b")
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    assert failures.empty()
    notes = load_notes(path).notes
    assert len(notes) == 400
    assert sorted(note.note for note in notes) == sorted(
        f"{tag} {index}" for tag in ("a", "b") for index in range(200)
    )
