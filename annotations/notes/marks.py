"""Provides marks: named places in the article (`m` then a letter), kept by offset and by quote.

A mark remembers its offset and the text at it (and a little before), so an edit of the article
before the mark does not move it onto other words: it is found again by its quote, as notes are
(annotations.notes.anchoring). The reading position is kept the same way (notes.position).
"""

from __future__ import annotations

import string
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from annotations.notes.anchoring import anchor
from annotations.notes.model import Quote

MARK_LETTERS = string.ascii_letters
"""A mark is named by one letter, a to z or A to Z (two different marks)."""
QUOTE_CHARS = 32
"""Characters of text kept from the mark on (the quote), and before it (the prefix)."""


@dataclass(frozen=True)
class Mark:
    """A place in the text: an offset, and the text there to find it again after an edit."""

    offset: int
    """The character offset when the mark was set (or last found): a hint."""
    quote: str
    """Up to QUOTE_CHARS characters of text starting at the offset."""
    prefix: str = ""
    """Up to QUOTE_CHARS characters just before the offset (empty at the start of the text)."""


def is_mark_letter(key: str) -> bool:
    """True for a key that names a mark: one ASCII letter."""
    return len(key) == 1 and key in MARK_LETTERS


def make_mark(text: str, offset: int) -> Mark:
    """The mark for `offset` in `text`; ValueError outside the text."""
    if not 0 <= offset < len(text):
        raise ValueError(f"offset {offset} is outside a text of {len(text)} characters")
    return Mark(
        offset,
        text[offset : offset + QUOTE_CHARS],
        text[max(0, offset - QUOTE_CHARS) : offset],
    )


def place_mark(text: str, mark: Mark) -> int | None:
    """Where `mark` stands in `text` now: at its offset if the text there is unchanged, else
    where its quote is found again (nearest the old offset); None when it is gone."""
    unchanged = text.startswith(mark.quote, mark.offset)
    if mark.quote and unchanged and text.endswith(mark.prefix, 0, mark.offset):
        return mark.offset
    placement = anchor(text, Quote(mark.quote, mark.prefix, ""), mark.offset)
    return placement.start


def place_marks(text: str, marks: Mapping[str, Mark]) -> dict[str, Mark]:
    """Marks moved to where they now stand in `text` (a mark whose text is gone is kept as it
    was: it may come back, and `'` then says it can't be found)."""
    placed: dict[str, Mark] = {}
    for letter, mark in marks.items():
        offset = place_mark(text, mark)
        placed[letter] = mark if offset in (None, mark.offset) else make_mark(text, offset)
    return placed


def merge_marks(
    base: Mapping[str, Mark], ours: Mapping[str, Mark], theirs: Mapping[str, Mark]
) -> tuple[dict[str, Mark], int]:
    """Merge by letter: a mark set here wins; one set only elsewhere is kept; (marks, taken).

    `taken` counts the marks that came from the other side.
    """
    merged: dict[str, Mark] = {}
    taken = 0
    for letter in sorted(set(ours) | set(theirs)):
        mine, other, old = ours.get(letter), theirs.get(letter), base.get(letter)
        if mine is not None and (mine != old or other is None):
            merged[letter] = mine  # set here since the last save, or only here
        elif other is not None:
            if other != mine:
                taken += 1
            merged[letter] = other
    return merged, taken


class MarkBook:
    """One article's marks, and the marks as last read from or written to the notes file.

    The notes store owns one and saves it with the notes (it counts a new mark as a change); a
    save may run on another thread, so every access takes a lock.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        """The article's current text."""
        self._lock = threading.Lock()
        self._marks: dict[str, Mark] = {}
        self._base: dict[str, Mark] = {}

    def load(self, marks: Mapping[str, Mark]) -> None:
        """Take the marks just read from the file."""
        with self._lock:
            self._marks = place_marks(self.text, marks)
            self._base = dict(self._marks)

    def all(self) -> dict[str, Mark]:
        """Every mark by letter (a copy)."""
        with self._lock:
            return dict(self._marks)

    def set(self, letter: str, offset: int) -> Mark:
        mark = make_mark(self.text, offset)
        with self._lock:
            self._marks[letter] = mark
        return mark

    def offset(self, letter: str) -> int | None:
        """Where mark `letter` stands now; KeyError for no such mark, None when its text is gone."""
        with self._lock:
            mark = self._marks[letter]
        return place_mark(self.text, mark)

    def snapshot(self) -> tuple[dict[str, Mark], dict[str, Mark]]:
        """(marks here, marks as last saved), for a save to merge."""
        with self._lock:
            return dict(self._marks), self._base

    def adopt(self, snapshot: Mapping[str, Mark], merged: Mapping[str, Mark]) -> None:
        """Take in what a save merged and wrote, except letters set here while it ran."""
        with self._lock:
            for letter in set(snapshot) | set(merged):
                if self._marks.get(letter) is snapshot.get(letter):
                    if letter in merged:
                        self._marks[letter] = merged[letter]
                    else:
                        self._marks.pop(letter, None)
            self._base = dict(merged)
