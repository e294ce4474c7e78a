"""Provides NoteKeysScreen: the note keys of the reader screen, each a thin call on the store.

What to save, when, and how to merge lives in the model (NotesStore, AutoSaver); this only turns
keys into calls on it and shows the outcome. ReaderScreen builds on it and supplies the article
view and the card pane it declares.
"""

from __future__ import annotations

import asyncio
import functools
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.screen import Screen
from textual.widgets import Static

from annotations.errors import AnnotationError
from annotations.notes.autosave import AutoSaver
from annotations.notes.model import Note
from annotations.notes.recovery import find_recovery, merge_recovery, remove_recovery
from annotations.notes.store import NotesStore
from annotations.text.sanitize import display_text
from annotations.versions.notes_history import note_histories
from reader import memory
from reader.screens.ask import Ask
from reader.widgets.key_bar import KeyBar
from reader.widgets.note_text import describe_note
from reader.widgets.short_path import fit_status

if TYPE_CHECKING:
    from reader.screens.note_editor import NoteDraft
    from reader.widgets.article_view import ArticleView

WATCH_SECONDS = 2.0
"""How often the notes file is checked for changes made elsewhere."""


def needs_notes(action):
    """An action that changes notes: refused (and said so) while they are still loading."""

    @functools.wraps(action)
    def guarded(self: NoteKeysScreen, *args):
        if not self.notes_ready:
            self.say("Your notes are still loading; try again in a moment.")
            return None
        return action(self, *args)

    return guarded


