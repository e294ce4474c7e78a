"""Provides linking: every mention of every card in an article, found in one pass over the text.

All aliases go into one Aho-Corasick automaton (annotations.cards.matching), so the text is
walked once whatever the number of aliases: linking stays linear in the article's length, and a
library of 30,000 aliases costs about what 300 do. A space in an alias matches any run of
whitespace, so a name broken across a line still links. Typographic and straight apostrophes and
quote marks match alike. Where matches overlap, quotes win, then the longest alias.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections import Counter
from dataclasses import dataclass, field

from annotations.cards.matching import AliasMatcher, SpacedText, fold_case
from annotations.cards.model import Card

Candidate = tuple[int, int, int, str, tuple]
"""A possible mention: (start, -priority, -length, card id, (card id, alias or quote index))."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One linked span of the article: [start, end) belongs to card `card_id`."""

    start: int
    end: int
    card_id: str


@dataclass(eq=False)
class Links:
    """All mentions in text order, with look-ups by offset and by card."""

    mentions: list[Mention] = field(default_factory=list)
    alias_hits: Counter = field(default_factory=Counter)
    """(card id, alias) -> how many mentions that alias made."""
    quote_hits: Counter = field(default_factory=Counter)
    """(card id, quote index) -> how many mentions that quote made."""

    def __post_init__(self) -> None:
        self.starts = [mention.start for mention in self.mentions]
        self.by_card: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            self.by_card.setdefault(mention.card_id, []).append(mention)

    def at(self, offset: int) -> Mention | None:
        """The mention covering `offset`, if any."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.mentions[index].end:
            return self.mentions[index]
        return None

    def next_after(self, offset: int) -> Mention | None:
        """The first mention starting after `offset`."""
        index = bisect.bisect_right(self.starts, offset)
        return self.mentions[index] if index < len(self.mentions) else None

    def previous_before(self, offset: int) -> Mention | None:
        """The last mention starting before `offset`."""
        index = bisect.bisect_left(self.starts, offset) - 1
        return self.mentions[index] if index >= 0 else None

    def in_range(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping [start, end), in order (for drawing one paragraph)."""
        # Mentions never overlap, so only the one starting just before `start` can reach into it;
        # bisecting both ends keeps a paragraph's lookup independent of the article's length.
        low = max(bisect.bisect_right(self.starts, start) - 1, 0)
        high = bisect.bisect_left(self.starts, end, low)
        return [mention for mention in self.mentions[low:high] if mention.end > start]

    def of_card(self, card_id: str) -> list[Mention]:
        """Every mention of one card, in text order."""
        return self.by_card.get(card_id, [])


QUOTE_MARKS = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}
)
"""Typographic apostrophes and quote marks, matched as their straight forms (one char for one,
so offsets into the text do not move): `mayor's` links `mayor’s`, and a quote written with
straight quotes finds the article's curly ones."""
_QUOTE_CHARS = frozenset("'\"\u2018\u2019\u02bc\u201c\u201d")
_QUOTE_PAIRS = tuple((chr(mark), straight) for mark, straight in QUOTE_MARKS.items())


def fold_quote_marks(text: str) -> str:
    """`text` with typographic apostrophes and quote marks replaced by straight ones."""
    for mark, straight in _QUOTE_PAIRS:  # str.replace is far faster than translate on a book
        if mark in text:
            text = text.replace(mark, straight)
    return text


def has_quote_marks(text: str) -> bool:
    """Whether `text` holds an apostrophe or quote mark of any form."""
    return not _QUOTE_CHARS.isdisjoint(text)


def normalise_alias(alias: str) -> str:
    """An alias as matching sees it: surrounding space dropped, inner runs of space as one,
    typographic quote marks as straight ones."""
    spaced = " ".join(alias.split())  # split() takes the whitespace `\s` does, and is faster
    return fold_quote_marks(spaced) if has_quote_marks(spaced) else spaced


_HEAD = re.compile(r"\w+")

LinkKeys = tuple[tuple[str, ...], tuple[str | None, ...], bool]
"""(each alias as matching sees it, the word it must start on, whether quote marks matter)."""


def link_keys(aliases: tuple[str, ...], quotes: tuple) -> LinkKeys:
    """What linking needs of one card's aliases and quotes, worked out once per card.

    The head is the run of word characters an alias starts with: it can only match where the
    text has that very word (None for an alias that starts with no word character). Quote marks
    matter when an alias or a quote has one: then the text is folded too.
    """
    keys = tuple(normalise_alias(alias) for alias in aliases)
    heads = tuple(_head(key) for key in keys)
    marked = any(has_quote_marks(alias) for alias in aliases) or any(
        has_quote_marks(quote.exact + quote.prefix + quote.suffix) for quote in quotes
    )
    return keys, heads, marked


def _head(key: str) -> str | None:
    match = _HEAD.match(key)
    return match.group() if match else None


def card_link_keys(card: Card) -> LinkKeys:
    """`link_keys` of a card, kept on it (and in the cards cache) so a library's 30,000 aliases
    are not normalised again on every start; recomputed should its aliases or quotes change."""
    memo = card.__dict__.get("_link_keys")
    if memo is None or memo[0] is not card.aliases or memo[1] is not card.quotes:
        memo = (card.aliases, card.quotes, link_keys(card.aliases, card.quotes))
        card.__dict__["_link_keys"] = memo
    return memo[2]


PREFILTER_CHARS_PER_CARD = 50
"""A text shorter than this many characters per card (a news article against a library) is
linked with only the aliases whose first word it holds: fewer aliases to build into the
automaton than the text has words to look up."""


