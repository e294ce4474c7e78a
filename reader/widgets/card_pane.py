"""Provides CardPane: the context card on show, its see-also links, and its mentions.

All card text is shown as plain text (rich `Text`, never markup); the model has already replaced
control characters with visible symbols. The Markdown body is rendered by Rich's Markdown
(text nodes stay text), imported on first use so it does not slow the first screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.dom import NoScreen
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from annotations.cards.model import Card, Source
from annotations.reading import Reading
from annotations.text.sanitize import display_text
from reader import bindings
from reader.widgets.contrast import readable_style

MAX_SNIPPETS = 30
"""Mentions listed with a snippet; the rest are counted (a name in War and Peace has hundreds)."""
SNIPPET_CONTEXT = 30


class CardPane(VerticalScroll, can_focus=True):
    """Shows one card, or an overview of the article's cards when none is chosen."""

    BINDINGS = bindings.CARD

    COMPONENT_CLASSES = {"card-pane--hint"}

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
        self.link_index: int | None = None
        """The see-also link chosen with Tab (shown highlighted), or None before the first Tab."""
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
        self.link_index = None
        self.scroll_home(animate=False)
        self.card = card
        self.extra_text = extra
        self.refresh_card()

    def refresh_card(self) -> None:
        self._show_extra()
        shown = self.query_one("#card-text", Static)
        links = self.query_one("#card-links", Static)
        if self.card is None and self.extra_text is not None:
            # A note on words no card names: the note alone, not the whole overview under it.
            shown.update(Text("No card names these words.", style="italic"))
            links.update("")
            return
        if self.card is None:
            shown.update(self.overview())
            links.update("")
            return
        parts = [self.card_head(self.card)]
        body = self.card.body
        if body and body.strip():
            # Imported on first use: Markdown parsing is not needed for the first screen.
            from rich.markdown import Markdown

            parts += [Text(), Markdown(body, hyperlinks=False)]
        parts += [Text(), self.card_tail(self.card)]
        shown.update(Group(*parts))
        links.update(self.card_links(self.card))

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
        return text

    def card_links(self, card: Card) -> Text:
        """The see-also links (the chosen one highlighted) and the mentions, with snippets."""
        text = Text()
        links = self.see_also()
        if links:
            text.append("\nSee also", style="bold")
            text.append("  (Tab, then Enter; or click)\n", style="italic")
            for index, other in enumerate(links):
                chosen = self.has_focus and index == self.link_index
                # The meta says which link a click landed on (see on_click).
                look = Style(reverse=chosen, bold=chosen, underline=not chosen)
                label = self.hints.get(index)
                if label is not None and label.startswith(self.hint_typed):
                    text.append(f" {label.upper()} ", style=self._hint_style())
                    text.append(" ")
                text.append(f"→ {other.title}", style=look + Style(meta={"see_also": index}))
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

    def _hint_style(self) -> Style:
        style = self.rich_style + self.get_component_rich_style("card-pane--hint", partial=True)
        return readable_style(style, self.rich_style)

    def show_hints(self, hints: dict[int, str], typed: str = "") -> None:
        """Show `hints` (see-also index -> label) before the links; {} hides them."""
        if (hints, typed) != (self.hints, self.hint_typed):
            self.hints, self.hint_typed = hints, typed
            if self.card is not None:
                self.query_one("#card-links", Static).update(self.card_links(self.card))

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
        self.link_index = None  # a choice made before Esc is not kept, unseen, for next time
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
        if self.link_index is None:
            self.link_index = 0 if step > 0 else len(links) - 1
        else:
            self.link_index = (self.link_index + step) % len(links)
        self._show_chosen()

    def _show_chosen(self) -> None:
        self.refresh_card()
        self.call_after_refresh(self._scroll_to_chosen)

    def _scroll_to_chosen(self) -> None:
        """Scroll the chosen link into view (a long card has its links far down)."""
        if self.link_index is None:
            return
        shown = self.query_one("#card-links", Static)
        width = max(shown.content_region.width, 1)
        row = 2  # the blank line and "See also"
        for other in self.see_also()[: self.link_index]:
            row += len(Text(f"→ {other.title} ({other.kind})").wrap(self.app.console, width))
        top = shown.virtual_region.y
        self.scroll_to_region(Region(0, top + row, 1, 1), animate=False, immediate=True)

    def action_open_link(self) -> None:
        links = self.see_also()
        if not links:
            self.app.bell()
            return
        if self.link_index is None:  # nothing chosen yet: show the first, open on the next Enter
            self.link_index = 0
            self._show_chosen()
            return
        self.post_message(self.OpenCard(links[self.link_index].id))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("see_also")
        links = self.see_also()
        if isinstance(index, int) and index < len(links):
            self.link_index = index
            self.post_message(self.OpenCard(links[index].id))

    def action_leave(self) -> None:
        self.post_message(self.Leave())
