"""Provides ReaderApp and `make_app`, the one way the CLI and the tests build the app."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from annotations.notes.store import NotesStore
from annotations.reading import Reading
from reader import bindings, quitting
from reader.keys import keys_in_force, show_key
from reader.palette_search import ReadingSearch
from reader.screens.reader import ReaderScreen
from reader.settings import Settings, load_settings, save_settings
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane


class ReaderApp(App[int]):
    """The annotated reader for one article."""

    CSS_PATH = "reader.tcss"
    TITLE = "annotated-reader"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ReadingSearch}

    BINDINGS = bindings.APP

    def __init__(
        self,
        reading: Reading,
        store: NotesStore,
        *,
        notes_ready: bool = True,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.reading = reading
        self.store = store
        self.notes_ready = notes_ready
        self.settings = settings or Settings()
        """Remembered preferences; this app owns them and saves them when they change."""
        self.sub_title = reading.title

    def get_default_screen(self) -> Screen:
        self.reader_screen = ReaderScreen(self.reading, self.store, notes_ready=self.notes_ready)
        return self.reader_screen

    def on_mount(self) -> None:
        quitting.on_signals(self)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self.remember_theme)

    def remember_theme(self, theme) -> None:
        """Keep the theme chosen for the next start (a failure to write is only said)."""
        if theme.name == self.settings.theme:
            return
        self.settings.theme = theme.name
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(f"Theme not remembered: {error}", severity="warning", markup=False)

    async def action_quit(self) -> None:
        """Quit, but never silently drop a note being written or notes that can't be saved."""
        quitting.quit_when_safe(self)

    def action_help(self) -> None:
        from reader.screens.help import HelpScreen  # loaded when first asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.notes_location(), self._keymap))

    def action_toggle_later(self) -> None:
        """Hide or show the "After the article" entries on every card, and remember it."""
        self.settings.show_later = not self.settings.show_later
        for screen in self.screen_stack:
            for pane in screen.query(CardPane):
                pane.set_show_later(self.settings.show_later)
        shown = "shown" if self.settings.show_later else "hidden"
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(f"After the article: {shown} (not remembered: {error})", severity="warning")
            return
        self.notify(f"After the article: {shown}", timeout=2)

    def notes_location(self) -> str:
        return str(self.store.path)

    def deliver_screenshot(self, filename=None, path=None, time_format=None) -> str | None:
        """Save a screenshot ("Save screenshot" in ctrl+p); to the current folder when the
        Downloads folder Textual would use does not exist (it failed there), and say where."""
        if path is None:
            from platformdirs import user_downloads_path

            downloads = user_downloads_path()
            path = str(downloads) if downloads.is_dir() else os.getcwd()
        self.notify(f"Screenshot: saving to {path}", timeout=4, markup=False)
        return super().deliver_screenshot(filename, path, time_format)

    def save_before_exit(self) -> str | None:
        """Save what is pending before the program lets go; else keep it in a recovery file.

        Returns a message for the terminal when notes could not be saved (and where they
        went), else None.
        """
        from annotations.notes.recovery import save_on_exit

        screen = getattr(self, "reader_screen", None)
        if not self.notes_ready or screen is None:
            return None
        return save_on_exit(self.store, screen.saver.finish)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReaderScreen):
            return
        in_force = keys_in_force(self._keymap)  # as remapped: the palette says the keys in use
        for owner, declared in (
            (self, [b for b in ReaderApp.BINDINGS if b.id == "app.toggle-later"]),
            (screen.query_one(ArticleView), ArticleView.BINDINGS),
            (screen, ReaderScreen.BINDINGS),
            (screen.query_one(CardPane), CardPane.BINDINGS),
        ):
            for binding in declared:
                keys = in_force.get(binding.id or "", ())
                yield SystemCommand(
                    binding.description,
                    f"Key: {' or '.join(show_key(key) for key in keys)}",
                    _runner(owner, binding.action),
                )
        yield SystemCommand("Help", "Every key, grouped (?)", self.action_help)
        yield SystemCommand(
            "Notes: start a fresh file",
            "Set an unreadable notes file aside (kept, not deleted) and save to a fresh one",
            screen.action_fresh_notes,
        )
        yield SystemCommand(
            "Notes: reload the file", "Read the notes file again", screen.action_reload_notes
        )


def _runner(owner, action: str):
    async def run() -> None:
        await owner.run_action(action)

    return run


NOTES_LOAD_LATER_BYTES = 256 * 1024
"""A notes file bigger than this (a few hundred notes) is read after the first screen shows."""


def notes_load_later(store: NotesStore) -> bool:
    try:
        return store.path.stat().st_size > NOTES_LOAD_LATER_BYTES
    except OSError:
        return False  # missing, or unreadable: loading says which, at once


def make_app(
    reading: Reading, *, notes_path: Path | None = None, keymap: dict[str, str] | None = None
) -> ReaderApp:
    """Build the app from an already loaded reading (the CLI and the tests both use this).

    The notes file is read here, before the screen starts (a large one just after the first
    frame); an unreadable one does not stop the reader (its notes stay safe on disk and the
    screen says what is wrong).
    """
    store = NotesStore(reading.article, notes_path)
    later = notes_load_later(store)
    if not later:
        store.load()
    app = ReaderApp(reading, store, notes_ready=not later, settings=load_settings())
    if keymap:
        app.set_keymap(keymap)
    return app
