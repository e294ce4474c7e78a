"""Provides CardsIndex: every card of the article by kind, with its mention count and a bar of
where its mentions fall; typing filters by title and alias; Enter shows the card at its first
mention. Cards the article never mentions are listed apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from annotations.cards.xray import SortBy, cards_index, distribution_bar
from annotations.reading import Reading
from annotations.text.sanitize import display_text
from reader import bindings
from reader.widgets.card_targets import personal_mark

MIN_TITLE = 20
"""The name column takes up to half the width, never less than this; longer names end in an
ellipsis."""
MIN_BAR = 8
MAX_BAR = 60
COUNT_WIDTH = 6
"""Room for "12345×"."""
KIND_NAMES = {"organisation": "Organisations", "thing": "Things", "person": "People"}
"""How a kind is headed (the others take an s)."""


@dataclass(frozen=True)
class IndexChoice:
    """What the reader did in the index: the card to show (None: closed), and the sort in use."""

    card_id: str | None
    sort: SortBy


def kind_heading(kind: str, count: int) -> str:
    return f"{KIND_NAMES.get(kind, kind.capitalize() + 's')} ({count})"


def card_label(title: str, alias: str) -> str:
    """A card's name in the index, with the alias the filter matched if not the title."""
    name = display_text(title)
    return f"{name} ({display_text(alias)})" if alias else name


def padded(name: str, width: int) -> str:
    """`name` in a column `width` wide: padded, or cut with an ellipsis."""
    return name.ljust(width) if len(name) <= width else name[: width - 1] + "…"


class CardsIndex(ModalScreen[IndexChoice]):
    """The cards index (`x`): filter as you type, Enter shows a card, ctrl+s changes the sort."""

    BINDINGS = bindings.CARDS_INDEX

    def __init__(self, reading: Reading, sort: SortBy = "name") -> None:
        super().__init__()
        self.reading = reading
        self.sort: SortBy = sort
        """By name, or by mentions (most first), within each kind."""
        self._filled_width = -1

    def compose(self):
        with Vertical():
            yield Static(id="index-heading")
            yield Input(placeholder="type to filter by title or alias", id="index-filter")
            yield OptionList(id="index-options")
            yield Static(id="index-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.fill()

    def on_resize(self) -> None:
        # The bars take the width there is (known once laid out): drawn again when it changed.
        if self.query_one(OptionList).scrollable_content_region.width != self._filled_width:
            self.fill()

    @on(Input.Changed)
    def filter_changed(self) -> None:
        self.fill(keep=False)

    def refill(self) -> None:
        """Draw again (the mentions were found in the background while the index was open)."""
        self.fill()

    def _key(self, action: str) -> str:
        for active in self.active_bindings.values():
            if active.binding.action == action:
                return self.app.get_key_display(active.binding)
        return "?"

    def fill(self, *, keep: bool = True) -> None:
        """List the cards the filter matches; `keep` the highlighted card highlighted."""
        options = self.query_one(OptionList)
        kept = None
        if keep and options.highlighted is not None and options.option_count:
            kept = options.get_option_at_index(options.highlighted).id
        query = self.query_one(Input).value
        found = cards_index(self.reading.cards.cards, self.reading.links, query, self.sort)
        entries = found.entries
        names = {entry.card.id: card_label(entry.card.title, entry.alias) for entry in entries}
        self._filled_width = options.scrollable_content_region.width
        room = self._filled_width or 80
        widest = max((len(name) for name in names.values()), default=0)
        title_width = min(widest, max(MIN_TITLE, room // 2 - 4))
        bar_width = min(max(room - title_width - COUNT_WIDTH - 8, MIN_BAR), MAX_BAR)
        length = len(self.reading.article.text)

        options.clear_options()
        for kind, group in found.groups:
            options.add_option(
                Option(Text(kind_heading(kind, len(group)), style="bold"), disabled=True)
            )
            for entry in group:
                line = Text(f"  {padded(names[entry.card.id], title_width)}  ")
                line.append(f"{entry.count:>{COUNT_WIDTH - 1}}×  ", style="bold")
                line.append(distribution_bar(entry.starts, length, bar_width))
                line.append(personal_mark(entry.card))
                options.add_option(Option(line, id=entry.card.id))
        if found.unmentioned:
            apart = (
                "Not mentioned in this article" if self.reading.linked else "Mentions not found yet"
            )
            apart += f" ({len(found.unmentioned)})"
            options.add_option(Option(Text(apart, style="bold"), disabled=True))
            for entry in found.unmentioned:
                line = Text(f"  {padded(names[entry.card.id], title_width)}  ")
                line.append(entry.card.kind, style="italic")
                line.append(personal_mark(entry.card))
                options.add_option(Option(line, id=entry.card.id))
        if not entries:
            empty = "No card matches." if self.reading.cards.cards else "This article has no cards."
            options.add_option(Option(Text(empty, style="italic"), disabled=True))
        self._highlight(options, kept)
        self._describe(len(entries))

    def _highlight(self, options: OptionList, card_id: str | None) -> None:
        indexes = [
            i for i in range(options.option_count) if not options.get_option_at_index(i).disabled
        ]
        if not indexes:
            options.highlighted = None
            return
        chosen = [i for i in indexes if options.get_option_at_index(i).id == card_id]
        options.highlighted = chosen[0] if chosen else indexes[0]

    def _describe(self, shown: int) -> None:
        total = len(self.reading.cards.cards)
        order = "by mentions, most first" if self.sort == "mentions" else "by name"
        heading = Text(f"Cards index: {shown} of {total} cards, by kind, {order}", style="bold")
        if not self.reading.linked:
            heading.append("  (still finding the mentions…)", style="italic")
        self.query_one("#index-heading", Static).update(heading)
        other = "name" if self.sort == "mentions" else "mentions"
        self.query_one("#index-help", Static).update(
            Text(
                f"{self._key('open')} show the card at its first mention · "
                f"{self._key('toggle_sort')} sort by {other} · {self._key('close')} close · "
                "bars: the article, start to end"
            )
        )

    # Actions -----------------------------------------------------------------------------------

    def action_open(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            self.app.bell()
            return
        self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)  # a click

    def _choose(self, card_id: str | None) -> None:
        if card_id is None:
            self.app.bell()
            return
        self.dismiss(IndexChoice(card_id, self.sort))

    def action_toggle_sort(self) -> None:
        self.sort = "name" if self.sort == "mentions" else "mentions"
        self.fill()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_page(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_page_down()
        else:
            options.action_page_up()

    def action_close(self) -> None:
        self.dismiss(IndexChoice(None, self.sort))
