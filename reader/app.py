"""Provides ReaderApp and `make_app`, the one way the CLI and the tests build the app."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from annotations.errors import AnnotationError
from annotations.notes.store import NotesStore
from annotations.reading import Reading, open_reading
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
        served: bool = False,
    ) -> None:
        super().__init__()
        self.reading = reading
        self.store = store
        self._notes_ready_at_start = notes_ready
        self.settings = settings or Settings()
        """Remembered preferences; this app owns them and saves them when they change."""
        self.served = served
        """True in a browser tab (`annotated-reader serve`): whoever reaches the port may type
        here, so every feature that opens another file, folder or URL (opening an article,
        importing cards, choosing where to export) must check this and stay off or say so. The
        reader then shows only the article and cards it was started with, and writes notes only
        to its one notes file."""
        self.sub_title = reading.title

    def get_default_screen(self) -> Screen:
        self.reader_screen = ReaderScreen(self.reading, self.store, notes_ready=self.notes_ready)
        return self.reader_screen

    @property
    def notes_ready(self) -> bool:
        """Whether the notes file is read: the screen's word (a large file is read after the
        first frame, and quitting must save what was made since)."""
        screen = getattr(self, "reader_screen", None)
        return screen.notes_ready if screen is not None else self._notes_ready_at_start

    def on_mount(self) -> None:
        quitting.on_signals(self)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        # After the first frame: a write (and its fsync) has no place before it.
        self.call_after_refresh(self.remember_opened, self.reading)

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

    # Another article in this app (ctrl+o, R) -----------------------------------------------------

    def open_article(self, source: str, *, refresh: bool = False) -> None:
        """Load `source` off the UI thread (a URL may take a while), then read it here.

        `refresh` (R) loads this article again, fetching a URL anew, with the same cards.
        """
        same = refresh and source == self.reading.origin
        cards = self.reading.cards_paths if same else None
        encoding = self.reading.encoding if same else None
        if "://" in source:
            self.notify(f"Fetching {source}", timeout=3, markup=False)

        def load() -> None:
            try:
                reading = open_reading(
                    source, cards, encoding=encoding, link_later=True, refresh=refresh
                )
            except AnnotationError as error:
                message = "\n".join(str(problem) for problem in error.problems[:3])
                self.call_from_thread(
                    self.notify, message, title="Not opened", severity="error", markup=False
                )
                return
            self.call_from_thread(self.switch_reading, reading)

        self.run_worker(load, thread=True, exclusive=True, group="open-article")

    def switch_reading(self, reading: Reading) -> None:
        """Show `reading` in place of the article on screen; this one's notes are saved first
        (or, when they can't be, kept in a recovery file that its next opening offers back).

        While a dialog is open over the article (a note being written), it waits for it."""
        from annotations.notes.recovery import save_on_exit

        old = self.reader_screen
        if self.screen is not old:
            self.set_timer(0.3, lambda: self.switch_reading(reading))
            return
        if self.notes_ready:
            unsaved = save_on_exit(self.store, old.saver.finish)
            if unsaved:
                self.notify(unsaved, severity="warning", timeout=15, markup=False)
        store = NotesStore(reading.article, None)
        later = notes_load_later(store)
        if not later:
            store.load()
        self.reading, self.store = reading, store
        self.sub_title = reading.title
        old.retire()
        self.reader_screen = ReaderScreen(reading, store, notes_ready=not later)
        if old is self.screen_stack[0]:
            # The first screen can't be switched away (it has no result callback to pop): the
            # next article goes over it, and later ones replace that one.
            self.push_screen(self.reader_screen)
        else:
            self.switch_screen(self.reader_screen)
        self.remember_opened(reading)

    @work(thread=True, group="recents")
    def remember_opened(self, reading: Reading) -> None:
        """Put the article first in `annotated-reader open`'s list (off the UI thread)."""
        from annotations.sources.recents import record

        try:
            record(reading.origin, reading.title)
        except OSError as error:
            message = f"Recent articles not updated: {error}"
            self.call_from_thread(self.notify, message, severity="warning", markup=False)

    def deliver_screenshot(self, filename=None, path=None, time_format=None) -> str | None:
        """Save a screenshot ("Save screenshot" in ctrl+p); to the current folder when the
        Downloads folder Textual would use does not exist (it failed there), and say where.
        Served, it goes to the browser as a download, never to a folder on the server."""
        if self.served:
            self.notify("Screenshot: sent to your browser", timeout=4)
            return super().deliver_screenshot(filename, None, time_format)
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
                if owner.check_action(binding.action, ()) is False:
                    continue  # off here (served: no other article, no fetching)
                keys = in_force.get(binding.id or "", ())
                yield SystemCommand(
                    binding.description,
                    f"Key: {' or '.join(show_key(key) for key in keys)}",
                    _runner(owner, binding.action),
                )
        back = " ".join(show_key(key) for key in in_force.get("jumps.go-to-mark", ())[:1] * 2)
        yield SystemCommand(
            "Back to before the last jump",
            f"Key: {back} (after a mark, a hint, the top or the bottom)",
            screen.jump_back,
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
        from reader.exporting import EXPORTS

        for fmt, with_text, name, what in EXPORTS:
            yield SystemCommand(
                f"Export notes… as {name}",
                f"{what[0].upper()}{what[1:]}; "
                + ("sent to your browser" if self.served else "written to the current folder"),
                partial(self.export_notes, fmt, with_text),
            )

    def export_notes(self, fmt: str, with_text: bool = False) -> None:
        """Write the notes in `fmt` to a new file in the current folder, and say where."""
        from reader.exporting import export_to_folder

        screen = getattr(self, "reader_screen", None)
        if screen is None or not screen.notes_ready:  # a large notes file loads after start
            self.notify("Notes are still loading; export once they are shown", markup=False)
            return
        if self.served:  # to the browser as a download, never to a folder on the server
            import io

            from reader.exporting import export_file_name, export_text

            text = export_text(self.reading, self.store, fmt, with_text)
            name = export_file_name(self.reading, fmt, with_text)
            self.deliver_text(io.StringIO(text), save_filename=name)
            self.notify(f"Notes exported: {name} sent to your browser", timeout=6, markup=False)
            return
        try:
            path = export_to_folder(self.reading, self.store, fmt, with_text, Path.cwd())
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(f"Notes not exported: {reason}", severity="error", markup=False)
            return
        count = len(self.store.notes)
        self.notify(
            f"{count} note{'' if count == 1 else 's'} exported to {path}", timeout=6, markup=False
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
    reading: Reading,
    *,
    notes_path: Path | None = None,
    keymap: dict[str, str] | None = None,
    served: bool = False,
) -> ReaderApp:
    """Build the app from an already loaded reading (the CLI and the tests both use this).

    `served` is for a reader in a browser tab (see ReaderApp.served).

    The notes file is read here, before the screen starts (a large one just after the first
    frame); an unreadable one does not stop the reader (its notes stay safe on disk and the
    screen says what is wrong).
    """
    store = NotesStore(reading.article, notes_path)
    later = notes_load_later(store)
    if not later:
        store.load()
    app = ReaderApp(reading, store, notes_ready=not later, settings=load_settings(), served=served)
    if keymap:
        app.set_keymap(keymap)
    return app
