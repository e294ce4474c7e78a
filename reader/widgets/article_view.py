"""Provides ArticleView: the article, drawn line by line from a layout, with a reading cursor.

Only the rows on screen are drawn (Textual's Line API), so a key press costs the same on a short
article and on War and Peace. Mentions, notes, search matches, the selection and the cursor are
drawn through component classes, so a theme or the stylesheet can restyle every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.cards.model import CARD_KINDS
from annotations.notes.model import COLORS
from annotations.notes.placed import PlacedNotes
from annotations.reading import Reading
from annotations.text import motion
from annotations.text.rendering import STYLES as MARKUP_STYLES
from annotations.text.sanitize import display_char
from reader import bindings
from reader.widgets.article_jumps import HINT, HINT_TYPED, ArticleJumps
from reader.widgets.article_search import SEARCH_LAYERS, ArticleSearch
from reader.widgets.contrast import layered_style
from reader.widgets.wrap import Layout, shown_char


class ArticleView(ArticleSearch, ArticleJumps, ScrollView, can_focus=True):
    """The article with its mentions, notes, selection and reading cursor."""

    COMPONENT_CLASSES = {
        *(f"article--md-{style}" for style in MARKUP_STYLES),
        "article--mention",
        *(f"article--mention-{kind}" for kind in CARD_KINDS),
        *(f"article--note-{color}" for color in COLORS),
        "article--cursor",
        "article--cursor-word",
        "article--selection",
        "article--approximate",
        HINT,
        HINT_TYPED,
        *SEARCH_LAYERS,
    }

    BINDINGS = bindings.ARTICLE

    @dataclass
    class CursorMoved(Message):
        """The reading cursor moved to `offset` (the card pane follows it)."""

        offset: int
        went: bool = False
        """True when the user went there (Tab, ] or [, a click, a jump), not moved past it: the
        card history records only those."""

    @dataclass
    class Notice(Message):
        """Something the user should be told in the key bar ("wrapped round")."""

        text: str

    def __init__(
        self,
        reading: Reading,
        *,
        notes: PlacedNotes | None = None,
        cursor: int | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.reading = reading
        self.text = reading.article.text
        self.cursor = self._first_offset() if cursor is None else cursor
        """The reading cursor, as an offset into the article text (`cursor`: where reading
        stopped last time)."""
        self.anchor: int | None = None
        """Where the selection began, while one is being made."""
        self.goal_column: int | None = None
        """The column j/k aim for, kept across short lines as editors do."""
        self.shown_card_id: str | None = None
        """The card on show in the card pane, for `]` and `[`."""
        self.notes = notes if notes is not None else PlacedNotes()
        """The notes drawn over the text, and visited by Tab (the reader's notes store)."""
        self._layout: Layout | None = None
        self._styles: dict[tuple[str, ...], Style] = {}
        self._frame: tuple[Layout, int, Style] | None = None
        """The layout, width and base style while a frame is drawn (see render_lines)."""
        self.init_jumps()

    # Layout ------------------------------------------------------------------------------------

    def _first_offset(self) -> int:
        article = self.reading.article
        first = article.paragraphs[0][0] if article.paragraphs else 0
        if article.rendering is not None and first < len(article.text):
            return article.rendering.visible(first)
        return first

    @property
    def layout_(self) -> Layout:
        width = max(self.scrollable_content_region.width, 4)
        if self._layout is None or self._layout.width != width:
            self._layout = Layout(self.reading.article, width)
            self.virtual_size = Size(width, self._layout.rows)
        return self._layout

    def on_resize(self, event: events.Resize) -> None:
        self.layout_  # noqa: B018 - re-wraps to the new width
        if self.hints:  # the labels stand where the text was: place them again
            self.show_hints(self.hints, self.hint_typed)
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    # Drawing -----------------------------------------------------------------------------------

    def style_for(self, layers: tuple[str, ...]) -> Style:
        """The combined rich style of some component classes, cached."""
        style = self._styles.get(layers)
        if style is None:
            style = self._styles[layers] = layered_style(self, layers)
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual asks for the rows one by one. The layout, the width and the base style are the
        # same for all of them and finding each walks the DOM (a third of a frame's cost when
        # measured), so they are found once a frame.
        self._frame = self._frame_parts()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_parts(self) -> tuple[Layout, int, Style]:
        return self.layout_, self.scrollable_content_region.width, self.rich_style

    def render_line(self, y: int) -> Strip:
        layout, width, base = self._frame or self._frame_parts()
        row = self.scroll_offset.y + y
        span = layout.row_span(row) if row < layout.rows else None
        if span is None:
            return Strip.blank(width, base)
        start, end = span
        layers = self._layers(start, end)
        cells = self.hint_cells(start, end)
        for position, (_shown, name) in cells.items():
            layers[position - start] = (name,)  # a hint label is drawn over everything
        segments = []
        run_start = start
        article = self.reading.article
        marked_up = article.rendering is not None
        for position in range(start + 1, end + 1):
            if position == end or layers[position - start] != layers[run_start - start]:
                if cells or marked_up:
                    shown = "".join(
                        cells[p][0]
                        if p in cells
                        else shown_char(article, p)
                        if marked_up
                        else display_char(self.text[p])
                        for p in range(run_start, position)
                    )
                else:
                    shown = "".join(map(display_char, self.text[run_start:position]))
                if shown:
                    segments.append(Segment(shown, self.style_for(layers[run_start - start])))
                run_start = position
        strip = Strip(segments)
        return strip.crop_extend(0, width, base)

    def _layers(self, start: int, end: int) -> list[tuple[str, ...]]:
        """For each offset of [start, end), the component classes that style it, in order."""
        layers: list[tuple[str, ...]] = [()] * (end - start)

        def paint(from_: int, to: int, name: str) -> None:
            for position in range(max(from_, start), min(to, end)):
                layers[position - start] = (*layers[position - start], name)

        rendering = self.reading.article.rendering
        if rendering is not None:  # Markdown's look goes under everything else
            for from_, to, style in rendering.styles_in(start, end):
                paint(from_, to, f"article--md-{style}")
        cards = self.reading.cards.by_id
        for mention in self.reading.links.in_range(start, end):
            # Every kind is underlined; a kind the stylesheet does not colour still shows so.
            paint(mention.start, mention.end, "article--mention")
            paint(mention.start, mention.end, f"article--mention-{cards[mention.card_id].kind}")
        # The word under the cursor goes below notes: a highlight made on it (H) shows at once,
        # in its colour, with the word still bold and the cursor's own cell reversed.
        if word := self.cursor_span():
            paint(word[0], word[1], "article--cursor-word")
        for note_start, note_end, color, approximate in self.notes.note_spans(start, end):
            paint(note_start, note_end, f"article--note-{color}")
            if approximate:
                paint(note_start, note_end, "article--approximate")
        self.paint_search(start, end, paint)  # over notes, under the selection and the cursor
        if selection := self.selection:
            paint(selection[0], selection[1], "article--selection")
        paint(self.cursor, self.cursor + 1, "article--cursor")
        return layers

    # Cursor ------------------------------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected [start, end) while selecting: from anchor to cursor, whole words.

        Both ends snap outwards to the word (or linked mention) they fall in, so a selection
        grown with `w` never cuts a word in half.
        """
        if self.anchor is None or not self.text:  # an empty article has nothing to select
            return None
        low, high = sorted((self.anchor, self.cursor))
        first = self.span_at(low)
        last = self.span_at(high)
        return (first[0] if first else low), (last[1] if last else min(high + 1, len(self.text)))

    def span_at(self, offset: int) -> tuple[int, int] | None:
        """The linked mention, or else the word, covering `offset`."""
        if mention := self.reading.links.at(offset):
            return mention.start, mention.end
        return motion.token_at(self.text, offset)

    def cursor_span(self) -> tuple[int, int] | None:
        """What an action applies to with nothing selected: the mention or word at the cursor."""
        return self.span_at(self.cursor)

    def target_span(self) -> tuple[int, int] | None:
        """The selection, or else the mention or word under the cursor."""
        return self.selection or self.cursor_span()

    def move_to(self, offset: int, *, keep_goal: bool = False, went: bool = False) -> None:
        """Put the cursor at `offset`, scroll to it, and tell the screen."""
        if not self.text:
            return
        offset = min(max(offset, 0), len(self.text) - 1)
        rendering = self.reading.article.rendering
        if rendering is not None and rendering.is_hidden(offset):
            # Never on hidden markup: on to the next shown character the way the cursor went.
            offset = rendering.visible(offset, -1 if offset < self.cursor else 1)
        if not keep_goal:
            self.goal_column = None
        self.cursor = offset
        self.scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor, went))

    def scroll_to_cursor(self) -> None:
        if not self.text:
            return
        row = self.layout_.row_of(self.cursor)
        self.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True)

    def _move_rows(self, rows: int, *, clamp: bool = False) -> None:
        """Move the cursor `rows` screen rows, keeping its column; `clamp` stops at the ends."""
        layout = self.layout_
        if self.goal_column is None:
            self.goal_column = layout.column_of(self.cursor)
        row = layout.row_of(self.cursor) + rows
        if clamp:
            row = min(max(row, 0), layout.rows - 1)
        step = 1 if rows > 0 else -1
        while 0 <= row < layout.rows and not layout.is_paragraph_row(row):
            row += step
        if not 0 <= row < layout.rows:
            return
        self.move_to(layout.offset_at(row, self.goal_column), keep_goal=True)

    # Actions -----------------------------------------------------------------------------------

    def _cursor_into_view(self) -> None:
        """After the wheel scrolled the cursor out of view, j and k start from the view's edge
        (as vim does), instead of snapping the view back to where the cursor was."""
        layout, top = self.layout_, self.scroll_offset.y
        bottom = top + max(self.scrollable_content_region.height, 1) - 1
        row = layout.row_of(self.cursor)
        if not top <= row <= bottom:
            edge, step = (top, 1) if row < top else (bottom, -1)
            while 0 <= edge < layout.rows and not layout.is_paragraph_row(edge):
                edge += step
            if 0 <= edge < layout.rows:
                self.cursor = layout.offset_at(edge, self.goal_column or 0)

    def action_cursor_down(self) -> None:
        self._cursor_into_view()
        self._move_rows(1)

    def action_cursor_up(self) -> None:
        self._cursor_into_view()
        self._move_rows(-1)

    def action_cursor_left(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_right(self) -> None:
        self.move_to(self.cursor + 1)

    def action_word_next(self) -> None:
        self.move_to(self._word_motion(motion.next_word_start))

    def action_word_previous(self) -> None:
        self.move_to(self._word_motion(motion.previous_word_start))

    def action_word_end(self) -> None:
        self.move_to(self._word_motion(motion.word_end))

    def _word_motion(self, step) -> int:
        """Where a word motion goes, past words of hidden markup (a Markdown `**` or URL)."""
        rendering = self.reading.article.rendering
        offset = step(self.text, self.cursor)
        for _ in range(64):  # bounded: a long run of markup ends in the nearest shown character
            if rendering is None or not rendering.is_hidden(offset):
                break
            following = step(self.text, offset)
            if following == offset:
                break
            offset = following
        return offset

    def action_paragraph_next(self) -> None:
        self.move_to(motion.next_paragraph(self.reading.article, self.cursor))

    def action_paragraph_previous(self) -> None:
        self.move_to(motion.previous_paragraph(self.reading.article, self.cursor))

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        rows = direction * max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_offset.y + rows, animate=False, immediate=True)
        self._move_rows(rows, clamp=True)

    def action_select(self) -> None:
        """`v`: start a selection at the cursor (again: drop it)."""
        self.anchor = None if self.anchor is not None else self.cursor
        self.refresh()

    def action_drop_selection(self) -> None:
        if self.anchor is None:
            self.hide_search()  # with nothing selected, Esc hides the search's highlights
            return
        self.anchor = None
        self.refresh()

    # Mouse -------------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.scroll_offset.y + offset.y
        if row < self.layout_.rows and self.layout_.is_paragraph_row(row):
            self.move_to(self.layout_.offset_at(row, offset.x), went=True)
