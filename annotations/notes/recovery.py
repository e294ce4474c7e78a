"""Provides recovery files: notes that could not be saved, written somewhere safe on the way out.

When the notes file cannot be written (a read-only folder, a full disk, a file that does not
parse) and the user quits anyway, every note in memory goes to a recovery file, in the notes
format, named after the notes file it belongs to. The next start finds it and offers to merge it
back; once merged and saved, it is removed (its notes are then in the notes file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path

from annotations import files
from annotations.notes.file import NotesDocument, dump_notes, parse_notes, read_notes_text
from annotations.notes.marks import place_mark
from annotations.notes.paths import data_dir
from annotations.notes.store import NotesStore


def _key(notes_path: Path) -> str:
    """The notes file a recovery file belongs to: its name and a hash of its full path."""
    full = os.path.abspath(notes_path)
    digest = hashlib.sha256(full.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"{notes_path.name}.{digest}"


def recovery_folders(notes_path: Path) -> list[Path]:
    """Where recovery files go, first choice first: the data folder, beside the notes, tmp."""
    return [
        data_dir() / "recovery",
        Path(os.path.abspath(notes_path)).parent,
        Path(tempfile.gettempdir()) / "annotated-reader-recovery",
    ]


def write_recovery(store: NotesStore) -> Path:
    """Write every note in memory to a recovery file; its path. OSError if no folder takes it."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"{_key(store.path)}.recovered-{stamp}.notes.yaml"
    document = NotesDocument(
        store.article.name, store.article.sha256, store.notes, store.marks.all()
    )
    text = dump_notes(document)
    failures = []
    for folder in recovery_folders(store.path):
        target = folder / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            files.write_atomically(target, text)
        except OSError as error:
            failures.append(f"{folder}: {error.strerror or error}")
            continue
        return target
    raise OSError(f"no folder could take a recovery file ({'; '.join(failures)})")


def find_recovery(notes_path: Path) -> list[Path]:
    """Recovery files left for this notes file by an earlier session, oldest first."""
    pattern = f"{_key(notes_path)}.recovered-*.notes.yaml"
    found: list[Path] = []
    for folder in recovery_folders(notes_path):
        try:
            found.extend(sorted(folder.glob(pattern)))
        except OSError:
            continue
    return found


def merge_recovery(store: NotesStore, path: Path) -> int:
    """Put the notes of a recovery file back into `store` (undoable), and its marks that are not
    set here; how many notes came back.

    Raises AnnotationError when the recovery file does not parse (it is then left alone).
    """
    text = read_notes_text(path)
    if text is None:
        return 0
    document = parse_notes(text, str(path))
    placed, _ = store.place(document.notes, document)
    here = store.marks.all()
    for letter, mark in document.marks.items():  # a mark set here since is newer: kept
        offset = place_mark(store.article.text, mark)
        if letter not in here and offset is not None:
            store.set_mark(letter, offset)
    return sum(1 for note in placed.values() if store.restore(note))


def remove_recovery(path: Path) -> None:
    """Remove a recovery file whose notes are saved in the notes file now."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def save_on_exit(store: NotesStore, finish) -> str | None:
    """Before the program lets go: save what is pending, else write a recovery file.

    `finish` waits for a running background save and saves the rest (AutoSaver.finish).
    Returns None when every note is on disk, else one message for the terminal that says
    where the notes are now.
    """
    if store.unsaved_changes:
        finish()
    if not store.unsaved_changes:
        return None
    reason = store.failure or "the save failed"
    count = len(store.notes)
    try:
        kept = write_recovery(store)
    except OSError as error:
        return (
            f"{count} notes could not be saved to {store.path} ({reason}), and no recovery"
            f" file could be written: {error}"
        )
    return (
        f"{count} notes could not be saved to {store.path} ({reason}); they are kept in"
        f" {kept}, and the next start on this article offers to merge them back."
    )