class NoteKeysScreen(Screen):
    """A screen with the note keys; subclasses provide `article` and `update_pane`."""

    def __init__(self, store: NotesStore, *, notes_ready: bool = True) -> None:
        super().__init__()
        self.store = store
        self.notes_ready = notes_ready
        """False while a large notes file is still being read (just after the first frame)."""
        self.saver = AutoSaver(store, self._saved_elsewhere)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._status_shown: str | None = None
        self._error_told: str | None = None
        self.picked_note_id: str | None = None
        """The note picked among several on one span (n, or a jump from A); E and d act on it."""

    @property
    def article(self) -> ArticleView:
        """The article view the notes are drawn in (the subclass composes it)."""
        raise NotImplementedError

    def update_pane(self) -> None:
        """Redraw the card pane now, with the note under the cursor."""
        raise NotImplementedError

    def start_notes(self) -> None:
        """Called once mounted: show the status, watch the file, load a large one."""
        self._loop = asyncio.get_running_loop()
        self.show_status()
        self.set_interval(WATCH_SECONDS, self.watch_notes_file)
        if self.notes_ready:
            self.report_broken()
            self.offer_recovery()
        else:
            self.call_after_refresh(self.load_in_background)

    @work(thread=True, group="notes-load")
    def load_in_background(self) -> None:
        self.store.load()
        self.app.call_from_thread(self.notes_loaded)

    def notes_loaded(self) -> None:
        memory.keep_long_lived()
        self.notes_ready = True
        self.saver.seen_stamp = self.store.file_stamp()
        self.show_status()
        self.article.refresh()
        self.update_pane()
        self.report_broken()
        self.offer_recovery()

    def offer_recovery(self) -> None:
        """Notes an earlier session could not save were kept aside: offer to merge them back."""
        found = find_recovery(self.store.path)
        if not found:
            return
        names = ", ".join(str(path) for path in found)
        question = (
            f"Notes that an earlier session could not save are kept in {names}."
            " y merges them into your notes now (u undoes); n leaves them for later."
        )
        self.app.push_screen(Ask(question), lambda yes: self.merge_recovery(found) if yes else None)

    def merge_recovery(self, found: list) -> None:
        restored, unreadable = 0, []
        for path in found:
            try:
                restored += merge_recovery(self.store, path)
            except AnnotationError as error:
                unreadable.append(str(error.problems[0]))
        result = self.store.save()
        if result.ok:
            for path in found:
                if not any(str(path) in problem for problem in unreadable):
                    remove_recovery(path)
        self.after_save()
        self.article.refresh()
        if unreadable:
            self.notify(
                "Recovery file not merged: " + "; ".join(unreadable), severity="error", markup=False
            )
        saved = "saved" if result.ok else "kept in memory (not saved yet)"
        self.say(f"{restored} recovered notes merged back, {saved}")

    def report_broken(self) -> None:
        if self.store.broken is not None:
            self.notify(
                f"Your notes file could not be read; new notes are kept in memory.\n"
                f"{self.store.broken.problems[0]}",
                severity="error",
                timeout=15,
                markup=False,  # the problem quotes the file: "[@click=...]" must stay text
            )

    # What the card pane shows -----------------------------------------------------------------

    def note_under_cursor(self) -> Note | None:
        """The picked note if the cursor is on it, else the top one (the last to start)."""
        notes = self.store.notes_at(self.article.cursor)
        for note in notes:
            if note.id == self.picked_note_id:
                return note
        return notes[-1] if notes else None

    def action_next_note_here(self) -> None:
        """`o`: with several notes under the cursor, show (and act on) the next one."""
        notes = self.store.notes_at(self.article.cursor)
        if len(notes) < 2:
            self.app.bell()
            return
        current = self.note_under_cursor()
        position = next(i for i, note in enumerate(notes) if note is current)
        self.picked_note_id = notes[(position - 1) % len(notes)].id  # from the top downwards
        self.update_pane()

    def note_text(self, note: Note) -> Text:
        """The note under the cursor, for the top of the card pane."""
        here = self.store.notes_at(self.article.cursor)
        where = self.store.placement(note.id)
        article = self.store.article
        # A placed note needs no kept version to say what its quote was: the note holds it.
        histories = note_histories([note], {note.id: where}, article.text, None)
        return describe_note(note, where, here, histories.get(note.id))

    # Actions -----------------------------------------------------------------------------------

    @needs_notes
    def action_annotate(self) -> None:
        from reader.screens.note_editor import NoteEditor  # the editor's widgets load on first use

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
            self.after_change("Note added")

        self.app.push_screen(editor, saved)

    @needs_notes
    def action_highlight(self) -> None:
        span = self.article.target_span()
        if span is None:
            self.app.bell()
            return
        self.store.add(span[0], span[1])
        self.after_change("Highlighted")

    @needs_notes
    def action_edit_note(self) -> None:
        from reader.screens.note_editor import NoteEditor

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
            if draft is None:
                return
            deleted = self.store.get(note.id) is None
            saved_note = self.store.edit(
                note.id, note=draft.note, tags=draft.tags, color=draft.color, original=note
            )
            if deleted:
                self.after_change("Note saved (it was deleted in another window: kept)")
            elif saved_note.conflict is not None and note.conflict is None:
                self.after_change("Note saved; changed elsewhere meanwhile: both kept (K or T)")
            else:
                self.after_change("Note saved")

        self.app.push_screen(editor, saved)

    @needs_notes
    def action_delete_note(self) -> None:
        note = self.note_under_cursor()
        if note is None:
            self.say("No note under the cursor.")
            return
        self.store.delete(note.id)
        self.after_change("Note deleted (u undoes)")

    @needs_notes
    def action_undo(self) -> None:
        if self.store.undo() is None:
            self.say("Nothing to undo.")
            return
        self.after_change("Undone")

    @needs_notes
    def action_redo(self) -> None:
        if self.store.redo() is None:
            self.say("Nothing to redo.")
            return
        self.after_change("Redone")

    def action_keep_mine(self) -> None:
        self._settle_conflict("ours", "Kept your version; the other one is dropped (u undoes)")

    def action_take_theirs(self) -> None:
        self._settle_conflict("theirs", "Took the other version (u undoes)")

    @needs_notes
    def _settle_conflict(self, keep: str, message: str) -> None:
        note = self.note_under_cursor()
        if note is None or note.conflict is None:
            self.say("No note changed in two places under the cursor.")
            return
        self.store.resolve_conflict(note.id, keep)
        self.after_change(message)

    @needs_notes
    def action_list_notes(self) -> None:
        from reader.screens.notes_list import open_notes_list

        open_notes_list(self)

    def action_fresh_notes(self) -> None:
        """Set the unreadable notes file aside and start a fresh one with the notes in memory."""
        if self.store.broken is None:
            self.say("The notes file is fine; nothing to do.")
            return
        result = self.store.start_fresh()
        severity = "information" if result.ok else "error"
        self.notify(result.message, severity=severity, markup=False)  # paths may hold "[...]"
        self.after_save()

    @needs_notes
    def action_reload_notes(self) -> None:
        """Read the notes file again (after fixing it by hand), keeping what is not on disk."""
        self.saver.wait(self.store.lock_timeout)
        result = self.store.reload()
        self.saver.seen_stamp = self.store.file_stamp()
        self.after_save()
        if result.ok:
            self.say(f"Notes reloaded: {len(self.store.notes)} in {self.store.path.name}")
        else:
            self.say("Notes not reloaded: see the status line; nothing in memory was dropped")

    # Saving ------------------------------------------------------------------------------------

    def after_change(self, message: str) -> None:
        self.article.anchor = None
        self.article.refresh()
        # The note box appears or goes in the same frame as the change, not in the next key's.
        self.update_pane()
        self.say(message)
        # The save starts once this frame is painted: its thread would otherwise compete with the
        # frame for the interpreter and delay the change on screen.
        self.call_after_refresh(self.saver.request)

    def say(self, message: str) -> None:
        """Tell the user what just happened, in the key bar (a toast would delay the next key)."""
        self.query_one(KeyBar).flash(message)

    def _saved_elsewhere(self, _result) -> None:
        """The saver's report, from its thread: handled on the UI's loop, never waited for."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.after_save)

    def after_save(self) -> None:
        """Show the outcome, and redraw if the save merged notes written elsewhere."""
        if not self.is_mounted:
            return
        self.show_status()
        last = self.store.last_save
        if last is None or last.merged or last.conflicts or not last.ok:
            self.article.refresh()
            self.update_pane()

    def watch_notes_file(self) -> None:
        if self.notes_ready:
            self.saver.poll()

    def show_status(self) -> None:
        status = self.query_one("#status", Static)
        if self.notes_ready:
            message = self.store.status_message
        else:
            message = f"Loading notes from {self.store.path}…"
        failed = self.store.failure is not None
        status.set_class(failed, "status-error")
        # The path shortens (~, a middle ellipsis) so "(saved)" or the reason stays in view.
        full = message
        message = fit_status(message, str(self.store.path), max(self.app.size.width - 2, 20))
        if failed and full != self._error_told:
            # Said once in full where it can be read whole, however narrow the status line.
            self._error_told = full
            self.notify(display_text(full), severity="error", timeout=12, markup=False)
        if message != self._status_shown:  # most saves leave the line as it was
            self._status_shown = message
            # One line whatever it says: no need to lay out the screen again.
            status.update(
                Text(display_text(message), no_wrap=True, overflow="ellipsis"), layout=False
            )
