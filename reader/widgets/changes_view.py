"""Provides ChangesView: one version of an article with what changed marked, drawn line by line.

Only the rows on screen are drawn (as ArticleView does), so the view of War and Peace with a
few edits costs what a short article's does. Added words are underlined on a green ground,
removed ones struck through on a red one, and the change `n`/`N` stopped at is outlined.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.text.article import Article
from annotations.text.sanitize import display_char
from annotations.versions.marked import Marked
from reader import bindings
from reader.widgets.contrast import layered_style
from reader.widgets.wrap import Layout


class ChangesView(ScrollView, can_focus=True):
    """The marked text; `current` is the index of the change stopped at."""

    BINDINGS = bindings.CHANGES_VIEW
    COMPONENT_CLASSES = {"changes--added", "changes--removed", "changes--current"}

    def __init__(self, marked: Marked, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marked = marked
        self.article = Article(text=marked.text, name="changes")
        self.current: int | None = None
        self._layout: Layout | None = None
        self._styles: dict[tuple[str, ...], Style] = {}

    def show(self, marked: Marked) -> None:
        """Show another side (the old or the new text)."""
        self.marked = marked
        self.article = Article(text=marked.text, name="changes")
        self._layout = None
        self.current = None
        self.layout_  # noqa: B018 - sets the virtual size
        self.scroll_home(animate=False)
        self.refresh()

    @property
    def layout_(self) -> Layout:
        width = max(self.scrollable_content_region.width, 4)
        if self._layout is None or self._layout.width != width:
            self._layout = Layout(self.article, width)
            self.virtual_size = Size(width, self._layout.rows)
        return self._layout

    def on_resize(self) -> None:
        self.layout_  # noqa: B018 - re-wraps to the new width

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def style_for(self, layers: tuple[str, ...]) -> Style:
        """The combined rich style of some component classes, cached."""
        style = self._styles.get(layers)
        if style is None:
            style = self._styles[layers] = layered_style(self, layers)
        return style

    def render_line(self, y: int) -> Strip:
        layout = self.layout_
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        span = layout.row_span(row) if row < layout.rows else None
        if span is None:
            return Strip.blank(width, self.rich_style)
        start, end = span
        layers = self._layers(start, end)
        segments = []
        run_start = start
        for position in range(start + 1, end + 1):
            if position == end or layers[position - start] != layers[run_start - start]:
                shown = "".join(map(display_char, self.article.text[run_start:position]))
                segments.append(Segment(shown, self.style_for(layers[run_start - start])))
                run_start = position
        return Strip(segments).crop_extend(0, width, self.rich_style)

    def _layers(self, start: int, end: int) -> list[tuple[str, ...]]:
        layers: list[tuple[str, ...]] = [()] * (end - start)
        current = self._current_span()
        for span_start, span_end, kind in self.marked.spans:
            if span_end <= start or span_start >= end:
                continue
            names = (f"changes--{kind}",)
            if current is not None and (span_start, span_end) == current:
                names += ("changes--current",)
            for position in range(max(span_start, start), min(span_end, end)):
                layers[position - start] = names
        return layers

    def _current_span(self) -> tuple[int, int] | None:
        if self.current is None:
            return None
        stop = self.marked.stops[self.current]
        for span_start, span_end, _kind in self.marked.spans:
            if span_start >= stop:
                return span_start, span_end
        return None

    def go_to(self, index: int) -> None:
        """Stop at change `index`: scroll it into view and outline it."""
        self.current = index
        row = self.layout_.row_of(self.marked.stops[index])
        height = self.scrollable_content_region.height
        if not self.scroll_offset.y <= row < self.scroll_offset.y + height:
            self.scroll_to(y=max(row - height // 3, 0), animate=False)
        self.refresh()
