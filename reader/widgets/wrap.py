"""Provides the article's screen layout: paragraphs wrapped to a width, as rows of offsets.

This is the one place that converts between character offsets (the model's language) and screen
rows and columns. Wrapping uses fast string searches for paragraphs whose characters are all one
cell wide, and measures cell widths character by character only for the others (wide CJK, emoji,
combining marks, controls shown as symbols).
"""

from __future__ import annotations

import bisect
import re
from array import array

from rich.cells import cell_len

from annotations.text.article import Article
from annotations.text.sanitize import display_char

# Characters shown as themselves, one cell wide. "\n" inside a hard-wrapped paragraph shows as a
# space. Anything else takes the measured path.
_NOT_NARROW = re.compile(
    "[^\n\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e]"
)
_SPACE = re.compile(r"[ \n]")
_SHOWN_RUN = re.compile(b"\x00+")


def char_width(char: str) -> int:
    """Cells one stored character takes on screen, as shown."""
    return cell_len(display_char(char))


def shown_char(article: Article, offset: int) -> str:
    """What is shown for the character at `offset`: "" for hidden markup (Markdown)."""
    char = article.text[offset]
    rendering = article.rendering
    if rendering is not None:
        char = rendering.shown(offset, char)
    return display_char(char) if char else ""


class Layout:
    """Rows of the article at one width: each paragraph's lines, then one blank row.

    A marked-up article (Markdown) hides some source characters: they take no cells, and the
    rows, columns and offsets here stay source offsets all the same.
    """

    def __init__(self, article: Article, width: int) -> None:
        self.article = article
        self.width = max(width, 4)
        text = article.text
        rendering = article.rendering
        self.line_starts: list[array] = []
        self.first_row = array("q")
        self.narrow: list[bool] = []
        row = 0
        for start, end in article.paragraphs:
            narrow = _NOT_NARROW.search(text, start, end) is None
            if rendering is not None and rendering.any_hidden(start, end):
                narrow = False  # columns skip hidden markup: measured, not counted
                starts = self._wrap_shown(start, end)
            elif narrow:
                starts = self._wrap_narrow(start, end)
            else:
                starts = self._wrap_measured(start, end)
            self.narrow.append(narrow)
            self.line_starts.append(starts)
            self.first_row.append(row)
            row += len(starts) + 1
        self.rows = max(row - 1, 1)

    def _wrap_narrow(self, start: int, end: int) -> array:
        text, width = self.article.text, self.width
        starts = array("q", [start])
        position = start
        while end - position > width:
            cut = max(
                text.rfind(" ", position, position + width),
                text.rfind("\n", position, position + width),
            )
            position = cut + 1 if cut > position else position + width
            starts.append(position)
        return starts

    def cells(self, offset: int) -> int:
        """Cells the character at `offset` takes as shown (0 for hidden markup)."""
        if self.article.rendering is None:
            return char_width(self.article.text[offset])
        return cell_len(shown_char(self.article, offset))

    def _wrap_shown(self, start: int, end: int) -> array:
        """Wrap a paragraph with hidden markup: the shown characters, when all are one cell
        wide, wrap with the fast string searches, and their rows map back to source offsets."""
        text, width = self.article.text, self.width
        hidden = self.article.rendering.hidden
        runs = [run.span() for run in _SHOWN_RUN.finditer(hidden, start, end)]
        shown = "".join(text[low:high] for low, high in runs)
        if _NOT_NARROW.search(shown) is not None:  # replacements are one cell by design
            return self._wrap_measured(start, end)
        shown_starts = []  # where each run of shown characters starts, in `shown`
        total = 0
        for low, high in runs:
            shown_starts.append(total)
            total += high - low
        starts = array("q", [start])
        position = 0
        while len(shown) - position > width:
            cut = max(
                shown.rfind(" ", position, position + width),
                shown.rfind("\n", position, position + width),
            )
            position = cut + 1 if cut > position else position + width
            run = bisect.bisect_right(shown_starts, position) - 1
            starts.append(runs[run][0] + position - shown_starts[run])
        return starts

    def _wrap_measured(self, start: int, end: int) -> array:
        text, width = self.article.text, self.width
        starts = array("q", [start])
        used = 0
        last_space = -1
        position = start
        while position < end:
            char = text[position]
            cells = self.cells(position)
            if used + cells > width and position > starts[-1]:
                if last_space > starts[-1]:
                    position = last_space + 1
                starts.append(position)
                used = 0
                last_space = -1
                continue
            if char.isspace():
                last_space = position
            used += cells
            position += 1
        return starts

    # Rows and offsets -------------------------------------------------------------------------

    def locate_row(self, row: int) -> tuple[int, int] | None:
        """(paragraph, line) shown on `row`, or None for the blank row between paragraphs."""
        if not self.line_starts:
            return None
        paragraph = bisect.bisect_right(self.first_row, row) - 1
        line = row - self.first_row[paragraph]
        if paragraph < 0 or line >= len(self.line_starts[paragraph]):
            return None
        return paragraph, line

    def row_span(self, row: int) -> tuple[int, int] | None:
        """The [start, end) offsets shown on `row`, or None for a blank row."""
        located = self.locate_row(row)
        if located is None:
            return None
        paragraph, line = located
        starts = self.line_starts[paragraph]
        end = starts[line + 1] if line + 1 < len(starts) else self.article.paragraphs[paragraph][1]
        return starts[line], end

    def row_of(self, offset: int) -> int:
        """The row showing `offset` (offsets between paragraphs go to the next paragraph)."""
        if not self.line_starts:
            return 0
        paragraph = self.article.paragraph_index(offset)
        starts = self.line_starts[paragraph]
        line = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.first_row[paragraph] + line

    def column_of(self, offset: int) -> int:
        """The screen column of `offset` within its row."""
        span = self.row_span(self.row_of(offset))
        if span is None:
            return 0
        start = span[0]
        if offset <= start:
            return 0
        paragraph = self.article.paragraph_index(offset)
        if self.narrow[paragraph]:
            return offset - start
        return sum(self.cells(position) for position in range(start, offset))

    def offset_at(self, row: int, column: int) -> int:
        """The offset shown at (row, column), clamped to the row's text."""
        row = min(max(row, 0), self.rows - 1)
        span = self.row_span(row)
        if span is None:
            span = self.row_span(row + 1) or self.row_span(row - 1)
            if span is None:
                return 0
            return span[0]
        start, end = span
        last = max(start, end - 1)
        paragraph = self.locate_row(row)[0] if self.locate_row(row) else 0
        if self.narrow[paragraph]:
            return min(start + max(column, 0), last)
        used = 0
        shown = None
        for position in range(start, end):
            cells = self.cells(position)
            if cells:
                shown = position
            used += cells
            if used > column and cells:
                return position
        return shown if shown is not None else last

    def is_paragraph_row(self, row: int) -> bool:
        return self.locate_row(row) is not None
