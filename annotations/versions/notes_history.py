"""Provides what a later text did to each note: "was: …" for an edited quote, "removed in the
version of DATE" for an orphan, and whether a note's text changed since it was made."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotations.errors import AnnotationError
from annotations.notes.model import Note, Placement
from annotations.versions.store import Version, VersionStore


@dataclass(frozen=True)
class NoteHistory:
    """One note across versions."""

    changed: bool
    """Its text changed since the note was made (an edited quote, or gone)."""
    was: str | None = None
    """For a note placed on a close match: the quote as it was, the current text differing."""
    removed_in: Version | None = None
    """For an orphan: the first kept version that no longer holds its quote."""

    def describe(self) -> str:
        if self.removed_in is not None:
            return f"removed in the version of {self.removed_in.day}"
        if self.was is not None:
            return f"was: “{self.was}”"
        return "its text changed since your note" if self.changed else ""


def changed_since_note(note: Note, where: Placement) -> bool:
    """True when the quoted text itself is not what it was when the note was made: edited (the
    note stands on a close match) or gone. Words changed around an intact quote don't count."""
    del note
    return where.state != "exact"


def note_histories(
    notes: Iterable[Note],
    placements: dict[str, Placement],
    text: str,
    versions: VersionStore | None,
) -> dict[str, NoteHistory]:
    """The history of every note whose text changed since it was made, by note id."""
    kept: list[Version] = []
    texts: dict[str, str] = {}
    if versions is not None:
        try:
            kept = versions.versions()
        except AnnotationError:
            kept = []

    def text_of(version: Version) -> str | None:
        if version.sha256 not in texts:
            try:
                texts[version.sha256] = versions.text(version)  # type: ignore[union-attr]
            except AnnotationError:
                return None
        return texts[version.sha256]

    histories = {}
    for note in notes:
        where = placements.get(note.id, Placement.orphan())
        if not changed_since_note(note, where):
            continue
        if where.placed:
            now = text[where.start : where.end]
            was = note.quote.exact if now != note.quote.exact else None
            histories[note.id] = NoteHistory(True, was=was)
        else:
            histories[note.id] = NoteHistory(True, removed_in=_removed_in(note, kept, text_of))
    return histories


def _removed_in(note: Note, kept: list[Version], text_of) -> Version | None:
    """The first version, after the one the note was made on (or one that held its quote), whose
    text no longer holds the quote."""
    start = next((i for i, v in enumerate(kept) if v.sha256 == note.made_on), None)
    held = start is not None
    for version in kept[(start + 1) if start is not None else 0 :]:
        body = text_of(version)
        if body is None:
            continue
        if note.quote.exact in body:
            held = True
        elif held:
            return version
    return None
