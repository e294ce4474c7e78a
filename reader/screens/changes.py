"""Provides ChangesScreen: what changed between two versions of the article, word by word."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from annotations.versions.diff import Diff
from annotations.versions.marked import marked_text
from annotations.versions.store import Version
from reader import bindings
from reader.widgets.changes_view import ChangesView
from reader.widgets.key_bar import KeyBar


def when(version: Version) -> str:
    return version.first_seen.strftime("%Y-%m-%d %H:%M")


class ChangesScreen(Screen[None]):
    """The text as it is now (or as it was) with additions and removals marked; n/N step."""

    BINDINGS = bindings.CHANGES

    def __init__(self, diff: Diff, before: Version, after: Version) -> None:
        super().__init__()
        self.diff = diff
        self.before = before
        self.after = after
        self.side = "new"

    def compose(self):
        yield Static(self.heading(), id="changes-heading")
        yield ChangesView(marked_text(self.diff, "new"), id="changes")
        yield KeyBar(id="changes-keys")

    def on_mount(self) -> None:
        self.query_one(ChangesView).focus()

    def heading(self) -> Text:
        shown = "the text now" if self.side == "new" else "the text as it was"
        line = (
            f"{self.diff.summary.describe().capitalize()} · {shown} · from"
            f" {when(self.before)} ({self.before.short[:7]}) to {when(self.after)}"
            f" ({self.after.short[:7]})"
        )
        return Text(line, no_wrap=True, overflow="ellipsis")

    @property
    def view(self) -> ChangesView:
        return self.query_one(ChangesView)

    def say(self, message: str) -> None:
        self.query_one(KeyBar).flash(message)

    def action_step(self, direction: int) -> None:
        stops = self.view.marked.stops
        if not stops:
            self.say("No changes on this side")
            return
        current = self.view.current
        if current is None:  # the first step goes to the first (or, backwards, the last)
            current = -1 if direction > 0 else len(stops)
        index = current + direction
        if index >= len(stops):
            index = 0
            self.say("Past the last change: back to the first")
        elif index < 0:
            index = len(stops) - 1
            self.say("Before the first change: on to the last")
        else:
            self.say(f"Change {index + 1} of {len(stops)}")
        self.view.go_to(index)

    def action_toggle_side(self) -> None:
        self.side = "old" if self.side == "new" else "new"
        self.view.show(marked_text(self.diff, self.side))
        self.query_one("#changes-heading", Static).update(self.heading())
        self.say(
            "The old text: what was removed is marked" if self.side == "old" else "The text now"
        )

    def action_close(self) -> None:
        self.dismiss(None)
