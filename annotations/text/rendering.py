"""Provides Rendering: how an article's source text is shown, without changing its offsets.

A Markdown article keeps its source as its text, so every offset (notes, mentions, the cursor)
is a source offset. The rendering says which source characters are not shown (`**`, `# `, a
link's `](url)`), which are shown as something else (a list's `-` as a bullet) and which ranges
take a style (bold, a heading, a link's text). The view applies it; the model never needs it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

STYLES = (
    "heading",
    "heading-1",
    "strong",
    "em",
    "strike",
    "code",
    "link",
    "image",
    "quote",
    "bullet",
    "rule",
    "html",
)
"""Every style name a rendering uses (the view has one component class for each)."""


@dataclass(eq=False)
class Rendering:
    """Hidden characters, characters shown as others, and styled ranges of one source text."""

    hidden: bytes
    """One byte per source character: 1 where the character is not shown. (Bytes, not a
    bytearray: a regular expression over a bytearray copies it whole at every call.)"""
    shown_as: dict[int, str] = field(default_factory=dict)
    """Source offset -> what is shown there instead (one character, the same width)."""
    styles: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, style) ranges, sorted by start; they may nest."""

    def is_hidden(self, offset: int) -> bool:
        return 0 <= offset < len(self.hidden) and self.hidden[offset] == 1

    def any_hidden(self, start: int, end: int) -> bool:
        """True when [start, end) holds a hidden or replaced character (the slow layout path)."""
        if self.hidden.find(1, start, end) != -1:
            return True
        replaced = self._replaced
        index = bisect.bisect_left(replaced, start)
        return index < len(replaced) and replaced[index] < end

    @cached_property
    def _replaced(self) -> list[int]:
        return sorted(self.shown_as)

    def shown(self, offset: int, char: str) -> str:
        """What is shown for the source character at `offset`: "" when hidden."""
        if self.hidden[offset]:
            return ""
        return self.shown_as.get(offset, char)

    def styles_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The styled ranges that overlap [start, end), outermost first."""
        # No range is longer than the longest, so only those starting that far back can reach
        # `start`: a row costs the same at the top and at the end of a long article.
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [span for span in self.styles[first:last] if span[1] > start]

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _, _ in self.styles]

    @cached_property
    def _longest(self) -> int:
        return max((end - start for start, end, _ in self.styles), default=0)

    def visible(self, offset: int, direction: int = 1) -> int:
        """The nearest shown offset from `offset` in `direction` (1 on, -1 back), else `offset`."""
        position = offset
        while 0 <= position < len(self.hidden):
            if not self.hidden[position]:
                return position
            position += direction
        if direction > 0:
            return self.visible(offset, -1) if offset > 0 else offset
        return offset

    def shown_text(self, text: str, start: int, end: int) -> str:
        """The text of [start, end) as shown (for quoting a selection to the user)."""
        return "".join(self.shown(i, text[i]) for i in range(start, end))
