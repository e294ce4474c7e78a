"""Provides ReadingSearch: the command palette also finds cards and notes, and jumps to them.

A card is found by its title, aliases or text, a note by its words, tags or passage (the model's
annotations.lookup); choosing one puts the cursor on the card's first mention, or on the note,
as Tab or the notes list would, so the card pane follows and the card history records it.
"""

from __future__ import annotations

from rich.text import Text
from textual.command import Hit, Hits, Provider

from annotations.lookup import find_cards, find_notes
from annotations.text.sanitize import display_text
from reader.screens.reader import ReaderScreen

CARD_SCORES = {"title": 0.9, "alias": 0.8, "text": 0.5}
NOTE_SCORES = {"note": 0.85, "tag": 0.8, "passage": 0.6}
"""How high a hit ranks among the palette's commands (0 to 1), by where it was found."""
MOST_HITS = 50
"""Enough to choose from; the palette lists only what fits anyway."""


class ReadingSearch(Provider):
    """Cards and notes of the article on show whose text holds what is typed."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        if not isinstance(screen, ReaderScreen) or not query.strip():
            return
        shown = 0
        for hit in find_cards(screen.reading.cards.cards, query):
            card = hit.card
            where = "" if hit.field == "title" else f"{hit.field}: {hit.excerpt} · "
            yield Hit(
                CARD_SCORES[hit.field],
                Text(f"Card: {display_text(card.title)} ({card.kind})"),
                lambda card_id=card.id: screen.go_to_card(card_id),
                text=f"Card: {card.title}",
                help=display_text(f"{where}{card.summary}"),
            )
            shown += 1
            if shown >= MOST_HITS:
                return
        if not screen.notes_ready:
            return
        notes = screen.store.notes_in_text_order() + screen.store.orphans()
        for hit in find_notes(notes, query):
            note = hit.note
            words = note.note or note.quote.exact
            where = "" if hit.field in ("note", "passage") else f"{hit.field}: {hit.excerpt} · "
            yield Hit(
                NOTE_SCORES[hit.field],
                Text(f"Note: {display_text(' '.join(words.split()))[:80]}"),
                lambda note_id=note.id: screen.go_to_note(note_id),
                text=f"Note: {words}",
                help=display_text(f"{where}on “{' '.join(note.quote.exact.split())[:60]}”"),
            )
            shown += 1
            if shown >= MOST_HITS:
                return
