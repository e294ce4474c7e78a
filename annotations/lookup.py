"""Provides looking up cards and notes by what a user types (the command palette's search).

A card is found by its title, its aliases or its text (summary and body); a note by its own
words, its tags or the passage it marks. The query is matched as the article search matches it
(annotations.text.find): smartcase, and a space for any whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotations.cards.model import Card
from annotations.notes.model import Note
from annotations.text.find import query_pattern

EXCERPT_CHARS = 60
"""About how much text around a match an excerpt shows."""

_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"\*+|`+|__+|^[ \t]*(?:#+|>)[ \t]*", re.MULTILINE)


@dataclass(frozen=True)
class CardHit:
    """A card the query was found in, and where."""

    card: Card
    field: str
    """"title", "alias" or "text": the best place it was found (in that order)."""
    excerpt: str
    """The alias, or the words around the match in the card's text; "" for the title."""


@dataclass(frozen=True)
class NoteHit:
    """A note the query was found in, and where."""

    note: Note
    field: str
    """"note", "tag" or "passage": the best place it was found (in that order)."""
    excerpt: str


def find_cards(cards: Iterable[Card], query: str) -> list[CardHit]:
    """The cards holding `query`: those found by title first, then by alias, then by text."""
    pattern = query_pattern(query.strip())
    if pattern is None:
        return []
    hits = []
    for card in cards:
        if pattern.search(card.title):
            hits.append(CardHit(card, "title", ""))
            continue
        alias = next((alias for alias in card.aliases if pattern.search(alias)), None)
        if alias is not None:
            hits.append(CardHit(card, "alias", alias))
            continue
        for text in (card.summary, plain_markdown(card.body)):
            excerpt = _excerpt(pattern, text)
            if excerpt:
                hits.append(CardHit(card, "text", excerpt))
                break
    order = {"title": 0, "alias": 1, "text": 2}
    return sorted(hits, key=lambda hit: order[hit.field])


def find_notes(notes: Iterable[Note], query: str) -> list[NoteHit]:
    """The notes holding `query`: by their words first, then by tag, then by the passage."""
    pattern = query_pattern(query.strip())
    if pattern is None:
        return []
    hits = []
    for note in notes:
        excerpt = _excerpt(pattern, note.note)
        if excerpt:
            hits.append(NoteHit(note, "note", excerpt))
            continue
        tag = next((tag for tag in note.tags if pattern.search(tag)), None)
        if tag is not None:
            hits.append(NoteHit(note, "tag", tag))
            continue
        excerpt = _excerpt(pattern, note.quote.exact)
        if excerpt:
            hits.append(NoteHit(note, "passage", excerpt))
    order = {"note": 0, "tag": 1, "passage": 2}
    return sorted(hits, key=lambda hit: order[hit.field])


def plain_markdown(text: str) -> str:
    """A card body as the card pane shows it: link text without its address, no emphasis marks,
    no heading or quote marks (so "**body** text" is found by "body text")."""
    return _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", text))


def _excerpt(pattern: re.Pattern, text: str) -> str:
    """The words around the first match in `text`, on one line; "" when there is none."""
    match = pattern.search(text)
    if match is None:
        return ""
    room = max((EXCERPT_CHARS - (match.end() - match.start())) // 2, 0)
    start, end = max(match.start() - room, 0), min(match.end() + room, len(text))
    excerpt = " ".join(text[start:end].split())
    return f"{'…' if start > 0 else ''}{excerpt}{'…' if end < len(text) else ''}"
