"""Provides VersionsMixin: the reader keeps each text it opens as a version, says when the text
changed since the notes were made, and shows the changes (D)."""

from __future__ import annotations

import logging

from textual import work

from annotations.errors import AnnotationError
from annotations.versions.diff import diff_texts
from annotations.versions.opening import changed_since_notes, compared_versions
from annotations.versions.store import VersionStore

log = logging.getLogger(__name__)


class VersionsMixin:
    """For ReaderScreen: needs `reading`, `store`, `say`, `notify`, `app` and `key_for`."""

    @work(thread=True, group="versions", exclusive=True)
    def keep_version(self) -> None:
        """Keep this text as a version (off the UI thread: a long text is compressed), then say
        what changed since the notes were made, if anything did."""
        article = self.reading.article
        versions = VersionStore.for_article(article)
        try:
            versions.record(article)
            changed = changed_since_notes(
                self.store, article.text, article.sha256, self.store.loaded_on, versions
            )
        except (AnnotationError, OSError) as error:
            log.warning("article version not kept: %s", error)
            changed = None
        self.app.call_from_thread(self.versions_checked, changed)

    def versions_checked(self, changed) -> None:
        """Once the version is kept: what changed (or, as before, which notes need a look)."""
        if changed is None or changed.before is None:
            # No earlier text to compare with: which notes need a look says what can be done.
            self.say_notes_to_look_at()
            return
        message = changed.message(self.key_for("show_changes", "D"))
        self.notify(message, title="Article changed", severity="warning", timeout=15, markup=False)

    def action_show_changes(self) -> None:
        self.say("Comparing versions…")
        self.compare_versions()

    @work(thread=True, group="versions", exclusive=True)
    def compare_versions(self) -> None:
        article = self.reading.article
        versions = VersionStore.for_article(article)
        try:
            current = versions.record(article)
            before = compared_versions(versions.versions(), current, self.store.loaded_on)
            diff = diff_texts(versions.text(before), article.text) if before else None
        except (AnnotationError, OSError) as error:
            self.app.call_from_thread(self.say, f"Versions cannot be read: {error}")
            return
        self.app.call_from_thread(self.changes_ready, diff, before, current)

    def changes_ready(self, diff, before, current) -> None:
        if diff is None:
            self.say("No earlier version of this article is kept: nothing to compare")
            return
        from reader.screens.changes import ChangesScreen

        self.app.push_screen(ChangesScreen(diff, before, current))
