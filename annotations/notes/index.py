"""Provides SpanIndex: placed notes sorted by start, to find those under a cursor by bisection.

A key press asks which notes cover the cursor; with 2,000 notes on War and Peace that must cost a
bisect and a few comparisons, not a scan of every note.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from annotations.notes.model import Placement


class SpanIndex:
    """The placed notes' [start, end) spans, sorted; built once per change, then read-only."""

    def __init__(self, placements: Mapping[str, Placement]) -> None:
        self.spans: list[tuple[int, int, str]] = sorted(
            (p.start, p.end, note_id)
            for note_id, p in placements.items()
            if p.start is not None and p.end is not None
        )
        """(start, end, note id) of every placed note, by start then end."""
        self.starts = [span[0] for span in self.spans]
        self.longest = max((end - start for start, end, _ in self.spans), default=0)
        """The longest span: only notes starting this far before an offset can cover it."""

    def ids(self) -> list[str]:
        """Note ids in text order."""
        return [note_id for _, _, note_id in self.spans]

    def overlapping(self, start: int, end: int) -> list[str]:
        """Ids of notes with any character in [start, end), by start."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [
            note_id
            for note_start, note_end, note_id in self.spans[lo:hi]
            if note_end > start and note_start < end
        ]

    def after(self, offset: int) -> str | None:
        """The id of the first note starting after `offset`."""
        at = bisect.bisect_right(self.starts, offset)
        return self.spans[at][2] if at < len(self.spans) else None

    def before(self, offset: int) -> str | None:
        """The id of the last note starting before `offset`."""
        at = bisect.bisect_left(self.starts, offset) - 1
        return self.spans[at][2] if at >= 0 else None
