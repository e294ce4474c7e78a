"""Provides one save of a notes file: lock, re-read, merge what others wrote, write atomically.

Kept apart from the store so the steps that touch the disk read top to bottom in one place, and
so every failure is turned into one message a user can act on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotations import files

if TYPE_CHECKING:
    from filelock import FileLock
from annotations.errors import AnnotationError
from annotations.notes.file import NotesDocument, dump_notes, parse_notes, read_notes_text
from annotations.notes.marks import Mark, merge_marks, place_marks
from annotations.notes.model import Note, Placement
from annotations.text.article import Article

Place = Callable[..., tuple[dict[str, Note], dict[str, Placement]]]


@dataclass(frozen=True)
class SaveResult:
    """What a save did, for the footer and the CLI."""

    ok: bool
    """True when the notes are on disk (or there was nothing to write)."""
    message: str
    """One line for the user: where the notes went, or why they did not."""
    merged: int = 0
    """Notes added, changed or deleted by another reader and taken in by this save."""
    conflicts: tuple[str, ...] = ()
    """Ids of notes newly in conflict (changed here and elsewhere)."""
    reason: str = ""
    """When not ok, why, in a few words (the message says it in full)."""


@dataclass(frozen=True)
class Outcome:
    result: SaveResult
    notes: dict[str, Note]
    """The notes now on disk, by id."""
    text: str | None
    """The file's text now on disk (None when there is still no file)."""
    marks: dict[str, Mark] = field(default_factory=dict)
    """The marks now on disk, by letter."""


def lock_for(path: Path, timeout: float) -> FileLock:
    """The lock every reader takes around a save of `path` (a sibling file, NAME.lock)."""
    import filelock  # imported at the first save, not at start-up

    return filelock.FileLock(f"{path}.lock", timeout=timeout, thread_local=False)


def sync_file(
    path: Path,
    article: Article,
    place: Place,
    ours: dict[str, Note],
    base: dict[str, Note],
    known: str | None,
    *,
    changed: bool,
    timeout: float,
    marks: tuple[Mapping[str, Mark], Mapping[str, Mark]] = ({}, {}),
) -> Outcome:
    """Save `ours` to `path`, merging first if the file changed since it was `known`.

    `base` is the notes as last read or written here; `marks` the marks here and as last read
    or written here.

    Raises AnnotationError when the file on disk can't be read or parsed (it is then left alone),
    and OSError or filelock.Timeout when it can't be written (the old file is then intact).
    """
    from annotations.notes.merge import merge  # needed only when another reader wrote too

    with lock_for(path, timeout):
        disk = read_notes_text(path)
        merged_marks, base_marks = dict(marks[0]), marks[1]
        if disk == known and not changed:
            return Outcome(SaveResult(True, f"Notes saved in {path}"), ours, disk, merged_marks)
        merged, taken, conflicts = ours, 0, ()
        if disk is not None and disk != known:
            document = parse_notes(disk, str(path))
            theirs, _ = place(document.notes, document)
            result = merge(base, ours, theirs)
            merged, taken, conflicts = result.notes, result.taken, tuple(result.conflicts)
            their_marks = place_marks(article.text, document.marks)
            merged_marks, marks_taken = merge_marks(base_marks, merged_marks, their_marks)
            taken += marks_taken
        text: str | None = disk
        # With nothing changed here, what another reader wrote is only taken in, not rewritten.
        if changed and (merged or merged_marks or disk is not None):
            notes = list(merged.values())
            document = NotesDocument(article.name, article.sha256, notes, merged_marks)
            written = dump_notes(document)
            if written != disk:
                _remove_stale_temporaries(path)
                files.write_atomically(path, written)
                text = written
    message = f"Notes saved in {path}"
    if taken:
        message += f"; {_count(taken, 'change')} from another reader merged in"
    if conflicts:
        message += f"; {_count(len(conflicts), 'note')} changed in both places (both versions kept)"
    return Outcome(SaveResult(True, message, taken, conflicts), merged, text, merged_marks)


def status_line(
    path: Path, broken: AnnotationError | None, last_save: SaveResult | None, count: int
) -> str:
    """One line for the footer: where the notes are kept, and whether the last save worked."""
    if broken is not None:
        kept = (
            f"{_count(count, 'note')} kept in memory."
            if count
            else "Notes you make are kept in memory until it loads."
        )
        return f"Notes file does not load ({broken.problems[0]}); it is not overwritten. {kept}"
    if last_save is not None and not last_save.ok:
        return last_save.message
    return f"Notes: {path}" + (" (saved)" if last_save else "")


def save_failure(broken: AnnotationError | None, last_save: SaveResult | None) -> str | None:
    """Why notes can't be saved now (the file does not load, the last save failed), in a few
    words; None while saving works."""
    if broken is not None:
        return f"the notes file does not load ({broken.problems[0]})"
    if last_save is not None and not last_save.ok:
        return last_save.reason or "the last save failed"
    return None


def _remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files a killed save left behind (the lock is held: none is live)."""
    try:
        leftovers = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            leftover.unlink()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EIO: "an input/output error (the disk or network share failed)",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EISDIR: "the notes path is a folder, not a file",
    errno.ENOTDIR: "a part of the notes path is a file, not a folder",
}


def failure(path: Path, error: BaseException, count: int) -> SaveResult:
    """The result of a save that failed: why, and that the notes are safe in memory."""
    reason = failure_reason(error, path)
    message = (
        f"Notes not saved to {path}: {reason}. {_count(count, 'note')} kept in memory, to be"
        " saved on the next try."
    )
    return SaveResult(False, message, reason=reason)


def failure_reason(error: BaseException, path: Path | None = None) -> str:
    """Why a save failed, in a few words a user can act on."""
    if isinstance(error, TimeoutError):  # filelock.Timeout: another reader holds the lock
        reason = "another copy of the reader kept the notes file locked; try again"
    elif isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EPERM):
        reason = _permission_reason(error, path)
    elif isinstance(error, OSError):
        reason = _REASONS.get(error.errno or 0) or error.strerror or str(error)
    else:
        reason = f"{type(error).__name__}: {error}"
    return reason


def _permission_reason(error: OSError, path: Path | None) -> str:
    """Say which refused, the folder or the file: an immutable file (chattr +i) in a writable
    folder refuses to be replaced, and "the folder can't be written" would send the user to the
    wrong place."""
    folder_refused = "permission denied: the folder can't be written"
    if path is None or not os.access(path.parent, os.W_OK):
        return folder_refused
    target = error.filename2 if error.filename2 is not None else error.filename
    if target is not None and os.fspath(target) == os.fspath(path):
        # The rename onto the notes file (or its opening) was refused, not the folder.
        return (
            "permission denied: the notes file can't be replaced (it is marked immutable,"
            " as by chattr +i, or locked against change)"
        )
    return folder_refused


def move_aside(path: Path, timeout: float) -> Path | None:
    """Rename a bad notes file to NAME.broken-<UTC time> (never deleted); the new name or None."""
    with lock_for(path, timeout):
        if not os.path.lexists(path):
            return None
        mode = os.lstat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "the notes path is a folder; nothing was moved")
        if not stat.S_ISREG(mode) and not stat.S_ISLNK(mode):
            raise OSError(errno.EINVAL, "the notes path is not a regular file; nothing was moved")
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.broken-{stamp}")
        number = 1
        while os.path.lexists(target):
            number += 1
            target = path.with_name(f"{path.name}.broken-{stamp}-{number}")
        os.rename(path, target)
        return target
