"""Provides AutoSaver: a store's saves in the background, batched, and the watch on its file.

The screen never waits for the disk: `request()` starts a save on a worker thread, and changes
made while it runs are taken by one more save straight after it. The file is watched by its
modification stamp, so what another reader (or a sync from another machine) wrote is merged in.
Plain Python, so saving, batching and the watch are tested without a screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from annotations.notes.saving import SaveResult
from annotations.notes.store import NotesStore

log = logging.getLogger(__name__)

Stamp = tuple[int, int] | None


class AutoSaver:
    """Saves one NotesStore off the caller's thread; `on_saved` hears of each batch's outcome."""

    def __init__(
        self, store: NotesStore, on_saved: Callable[[SaveResult], None] | None = None
    ) -> None:
        self.store = store
        self.on_saved = on_saved
        """Called on the worker thread after each batch (the UI hops back to its own thread)."""
        self._lock = threading.Lock()
        self._again = False
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()
        self.seen_stamp: Stamp = store.file_stamp()
        """The notes file's (mtime, size) when this reader last read or wrote it."""

    @property
    def busy(self) -> bool:
        """True while a save runs or is due."""
        return not self._idle.is_set()

    def request(self) -> None:
        """Save soon: now, or straight after the save that is running."""
        with self._lock:
            if self._thread is not None:
                self._again = True
                return
            self._idle.clear()
            self._thread = threading.Thread(target=self._run, name="notes-save", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        result: SaveResult | None = None
        while True:
            try:
                result = self.store.save()
            except Exception:  # noqa: BLE001 - save() reports I/O trouble itself; log the rest
                log.exception("unexpected failure in a background save")
            with self._lock:
                if not self._again:
                    self._thread = None
                    break
                self._again = False
        self.seen_stamp = self.store.file_stamp()
        self._idle.set()
        if self.on_saved is not None and result is not None:
            self.on_saved(result)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no save runs (for quitting); False if `timeout` ran out first."""
        return self._idle.wait(timeout)

    def poll(self) -> bool:
        """Check the file for changes made elsewhere; a change starts a (merging) save."""
        stamp = self.store.file_stamp()
        if stamp == self.seen_stamp:
            return False
        self.seen_stamp = stamp
        self.request()  # a save merges what changed on disk, and writes only if needed
        return True

    def finish(self, timeout: float = 30.0) -> SaveResult | None:
        """Before letting go: wait for a running save, then save what it did not take.

        Returns the last save's result when something had to be saved, else None.
        """
        self.wait(timeout)
        if not self.store.unsaved_changes:
            return None
        return self.store.save()
