"""Provides undo and redo of the session's note changes, as plain before/after versions.

Notes are immutable, so a change is simply the version before and the version after; undoing puts
the before version back (None meaning "no such note"), redoing puts the after version back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from annotations.notes.model import Note
from annotations.notes.personal import PersonalCard

Kind = Literal[
    "add", "edit", "delete", "color", "reattach", "resolve", "card-add", "card-edit", "card-delete"
]
"""What a change did; the card-* kinds are to personal cards (annotations.notes.personal)."""


@dataclass(frozen=True)
class Change:
    """One change the user made to one note or one personal card."""

    kind: Kind
    """What the user did, for messages such as "Undid delete"."""
    before: Note | PersonalCard | None
    """The note (or personal card) before the change; None when the change added it."""
    after: Note | PersonalCard | None
    """The note (or personal card) after the change; None when the change deleted it."""

    @property
    def note_id(self) -> str:
        note = self.after or self.before
        assert note is not None
        return note.id

    @property
    def of_card(self) -> bool:
        """True for a change to a personal card."""
        return self.kind.startswith("card-")


class History:
    """The session's changes, newest last, with the ones undone kept for redo until a new change."""

    def __init__(self, limit: int = 1_000) -> None:
        self.limit = limit
        """Older changes are forgotten past this many, so a long session's memory stays flat."""
        self._done: list[Change] = []
        self._undone: list[Change] = []

    def record(self, change: Change) -> None:
        self._done.append(change)
        del self._done[: -self.limit]
        self._undone.clear()

    def undo(self) -> Change | None:
        """The change to undo (the caller puts `before` back), or None when there is none."""
        if not self._done:
            return None
        change = self._done.pop()
        self._undone.append(change)
        return change

    def redo(self) -> Change | None:
        """The change to redo (the caller puts `after` back), or None when there is none."""
        if not self._undone:
            return None
        change = self._undone.pop()
        self._done.append(change)
        return change

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)
