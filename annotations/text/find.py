"""Provides the article search a reader types (`/`): a query made into one regex, and its matches.

Case is ignored unless the query holds a capital letter (vim's smartcase), and a space matches
any run of whitespace, so a phrase broken across a line of hard-wrapped text is found. Matches are
[start, end) character offsets. On War and Peace a full scan takes a tenth of a second or more, so
nothing here scans the whole text to answer a key: the next or previous match is searched for
from a place outwards, the matches to draw are searched for in the rows on show, and counting
them all (for "3 of 12") is a separate call a caller can run in the background and stop.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")

DRAW_MARGIN = 512
"""How far before a stretch of text a match that reaches into it may start (drawing)."""
DRAW_AHEAD = 6144
"""How much text past a requested stretch is searched at once: the rows below it on screen
(a screen of 40 rows of 120 columns holds under 5,000 characters)."""
BACK_WINDOW = 4096
"""The first stretch searched backwards from a place; it doubles until a match is found."""


def query_pattern(query: str) -> re.Pattern | None:
    """The regex for what the user typed, or None for an empty query.

    Smartcase: case-insensitive unless the query has an uppercase letter. Each run of
    whitespace in the query matches any run of whitespace (a line break, several spaces).
    """
    if not query:
        return None
    parts = [re.escape(part) for part in _WHITESPACE.split(query)]
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    return re.compile(r"\s+".join(parts), flags)


@dataclass(frozen=True)
class Found:
    """A match, and whether reaching it went past an end of the text and round again."""

    start: int
    end: int
    wrapped: bool = False


class Matches:
    """The matches of one query in one text, found on demand."""

    def __init__(self, text: str, query: str) -> None:
        self.text = text
        self.query = query
        self.pattern = query_pattern(query)
        self.starts: list[int] | None = None
        """Every match's start, in order, once counted (see count)."""
        self._drawn: tuple[int, int, list[tuple[int, int]]] | None = None

    # Moving ------------------------------------------------------------------------------------

    def next_after(self, offset: int) -> Found | None:
        """The first match starting after `offset`, else (wrapping) the first of the text."""
        if self.pattern is None:
            return None
        match = self.pattern.search(self.text, offset + 1)
        if match is not None:
            return Found(*match.span())
        match = self.pattern.search(self.text, 0)
        if match is None:
            return None
        return Found(*match.span(), wrapped=True)

    def previous_before(self, offset: int) -> Found | None:
        """The last match starting before `offset`, else (wrapping) the last of the text."""
        if self.pattern is None:
            return None
        found = self._last_before(offset)
        if found is not None:
            return Found(*found)
        found = self._last_before(len(self.text) + 1)
        if found is None:
            return None
        return Found(*found, wrapped=True)

    def _last_before(self, offset: int) -> tuple[int, int] | None:
        """The last match starting before `offset`, searched for in ever wider stretches."""
        if self.starts is not None:  # counted: no need to search
            index = bisect.bisect_left(self.starts, offset) - 1
            if index < 0:
                return None
            match = self.pattern.match(self.text, self.starts[index])
            return match.span() if match else None
        window = BACK_WINDOW
        while True:
            low = max(offset - window, 0)
            last = None
            for match in self.pattern.finditer(self.text, low):
                if match.start() >= offset:
                    break
                last = match.span()
            if last is not None or low == 0:
                return last
            window *= 2

    # Drawing -----------------------------------------------------------------------------------

    def spans_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The matches overlapping [start, end), for drawing the rows on show.

        Searched for in the text around the stretch only (never the whole text), and kept, so
        the next rows of the same frame are answered without searching again.
        """
        if self.pattern is None or start >= end:
            return []
        drawn = self._drawn
        if drawn is None or not (drawn[0] <= start and end <= drawn[1]):
            low = max(start - DRAW_MARGIN, 0)
            high = min(end + DRAW_AHEAD, len(self.text))
            spans = []
            # Searched a margin past the stretch, so a match is only cut short at its end if it
            # is longer than the margin; and a rare query never scans on to the end of the text.
            for match in self.pattern.finditer(self.text, low, high + DRAW_MARGIN):
                if match.start() >= high:
                    break
                spans.append(match.span())
            self._drawn = drawn = (start, high, spans)
        spans = drawn[2]
        found = []
        # Asked row by row: only the few spans near the row are looked at, not all that follow.
        for index in range(bisect.bisect_left(spans, (start - DRAW_MARGIN, 0)), len(spans)):
            span = spans[index]
            if span[0] >= end:
                break
            if span[1] > start:
                found.append(span)
        return found

    # Counting ----------------------------------------------------------------------------------

    def count(self, stop: Callable[[], bool] = lambda: False) -> list[int] | None:
        """Every match's start (also kept in `starts`); None if `stop` said to give up.

        `stop` is asked every few thousand matches, so a count made stale by the next key
        typed ends soon after.
        """
        if self.pattern is None:
            self.starts = []
            return self.starts
        starts: list[int] = []
        for index, match in enumerate(self.pattern.finditer(self.text)):
            if index % 2048 == 0 and stop():
                return None
            starts.append(match.start())
        self.starts = starts
        return starts

    def position(self, start: int) -> tuple[int, int] | None:
        """(k, N) for the match at `start`: it is the k-th of N; None until counted."""
        if self.starts is None:
            return None
        return bisect.bisect_right(self.starts, start), len(self.starts)
