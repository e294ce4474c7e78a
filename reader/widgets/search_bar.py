"""Provides SearchBar: the line at the bottom where a search is typed (`/`), as vim's command line.

It takes the key bar's place while open. Each change of the query is posted at once, so the
article moves to the first match as the user types; Enter keeps the match, Esc goes back. What
the article says of the search ("3 of 12", "No match for 'x'") shows at the line's right end.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, Static

from annotations.text.sanitize import display_text
from reader import bindings


class SearchInput(Input):
    """The query; Enter and Esc (remappable, search.*) end the search."""

    BINDINGS = bindings.SEARCH

    # Input sets its virtual size on every key typed, and Textual's reactive lays the whole screen
    # out again for it (a full repaint of the article, each letter). One line that never shows a
    # scrollbar needs no new layout: it still scrolls sideways to keep the cursor in view.
    virtual_size = Reactive(Size(0, 0), layout=False)

    @dataclass
    class Ended(Message):
        """The search line is done with: `keep` the match (Enter), or go back (Esc)."""

        keep: bool
        went: bool = True
        """False when focus merely left the line (a click in the article): keep the cursor."""

    def action_accept(self) -> None:
        self.post_message(self.Ended(keep=True))

    def action_cancel(self) -> None:
        self.post_message(self.Ended(keep=False))

    def on_blur(self, event: events.Blur) -> None:
        if self.parent is not None and self.parent.display:
            self.post_message(self.Ended(keep=True, went=False))


class SearchBar(Horizontal):
    """The prompt "/", the query as typed, and what the search found."""

    @dataclass
    class Changed(Message):
        """The query is now `query`."""

        query: str

    @dataclass
    class Ended(Message):
        """The search line closed: `keep` the match, or go back to where `/` was pressed."""

        keep: bool
        went: bool = True

    def compose(self):
        yield Static("/", id="search-prompt", markup=False)
        yield SearchInput(id="search-input", select_on_focus=False)
        yield Static(id="search-status", markup=False)

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def open(self) -> None:
        """Show the line, empty, with the cursor in it."""
        self.show_status("")
        self.display = True
        self.input.focus()

    def close(self) -> None:
        self.display = False
        self.input.value = ""  # its Changed comes once closed, and is not passed on

    def show_status(self, text: str) -> None:
        status = self.query_one("#search-status", Static)
        shown = Text(display_text(text), no_wrap=True, overflow="ellipsis", justify="right")
        status.update(shown, layout=False)  # one line of fixed width: no new layout

    @on(Input.Changed, "#search-input")
    def query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.display:
            self.post_message(self.Changed(event.value))

    @on(SearchInput.Ended)
    def ended(self, event: SearchInput.Ended) -> None:
        event.stop()
        if self.display:
            self.close()
            self.post_message(self.Ended(event.keep, event.went))
