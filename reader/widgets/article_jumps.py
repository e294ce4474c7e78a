"""Provides ArticleJumps: the article view's moves to elsewhere in the text, and jump hints.

A jump (the top, the bottom, a mark, a hint, a name chosen from a list, and later a search) goes
through `ArticleView.jump_to`, the one place that remembers where the cursor came from, so `''`
goes back there. Tab, `]` and `[` step from name to name and are moves, not jumps, as in vim.
Jump hints are drawn over the text: each label covers the first letters of its target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from annotations.text import motion
from annotations.text.jumps import JumpList
from reader.widgets.wrap import Layout, char_width

if TYPE_CHECKING:
    from annotations.notes.placed import PlacedNotes
    from annotations.reading import Reading

HINT = "article--hint"
HINT_TYPED = "article--hint-typed"


class ArticleJumps:
    """Jumps, name-to-name steps and hint labels, for ArticleView (which supplies the rest)."""

    # What the host (ArticleView) provides:
    reading: Reading
    text: str
    cursor: int
    notes: PlacedNotes
    shown_card_id: str | None
    Notice: type[Message]

    def move_to(self, offset: int, *, keep_goal: bool = False, went: bool = False) -> None:
        raise NotImplementedError

    def cursor_span(self) -> tuple[int, int] | None:
        raise NotImplementedError

    @property
    def layout_(self) -> Layout:
        raise NotImplementedError

    def _first_offset(self) -> int:
        raise NotImplementedError

    def init_jumps(self) -> None:
        """Called from the host's __init__."""
        self.jumps = JumpList()
        """Where the last jump came from, for `''`."""
        self.hints: dict[int, str] = {}
        """The hint labels on show, by the offset of their target (empty: none shown)."""
        self.hint_typed = ""
        """The letters of a hint typed so far."""
        self._hint_cells: dict[int, tuple[str, str]] = {}

    # Jumps -------------------------------------------------------------------------------------

    def jump_to(self, offset: int) -> None:
        """Go to `offset` as a jump: the card there shows, and `''` comes back here.

        Every jump goes through this (top, bottom, marks, hints, the notes list; search and the
        cards index call it too), so the way back is always to where the last jump began.
        """
        origin = self.cursor
        self.move_to(offset, went=True)
        self.record_jump(origin)

    def record_jump(self, origin: int) -> None:
        """A jump from `origin` to the cursor was made (by a search, say): `''` goes back."""
        self.jumps.record(origin, self.cursor)

    def jump_back(self) -> bool:
        """`''`: back to where the cursor was before the last jump; False if none was made."""
        target = self.jumps.back(self.cursor)
        if target is None:
            return False
        self.move_to(target, went=True)
        return True

    def action_top(self) -> None:
        self.jump_to(self._first_offset())

    def action_bottom(self) -> None:
        """To the last word of the text, with the last line in view (not the last paragraph's
        start, which in a one-paragraph text is the top)."""
        if self.text.strip():
            self.jump_to(motion.last_word_start(self.text))
            self.scroll_end(animate=False, immediate=True, x_axis=False)  # type: ignore[attr-defined]

    # Name to name ------------------------------------------------------------------------------

    def _next_stop(self, offset: int) -> int | None:
        """The first linked name or note starting after `offset`."""
        mention = self.reading.links.next_after(offset)
        stops = [mention.start] if mention else []
        note = self.notes.next_note_start(offset)
        if note is not None and note > offset:
            stops.append(note)
        return min(stops) if stops else None

    def _previous_stop(self, offset: int) -> int | None:
        """The last linked name or note starting before `offset`."""
        mention = self.reading.links.previous_before(offset)
        stops = [mention.start] if mention else []
        note = self.notes.next_note_start(offset, backwards=True)
        if note is not None and note < offset:
            stops.append(note)
        return max(stops) if stops else None

    def _say(self, text: str) -> None:
        self.post_message(self.Notice(text))  # type: ignore[attr-defined, call-arg]

    def _bell(self) -> None:
        self.app.bell()  # type: ignore[attr-defined]

    def action_link_next(self) -> None:
        stop = self._next_stop(self.cursor)
        if stop is None:  # past the last one: wrap round to the first, and say so
            stop = self._next_stop(-1)
            if stop is None or stop == self.cursor:
                self._bell()
                return
            self._say("Back to the first linked name (wrapped round)")
        self.move_to(stop, went=True)

    def action_link_previous(self) -> None:
        current = self.cursor_span()
        here = min(current[0], self.cursor) if current else self.cursor
        stop = self._previous_stop(here)
        if stop is None:
            stop = self._previous_stop(len(self.text) + 1)
            if stop is None or stop == here:
                self._bell()
                return
            self._say("On to the last linked name (wrapped round)")
        self.move_to(stop, went=True)

    def action_mention_next(self) -> None:
        self._mention_step(1)

    def action_mention_previous(self) -> None:
        self._mention_step(-1)

    def _mention_step(self, direction: int) -> None:
        if self.shown_card_id is None:
            self._bell()
            return
        mentions = self.reading.links.of_card(self.shown_card_id)
        if direction > 0:
            target = next((m for m in mentions if m.start > self.cursor), None)
        else:
            here = self.reading.links.at(self.cursor)
            limit = here.start if here else self.cursor
            target = next((m for m in reversed(mentions) if m.start < limit), None)
        if target is None and mentions:  # past the last (or first) one: wrap round
            target = mentions[0] if direction > 0 else mentions[-1]
            where = "first" if direction > 0 else "last"
            self._say(f"Back to the {where} mention (wrapped round)")
        if target is None or target.start == self.cursor:
            self._bell()
        else:
            self.move_to(target.start, went=True)

    # Hints -------------------------------------------------------------------------------------

    def visible_span(self) -> tuple[int, int]:
        """The [start, end) offsets of the text on screen."""
        layout = self.layout_
        top = self.scroll_offset.y  # type: ignore[attr-defined]
        height = max(self.scrollable_content_region.height, 1)  # type: ignore[attr-defined]
        start = end = None
        for row in range(top, min(top + height, layout.rows)):
            span = layout.row_span(row)
            if span is not None:
                start = span[0] if start is None else start
                end = span[1]
        return (start, end) if start is not None and end is not None else (0, 0)

    def hint_targets(self) -> list[int]:
        """The starts of the linked names and notes on screen, in reading order."""
        start, end = self.visible_span()
        found = {m.start for m in self.reading.links.in_range(start, end) if m.start >= start}
        for note_start, _end, _color, _approximate in self.notes.note_spans(start, end):
            if start <= note_start < end:
                found.add(note_start)
        return sorted(found)

    def show_hints(self, hints: dict[int, str], typed: str = "") -> None:
        """Draw `hints` (target offset -> label) over the text; typed letters show apart."""
        self.hints, self.hint_typed = hints, typed
        self._hint_cells = self._cells_for(hints, typed)
        self.refresh()  # type: ignore[attr-defined]

    def _cells_for(self, hints: dict[int, str], typed: str) -> dict[int, tuple[str, str]]:
        """offset -> (what is drawn there, its component class), for every label still possible.

        A label starts on its target and stays on the target's row: near the row's end it
        moves left so that all of it shows.
        """
        layout = self.layout_
        cells: dict[int, tuple[str, str]] = {}
        for offset, label in hints.items():
            if not label.startswith(typed):
                continue
            span = layout.row_span(layout.row_of(offset))
            if span is None:
                continue
            first = max(span[0], min(offset, span[1] - len(label)))
            for index, letter in enumerate(label.upper()):
                position = first + index
                if position >= span[1]:
                    break
                # A wide character keeps its cells, so the rest of the row does not shift.
                shown = letter + " " * max(char_width(self.text[position]) - 1, 0)
                cells[position] = (shown, HINT_TYPED if index < len(typed) else HINT)
        return cells

    def hint_cells(self, start: int, end: int) -> dict[int, tuple[str, str]]:
        """The hint cells within [start, end) (usually none)."""
        if not self._hint_cells:
            return {}
        return {o: cell for o, cell in self._hint_cells.items() if start <= o < end}
