"""Provides personal cards: the reader's own context cards, kept with the notes under `cards:`.

A personal card has the fields a shipped card has (title, kind, summary, body, aliases, sources)
and the times it was made and last changed. It links like a shipped card, except that an alias a
shipped card also claims stays with the shipped card: the clash is reported, never settled
silently in the personal card's favour. Like notes, personal cards are immutable values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from annotations.cards.linking import normalise_alias
from annotations.cards.model import CARD_KINDS, Card, Source
from annotations.notes.model import new_id, utc_now
from annotations.text.sanitize import clean_card_text

MAX_SUMMARY = 160
"""A summary is one line, shown first: the cards format's limit (annotations.cards.schema)."""
_URL = re.compile(r"https?://\S+")
_FIELDS = ("title", "kind", "summary", "body", "aliases", "sources")
"""What the user writes in a card, in the order of `PersonalCard.content()`."""
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class PersonalCard:
    """One of the reader's own cards, as the notes file holds it (text as the user typed it)."""

    id: str
    """A ULID, like a note's: unique, made when the card was created."""
    title: str
    kind: str
    """One of CARD_KINDS."""
    summary: str
    """One line, shown first."""
    body: str = ""
    """A few paragraphs of Markdown, optional."""
    aliases: tuple[str, ...] = ()
    """Article text that links to the card: at least one."""
    sources: tuple[Source, ...] = ()
    """Where its facts come from (optional for a personal card)."""
    created: dt.datetime = field(default_factory=utc_now)
    updated: dt.datetime = field(default_factory=utc_now)
    """When it was last changed: of two versions changed at once, the newer stays the card."""
    line: int | None = field(default=None, compare=False)
    """Its line in the notes file, for `check`'s messages (None for a card made this session)."""
    alias_lines: tuple[int | None, ...] = field(default=(), compare=False)
    """The line of each alias in the notes file."""

    def content(self) -> tuple:
        """What the user wrote: two versions with equal content are one edit."""
        return (self.title, self.kind, self.summary, self.body, self.aliases, self.sources)

    def as_card(self, file: str = "") -> Card:
        """The card the reader shows and links, marked as the reader's own."""
        return Card(
            id=self.id,
            title=clean_card_text(self.title).strip(),
            kind=self.kind,
            summary=clean_card_text(self.summary).strip(),
            as_of=self.updated.date(),
            body=clean_card_text(self.body).strip(),
            aliases=self.aliases,
            sources=tuple(
                replace(
                    source,
                    title=clean_card_text(source.title).strip(),
                    publisher=clean_card_text(source.publisher).strip(),
                    url=clean_card_text(source.url).strip(),
                )
                for source in self.sources
            ),
            personal=True,
            file=file,
            line=self.line,
            alias_lines=self.alias_lines,
        )


def card_order(card: PersonalCard) -> tuple:
    """Oldest first: the order cards are written, listed and linked in."""
    return (card.created, card.id)


# Making and editing ----------------------------------------------------------------------------


def make_card(
    title: str,
    kind: str,
    summary: str,
    body: str = "",
    aliases: Iterable[str] = (),
    sources: Iterable[Source] = (),
) -> PersonalCard:
    """A new personal card from what the user typed; ValueError naming the first bad field."""
    now = utc_now()
    fields = checked_fields(title, kind, summary, body, aliases, sources)
    return PersonalCard(new_id(), *fields, created=now, updated=now)


def edited_card(card: PersonalCard, **changes) -> PersonalCard:
    """`card` with some fields changed (title=..., aliases=...), checked; ValueError if bad."""
    merged = dict(zip(_FIELDS, card.content(), strict=True))
    merged.update(changes)
    fields = checked_fields(**merged)
    return replace(card, **dict(zip(_FIELDS, fields, strict=True)), updated=utc_now())


def checked_fields(
    title: str,
    kind: str,
    summary: str,
    body: str,
    aliases: Iterable[str],
    sources: Iterable[Source],
) -> tuple[str, str, str, str, tuple[str, ...], tuple[Source, ...]]:
    """The fields of a card, trimmed; ValueError naming the first one that is not usable."""
    title, summary = _one_line(title, "title"), _one_line(summary, "summary")
    if kind not in CARD_KINDS:
        raise ValueError(f"kind: {kind!r} is not a kind (one of: {', '.join(CARD_KINDS)})")
    if len(summary) > MAX_SUMMARY:
        raise ValueError(f"summary: {len(summary)} characters long; at most {MAX_SUMMARY}")
    kept: dict[str, str] = {}
    for alias in aliases:
        if "\n" in alias.strip() or "\r" in alias.strip():
            raise ValueError("aliases: an alias is one line")
        if normalise_alias(alias):
            kept.setdefault(normalise_alias(alias).casefold(), alias.strip())
    if not kept:
        raise ValueError("aliases: give at least one (the article text that links to the card)")
    checked_sources = tuple(sources)
    for source in checked_sources:
        if not _URL.fullmatch(source.url):
            raise ValueError(f"sources: {source.url!r} is not an http(s) address")
    return title, kind, summary, body.strip(), tuple(kept.values()), checked_sources


