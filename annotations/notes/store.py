"""Provides NotesStore: one article's notes in memory, their places in its text, and safe saving.

The UI thread reads and edits the store; `save()` may run on a worker thread at the same time. A
threading lock guards the notes, and a save works on a snapshot taken under it, so the screen never
waits for the disk. Saving never loses a note: a file that does not parse is never overwritten, a
failed write leaves the old file and keeps the notes in memory for the next try, and a file changed
by another reader is merged by note id before it is replaced.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Literal

from annotations.errors import AnnotationError
from annotations.notes import saving
from annotations.notes.anchoring import make_quote, place_notes, reanchor_all
from annotations.notes.editing import check_color, clean_tags, edited_note
from annotations.notes.file import NotesDocument, parse_notes, read_notes_text
from annotations.notes.marks import Mark, MarkBook
from annotations.notes.model import DEFAULT_COLOR, Note, Placement, new_id, utc_now
from annotations.notes.paths import default_notes_path, follow_links
from annotations.notes.personal_store import OwnCards
from annotations.notes.saving import SaveResult
from annotations.notes.store_saving import StoreSaving
from annotations.notes.undo import Change, History, Kind
from annotations.text.article import Article

log = logging.getLogger(__name__)


class NotesStore(StoreSaving, OwnCards):
    """The notes (and personal cards) of one article, kept in one notes file."""

    def __init__(self, article: Article, path: Path | None = None, *, lock_timeout: float = 10.0):
        super().__init__()
        self.article = article
        """The article the notes are placed in (its current text)."""
        self.path = follow_links(Path(path) if path is not None else default_notes_path(article))
        """The notes file: `--notes FILE`, or the default one for this article.

        A symbolic link is followed to its target (even one not there yet): the atomic
        write then replaces the target, and the link stays a link.
        """
        self.lock_timeout = lock_timeout
        """Seconds a save waits for another reader's save before reporting failure."""
        self.broken: AnnotationError | None = None
        """Why the notes file can't be read, while it can't: it is then never overwritten."""
        self.last_save: SaveResult | None = None
        """The outcome of the last save, for the footer."""
        self.loaded_on: str | None = None
        """The sha256 of the text the file's positions were taken from, as last read."""
        self.last_color = DEFAULT_COLOR
        """The colour last chosen, which a plain highlight (H) reuses."""
        self.marks = MarkBook(article.text)
        """The marks set with `m`, saved in the notes file with the notes."""
        self._save_lock = threading.Lock()
        self._base: dict[str, Note] = {}
        self._disk_text: str | None = None
        self._history = History()
        self._revision = 0
        self._saved_revision = 0

    @classmethod
    def open(cls, article: Article, path: Path | None = None, **options) -> NotesStore:
        """A store with the notes file read (or noted as broken): what the CLI and the app use."""
        store = cls(article, path, **options)
        store.load()
        return store

    # Loading -----------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the notes file and place every note. A bad file sets `broken`; nothing raises."""
        try:
            text = read_notes_text(self.path)
            document = None if text is None else parse_notes(text, str(self.path))
        except AnnotationError as error:
            log.warning("notes file not loaded: %s", error)
            with self._lock:
                self.broken = error
                self._base, self._disk_text, self._card_base = {}, None, {}
            return
        notes, placements = self.place(document.notes if document else [], document)
        with self._lock:
            self.broken = None
            self.loaded_on = document.sha256 if document is not None else None
            self._notes, self._placements = dict(notes), placements
            self._take_cards(document.cards if document else [])
            self._base, self._disk_text = dict(notes), text
            self.marks.load(document.marks if document else {})
            self._history = History()
            self._revision = self._saved_revision = 0
            self._index = None

    def place(
        self, notes: Iterable[Note], document: NotesDocument | None = None
    ) -> tuple[dict[str, Note], dict[str, Placement]]:
        """Place notes in the current text; their position hints move to where they now stand."""
        trusted = document is not None and document.sha256 == self.article.sha256
        return place_notes(self.article.text, notes, trusted=trusted)

    def file_stamp(self) -> tuple[int, int] | None:
        """The notes file's (mtime, size), to notice a change made elsewhere; None if absent."""
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    @property
    def revision(self) -> int:
        """Grows with every change, including notes merged in from another reader."""
        return self._revision

    @property
    def dirty(self) -> bool:
        """True while some change has not been saved."""
        return self.unsaved_changes or self.broken is not None

    @property
    def unsaved_changes(self) -> bool:
        """True when a change made or merged here is not in the file yet."""
        return self._revision != self._saved_revision

    @property
    def failure(self) -> str | None:
        """Why the notes can't be saved now (the file does not load, the last save failed), in
        a few words; None while saving works."""
        return saving.save_failure(self.broken, self.last_save)

    @property
    def status_message(self) -> str:
        """One line for the footer: where the notes are kept, and whether the last save worked."""
        with self._lock:
            return saving.status_line(self.path, self.broken, self.last_save, len(self._notes))

    # Editing (UI thread) -----------------------------------------------------------------------

    def add(
        self,
        start: int,
        end: int,
        note: str = "",
        tags: Iterable[str] = (),
        color: str | None = None,
    ) -> Note:
        """A new note on text[start:end]; raises ValueError for an empty range or a bad tag."""
        color = check_color(color or self.last_color)
        quote = make_quote(self.article.text, start, end)
        now = utc_now()
        tags = clean_tags(tags)
        made = Note(
            new_id(), quote, start, end, note, tags, color, now, now, None, self.article.sha256
        )
        self._apply("add", None, made, Placement(start, end, "exact"))
        return made

    def edit(
        self,
        note_id: str,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        color: str | None = None,
        original: Note | None = None,
    ) -> Note:
        """Change a note's text, tags or colour; KeyError for an unknown id.

        `original` is the note as the user began to edit it: if another window deleted it
        meanwhile, the edit brings it back (an edit beats a concurrent delete); if another
        window changed it meanwhile (its change came in while the editor was open), the edit
        is kept with theirs beside it as a conflict, for the user to settle.
        """
        with self._lock:
            old = self._notes.get(note_id)
            deleted = old is None and original is not None and original.id == note_id
            base = original if deleted else self._require(note_id)
            new = edited_note(base, old, original, note=note, tags=tags, color=color)
            if old is not None and new == old:
                return old
            same_words = old is not None and new.content()[:3] == old.content()[:3]
            kind: Kind = "color" if same_words else "edit"
            where = self._placements[note_id] if old is not None else None
            self._apply(kind, old, replace(new, updated=utc_now()), where)
            return self._notes[note_id]

    def delete(self, note_id: str) -> Note:
        """Delete a note (undo brings it back); KeyError for an unknown id."""
        with self._lock:
            old = self._require(note_id)
            self._apply("delete", old, None, None)
            return old

    def reattach(self, note_id: str, start: int, end: int) -> Note:
        """Put a note on text[start:end]: confirms an approximate place, or places an orphan."""
        with self._lock:
            old = self._require(note_id)
            quote = make_quote(self.article.text, start, end)
            new = replace(
                old,
                quote=quote,
                start=start,
                end=end,
                updated=utc_now(),
                made_on=self.article.sha256,
            )
            self._apply("reattach", old, new, Placement(start, end, "exact"))
            return new

    def resolve_conflict(self, note_id: str, keep: Literal["ours", "theirs"]) -> Note:
        """Settle a conflict by keeping this copy's version or the other one."""
        with self._lock:
            old = self._require(note_id)
            other = old.conflict
            if other is None:
                return old
            new = old.settled(other if keep == "theirs" else None, utc_now())
            placement = reanchor_all(self.article.text, [new])[note_id]
            self._apply("resolve", old, new, placement)
            return new

    def restore(self, note: Note, where: Placement | None = None) -> bool:
        """Put back a note kept elsewhere (a recovery file, an import), as an undoable change;
        `where` is its placement when the caller has found it already.

        Returns False when the store already has it as it is. A note changed here since keeps
        this version, with the recovered one beside it as a conflict: neither is lost.
        """
        with self._lock:
            current = self._notes.get(note.id)
            if current is not None and current.content() == note.content():
                return False
            if current is not None:
                # Changed since the recovery file was written: keep both, for K or T to settle.
                note = replace(current, conflict=note.as_conflict())
            placed = where if current is None else None
            self._apply("add" if current is None else "edit", current, note, placed)
            return True

    def undo(self) -> Change | None:
        """Undo the session's last change; returns it (None when there is nothing to undo)."""
        with self._lock:
            change = self._history.undo()
            if change is not None:
                self._restore(change, change.before, expected=change.after)
            return change

    def redo(self) -> Change | None:
        """Redo the last undone change; returns it (None when there is nothing to redo)."""
        with self._lock:
            change = self._history.redo()
            if change is not None:
                self._restore(change, change.after, expected=change.before)
            return change

    def _restore(self, change: Change, target, expected) -> None:
        """Put back one version of a note, without losing words a merge brought in meanwhile."""
        if change.of_card:
            self._restore_card(change, target, expected)
            return
        current = self._notes.get(change.note_id)
        if current is not expected and current is not None:
            # Another reader's version arrived since this change: keep it beside ours.
            if target is None:
                return
            if current.conflict is not None and change.kind != "resolve":
                target = replace(target, conflict=current.conflict)
            elif current.content() != target.content() and current.conflict is None:
                target = replace(target, conflict=current.as_conflict())
        self._put(change.note_id, target)

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def _require(self, note_id: str) -> Note:
        note = self._notes.get(note_id)
        if note is None:
            raise KeyError(f"no note with id {note_id!r}")
        return note

    def _apply(
        self, kind: Kind, before: Note | None, after: Note | None, where: Placement | None
    ) -> None:
        with self._lock:
            self._history.record(Change(kind, before, after))
            self._put((after or before).id, after, where)  # type: ignore[union-attr]
            if after is not None:
                self.last_color = after.color

    def _put(self, note_id: str, note: Note | None, where: Placement | None = None) -> None:
        """Set one note (None removes it) and its placement; the caller holds the lock."""
        if note is None:
            self._notes.pop(note_id, None)
            self._placements.pop(note_id, None)
        else:
            self._notes[note_id] = note
            if where is None:
                where = reanchor_all(self.article.text, [note])[note_id]
            self._placements[note_id] = where
        self._revision += 1
        self._index = None

    def set_mark(self, letter: str, offset: int) -> Mark:
        """Mark `offset` with `letter` (replacing its old place); saved at the next save."""
        with self._lock:
            self._revision += 1
            return self.marks.set(letter, offset)
