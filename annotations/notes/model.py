"""Provides the note model: a quote anchored in the article, the reader's text, tags and colour.

Notes are immutable values: every change makes a new `Note`, so undo, merging and a save running on
another thread can all hold a version without copying it or fearing that it changes underneath.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field, replace
from typing import Literal

COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")
"""The colours a note may have, in the order the editor offers them."""
DEFAULT_COLOR = "yellow"

State = Literal["exact", "approximate", "orphan"]
"""Where a note stands in the current text: on its exact quote, on a close match, or nowhere."""

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id(now: float | None = None) -> str:
    """A ULID: 48 bits of milliseconds then 80 random bits, as 26 Crockford base32 characters.

    The time comes first so ids sort by creation; the random part keeps two readers adding notes
    in the same millisecond from ever choosing the same id.
    """
    millis = int((time.time() if now is None else now) * 1000) & ((1 << 48) - 1)
    value = (millis << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def utc_now() -> dt.datetime:
    """The current UTC time, to the second: what the file can store, so a round-trip is exact."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def format_time(moment: dt.datetime) -> str:
    """Format a time as the notes file stores it: 2026-11-28T05:00:00Z."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Quote:
    """A W3C TextQuoteSelector: the quoted text and a little of the text on each side."""

    exact: str
    """The quoted text, character for character."""
    prefix: str = ""
    """Up to about 32 characters just before the quote."""
    suffix: str = ""
    """Up to about 32 characters just after the quote."""


@dataclass(frozen=True)
class Conflict:
    """The other side's version of a note that was edited here and elsewhere before a save."""

    quote: Quote
    """Their quote."""
    start: int
    """Their position hint, start."""
    end: int
    """Their position hint, end."""
    note: str
    """Their note text."""
    tags: tuple[str, ...]
    """Their tags."""
    color: str
    """Their colour."""
    updated: dt.datetime
    """When they last changed it."""


@dataclass(frozen=True)
class Note:
    """One personal annotation. Positions are character offsets and only a hint: the quote rules."""

    id: str
    """Stable, unique: a ULID made when the note was created."""
    quote: Quote
    """What the note is about, with context, as the text read when it was made (or re-attached)."""
    start: int
    """Where the quote started, in characters: a hint for re-anchoring."""
    end: int
    """Where the quote ended (exclusive)."""
    note: str = ""
    """The reader's text; empty for a plain highlight."""
    tags: tuple[str, ...] = ()
    """Short words for filtering, in the order given."""
    color: str = DEFAULT_COLOR
    """One of COLORS."""
    created: dt.datetime = field(default_factory=utc_now)
    """When the note was made (UTC, whole seconds)."""
    updated: dt.datetime = field(default_factory=utc_now)
    """When it was last changed (UTC, whole seconds)."""
    conflict: Conflict | None = None
    """Another copy's version, when both changed it; the UI lists these for the user to settle."""
    made_on: str = ""
    """The sha256 of the article's text when the note was made (or re-attached): the version it
    was made on, so a later text can say what changed under it. Empty for older notes."""

    def content(self) -> tuple:
        """What the user wrote, positions aside: two versions with equal content are one edit."""
        return (self.quote, self.note, self.tags, self.color, self.conflict)

    def as_conflict(self) -> Conflict:
        """This version, to be kept beside another one as its conflict."""
        return Conflict(
            self.quote, self.start, self.end, self.note, self.tags, self.color, self.updated
        )

    def settled(self, version: Conflict | None, now: dt.datetime) -> Note:
        """This note with its conflict settled: keeping this version (None) or taking `version`."""
        if version is None:
            return replace(self, conflict=None, updated=now)
        return replace(
            self,
            quote=version.quote,
            start=version.start,
            end=version.end,
            note=version.note,
            tags=version.tags,
            color=version.color,
            updated=now,
            conflict=None,
        )

    def moved(self, start: int, end: int) -> Note:
        """The same note with a new position hint (after re-anchoring); not a user edit."""
        if (start, end) == (self.start, self.end):
            return self
        return replace(self, start=start, end=end)


@dataclass(frozen=True)
class Placement:
    """Where a note stands in the current text."""

    start: int | None
    """Start offset in the current text; None for an orphan, which is never placed."""
    end: int | None
    """End offset (exclusive); None for an orphan."""
    state: State
    """exact: on its quote; approximate: on a close match to confirm; orphan: not found."""
    score: float = 100.0
    """How well the text there agrees with the quote and its context, 0 to 100."""

    @property
    def placed(self) -> bool:
        """True when the note has a place in the text (exact or approximate)."""
        return self.start is not None

    @classmethod
    def orphan(cls) -> Placement:
        return cls(None, None, "orphan", 0.0)
