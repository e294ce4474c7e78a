"""Provides PlacedNotes: one article's notes and where each stands, and questions about them.

The reading half of the store, safe from any thread: the notes by id, their placements in the
current text, and an index by position that answers "which notes are on screen" by bisecting.
"""

from __future__ import annotations

import threading

from annotations.notes.index import SpanIndex
from annotations.notes.model import Note, Placement


class PlacedNotes:
    """Notes by id with their placements; every read takes the lock that writers hold."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._notes: dict[str, Note] = {}
        self._placements: dict[str, Placement] = {}
        self._index: SpanIndex | None = None

    @property
    def notes(self) -> list[Note]:
        """Every note, placed ones in text order first, then orphans."""
        with self._lock:
            return self.notes_in_text_order() + self.orphans()

    def get(self, note_id: str) -> Note | None:
        with self._lock:
            return self._notes.get(note_id)

    def placement(self, note_id: str) -> Placement:
        with self._lock:
            return self._placements.get(note_id, Placement.orphan())

    @property
    def placements(self) -> dict[str, Placement]:
        """Where each note stands in the current text, by note id (a copy)."""
        with self._lock:
            return dict(self._placements)

    def notes_in_text_order(self) -> list[Note]:
        """Placed notes (exact and approximate) by start, then end."""
        with self._lock:
            return [self._notes[note_id] for note_id in self._sorted().ids()]

    def orphans(self) -> list[Note]:
        """Notes that could not be placed, by their old position: listed apart, re-attachable."""
        return self._in_state("orphan")

    def approximate(self) -> list[Note]:
        """Notes placed on a close match, for the user to confirm (reattach) or move."""
        return self._in_state("approximate")

    def conflicts(self) -> list[Note]:
        """Notes changed here and elsewhere at once: ours in the note, theirs in `conflict`."""
        with self._lock:
            return sorted((n for n in self._notes.values() if n.conflict), key=_hint_order)

    def _in_state(self, state: str) -> list[Note]:
        with self._lock:
            found = [n for n in self._notes.values() if self._placements[n.id].state == state]
            return sorted(found, key=_hint_order)

    def all_tags(self) -> list[str]:
        """Every tag in use, most used first, for completion in the editor."""
        with self._lock:
            counts: dict[str, int] = {}
            for note in self._notes.values():
                for tag in note.tags:
                    counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts, key=lambda tag: (-counts[tag], tag))

    def notes_at(self, offset: int) -> list[Note]:
        """Placed notes covering the character at `offset`, by start (a bisect, not a scan)."""
        return self.notes_overlapping(offset, offset + 1)

    def notes_overlapping(self, start: int, end: int) -> list[Note]:
        """Placed notes with any character in [start, end), e.g. the lines on screen, by start."""
        with self._lock:
            return [self._notes[note_id] for note_id in self._sorted().overlapping(start, end)]

    def next_note(self, offset: int, *, backwards: bool = False) -> Note | None:
        """The first placed note starting after `offset` (or before it), for Tab."""
        with self._lock:
            index = self._sorted()
            note_id = index.before(offset) if backwards else index.after(offset)
            return None if note_id is None else self._notes[note_id]

    def note_spans(self, start: int, end: int) -> list[tuple[int, int, str, bool]]:
        """(start, end, colour, approximate) of each placed note in [start, end), for drawing."""
        with self._lock:
            spans = []
            for note_id in self._sorted().overlapping(start, end):
                where = self._placements[note_id]
                color = self._notes[note_id].color
                spans.append((where.start, where.end, color, where.state == "approximate"))
            return spans

    def next_note_start(self, offset: int, *, backwards: bool = False) -> int | None:
        """Where the next (or previous) placed note from `offset` starts, for Tab."""
        note = self.next_note(offset, backwards=backwards)
        return None if note is None else self.placement(note.id).start

    def _sorted(self) -> SpanIndex:
        if self._index is None:
            self._index = SpanIndex(self._placements)
        return self._index


def _hint_order(note: Note) -> tuple[int, int, str]:
    return (note.start, note.end, note.id)
