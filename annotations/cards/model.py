"""Provides the card model: cards, their sources and later entries, and a set of them.

Plain frozen values, their text already sanitised for display; annotations.cards.load makes them
from files, annotations.cards.cache keeps them between runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CARD_KINDS: tuple[str, ...] = ("person", "place", "organisation", "thing", "event", "term")
"""What a card can be about; the schema checks it and the reader styles a mention by it."""


@dataclass(frozen=True)
class Source:
    """A source a card cites."""

    title: str
    url: str
    publisher: str = ""
    """Who published it: the organisation, paper, agency or broadcaster."""
    published: dt.date | None = None
    """The source's own date."""
    accessed: dt.date | None = None
    """When it was consulted, for a page with no date of its own."""
    archived: str = ""
    """An archived copy's address (web.archive.org, archive.today), if any."""

    def credit(self) -> str:
        """Publisher and date as one line for the reader: "Reuters, 2021-09-26"."""
        parts = [self.publisher] if self.publisher else []
        if self.published:
            parts.append(self.published.isoformat())
        elif self.accessed:
            parts.append(f"accessed {self.accessed.isoformat()}")
        return ", ".join(parts)


@dataclass(frozen=True)
class LaterEntry:
    """Something that happened after the article, kept apart from what the card says as of then."""

    date: dt.date
    text: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class QuoteSelector:
    """An exact span of the article, with optional text just before and after it."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(eq=False)
class Card:
    """One context card, its text already safe to show."""

    id: str
    title: str
    kind: str
    summary: str
    as_of: dt.date
    body: str = ""
    aliases: tuple[str, ...] = ()
    """Raw alias text, matched against the raw article text."""
    quotes: tuple[QuoteSelector, ...] = ()
    see_also: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    erratum: str = ""
    case_sensitive: bool = True
    later: tuple[LaterEntry, ...] = ()
    """Dated events after the article, oldest first."""
    personal: bool = False
    """True for the reader's own card (kept in the notes file), False for a shipped one."""
    file: str = ""
    """The cards file it came from, for messages."""
    line: int | None = None
    """Its line in that file."""
    alias_lines: tuple[int | None, ...] = ()
    """The line of each alias, for `check`'s warnings."""
    index: int = 0
    """Its position in its file's `cards` list, as messages name it (cards[3])."""
    field_lines: dict[str, int | None] = field(default_factory=dict)
    """The line of each of its keys and list items, by name after the card: `see_also[1]`."""

    def line_of(self, name: str) -> int | None:
        """The line of one of the card's fields (`id`, `quotes[0]`), or the card's own line."""
        return self.field_lines.get(name) or self.line


@dataclass(frozen=True)
class ArticleInfo:
    """What a cards file says about the article it was written for."""

    title: str = ""
    published: dt.date | None = None
    source: str = ""


@dataclass(eq=False)
class CardSet:
    """All cards for one article, from one or more files."""

    cards: list[Card] = field(default_factory=list)
    info: ArticleInfo = field(default_factory=ArticleInfo)
    files: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id: dict[str, Card] = {card.id: card for card in self.cards}

    def __len__(self) -> int:
        return len(self.cards)
