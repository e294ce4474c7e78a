"""Provides what every export is made from, `Export`, the format names, and export file names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from annotations.cards.linking import Links
from annotations.cards.model import Card
from annotations.notes.model import Note, Placement
from annotations.text.article import Article

FORMATS: tuple[str, ...] = ("markdown", "w3c", "json", "html")
"""The export formats, as `export --format` and the command palette name them."""

SUFFIXES = {"markdown": ".md", "w3c": ".jsonld", "json": ".json", "html": ".html"}
"""The file name ending of each format, for a file named after the article."""


@dataclass
class Export:
    """One article's notes as an export sees them: where each stands, and the cards around."""

    article: Article
    """The article the notes are on (its current text)."""
    title: str
    """The article's title, as the reader shows it."""
    notes: Sequence[Note]
    """Placed notes in text order, then orphans (NotesStore.notes)."""
    placements: dict[str, Placement]
    """Where each note stands in the current text, by id."""
    cards: Sequence[Card] = ()
    """The article's cards, for the cards the notes touch."""
    links: Links | None = None
    """Every mention of a card in the text."""
    published: dt.date | None = None
    """The article's date, when its cards file gives one."""
    source: str = ""
    """Where the article came from, for a person: its URL, path or name."""
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
    """When the export is made."""

    def placed(self) -> list[tuple[Note, Placement]]:
        """Notes with a place in the text, in text order."""
        pairs = [(note, self.placements[note.id]) for note in self.notes]
        return [(note, where) for note, where in pairs if where.placed]

    def orphans(self) -> list[Note]:
        return [note for note in self.notes if not self.placements[note.id].placed]

    def cards_at(self, start: int, end: int) -> list[Card]:
        """The cards mentioned within [start, end), in order of first mention, each once."""
        if self.links is None:
            return []
        by_id = self._cards_by_id
        found: dict[str, Card] = {}
        for mention in self.links.in_range(start, end):
            card = by_id.get(mention.card_id)
            if card is not None:
                found.setdefault(card.id, card)
        return list(found.values())

    @cached_property
    def _cards_by_id(self) -> dict[str, Card]:
        return {card.id: card for card in self.cards}

    def touched_cards(self) -> list[Card]:
        """Every card a placed note touches, in order of the notes."""
        found: dict[str, Card] = {}
        for _, where in self.placed():
            assert where.start is not None and where.end is not None
            for card in self.cards_at(where.start, where.end):
                found.setdefault(card.id, card)
        return list(found.values())


def source_line(where: str, reported_by: str = "") -> str:
    """Where an article came from, for a person: who reported it (as its cards say), then its
    URL or path."""
    return f"{reported_by} ({where})" if reported_by else where


def free_path(folder: Path, stem: str, fmt: str, *, with_text: bool = False) -> Path:
    """A file in `folder` for an export that overwrites nothing: NAME.notes.md, else
    NAME.notes-2.md, and so on (`NAME.text.md` for Markdown with the article)."""
    kind = "text" if with_text else "notes"
    suffix = SUFFIXES[fmt]
    path = folder / f"{stem}.{kind}{suffix}"
    number = 1
    while path.exists() or path.is_symlink():
        number += 1
        path = folder / f"{stem}.{kind}-{number}{suffix}"
    return path
