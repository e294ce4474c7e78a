"""Provides NotesActions: the reader screen's note keys, each a thin call on the NotesStore.

Saving runs in a worker thread so the screen never waits for the disk; changes made while a save
runs are picked up by one more save straight after it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.widgets import Static

from annotations.notes.model import Note
from annotations.notes.store import NotesStore
from annotations.text.sanitize import display_text
from reader import memory
from reader.widgets.article_view import ArticleView
from reader.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from reader.screens.note_editor import NoteDraft
    from reader.screens.notes_list import ListChoice

WATCH_SECONDS = 2.0
"""How often the notes file is checked for changes made elsewhere."""

NOTE_BINDINGS = [
    Binding("a", "annotate", "Annotate", id="notes.annotate"),
    Binding("H", "highlight", "Highlight", show=False, id="notes.highlight"),
    Binding("E", "edit_note", "Edit note", show=False, id="notes.edit"),
    Binding("d", "delete_note", "Delete note", show=False, id="notes.delete"),
    Binding("u", "undo", "Undo", show=False, id="notes.undo"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="notes.redo"),
    Binding("A", "list_notes", "Notes", id="notes.list"),
    Binding("K", "keep_mine", "Keep my version of a note", show=False, id="notes.keep-mine"),
    Binding("T", "take_theirs", "Take the other version of a note", show=False,
            id="notes.take-theirs"),
]


class NotesActions:
    """Mixed into ReaderScreen: note actions, the note under the cursor, and background saves."""

    store: NotesStore
    article: ArticleView

    def init_notes(self, store: NotesStore, *, ready: bool = True) -> None:
        self.store = store
        self.notes_ready = ready
        """False while a large notes file is still being read (just after the first frame)."""
        self._save_lock = threading.Lock()
        self._save_again = False
        self._saving = False
        self._seen_stamp = self.file_stamp()
        self._status_shown: str | None = None

    def wire_notes(self) -> None:
        """Let the article draw notes and stop at them with Tab."""
        view = self.article
        view.note_spans = self.note_spans
        view.extra_stop = self.note_stop
        self.show_status()
        # Another reader, or a sync from another machine, may change the file: take it in.
        self.set_interval(WATCH_SECONDS, self.watch_notes_file)
        if self.notes_ready:
            self.report_broken()
        else:
            self.call_after_refresh(self.load_in_background)

    @work(thread=True, group="notes-load")
    def load_in_background(self) -> None:
        self.store.load()
        self.app.call_from_thread(self.notes_loaded)

    def notes_loaded(self) -> None:
        memory.keep_long_lived()
        self.notes_ready = True
        self._seen_stamp = self.file_stamp()
        self.show_status()
        self.article.refresh()
        self.refresh_extra()
        self.report_broken()

    def notes_busy(self) -> bool:
        """True (and says so) while the notes are still being read: no change may race it."""
        if not self.notes_ready:
            self.say("Your notes are still loading; try again in a moment.")
        return not self.notes_ready

    def report_broken(self) -> None:
        if self.store.broken is not None:
            self.notify(
                f"Your notes file could not be read; new notes are kept in memory.\n"
                f"{self.store.broken.problems[0]}",
                severity="error",
                timeout=15,
                markup=False,  # the problem quotes the file: "[@click=...]" must stay text
            )

    # What the article and card pane show -------------------------------------------------------

    def note_spans(self, start: int, end: int) -> list[tuple[int, int, str, bool]]:
        spans = []
        for note in self.store.notes_overlapping(start, end):
            where = self.store.placement(note.id)
            if where.placed:
                spans.append((where.start, where.end, note.color, where.state == "approximate"))
        return spans

    def note_stop(self, offset: int, backwards: bool) -> int | None:
        note = self.store.next_note(offset, backwards=backwards)
        if note is None:
            return None
        return self.store.placement(note.id).start

    def note_under_cursor(self) -> Note | None:
        notes = self.store.notes_at(self.article.cursor)
        return notes[-1] if notes else None

    def note_text(self, note: Note) -> Text:
        """The note under the cursor, for the top of the card pane."""
        where = self.store.placement(note.id)
        text = Text()
        text.append("Your note", style="bold")
        text.append(f"  ({note.color})", style="italic")
        if where.state == "approximate":
            text.append("  placed approximately: A lists it to confirm", style="reverse")
        text.append("\n")
        text.append(display_text(note.note.strip(), keep_newlines=True) or "(highlight, no note)")
        if note.tags:
            text.append("\n" + " ".join(f"#{display_text(tag)}" for tag in note.tags), style="bold")
        if note.conflict is not None:
            text.append("\nChanged on another machine too; its version:\n", style="reverse")
            text.append(display_text(note.conflict.note, keep_newlines=True) or "(no note)")
            if note.conflict.tags:
                tags = " ".join(f"#{display_text(tag)}" for tag in note.conflict.tags)
                text.append(f"\n{tags}", style="bold")
            text.append(f"  ({note.conflict.color})", style="italic")
            text.append("\nK keeps yours · T takes this one", style="italic")
        text.append("\nE edit · d delete", style="italic")
        return text

    # Actions -----------------------------------------------------------------------------------

    def action_annotate(self) -> None:
        from reader.screens.note_editor import NoteEditor  # the editor's widgets load on first use

        if self.notes_busy():
            return
        span = self.article.target_span()
        if span is None:
            self.app.bell()
            return
        start, end = span
        editor = NoteEditor(
            self.store.article.text[start:end],
            color=self.store.last_color,
            known_tags=self.store.all_tags(),
        )

        def saved(draft: NoteDraft | None) -> None:
            if draft is None:
                return
            self.store.add(start, end, draft.note, draft.tags, draft.color)
            self.store.last_color = draft.color
            self.after_change("Note added")

        self.app.push_screen(editor, saved)

    def action_highlight(self) -> None:
        if self.notes_busy():
            return
        span = self.article.target_span()
        if span is None:
            self.app.bell()
            return
        self.store.add(span[0], span[1])
        self.after_change("Highlighted")

    def action_edit_note(self) -> None:
        from reader.screens.note_editor import NoteEditor

        if self.notes_busy():
            return
        note = self.note_under_cursor()
        if note is None:
            self.say("No note under the cursor.")
            return
        editor = NoteEditor(
            note.quote.exact,
            note=note.note,
            tags=note.tags,
            color=note.color,
            known_tags=self.store.all_tags(),
            title="Edit note",
        )

        def saved(draft: NoteDraft | None) -> None:
            if draft is None or self.store.get(note.id) is None:
                return
            self.store.edit(note.id, note=draft.note, tags=draft.tags, color=draft.color)
            self.store.last_color = draft.color
            self.after_change("Note saved")

        self.app.push_screen(editor, saved)

    def action_delete_note(self) -> None:
        if self.notes_busy():
            return
        note = self.note_under_cursor()
        if note is None:
            self.say("No note under the cursor.")
            return
        self.store.delete(note.id)
        self.after_change("Note deleted (u undoes)")

    def action_undo(self) -> None:
        if self.notes_busy():
            return
        if self.store.undo() is None:
            self.say("Nothing to undo.")
            return
        self.after_change("Undone")

    def action_redo(self) -> None:
        if self.notes_busy():
            return
        if self.store.redo() is None:
            self.say("Nothing to redo.")
            return
        self.after_change("Redone")

    def action_keep_mine(self) -> None:
        self._settle_conflict("ours", "Kept your version; the other one is dropped (u undoes)")

    def action_take_theirs(self) -> None:
        self._settle_conflict("theirs", "Took the other version (u undoes)")

    def _settle_conflict(self, keep: str, message: str) -> None:
        if self.notes_busy():
            return
        note = self.note_under_cursor()
        if note is None or note.conflict is None:
            self.say("No note changed in two places under the cursor.")
            return
        self.store.resolve_conflict(note.id, keep)
        self.after_change(message)

    def action_list_notes(self) -> None:
        from reader.screens.notes_list import NotesList

        if self.notes_busy():
            return
        def chosen(choice: ListChoice | None) -> None:
            if choice is None:
                return
            if choice.action == "jump":
                self.article.move_to(self.store.placement(choice.note_id).start)
            elif choice.action == "delete":
                self.store.delete(choice.note_id)
                self.after_change("Note deleted (u undoes)")
            elif choice.action == "confirm":
                where = self.store.placement(choice.note_id)
                self.store.reattach(choice.note_id, where.start, where.end)
                self.after_change("Place confirmed")
            else:
                span = self.article.target_span()
                if span is None:
                    self.app.bell()
                    return
                self.store.reattach(choice.note_id, *span)
                self.after_change("Note re-attached")

        self.app.push_screen(
            NotesList(self.store.notes_in_text_order(), self.store.orphans(),
                      self.store.placements),
            chosen,
        )

    def action_fresh_notes(self) -> None:
        """Set the unreadable notes file aside and start a fresh one with the notes in memory."""
        if self.store.broken is None:
            self.say("The notes file is fine; nothing to do.")
            return
        result = self.store.start_fresh()
        severity = "information" if result.ok else "error"
        self.notify(result.message, severity=severity, markup=False)  # paths may hold "[...]"
        self.show_status()

    def action_reload_notes(self) -> None:
        """Read the notes file again (after fixing it by hand)."""
        if self.store.dirty and self.store.broken is None:
            self.request_save()
        self.store.load()
        self.article.refresh()
        self.show_status()

    # Saving ------------------------------------------------------------------------------------

    def after_change(self, message: str) -> None:
        self.article.anchor = None
        self.article.refresh()
        # The note box appears or goes in the same frame as the change, not in the next key's.
        self.update_pane()
        self.say(message)
        # The save starts once this frame is painted: its thread would otherwise compete with the
        # frame for the interpreter and delay the change on screen.
        self.call_after_refresh(self.request_save)

    def say(self, message: str) -> None:
        """Tell the user what just happened, in the key bar (a toast would delay the next key)."""
        self.query_one(KeyBar).flash(message)

    def request_save(self) -> None:
        with self._save_lock:
            if self._saving:
                self._save_again = True
                return
            self._saving = True
        self.save_in_background()

    @work(thread=True, group="notes-save")
    def save_in_background(self) -> None:
        while True:
            self.store.save()
            with self._save_lock:
                if not self._save_again:
                    self._saving = False
                    break
                self._save_again = False
        self.app.call_from_thread(self.after_save)

    def after_save(self) -> None:
        """Show the outcome, and redraw if the save merged notes written elsewhere."""
        self._seen_stamp = self.file_stamp()
        self.show_status()
        last = self.store.last_save
        if last is None or last.merged or last.conflicts or not last.ok:
            self.article.refresh()
            self.refresh_extra()

    def file_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.store.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def watch_notes_file(self) -> None:
        if not self.notes_ready:
            return
        stamp = self.file_stamp()
        if stamp != self._seen_stamp:
            self._seen_stamp = stamp
            self.request_save()  # a save merges what changed on disk, and writes only if needed

    def show_status(self) -> None:
        status = self.query_one("#status", Static)
        if self.notes_ready:
            message = self.store.status_message
        else:
            message = f"Loading notes from {self.store.path}…"
        failed = self.store.broken is not None or (
            self.store.last_save is not None and not self.store.last_save.ok
        )
        status.set_class(failed, "status-error")
        if message != self._status_shown:  # most saves leave the line as it was
            self._status_shown = message
            # One line whatever it says: no need to lay out the screen again.
            status.update(Text(display_text(message), no_wrap=True, overflow="ellipsis"),
                          layout=False)