def _one_line(value: str, name: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(f"{name}: must not be empty")
    if "\n" in value or "\r" in value:
        raise ValueError(f"{name}: must be a single line")
    return value


def parse_source_lines(text: str, known: Iterable[Source] = ()) -> tuple[Source, ...]:
    """Sources typed one a line, "URL title"; a known URL keeps its publisher and dates.

    ValueError names the line that does not start with an http(s) address.
    """
    by_url = {source.url: source for source in known}
    sources: list[Source] = []
    for number, line in enumerate(text.splitlines(), start=1):
        url, _, title = line.strip().partition(" ")
        if not url:
            continue
        if not _URL.fullmatch(url):
            raise ValueError(f"sources, line {number}: {url!r} is not an http(s) address")
        title = title.strip() or url
        old = by_url.get(url)
        sources.append(replace(old, title=title) if old else Source(title=title, url=url))
    return tuple(sources)


def source_lines(sources: Iterable[Source]) -> str:
    """Sources as the editor shows them: "URL title", one a line."""
    return "\n".join(f"{source.url} {source.title}".rstrip() for source in sources)


# Alias clashes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AliasClash:
    """An alias of a personal card that another card claims first; its mentions link there."""

    alias: str
    index: int
    """Its position in the personal card's aliases."""
    owner_id: str
    owner_title: str
    shipped: bool
    """True when the owner is a shipped card; False for another (older) personal card."""

    def describe(self) -> str:
        owner = "the shipped card" if self.shipped else "your older card"
        return f"{self.alias!r} is also an alias of {owner} {self.owner_title!r}: it links there"


def alias_clashes(
    personal: Iterable[PersonalCard], shipped: Iterable[Card]
) -> dict[str, list[AliasClash]]:
    """Every personal card's aliases that a shipped card (or an older personal card) claims.

    Aliases are compared as matching sees them, and regardless of case: a personal "putin"
    beside a shipped "Putin" would otherwise link some mentions to each.
    """
    owners: dict[str, tuple[Card | PersonalCard, bool]] = {}
    for card in shipped:
        for alias in card.aliases:
            owners.setdefault(normalise_alias(alias).casefold(), (card, True))
    clashes: dict[str, list[AliasClash]] = {}
    for own in sorted(personal, key=card_order):
        for index, alias in enumerate(own.aliases):
            key = normalise_alias(alias).casefold()
            owner = owners.get(key)
            if owner is None:
                owners[key] = (own, False)
            elif owner[0].id != own.id:
                clash = AliasClash(alias, index, owner[0].id, owner[0].title, owner[1])
                clashes.setdefault(own.id, []).append(clash)
    return clashes


def linkable(cards: Iterable[Card], clashes: Mapping[str, list[AliasClash]]) -> list[Card]:
    """The personal cards as linking sees them: without the aliases another card claims."""
    out = []
    for card in cards:
        lost = {clash.index for clash in clashes.get(card.id, ())}
        if lost:
            kept = tuple(alias for i, alias in enumerate(card.aliases) if i not in lost)
            card = replace(card, aliases=kept)
        out.append(card)
    return out


# Merging ---------------------------------------------------------------------------------------


@dataclass
class CardMerge:
    """The merged personal cards and what the merge did."""

    cards: dict[str, PersonalCard]
    taken: int = 0
    """Cards added, changed or deleted by another reader and taken in."""
    kept_both: list[str] = field(default_factory=list)
    """Ids of cards changed in both places: the newer is the card, the older a copy beside it."""


def merge_cards(
    base: Mapping[str, PersonalCard],
    ours: Mapping[str, PersonalCard],
    theirs: Mapping[str, PersonalCard],
) -> CardMerge:
    """Merge by id, as notes are: an edit beats a delete, and nothing either side wrote is lost.

    A card changed on both sides keeps the newer version (by `updated`) under its id and the
    older as a copy with an id derived from it: every reader merging the same two versions makes
    the same copy, so repeated merges converge instead of multiplying copies.
    """
    result = CardMerge({})
    for card_id in sorted(set(ours) | set(theirs)):
        old, mine, other = base.get(card_id), ours.get(card_id), theirs.get(card_id)
        if other is None or mine is None:
            alive = mine or other
            assert alive is not None
            if old is not None and _same(alive, old):
                result.taken += mine is not None  # deleted there, untouched here
                continue
            result.taken += mine is None  # added there, or edited there after our delete
            result.cards[card_id] = alive
        elif _same(mine, other) or (old is not None and _same(other, old)):
            result.cards[card_id] = mine
        elif old is not None and _same(mine, old):
            result.taken += 1
            result.cards[card_id] = other
        else:
            newer, older = sorted((mine, other), key=_recency, reverse=True)
            result.cards[card_id] = newer
            copy = older_copy(older)
            result.cards.setdefault(copy.id, copy)
            result.kept_both.append(card_id)
            result.taken += 1
    return result


def older_copy(card: PersonalCard) -> PersonalCard:
    """The version that lost a merge, as a card of its own (its id derived from it)."""
    digest = hashlib.sha256(repr((card.id, card.content(), card.updated)).encode()).digest()
    value = int.from_bytes(digest[:17], "big") >> 6  # 130 bits: 26 base32 characters
    ident = "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(26)))
    return replace(card, id=ident, title=f"{card.title} (edited elsewhere)", line=None)


def _recency(card: PersonalCard) -> tuple:
    return (card.updated, repr(card.content()))


def _same(first: PersonalCard, second: PersonalCard) -> bool:
    return first is second or first.content() == second.content()
