"""Provides StoreSaving: the save half of NotesStore, which may run on any thread.

A save takes a snapshot under the store's lock, merges it with the file on disk and writes it
atomically (saving.sync_file), then takes in what the merge brought, except what the user changed
while it ran. Kept apart from the editing half so each reads top to bottom in one place.
"""

from __future__ import annotations

import logging

from annotations.errors import AnnotationError
from annotations.notes.anchoring import reanchor_all
from annotations.notes.model import Note
from annotations.notes.saving import SaveResult, failure, move_aside, sync_file

log = logging.getLogger("annotations.notes.store")


class StoreSaving:
    """Saving for NotesStore (whose __init__ makes the locks, the base and the revisions)."""

    # Saving (any thread) -----------------------------------------------------------------------

    def save(self) -> SaveResult:
        """Merge with the file on disk and write it atomically; never raises for I/O trouble."""
        with self._save_lock:
            with self._lock:
                ours, base, known = dict(self._notes), self._base, self._disk_text
                cards, card_base = dict(self._cards), self._card_base
                revision, changed = self._revision, self.dirty
                marks = self.marks.snapshot()
            try:
                outcome = sync_file(
                    self.path,
                    self.article,
                    self.place,
                    ours,
                    base,
                    known,
                    changed=changed,
                    timeout=self.lock_timeout,
                    marks=marks,
                    cards=(cards, card_base),
                )
            except AnnotationError as error:
                with self._lock:
                    self.broken = error
                reason = f"the notes file does not load ({error.problems[0]})"
                result = SaveResult(False, self.status_message, reason=reason)
            except Exception as error:  # noqa: BLE001 - any failure must keep the notes in memory
                if not isinstance(error, OSError):  # filelock.Timeout is a TimeoutError too
                    log.exception("unexpected failure while saving notes")
                result = failure(self.path, error, len(ours))
            else:
                result = outcome.result
                self._adopt(ours, outcome.notes, outcome.text, revision, (cards, outcome.cards))
                self.marks.adopt(marks[0], outcome.marks)
            with self._lock:
                self.last_save = result
            if not result.ok:
                log.warning("%s", result.message)
            return result

    def _adopt(
        self,
        snapshot: dict[str, Note],
        merged: dict[str, Note],
        text: str | None,
        revision: int,
        cards: tuple[dict, dict],
    ) -> None:
        """Take in what a save merged, except notes (and cards) the user changed while it ran."""
        with self._lock:
            untouched = revision == self._revision
            self._adopt_cards(*cards)
            changed = [
                note_id
                for note_id in set(snapshot) | set(merged)
                if self._notes.get(note_id) is snapshot.get(note_id)
                and merged.get(note_id) is not snapshot.get(note_id)
            ]
            new = [merged[note_id] for note_id in changed if note_id in merged]
            placements = reanchor_all(self.article.text, new, trusted=True)
            for note_id in changed:
                self._put(note_id, merged.get(note_id), placements.get(note_id))
            if untouched:
                self._saved_revision = self._revision
            self._base, self._disk_text, self.broken = merged, text, None

    def reload(self) -> SaveResult:
        """Read the file again (after a fix by hand), never dropping a change not on disk.

        A reload is a save that merges: what is on disk comes in, notes in memory that are not
        on disk stay and are written (an unreadable file still keeps them in memory).
        """
        return self.save()

    def start_fresh(self) -> SaveResult:
        """Move a broken notes file aside (to NAME.broken-<time>) and save the notes in memory."""
        with self._save_lock:
            try:
                move_aside(self.path, self.lock_timeout)
            except Exception as error:  # noqa: BLE001 - report, keep everything in memory
                return failure(self.path, error, len(self._notes))
            with self._lock:
                self.broken = None
                self._base, self._disk_text, self._card_base = {}, None, {}
                self._revision += 1
        return self.save()
