"""Provides the X-ray of an article's cards: where mentions fall, their context, the cards index.

Plain functions over the model (cards, mentions, offsets into the text) that the cards index and
the card pane draw: a distribution bar (the whole article mapped onto a few cells), a line of
context around a mention cut on word boundaries, the cards that link to a card, and the index's
entries grouped by kind, filtered by title and alias, sorted by name or by mentions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from annotations.cards.linking import Links, Mention, normalise_alias
from annotations.cards.model import CARD_KINDS, Card

BAR_LEVELS = "▁▂▃▄▅▆▇█"
"""A cell with mentions, from few to the most any cell of the same bar holds."""
BAR_EMPTY = "·"
"""A cell of the article with no mention."""
ELLIPSIS = "…"

_SPACES = re.compile(r"\s+")


# Distribution ----------------------------------------------------------------------------------


def distribution(starts: Sequence[int], length: int, width: int) -> list[int]:
    """How many of the `starts` (in increasing order, as mentions are) fall in each of `width`
    equal cells of a text `length` long."""
    cells = [0] * max(width, 0)
    if not cells or length <= 0:
        return cells
    # Cell i holds the offsets from ceil(i * length / width): found by bisecting, so a card with
    # two thousand mentions costs `width` look-ups, not two thousand steps.
    edges = [-(-cell * length // width) for cell in range(1, width)]
    below = 0
    for cell, edge in enumerate(edges):
        upto = bisect.bisect_left(starts, edge, below)
        cells[cell] = upto - below
        below = upto
    cells[-1] = len(starts) - below
    return cells


def distribution_bar(starts: Sequence[int], length: int, width: int) -> str:
    """One line of `width` characters showing where the `starts` fall in the text.

    An empty cell is BAR_EMPTY; a cell with mentions is a block whose height grows with its
    count, relative to the fullest cell, so a single mention never disappears.
    """
    cells = distribution(starts, length, width)
    most = max(cells, default=0)
    if most == 0:
        return BAR_EMPTY * len(cells)
    top = len(BAR_LEVELS)
    # ceil(count / most * top) - 1, in integers: 1 of 1 is the full block, 1 of 100 the lowest.
    return "".join(
        BAR_LEVELS[-(-count * top // most) - 1] if count else BAR_EMPTY for count in cells
    )


# Context -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """A mention with the words around it, on one line; `cut_*` where the text goes on."""

    before: str
    exact: str
    after: str
    cut_before: bool
    cut_after: bool
    first: int = 0
    """Where `before` starts in the text."""
    last: int = 0
    """Where `after` ends in the text (exclusive)."""

    @property
    def plain(self) -> str:
        head = ELLIPSIS if self.cut_before else ""
        tail = ELLIPSIS if self.cut_after else ""
        return f"{head}{self.before}{self.exact}{self.after}{tail}"


def one_line(text: str) -> str:
    """`text` with every run of whitespace (line ends too) as one space."""
    return _SPACES.sub(" ", text)


def mention_context(
    text: str,
    start: int,
    end: int,
    width: int = 60,
    bounds: tuple[int, int] | None = None,
) -> Context:
    """The mention [start, end) of `text` with the words around it, in about `width` characters.

    The context stays within `bounds` (the mention's paragraph) and starts and ends on word
    boundaries: a word that would be cut is left out, and an ellipsis stands where text was.
    Room one side does not use goes to the other.
    """
    low, high = bounds if bounds is not None else (0, len(text))
    low, high = min(low, start), max(high, end)
    room = max(width - (end - start), 0)
    # Each side gets half; what one side cannot use (a short side, a long word left out) goes
    # to the other, and back again.
    first, cut_before = _context_start(text, low, start, room // 2)
    last, cut_after = _context_end(text, end, high, room - _used(start - first, cut_before))
    first, cut_before = _context_start(text, low, start, room - _used(last - end, cut_after))
    return Context(
        before=one_line(text[first:start]),
        exact=one_line(text[start:end]),
        after=one_line(text[end:last]),
        cut_before=cut_before,
        cut_after=cut_after,
        first=first,
        last=last,
    )


def _used(characters: int, cut: bool) -> int:
    return characters + (1 if cut else 0)


def _context_start(text: str, low: int, start: int, room: int) -> tuple[int, bool]:
    """Where the context before `start` begins, in `room` characters (an ellipsis included)
    and never inside a word; and whether text before it is left out."""
    room = max(room, 0)
    if start - low <= room:
        first = low
    else:
        first = min(start - room + 1, start)  # one for the ellipsis
        if not text[first - 1].isspace():  # inside a word: leave it out
            while first < start and not text[first].isspace():
                first += 1
    while first < start and text[first].isspace():
        first += 1
    return first, first > low and not text[low:first].isspace()


def _context_end(text: str, end: int, high: int, room: int) -> tuple[int, bool]:
    """Where the context after `end` stops (exclusive), as _context_start does before."""
    room = max(room, 0)
    if high - end <= room:
        last = high
    else:
        last = max(end + room - 1, end)
        if not text[last].isspace():
            while last > end and not text[last - 1].isspace():
                last -= 1
    while last > end and text[last - 1].isspace():
        last -= 1
    return last, last < high and not text[last:high].isspace()


def next_mention(
    links: Links, mentions: Sequence[Mention], number: int | None, cursor: int, step: int
) -> tuple[int, bool]:
    """The index among a card's `mentions` that `]` (step 1) or `[` (step -1) goes to, from
    mention `number`, or else from the cursor (on a mention, from its start); and whether that
    wrapped round the end."""
    starts = [mention.start for mention in mentions]
    if number is not None:
        target = number + step
    elif step > 0:
        target = bisect.bisect_right(starts, cursor)
    else:
        here = links.at(cursor)
        target = bisect.bisect_left(starts, here.start if here else cursor) - 1
    wrapped = not 0 <= target < len(mentions)
    return target % len(mentions), wrapped


# Links between cards -------------------------------------------------------------------------


def linked_from(cards: Iterable[Card], card_id: str) -> list[Card]:
    """The cards whose `see_also` names `card_id` (not the card itself), in file order."""
    return [card for card in cards if card.id != card_id and card_id in card.see_also]


# The cards index -----------------------------------------------------------------------------

SortBy = Literal["name", "mentions"]
SORTS: tuple[SortBy, ...] = ("name", "mentions")


@dataclass(frozen=True)
class IndexEntry:
    """One card in the index: how often it is mentioned, and where."""

    card: Card
    starts: tuple[int, ...]
    """The start offset of each of its mentions, in text order."""
    alias: str = ""
    """The alias the filter matched, when it did not match the title."""

    @property
    def count(self) -> int:
        return len(self.starts)


@dataclass(frozen=True)
class CardsIndex:
    """The index's entries: the mentioned cards grouped by kind, and the others apart."""

    groups: list[tuple[str, list[IndexEntry]]]
    """(kind, its entries), kinds in CARD_KINDS order, only kinds with an entry."""
    unmentioned: list[IndexEntry]
    """Cards the article never mentions, by name."""

    @property
    def entries(self) -> list[IndexEntry]:
        """Every entry, in the order shown: the groups, then the cards with no mention."""
        return [entry for _, group in self.groups for entry in group] + self.unmentioned


def filter_words(query: str) -> list[str]:
    """The words of a filter, as matching compares them."""
    return one_line(query).casefold().split()


def matching_alias(card: Card, words: Sequence[str]) -> str | None:
    """Whether every word is in the card's title or an alias: "" for a title match, the first
    alias holding a word the title lacks, or None for no match."""
    title = card.title.casefold()
    aliases = [normalise_alias(alias) for alias in card.aliases]
    folded = [alias.casefold() for alias in aliases]
    if not all(word in title or any(word in alias for alias in folded) for word in words):
        return None
    missing = [word for word in words if word not in title]
    if not missing:
        return ""
    for alias, alias_folded in zip(aliases, folded, strict=True):
        if any(word in alias_folded for word in missing):
            return alias
    return ""


def cards_index(
    cards: Iterable[Card], links: Links, query: str = "", sort: SortBy = "name"
) -> CardsIndex:
    """The index of `cards` whose title or aliases hold every word of `query`."""
    words = filter_words(query)
    by_kind: dict[str, list[IndexEntry]] = {}
    unmentioned: list[IndexEntry] = []
    for card in cards:
        alias = matching_alias(card, words)
        if alias is None:
            continue
        starts = tuple([mention.start for mention in links.of_card(card.id)])
        entry = IndexEntry(card, starts, alias)
        if starts:
            by_kind.setdefault(card.kind, []).append(entry)
        else:
            unmentioned.append(entry)

    def by_name(entry: IndexEntry) -> tuple[str, str]:
        return entry.card.title.casefold(), entry.card.id

    def by_mentions(entry: IndexEntry) -> tuple[int, str, str]:
        return -entry.count, *by_name(entry)

    order = by_mentions if sort == "mentions" else by_name
    kinds = [kind for kind in CARD_KINDS if kind in by_kind]
    kinds += sorted(set(by_kind) - set(CARD_KINDS))  # a kind the model gains later still shows
    return CardsIndex(
        groups=[(kind, sorted(by_kind[kind], key=order)) for kind in kinds],
        unmentioned=sorted(unmentioned, key=by_name),
    )
