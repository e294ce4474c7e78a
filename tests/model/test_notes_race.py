"""Two readers and the CLI on one article, 200 random operations each run: nothing is lost.

Each reader is a NotesStore (what a window holds); the CLI runs `annotated-reader notes` in
process, with its own store each time, as a script would. Every note text anybody writes is
unique, so at the end we can tell where each went.
"""

from __future__ import annotations

import contextlib
import io
import random

import pytest

from annotations.notes.file import load_notes
from annotations.notes.store import NotesStore
from annotations.text.article import load_article
from reader.cli import main as cli

TEXT = "Putin met Erdogan in Sochi to talk about Idlib and the S-400 deal with Russia.\n"
WORDS = TEXT.rstrip(".\n").split()


def run_cli(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli(list(argv)) == 0
    return out.getvalue().strip()


@pytest.mark.parametrize("seed", range(5))
def test_two_readers_and_the_cli_lose_nothing_over_200_operations(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    notes_file = tmp_path / "a.notes.yaml"
    article = load_article(path)
    readers = [NotesStore.open(article, notes_file), NotesStore.open(article, notes_file)]
    deleted: set[str] = set()  # ids someone deleted (or un-added) knowingly
    last_text: dict[str, str | None] = {}  # the last words written per note; None: undone
    counter = 0

    def fresh() -> str:
        nonlocal counter
        counter += 1
        return f"text-{counter}"

    for _ in range(200):
        op = rng.choice(["add", "edit", "edit", "delete", "undo", "redo", "keep", "save", "cli"])
        reader = rng.choice(readers)
        notes = reader.notes
        if op == "add":
            word = rng.choice(WORDS)
            start = TEXT.index(word)
            words = fresh()
            note = reader.add(start, start + len(word), words)
            last_text[note.id] = words
        elif op == "edit" and notes:
            note = rng.choice(notes)
            words = fresh()
            reader.edit(note.id, note=words, original=note)
            last_text[note.id] = words
        elif op == "delete" and notes:
            note = rng.choice(notes)
            reader.delete(note.id)
            deleted.add(note.id)
        elif op in ("undo", "redo"):
            change = reader.undo() if op == "undo" else reader.redo()
            if change is not None:
                last_text[change.note_id] = None  # put back an older version: any is fine
                if change.after is None or change.before is None:
                    deleted.add(change.note_id)  # an add undone, or a delete redone
        elif op == "keep":
            conflicted = [note for note in notes if note.conflict]
            if conflicted:
                note = rng.choice(conflicted)
                reader.resolve_conflict(note.id, rng.choice(["ours", "theirs"]))
                deleted.add(note.id)  # one version is dropped on purpose: not a loss
        elif op == "save":
            assert reader.save().ok
        elif op == "cli":
            words = fresh()
            note_id = run_cli(
                "notes", "add", str(path), "--quote", rng.choice(WORDS), "--note", words,
                "--notes", str(notes_file),
            )  # fmt: skip
            last_text[note_id] = words
    for _ in range(3):  # everybody saves until all have seen everything
        for reader in readers:
            assert reader.save().ok
    on_disk = {note.id: note for note in load_notes(notes_file).notes}
    for note_id, words in last_text.items():
        if note_id in deleted:
            continue
        assert note_id in on_disk, f"note {note_id} ({words}) was lost"
        if words is not None:
            kept = on_disk[note_id]
            versions = {kept.note, kept.conflict.note if kept.conflict else None}
            assert words in versions, f"{words!r} was lost from note {note_id}"
    for reader in readers:  # and both windows show what is on disk
        assert {note.id for note in reader.notes} == set(on_disk)
