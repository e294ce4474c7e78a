"""Provides CardPane: the context card on show, its see-also links, mentions and linked-from.

All card text is shown as plain text (rich `Text`, never markup); the model has already replaced
control characters with visible symbols. The Markdown body is rendered by Rich's Markdown
(text nodes stay text), imported on first use so it does not slow the first screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.dom import NoScreen
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from annotations.cards.linking import Mention
from annotations.cards.model import Card
from annotations.cards.xray import next_mention
from annotations.reading import Reading
from annotations.text.sanitize import display_text
from reader import bindings
from reader.widgets.card_targets import (
    Looks,
    Target,
    TargetLines,
    card_lines,
    overview_lines,
    see_also_cards,
)
from reader.widgets.card_text import append_later, append_source
from reader.widgets.contrast import readable_style


class CardPane(VerticalScroll, can_focus=True):
    """Shows one card, or an overview of the article's cards when none is chosen."""

    BINDINGS = bindings.CARD

    COMPONENT_CLASSES = {"card-pane--mention", "card-pane--hint"}
    """The mention in its line of context; a jump hint's label (both kept legible)."""

    @dataclass
    class OpenCard(Message):
        """The reader chose a see-also or linked-from link to `card_id`."""

        card_id: str

    @dataclass
    class GoToCard(Message):
        """The reader opened `card_id` from the overview: show it at its first mention."""

        card_id: str

    @dataclass
    class JumpTo(Message):
        """The reader chose one of the card's mentions: put the article's cursor there."""

        mention: Mention
        stay: bool = False
        """Keep the focus in the pane (] and [ step through the mentions from here)."""
        notice: str = ""
        """What to tell the reader ("wrapped round"), if anything."""

    @dataclass
    class Leave(Message):
        """The reader left the card pane (back to the article)."""

    @dataclass
    class EditCard(Message):
        """The reader asked to edit the card on show (None: the overview is on show)."""

        card: Card | None

    @dataclass
    class DeleteCard(Message):
        """The reader asked to delete the card on show (None: the overview is on show)."""

        card: Card | None

    def __init__(self, reading: Reading, *, show_later: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading = reading
        self.show_later = show_later
        """Whether the card's "After the article" entries are shown (the app's setting)."""
        self.card: Card | None = None
        self.chosen: int | None = None
        """The line chosen with Tab (shown highlighted): a link, a mention or, in the overview, a
        card; an index into `targets`, or None before the first Tab."""
        self.targets: list[Target] = []  # the lines that can be chosen, as last drawn
        self.target_lines: list[int] = []  # the line of the links text each target is on
        self.cursor = 0  # the article's cursor (the screen keeps it told): ] and [ go on from it
        self.extra_text: Text | None = None
        """Text shown above the card (the note under the cursor), or None."""
        self.hints: dict[int, str] = {}
        """Jump-hint labels on show, by see-also link index (empty: none)."""
        self.hint_typed = ""

    def compose(self):
        yield Static(id="card-extra")
        # Title, summary, body and sources in one widget: each widget costs start-up time. The
        # see-also links and mentions in another, so a chosen link can be scrolled into view.
        yield Static(id="card-text")
        yield Static(id="card-links")

    def on_resize(self) -> None:
        self.refresh_card()  # each mention's context is one line of the pane's width

    def on_mount(self) -> None:
        self.refresh_card()

    # Showing -----------------------------------------------------------------------------------

    def show(self, card: Card | None, extra: Text | None = None) -> None:
        """Show `card` (None: the overview), with `extra` text (a note) above it."""
        # With no card, a note coming or going swaps the overview and the "no card" line.
        same_body = card is not None or (extra is None) == (self.extra_text is None)
        if card is self.card and same_body:
            if extra != self.extra_text:
                # Only the note changed (a highlight added or undone): the card, often long,
                # is not drawn again.
                self.extra_text = extra
                self._show_extra()
            return
        self.chosen = None
        self.scroll_home(animate=False)
        self.card = card
        self.extra_text = extra
        self.refresh_card()

    def refresh_card(self) -> None:
        self._show_extra()
        shown = self.query_one("#card-text", Static)
        if self.card is None and self.extra_text is not None:
            # A note on words no card names: the note alone, not the whole overview under it.
            shown.update(Text("No card names these words.", style="italic"))
            self._show_lines(self.query_one("#card-links", Static), TargetLines())
            return
        if self.card is None:
            shown.update(self.overview())
            self.refresh_links()
            return
        parts = [self.card_head(self.card)]
        body = self.card.body
        if body and body.strip():
            # Imported on first use: Markdown parsing is not needed for the first screen.
            from rich.markdown import Markdown

            parts += [Text(), Markdown(body, hyperlinks=False)]
        parts += [Text(), self.card_tail(self.card)]
        shown.update(Group(*parts))
        self.refresh_links()

    def refresh_links(self) -> None:
        """Draw the choosable lines again (the card above them, often long, is left as is)."""
        links = self.query_one("#card-links", Static)
        if self.card is None:
            lines = overview_lines(self.reading, chosen=self._chosen(), looks=self.looks())
        else:
            lines = self.card_links(self.card)
        self._show_lines(links, lines)

    def _show_lines(self, links: Static, lines: TargetLines) -> None:
        self.targets, self.target_lines = lines.targets, lines.lines
        if self.chosen is not None and self.chosen >= len(self.targets):
            self.chosen = None
        links.update(lines.text)

    def _chosen(self) -> int | None:
        """The chosen line, drawn as chosen only while the pane has focus."""
        return self.chosen if self.has_focus else None

    def looks(self) -> Looks:
        """The highlights of a mention in its context and of a hint, legible on the pane."""
        base = self.rich_style
        mention = self.get_component_rich_style("card-pane--mention", partial=True)
        hint = self.get_component_rich_style("card-pane--hint", partial=True)
        return Looks(readable_style(base + mention, base), hint=readable_style(base + hint, base))

    def card_links(self, card: Card) -> TargetLines:
        """See also, the mentions in context, and Linked from; the chosen one highlighted."""
        width = self.query_one("#card-links", Static).content_region.width or self.size.width
        return card_lines(
            self.reading,
            card,
            chosen=self._chosen(),
            width=width - 1,
            looks=self.looks(),
            hints=(self.hints, self.hint_typed),
        )

    def set_show_later(self, show: bool) -> None:
        """Show or hide the entries dated after the article, and redraw."""
        if show != self.show_later:
            self.show_later = show
            self.refresh_card()

    def _show_extra(self) -> None:
        extra = self.query_one("#card-extra", Static)
        extra.display = self.extra_text is not None
        extra.update(self.extra_text or "")

    def overview(self) -> Text:
        reading = self.reading
        text = Text()
        text.append(display_text(reading.title), style="bold")
        text.append("\n\n")
        if not reading.cards.cards:
            text.append(reading.cards_note or "This article has no cards.")
            return text
        text.append(
            f"{len(reading.cards.cards):,} cards, {len(reading.links.mentions):,} mentions. "
            "Tab moves to the next linked name; its card shows here. "
            f"Enter goes into this pane, where Tab picks a card and Enter opens it; "
            f"{self._key('screen.cards-index', 'x')} lists them all; ? lists every key.\n",
            style="italic",
        )
        return text

    def card_head(self, card: Card) -> Text:
        text = Text()
        text.append(card.title, style="bold")
        text.append(f"  ({card.kind}{' · yours' if card.personal else ''})\n", style="italic")
        text.append(card.summary)
        for clash in self.reading.clashes.get(card.id, ()):
            text.append("\nAlias clash: ", style="bold reverse")
            text.append(clash.describe())
        return text

    def card_tail(self, card: Card) -> Text:
        text = Text()
        if card.erratum:
            text.append("Erratum: ", style="bold reverse")
            text.append(card.erratum + "\n\n")
        if card.personal:
            text.append(
                f"Your own card, last changed {card.as_of.isoformat()}"
                f" ({self._key('card.edit', 'E')} edits,"
                f" {self._key('card.delete', 'd')} deletes)\n",
                style="italic",
            )
        else:
            text.append(f"As of {card.as_of.isoformat()}\n", style="italic")
        if card.sources:
            text.append("\nSources\n", style="bold")
            for source in card.sources:
                append_source(text, source)
        if card.later:
            key = self._key("app.toggle-later", "L")
            published = self.reading.cards.info.published
            append_later(text, card, shown=self.show_later, published=published, key=key)
        return text

    def see_also(self) -> list[Card]:
        """The card's see-also links, in order (those naming a card that exists)."""
        return see_also_cards(self.reading, self.card) if self.card else []

    def show_hints(self, hints: dict[int, str], typed: str = "") -> None:
        """Show `hints` (see-also index -> label) before the links; {} hides them."""
        if (hints, typed) != (self.hints, self.hint_typed):
            self.hints, self.hint_typed = hints, typed
            if self.card is not None:
                self.refresh_links()

    def see_also_on_screen(self) -> list[int]:
        """The indices of the see-also links in view now (none while the pane is hidden)."""
        links = self.see_also()
        if not links or not self.display or self.region.area == 0:
            return []
        shown = self.query_one("#card-links", Static)
        width = max(shown.content_region.width, 1)
        top = self.scroll_offset.y
        bottom = top + self.scrollable_content_region.height
        row = shown.virtual_region.y + 2  # the blank line and "See also"
        found = []
        for index, other in enumerate(links):
            if top <= row < bottom:
                found.append(index)
            row += len(Text(f"→ {other.title} ({other.kind})").wrap(self.app.console, width))
        return found

    def _key(self, binding_id: str, default: str) -> str:
        """The key in force for a binding (it can be remapped)."""
        try:
            bindings = self.screen.active_bindings.values()
        except NoScreen:  # not mounted yet: the default key
            return default
        for active in bindings:
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return default

    # Focus and links ---------------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh_links()  # the chosen line shows only while the pane has focus

    def on_blur(self) -> None:
        self.chosen = None  # a choice made before Esc is not kept, unseen, for next time
        self.refresh_links()

    def action_link_next(self) -> None:
        self._step_link(1)

    def action_link_previous(self) -> None:
        self._step_link(-1)

    def _step_link(self, step: int) -> None:
        if not self.targets:
            self.app.bell()
            return
        if self.chosen is None:
            self.chosen = 0 if step > 0 else len(self.targets) - 1
        else:
            self.chosen = (self.chosen + step) % len(self.targets)
        self._show_chosen()

    def _show_chosen(self) -> None:
        self.refresh_links()
        self.call_after_refresh(self._scroll_to_chosen)

    def _scroll_to_chosen(self) -> None:
        """Scroll the chosen line into view (a long card has its links far down)."""
        if self.chosen is None or self.chosen >= len(self.targets):
            return
        shown = self.query_one("#card-links", Static)
        width = max(shown.content_region.width, 1)
        lines = self._drawn_lines()
        before = lines[: self.target_lines[self.chosen]]
        row = sum(len(line.wrap(self.app.console, width)) for line in before)
        top = shown.virtual_region.y
        self.scroll_to_region(Region(0, top + row, 1, 1), animate=False, immediate=True)

    def _drawn_lines(self) -> list[Text]:
        if self.card is None:
            return overview_lines(self.reading, chosen=None).text.split("\n")
        return self.card_links(self.card).text.split("\n")

    def action_open_link(self) -> None:
        if not self.targets:
            self.app.bell()
            return
        if self.chosen is None:  # nothing chosen yet: show the first, open on the next Enter
            self.chosen = 0
            self._show_chosen()
            return
        self._open(self.targets[self.chosen])

    def _open(self, target: Target) -> None:
        if target.mention is not None:
            self.post_message(self.JumpTo(target.mention))
        elif target.go:
            self.post_message(self.GoToCard(target.card_id))
        else:
            self.post_message(self.OpenCard(target.card_id))

    def action_mention_next(self) -> None:
        self._step_mention(1)

    def action_mention_previous(self) -> None:
        self._step_mention(-1)

    def _step_mention(self, step: int) -> None:
        """The article's cursor to this card's next (previous) mention, from the one chosen with
        Tab or else from the cursor; the focus stays here."""
        mentions = self.reading.links.of_card(self.card.id) if self.card else []
        if not mentions:
            self.app.bell()
            return
        chosen = self.targets[self.chosen] if self.chosen is not None else None
        from_number = chosen.number if chosen is not None and chosen.mention else None
        number, wrapped = next_mention(self.reading.links, mentions, from_number, self.cursor, step)
        where = "first" if step > 0 else "last"
        notice = f"Back to the {where} mention (wrapped round)" if wrapped else ""
        self.cursor = mentions[number].start
        listed = [i for i, t in enumerate(self.targets) if t.mention and t.number == number]
        self.chosen = listed[0] if listed else None
        self._show_chosen()
        self.post_message(self.JumpTo(mentions[number], stay=True, notice=notice))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("target")
        if isinstance(index, int) and index < len(self.targets):
            self.chosen = index
            self._open(self.targets[index])

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def action_edit_card(self) -> None:
        self.post_message(self.EditCard(self.card))

    def action_delete_card(self) -> None:
        self.post_message(self.DeleteCard(self.card))
