"""Provides the three-way merge of notes by id, for a save that finds the file changed on disk.

`base` is the file as this reader last read or wrote it, `ours` the notes in memory, `theirs` the
file as another reader (or another machine, through a sync) left it. Nothing written by either
side is lost: a note changed on both sides keeps ours and carries theirs as its conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from annotations.notes.model import Note


@dataclass
class MergeResult:
    """The merged notes and what the merge did, for the save's message."""

    notes: dict[str, Note]
    """Every note to keep, by id."""
    conflicts: list[str] = field(default_factory=list)
    """Ids of notes changed on both sides: ours kept, theirs in `Note.conflict`."""
    taken: int = 0
    """How many notes were added, changed or deleted from the other side."""


def merge(
    base: Mapping[str, Note], ours: Mapping[str, Note], theirs: Mapping[str, Note]
) -> MergeResult:
    """Merge by note id. An edit beats a delete: a note is only dropped when nobody changed it."""
    result = MergeResult({})
    for note_id in sorted(set(ours) | set(theirs)):
        old, mine, other = base.get(note_id), ours.get(note_id), theirs.get(note_id)
        kept = _one(old, mine, other, result)
        if kept is not None:
            result.notes[note_id] = kept
    return result


def _one(
    old: Note | None, mine: Note | None, other: Note | None, result: MergeResult
) -> Note | None:
    """The version of one note to keep (None: none), counting what came from the other side."""
    if other is None:
        assert mine is not None
        if old is not None and _same(mine, old):
            result.taken += 1  # deleted there and untouched here: respect the delete
            return None
        return mine  # added here, or edited here (an edit beats a delete)
    if mine is None:
        if old is not None and _same(other, old):
            return None  # deleted here, untouched there: stays deleted
        result.taken += 1  # added there, or edited there after we deleted it: keep their words
        return other
    if _same(mine, other) or (old is not None and _same(other, old)):
        return mine
    if old is not None and _same(mine, old):
        result.taken += 1
        return _as_seen_here(mine, other)
    result.conflicts.append(mine.id)
    return replace(mine, conflict=other.as_conflict())


def _as_seen_here(mine: Note, other: Note) -> Note:
    """`other`, unless it is a conflict the other reader recorded against our own version.

    Then "yours" must stay this reader's text: ours is kept and theirs becomes the conflict,
    so that keeping "your version" here keeps what was written here.
    """
    conflict = other.conflict
    if conflict is None or (conflict.quote, conflict.note, conflict.tags, conflict.color) != (
        mine.quote,
        mine.note,
        mine.tags,
        mine.color,
    ):
        return other
    return replace(mine, conflict=replace(other, conflict=None).as_conflict())


def _same(first: Note, second: Note) -> bool:
    """Equal as far as the user is concerned: re-anchoring may have moved one, not edited it."""
    return first is second or first.content() == second.content()
