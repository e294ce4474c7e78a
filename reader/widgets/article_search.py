"""Provides ArticleSearch: the article view's search (`/`, `n`, `N`) and the drawing of its matches.

The matching is the model's (annotations.text.find); this keeps what the view needs around it:
the query being typed, where the cursor was when `/` was pressed (Esc goes back there), the match
the cursor is on, and whether the matches are drawn. The query is typed into the view itself, as
into vim's command line: the key that changes it moves the cursor and draws the matches in the
same frame, and the search line at the bottom (SearchBar) only shows what it is told. Only the
matches on screen are searched for when a frame is drawn, and on a long article they are counted
("3 of 12") in a thread after the first match has shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, work
from textual.message import Message
from textual.worker import get_current_worker

from annotations.text.find import Found, Matches
from reader.keys import keys_in_force

if TYPE_CHECKING:
    from textual.app import App
    from textual.geometry import Offset

SEARCH_LAYERS = ("article--search-match", "article--search-current")
"""The component classes of every match on show, and of the one the cursor is on."""

COUNT_NOW_CHARS = 300_000
"""Texts up to this long are counted at once (a few ms); longer ones in a thread."""


class ArticleSearch:
    """Mixin for ArticleView: the search state, the keys that type and move through it, drawing."""

    @dataclass
    class SearchTyping(Message):
        """The search line should show `query` (opening if need be) and, at its end, `status`."""

        query: str
        status: str

    @dataclass
    class SearchDone(Message):
        """The query is no longer being typed (Enter, Esc, a click): the search line closes."""

    @dataclass
    class SearchStatus(Message):
        """What the key bar should say once the search line is closed: "3 of 12"."""

        text: str

    search: Matches | None = None
    """The search typed last (kept after Enter for n and N), or None."""
    search_shown: bool = False
    """Whether its matches are drawn (Esc in the article hides them; n and N show them again)."""
    current_match: tuple[int, int] | None = None
    """The match the cursor was put on, drawn apart from the others."""
    search_query: str | None = None
    """The query while it is being typed (after `/`), else None."""
    _search_origin: tuple[int, int] = (0, 0)
    """(cursor, top row) when `/` was pressed."""
    _search_before: Matches | None = None
    """The search before this one, kept again if this one is cancelled."""
    _search_keys: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """The keys that keep (search.accept) and cancel (search.cancel), as remapped."""
    _counting: Matches | None = None
    """The matches a thread is counting (a long article), so n pressed again does not restart it."""
    _count_how: dict[str, bool] = {}  # noqa: RUF012 - replaced, never changed in place
    """How the last move went (wrapped round?), for what is said once the count is done."""

    if TYPE_CHECKING:  # provided by ArticleView and Textual's Widget
        text: str
        cursor: int
        app: App
        scroll_offset: Offset

        def move_to(self, offset: int, *, keep_goal: bool = False, went: bool = False) -> None: ...
        def record_jump(self, origin: int) -> None: ...
        def post_message(self, message: Message) -> bool: ...
        def refresh(self) -> None: ...
        def call_after_refresh(self, callback: Callable) -> bool: ...
        def scroll_to(self, *, y: int, animate: bool, immediate: bool) -> None: ...

    # Typing a query ------------------------------------------------------------------------------

    def _search_start_keys(self) -> tuple[str, ...]:
        keys = getattr(self, "_start_keys", None)
        if keys is None:
            in_force = keys_in_force(getattr(self.app, "_keymap", None))
            keys = self._start_keys = in_force["article.search"]
        return keys

    def action_search(self) -> None:
        """`/`: remember where the cursor is, and start taking the keys typed as the query."""
        self._search_origin = (self.cursor, self.scroll_offset.y)
        self._search_before = self.search
        in_force = keys_in_force(getattr(self.app, "_keymap", None))
        self._search_keys = (in_force["search.accept"], in_force["search.cancel"])
        self.search_query = ""
        self.post_message(self.SearchTyping("", ""))

    def on_key(self, event: events.Key) -> None:
        """While a query is typed, every key is the search line's (no motion, no note key)."""
        if self.search_query is None:
            # `/` is taken here, in the order keys came, rather than by its binding, which acts
            # only once the key has gone up to the app: the keys typed right after it (a burst,
            # a fast typist) would be taken for article keys (N, A...) before the line opened.
            if event.key in self._search_start_keys():
                event.stop()
                event.prevent_default()
                self.action_search()
            return
        event.stop()
        event.prevent_default()
        accept, cancel = self._search_keys
        if event.key in accept:
            self.search_accept()
        elif event.key in cancel:
            self.search_cancel()
        elif event.key in ("backspace", "ctrl+h"):
            self.search_typed(self.search_query[:-1])
        elif event.key == "ctrl+u":
            self.search_typed("")
        elif event.is_printable and event.character:
            self.search_typed(self.search_query + event.character)

    def on_paste(self, event: events.Paste) -> None:
        if self.search_query is not None:
            event.stop()
            self.search_typed(self.search_query + " ".join(event.text.splitlines()))

    def on_blur(self, _event: events.Blur) -> None:
        self.search_accept(went=False)  # focus went elsewhere: the query is done with

    def on_click(self, _event: events.Click) -> None:
        self.search_accept(went=False)  # after ArticleView's own: the cursor stays where clicked

    def search_typed(self, query: str) -> None:
        """The query is now `query`: the cursor goes to the first match after where `/` was."""
        if self.search_query is None:
            return
        self.search_query = query
        matches = Matches(self.text, query)
        self.search, self.search_shown = matches, matches.pattern is not None
        found = matches.next_after(self._search_origin[0])
        self._go_back() if found is None else self._land(found)
        self.refresh()
        self._count(matches)

    def search_accept(self, *, went: bool = True) -> None:
        """Enter: keep the cursor on the match (an empty query repeats the search before)."""
        if self.search_query is None:
            return
        if not self.search_query and self._search_before is not None:
            self.search_typed(self._search_before.query)
        matches = self.search
        self.search_query = None
        self.post_message(self.SearchDone())
        if matches is None or matches.pattern is None:
            self.search = self._search_before
            return
        if self.current_match is None:  # nothing found: the cursor went back already
            self.search_shown = False
            self.refresh()
            self.post_message(self.SearchStatus(_not_found(matches)))
            return
        if went:  # the card history keeps where the search went
            self.move_to(self.current_match[0], went=True)
        self.record_jump(self._search_origin[0])  # '' goes back to where the search began

    def search_cancel(self) -> None:
        """Esc while typing: the cursor and the view go back; the search before is kept."""
        if self.search_query is None:
            return
        self._go_back()
        self.search_query = None
        self.post_message(self.SearchDone())
        self.search, self.search_shown = self._search_before, False
        self.refresh()

    def _go_back(self) -> None:
        cursor, top = self._search_origin
        self.current_match = None
        self.move_to(cursor)
        self.scroll_to(y=top, animate=False, immediate=True)

    def _land(self, found: Found, *, went: bool = False) -> None:
        self.current_match = (found.start, found.end)
        self.move_to(found.start, went=went)

    # n and N -----------------------------------------------------------------------------------

    def action_search_next(self) -> None:
        self._step(forwards=True)

    def action_search_previous(self) -> None:
        self._step(forwards=False)

    def _step(self, *, forwards: bool) -> None:
        matches = self.search
        if matches is None or matches.pattern is None:
            self.app.bell()
            self.post_message(self.SearchStatus("No search yet: / searches the article"))
            return
        cursor = self.cursor
        found = matches.next_after(cursor) if forwards else matches.previous_before(cursor)
        if found is None:
            self.app.bell()
            self.post_message(self.SearchStatus(_not_found(matches)))
            return
        self.search_shown = True
        self._land(found, went=True)
        self.record_jump(cursor)
        self._count(matches, wrapped=found.wrapped, forwards=forwards)

    # Counting and saying where the cursor stands -----------------------------------------------

    def search_status(self, *, wrapped: bool = False, forwards: bool = True) -> str:
        """ "3 of 12", "No match for 'x'", or "counting…" while a long article is counted."""
        matches = self.search
        if matches is None or matches.pattern is None:
            return ""
        if self.current_match is None:  # the search from the cursor found none in the text
            return _not_found(matches)
        position = matches.position(self.current_match[0])
        said = "counting…" if position is None else f"{position[0]} of {position[1]}"
        if wrapped:
            said += (
                " · hit the bottom, went on from the top"
                if forwards
                else " · hit the top, went on from the bottom"
            )
        return said

    def _report(self, matches: Matches, **how: bool) -> None:
        """Say it on the search line while typing, else in the key bar (safe from a thread)."""
        if matches is not self.search:
            return
        said, query = self.search_status(**how), self.search_query
        self.post_message(
            self.SearchStatus(said) if query is None else self.SearchTyping(query, said)
        )

    def _count(self, matches: Matches, **how: bool) -> None:
        """Say where the cursor stands; count first (at once, or in a thread) if need be."""
        self._count_how = how
        if matches.starts is None and matches.pattern is not None:
            if len(self.text) <= COUNT_NOW_CHARS:
                matches.count()
            elif self._counting is not matches:
                # "counting…" until the thread is done, started after the frame with the first
                # match so that it never delays it.
                self._counting = matches
                self.call_after_refresh(lambda: self._count_in_thread(matches))
        self._report(matches, **how)

    @work(thread=True, exclusive=True, group="search-count")
    def _count_in_thread(self, matches: Matches) -> None:
        worker = get_current_worker()
        if matches.count(lambda: worker.is_cancelled or matches is not self.search) is None:
            return  # the next key typed made this count stale
        self._report(matches, **self._count_how)  # post_message is safe from a thread

    def hide_search(self) -> bool:
        """Esc in the article: stop drawing the matches (n and N still go on). True if shown."""
        if not self.search_shown:
            return False
        self.search_shown, self.current_match = False, None
        self.refresh()
        return True

    # Drawing -----------------------------------------------------------------------------------

    def paint_search(self, start: int, end: int, paint: Callable[[int, int, str], None]) -> None:
        """Lay the matches within [start, end) over the text (the article view's layers)."""
        if not self.search_shown or self.search is None:
            return
        for match_start, match_end in self.search.spans_in(start, end):
            paint(match_start, match_end, SEARCH_LAYERS[0])
        if self.current_match is not None:
            paint(*self.current_match, SEARCH_LAYERS[1])


def _not_found(matches: Matches) -> str:
    query = matches.query if len(matches.query) <= 24 else matches.query[:23] + "…"
    return f"No match for {query!r}"
