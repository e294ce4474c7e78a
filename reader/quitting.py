"""Provides the reader's ways out: quitting that asks before a note could be lost, and signals.

`q` and `ctrl+q` come here from anywhere, the note editor included. A note being written, or
notes the last save could not write, make the reader ask first; choosing to quit then keeps
those notes in a recovery file (see annotations.notes.recovery). SIGTERM and SIGHUP (a closed
terminal window) end the reader as `q` does, so the terminal is restored and pending notes saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal

from textual.app import App

from reader.screens.ask import Ask

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def quit_when_safe(app: App) -> None:
    """Quit now, or ask first when a note is being written or notes are not on disk."""
    from reader.screens.note_editor import NoteEditor  # its widgets load when first needed

    if any(isinstance(screen, NoteEditor) for screen in app.screen_stack):
        # Keys typed just before ctrl+q may not have reached the editor yet: always ask.
        question = (
            "Quit while writing a note? y quits and drops the note; n or Esc goes back to it."
        )
        app.push_screen(Ask(question), lambda yes: _then_notes(app) if yes else None)
        return
    _then_notes(app)


def _then_notes(app: App) -> None:
    store = app.store
    if app.notes_ready and store.unsaved_changes and store.failure:
        question = (
            f"{len(store.notes)} notes are not saved: {store.failure}. y quits and keeps them"
            " in a recovery file (the next start offers to merge it back); n or Esc stays."
        )
        app.push_screen(Ask(question), lambda yes: app.exit() if yes else None)
        return
    app.exit()


def on_signals(app: App) -> None:
    """End the app on SIGTERM or SIGHUP as on `q`, without asking (nobody may be there)."""
    loop = asyncio.get_running_loop()
    for number in SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, _ended_by, app, number)


def _ended_by(app: App, number: int) -> None:
    app.ended_by_signal = number
    app.exit(return_code=128 + number)