def link(text: str, cards: list[Card]) -> Links:
    """Find every mention of every card in `text`."""
    # Tens of thousands of small tuples are made and kept: the cyclic garbage collector would
    # rescan them all, again and again as they grow, which makes the cost grow faster than the
    # text. None of them can form a cycle, so it is paused for the duration.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _link(text, cards)
    finally:
        if paused:
            gc.enable()


def _link(text: str, cards: list[Card]) -> Links:
    # Folding quote marks changes nothing a name without one can match (every form is a
    # non-word character), so the text is folded only when some alias or quote has one.
    every_key = [card_link_keys(card) for card in cards]
    marked = any(card_marked for _, _, card_marked in every_key)
    words: dict[bool, set[str]] | None = None
    if len(text) < PREFILTER_CHARS_PER_CARD * len(cards):
        found = set(_HEAD.findall(text))
        words = {True: found, False: {fold_case(word) for word in found}}
    owners: dict[bool, dict[str, tuple[str, str]]] = {True: {}, False: {}}
    spellings: dict[bool, set[str]] = {True: set(), False: set()}
    for card, (keys, heads, _) in zip(cards, every_key, strict=True):
        case_sensitive = card.case_sensitive
        table, spelt = owners[case_sensitive], spellings[case_sensitive]
        present = words[case_sensitive] if words is not None else None
        for alias, key, head in zip(card.aliases, keys, heads, strict=True):
            if not key:
                continue
            if (
                present is not None
                and head is not None
                and (head if case_sensitive else fold_case(head)) not in present
            ):
                continue  # its first word is not in the text: it cannot match
            spelt.add(key)
            table.setdefault(key if case_sensitive else key.casefold(), (card.id, alias))

    # (start, -priority, -length, card id, origin): sorting puts the preferred match first.
    candidates: list[Candidate] = []
    sources = 0  # how many matchers found something: one alone needs no overlap resolution
    # Aliases are searched in the text with each run of whitespace as one space and quote marks
    # folded (when some alias or quote has one); offsets are mapped back to the text as given.
    spaced: SpacedText | None = None
    for case_sensitive, table in owners.items():
        matcher = AliasMatcher(spellings[case_sensitive], ignore_case=not case_sensitive)
        if not matcher.has_spaces and not marked:
            searched, spans = text, matcher.spans(text)
            places = spans
        else:
            spaced = spaced or SpacedText(text, _QUOTE_PAIRS if marked else ())
            searched, spans = spaced.text, matcher.spans(spaced.text)
            places = spaced.original_spans(spans)
        for (start, end), (first, last) in zip(spans, places, strict=True):
            key = searched[start:end]
            owner = table.get(key if case_sensitive else key.casefold())
            if owner is None:  # Unicode case folding disagreed with the lowercase; skip safely.
                continue
            candidates.append((first, 0, first - last, owner[0], owner))
        sources += bool(spans)

    quoteless = len(candidates)
    spaced = None  # its copy of the text is not needed any more
    if marked and any(card.quotes for card in cards):
        text = fold_quote_marks(text)  # quotes are found in the text as given, marks folded
    for card in cards:
        for index, quote in enumerate(card.quotes):
            exact, prefix, suffix = (
                fold_quote_marks(part) for part in (quote.exact, quote.prefix, quote.suffix)
            )
            for start in find_quote(text, exact, prefix, suffix):
                candidates.append((start, -1, -len(quote.exact), card.id, (card.id, index)))

    # One matcher's spans are already in order and never overlap; only a mix needs settling.
    kept = candidates if sources == 1 and len(candidates) == quoteless else None
    kept = kept if kept is not None else _resolve_overlaps(candidates)
    # Count only what survived overlap resolution: an alias that always loses links nothing.
    alias_hits: Counter = Counter()
    quote_hits: Counter = Counter()
    for candidate in kept:
        origin = candidate[4]
        (alias_hits if candidate[1] == 0 else quote_hits)[origin] += 1
    mentions = [Mention(c[0], c[0] - c[2], c[3]) for c in kept]
    return Links(mentions=mentions, alias_hits=alias_hits, quote_hits=quote_hits)


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "") -> list[int]:
    """Start offsets of every occurrence of `exact` whose surrounding text fits the context."""
    found = []
    if not exact:
        return found
    start = text.find(exact)
    while start != -1:
        end = start + len(exact)
        before_ok = not prefix or text[max(0, start - len(prefix)) : start] == prefix
        after_ok = not suffix or text[end : end + len(suffix)] == suffix
        if before_ok and after_ok:
            found.append(start)
        start = text.find(exact, start + 1)
    return found


def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping mentions: quotes before aliases, then the longest, then the first.

    Overlaps are rare and local, so candidates are swept in text order into small clusters of
    mutually overlapping spans, and only each cluster is settled by priority.
    """
    candidates.sort()
    kept: list[Candidate] = []
    cluster: list[Candidate] = []
    cluster_end = -1
    for candidate in candidates:
        start, negative_length = candidate[0], candidate[2]
        if cluster and start >= cluster_end:
            kept.extend(_settle(cluster))
            cluster = []
        cluster.append(candidate)
        cluster_end = (
            max(cluster_end, start - negative_length)
            if len(cluster) > 1
            else (start - negative_length)
        )
    if cluster:
        kept.extend(_settle(cluster))
    return kept


def _settle(cluster: list[Candidate]) -> list[Candidate]:
    if len(cluster) == 1:
        return cluster
    chosen: list[Candidate] = []
    for candidate in sorted(cluster, key=lambda c: (c[1], c[2], c[0])):
        start, end = candidate[0], candidate[0] - candidate[2]
        if all(end <= other[0] or start >= other[0] - other[2] for other in chosen):
            chosen.append(candidate)
    return sorted(chosen)
