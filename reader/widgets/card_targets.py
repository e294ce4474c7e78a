"""Provides the lines of the card pane a reader can choose and open: see-also links, mentions
(each with a line of context) and the cards linking here, or, before any card is chosen, the
overview's list of every card.

Each chosen line is a Target: Tab steps through them, Enter opens one, a click lands on one (the
style's meta names it). The text is plain text (rich `Text`), never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from annotations.cards.linking import Mention
from annotations.cards.model import Card
from annotations.cards.xray import ELLIPSIS, linked_from, mention_context, one_line
from annotations.reading import Reading
from annotations.text.sanitize import display_text

MAX_SNIPPETS = 30
"""Mentions listed with their context; the rest are counted (a name in War and Peace has
hundreds), and ] and [ still step through all of them."""
OVERVIEW_UNMENTIONED = 50
"""The overview lists unmentioned cards too while there are at most this many (an article's own
cards); more (a card library's) are only counted."""
MIN_CONTEXT = 24
"""The fewest characters of a context line, however narrow the pane."""


@dataclass(frozen=True)
class Target:
    """One line the reader can open: a card, or a mention of the card on show."""

    card_id: str
    mention: Mention | None = None
    """The mention to jump to; None for a line that opens `card_id`."""
    number: int = 0
    """For a mention: its place among the card's mentions, from 0."""
    go: bool = False
    """Open the card with the cursor on its first mention (the overview, as the index does)."""


@dataclass
class TargetLines:
    """The pane's choosable lines, drawn: the text, and where each target is in it."""

    text: Text = field(default_factory=Text)
    targets: list[Target] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    """For each target, the line of `text` it is on (to scroll it into view)."""

    def add(self, target: Target, line: Text) -> None:
        """Add `target`'s line; a click on it names its index (see CardPane.on_click)."""
        line.apply_meta({"target": len(self.targets)})
        self.lines.append(self.text.plain.count("\n"))
        self.targets.append(target)
        self.text.append_text(line)
        self.text.append("\n")

    def heading(self, title: str, hint: str = "") -> None:
        self.text.append(f"\n{title}", style="bold")
        if hint:
            self.text.append(f"  ({hint})", style="italic")
        self.text.append("\n")


@dataclass(frozen=True)
class Looks:
    """How the pane draws what it highlights (from its component classes, made legible)."""

    mention: Style = field(default_factory=lambda: Style(bold=True))
    """The mention inside its line of context."""
    chosen: Style = field(default_factory=lambda: Style(reverse=True, bold=True))
    """The line chosen with Tab (or ] and [), while the pane has focus."""
    hint: Style = field(default_factory=lambda: Style(reverse=True, bold=True))
    """A jump hint's label before a see-also link (f)."""


def personal_mark(card: Card) -> str:
    """ " · yours" for a card the reader wrote (stored with their notes), else ""."""
    return " · yours" if card.personal else ""


def see_also_cards(reading: Reading, card: Card) -> list[Card]:
    """The cards `card` links to, in order (those that exist)."""
    by_id = reading.cards.by_id
    return [by_id[card_id] for card_id in card.see_also if card_id in by_id]


def card_lines(
    reading: Reading,
    card: Card,
    *,
    chosen: int | None,
    width: int,
    looks: Looks = Looks(),
    hints: tuple[dict[int, str], str] = ({}, ""),
) -> TargetLines:
    """See also, the mentions with their context, and Linked from, for `card`.

    `hints` are the jump-hint labels on show (see-also index -> label) and what has been typed
    of one: a label still matching stands before its link.
    """
    shown = TargetLines()
    see_also = see_also_cards(reading, card)
    if see_also:
        shown.heading("See also", "Tab, then Enter; or click")
        labels, typed = hints
        for index, other in enumerate(see_also):
            line = _card_line("→", other, chosen == len(shown.targets), looks)
            label = labels.get(index)
            if label is not None and label.startswith(typed):
                line = Text.assemble((f" {label.upper()} ", looks.hint), " ", line)
            shown.add(Target(other.id), line)

    mentions = reading.links.of_card(card.id)
    times = "once" if len(mentions) == 1 else f"{len(mentions)} times"
    shown.heading(f"Mentioned {times}", "Enter goes there" if mentions else "")
    for number, mention in enumerate(mentions[:MAX_SNIPPETS]):
        is_chosen = chosen == len(shown.targets)
        line, start, end = _mention_line(reading, mention, max(width - 2, MIN_CONTEXT))
        # On the chosen (reversed) line a colour would fight the reversal: bold and underline.
        line.stylize(Style(bold=True, underline=True) if is_chosen else looks.mention, start, end)
        if is_chosen:
            line.stylize(looks.chosen)
        shown.add(Target(card.id, mention, number), Text("  ").append_text(line))
    if len(mentions) > MAX_SNIPPETS:
        more = len(mentions) - MAX_SNIPPETS
        shown.text.append(f"{ELLIPSIS}and {more} more (] and [ step through them all)\n")

    linking = linked_from(reading.cards.cards, card.id)
    if linking:
        shown.heading("Linked from")
        for other in linking:
            shown.add(Target(other.id), _card_line("←", other, chosen == len(shown.targets), looks))
    return shown


def overview_lines(reading: Reading, *, chosen: int | None, looks: Looks = Looks()) -> TargetLines:
    """Every card of the article, by kind and title, each with its mention count.

    A card library adds thousands of cards the article never names: those are counted, not
    listed, so the overview stays short and the first frame fast (the index lists them all).
    """
    shown = TargetLines()
    cards = reading.cards.cards
    mentioned = [card for card in cards if reading.links.of_card(card.id)]
    listed = cards if len(cards) - len(mentioned) <= OVERVIEW_UNMENTIONED else mentioned
    for card in sorted(listed, key=lambda c: (c.kind, c.title.casefold())):
        count = len(reading.links.of_card(card.id))
        line = Text()
        line.append(f"• {card.title}", style="bold")
        line.append(f"  {card.kind}, {count}×{personal_mark(card)}")
        if chosen == len(shown.targets):
            line.stylize(looks.chosen)
        shown.add(Target(card.id, go=True), line)
    if len(listed) < len(cards):
        unlisted = len(cards) - len(listed)
        why = "still finding their mentions" if not reading.linked else "not mentioned here"
        shown.text.append(f"… and {unlisted:,} more cards ({why})\n", style="italic")
    return shown


def _card_line(arrow: str, card: Card, is_chosen: bool, looks: Looks) -> Text:
    line = Text()
    line.append(f"{arrow} {card.title}", style=looks.chosen if is_chosen else Style(underline=True))
    line.append(f" ({card.kind}){personal_mark(card)}")
    return line


def _mention_line(reading: Reading, mention: Mention, width: int) -> tuple[Text, int, int]:
    """The mention with the words around it in its paragraph, on word boundaries; and where
    the mention is in that line."""
    article = reading.article
    paragraph = None
    if article.paragraphs:
        paragraph = article.paragraphs[article.paragraph_index(mention.start)]
    context = mention_context(article.text, mention.start, mention.end, width, paragraph)
    # The words as the reader sees them: a Markdown article's markup is not shown.
    before = one_line(article.shown_text(context.first, mention.start))
    exact = one_line(article.shown_text(mention.start, mention.end))
    after = one_line(article.shown_text(mention.end, context.last))
    line = Text(ELLIPSIS if context.cut_before else "")
    line.append(display_text(before))
    start = len(line)
    line.append(display_text(exact))
    end = len(line)
    line.append(display_text(after))
    if context.cut_after:
        line.append(ELLIPSIS)
    return line, start, end
