"""Provides CardPane: the context card on show, its see-also links, and its mentions.

All card text is shown as plain text (rich `Text`, never markup); the model has already replaced
control characters with visible symbols. The Markdown body is rendered by Rich's Markdown
(text nodes stay text), imported on first use so it does not slow the first screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.dom import NoScreen
from textual.message import Message
from textual.widgets import Static

from annotations.cards.model import Card, Source
from annotations.reading import Reading
from annotations.text.sanitize import display_text
from reader import bindings

MAX_SNIPPETS = 30
"""Mentions listed with a snippet; the rest are counted (a name in War and Peace has hundreds)."""
SNIPPET_CONTEXT = 30


class CardPane(VerticalScroll, can_focus=True):
    """Shows one card, or an overview of the article's cards when none is chosen."""

    BINDINGS = bindings.CARD

    @dataclass
    class OpenCard(Message):
        """The reader chose a see-also link to `card_id`."""

        card_id: str

    @dataclass
    class Leave(Message):
        """The reader left the card pane (back to the article)."""

    def __init__(self, reading: Reading, *, show_later: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading = reading
        self.show_later = show_later
        """Whether the card's "After the article" entries are shown (the app's setting)."""
        self.card: Card | None = None
        self.link_index = 0
        self.extra_text: Text | None = None
        """Text shown above the card (the note under the cursor), or None."""

    def compose(self):
        yield Static(id="card-extra")
        # Title, summary, body and sources in one widget: each widget costs start-up time.
        yield Static(id="card-text")

    def on_mount(self) -> None:
        self.refresh_card()

    # Showing -----------------------------------------------------------------------------------

    def show(self, card: Card | None, extra: Text | None = None) -> None:
        """Show `card` (None: the overview), with `extra` text (a note) above it."""
        if card is self.card:
            if extra != self.extra_text:
                # Only the note changed (a highlight added or undone): the card, often long,
                # is not drawn again.
                self.extra_text = extra
                self._show_extra()
            return
        self.link_index = 0
        self.scroll_home(animate=False)
        self.card = card
        self.extra_text = extra
        self.refresh_card()

    def refresh_card(self) -> None:
        self._show_extra()
        shown = self.query_one("#card-text", Static)
        if self.card is None:
            shown.update(self.overview())
            return
        parts = [self.card_head(self.card)]
        body = self.card.body
        if body and body.strip():
            # Imported on first use: Markdown parsing is not needed for the first screen.
            from rich.markdown import Markdown

            parts += [Text(), Markdown(body, hyperlinks=False)]
        parts += [Text(), self.card_tail(self.card)]
        shown.update(Group(*parts))

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
            f"{len(reading.cards.cards)} cards, {len(reading.links.mentions)} mentions. "
            "Tab moves to the next linked name; its card shows here. "
            "Enter goes into the card; ? lists every key.\n\n",
            style="italic",
        )
        for card in sorted(reading.cards.cards, key=lambda c: (c.kind, c.title.casefold())):
            count = len(reading.links.of_card(card.id))
            text.append(f"• {card.title}", style="bold")
            text.append(f"  {card.kind}, {count}×\n")
        return text

    def card_head(self, card: Card) -> Text:
        text = Text()
        text.append(card.title, style="bold")
        text.append(f"  ({card.kind})\n", style="italic")
        text.append(card.summary)
        return text

    def card_tail(self, card: Card) -> Text:
        text = Text()
        if card.erratum:
            text.append("Erratum: ", style="bold reverse")
            text.append(card.erratum + "\n\n")
        text.append(f"As of {card.as_of.isoformat()}\n", style="italic")
        if card.sources:
            text.append("\nSources\n", style="bold")
            for source in card.sources:
                self._append_source(text, source)
        if card.later:
            self._append_later(text, card)
        links = self.see_also()
        if links:
            text.append("\nSee also", style="bold")
            text.append("  (Tab, then Enter)\n", style="italic")
            for index, other in enumerate(links):
                chosen = self.has_focus and index == self.link_index
                text.append(f"→ {other.title}", style="reverse" if chosen else "underline")
                text.append(f" ({other.kind})\n")
        mentions = self.reading.links.of_card(card.id)
        times = "once" if len(mentions) == 1 else f"{len(mentions)} times"
        text.append(f"\nMentioned {times}\n", style="bold")
        article_text = self.reading.article.text
        for mention in mentions[:MAX_SNIPPETS]:
            before = article_text[max(0, mention.start - SNIPPET_CONTEXT) : mention.start]
            after = article_text[mention.end : mention.end + SNIPPET_CONTEXT]
            text.append("…" + display_text(before).lstrip())
            text.append(display_text(article_text[mention.start : mention.end]), style="bold")
            text.append(display_text(after).rstrip() + "…\n")
        if len(mentions) > MAX_SNIPPETS:
            text.append(f"…and {len(mentions) - MAX_SNIPPETS} more (] and [ visit them)\n")
        return text

    @staticmethod
    def _append_source(text: Text, source: Source, indent: str = "", style: str = "") -> None:
        text.append(f"{indent}• {source.title}\n", style=style)
        credit = source.credit()
        if credit:
            text.append(f"{indent}  {credit}\n", style=f"{style} italic".strip())
        text.append(f"{indent}  {source.url}\n", style=style)
        if source.archived:
            text.append(f"{indent}  archived: {source.archived}\n", style=style)

    def _append_later(self, text: Text, card: Card) -> None:
        published = self.reading.cards.info.published
        date = published.isoformat() if published else "its date"
        count = len(card.later)
        if not self.show_later:
            entries = "entry" if count == 1 else "entries"
            text.append(
                f"\nAfter the article: {count} {entries} hidden ({self._later_key()} shows them)\n",
                style="dim",
            )
            return
        text.append(f"\nAfter the article ({date})\n", style="bold dim")
        for entry in card.later:
            text.append(f"{entry.date.isoformat()}  ", style="dim bold")
            text.append(f"{entry.text}\n", style="dim")
            for source in entry.sources:
                self._append_source(text, source, indent="  ", style="dim")

    def _later_key(self) -> str:
        """The key in force for "After the article" (it can be remapped)."""
        try:
            bindings = self.screen.active_bindings.values()
        except NoScreen:  # not mounted yet: the default key
            return "L"
        for active in bindings:
            if active.binding.id == "app.toggle-later":
                return active.binding.key
        return "L"

    def see_also(self) -> list[Card]:
        if self.card is None:
            return []
        by_id = self.reading.cards.by_id
        return [by_id[card_id] for card_id in self.card.see_also if card_id in by_id]

    # Focus and links ---------------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh_card()

    def on_blur(self) -> None:
        self.refresh_card()

    def action_link_next(self) -> None:
        self._step_link(1)

    def action_link_previous(self) -> None:
        self._step_link(-1)

    def _step_link(self, step: int) -> None:
        links = self.see_also()
        if not links:
            self.app.bell()
            return
        self.link_index = (self.link_index + step) % len(links)
        self.refresh_card()

    def action_open_link(self) -> None:
        links = self.see_also()
        if not links:
            self.app.bell()
            return
        self.post_message(self.OpenCard(links[self.link_index].id))

    def action_leave(self) -> None:
        self.post_message(self.Leave())
