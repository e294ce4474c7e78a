"""Provides the parts of a card's text below its body: each source, and what happened after the
article (shown, or counted and hidden). Plain text (rich `Text`), never markup."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from annotations.cards.model import Card, Source


def append_source(text: Text, source: Source, indent: str = "", style: str = "") -> None:
    """A source: its title, publisher and date, address and archived copy."""
    text.append(f"{indent}• {source.title}\n", style=style)
    credit = source.credit()
    if credit:
        text.append(f"{indent}  {credit}\n", style=f"{style} italic".strip())
    text.append(f"{indent}  {source.url}\n", style=style)
    if source.archived:
        text.append(f"{indent}  archived: {source.archived}\n", style=style)


def append_later(
    text: Text, card: Card, *, shown: bool, published: dt.date | None, key: str
) -> None:
    """The card's entries dated after the article; hidden, a line saying how many and that
    `key` shows them."""
    count = len(card.later)
    if not shown:
        entries = "entry" if count == 1 else "entries"
        text.append(
            f"\nAfter the article: {count} {entries} hidden ({key} shows them)\n", style="dim"
        )
        return
    date = published.isoformat() if published else "its date"
    text.append(f"\nAfter the article ({date})\n", style="bold dim")
    for entry in card.later:
        text.append(f"{entry.date.isoformat()}  ", style="dim bold")
        text.append(f"{entry.text}\n", style="dim")
        for source in entry.sources:
            append_source(text, source, indent="  ", style="dim")
