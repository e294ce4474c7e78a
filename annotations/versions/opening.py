"""Provides the message an article gives when it opens changed since the notes were made on it.

"This article changed since 2021-09-29: 3 paragraphs edited, 1 added. Notes: 12 in place,
1 approximate, 1 orphaned. D: show changes"
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import AnnotationError
from annotations.notes.placed import PlacedNotes
from annotations.versions.diff import Diff, diff_texts
from annotations.versions.store import Version, VersionStore


@dataclass
class Changed:
    """The article's text differs from the one the notes were made on."""

    before: Version | None
    """The earlier version, when it was kept (None: notes older than the versions kept)."""
    diff: Diff | None
    in_place: int
    approximate: int
    orphaned: int

    def message(self, changes_key: str = "D") -> str:
        notes = (
            f"Notes: {self.in_place} in place, {self.approximate} approximate,"
            f" {self.orphaned} orphaned."
        )
        if self.before is None or self.diff is None:
            return (
                f"This article changed since your notes were made (that text was not kept). {notes}"
            )
        what = self.diff.summary.describe()
        since = f"This article changed since {self.before.day}: {what}."
        return f"{since} {notes} {changes_key}: show changes"


def changed_since_notes(
    notes: PlacedNotes, text: str, text_sha: str, notes_sha: str | None, versions: VersionStore
) -> Changed | None:
    """What changed since the notes were made, or None when the text is the same (or no notes)."""
    if not notes_sha or notes_sha == text_sha or not notes.notes:
        return None
    orphaned = len(notes.orphans())
    approximate = len(notes.approximate())
    in_place = len(notes.notes) - orphaned - approximate
    before = diff = None
    try:
        before = versions.by_hash(notes_sha)
        if before is not None:
            diff = diff_texts(versions.text(before), text)
    except AnnotationError:
        before = diff = None  # an unreadable kept version: say what can still be said
    return Changed(before, diff, in_place, approximate, orphaned)


def compared_versions(
    kept: list[Version], current: Version, notes_sha: str | None
) -> Version | None:
    """The version to compare the current text with: the notes' one if kept and different, else
    the one kept just before the current; None when there is nothing to compare with."""
    if notes_sha and notes_sha != current.sha256:
        for version in kept:
            if version.sha256 == notes_sha:
                return version
    if current not in kept:
        return kept[-1] if kept else None
    earlier = kept[: kept.index(current)]
    return earlier[-1] if earlier else None
