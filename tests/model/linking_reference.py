"""The linker as it was before the automaton: one regex shaped as a trie. Kept as the oracle that
tests/model/test_linking_automaton.py compares annotations.cards.linking against.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections import Counter
from dataclasses import dataclass, field

from annotations.cards.model import Card

_WHITESPACE = re.compile(r"\s+")

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


def fold_quote_marks(text: str) -> str:
    """`text` with typographic apostrophes and quote marks replaced by straight ones."""
    return text.translate(QUOTE_MARKS)


def has_quote_marks(text: str) -> bool:
    """Whether `text` holds an apostrophe or quote mark of any form."""
    return not _QUOTE_CHARS.isdisjoint(text)


def normalise_alias(alias: str) -> str:
    """An alias as matching sees it: surrounding space dropped, inner runs of space as one,
    typographic quote marks as straight ones."""
    return fold_quote_marks(_WHITESPACE.sub(" ", alias.strip()))


def _trie_pattern(aliases: list[str]) -> str:
    """One regex alternation for many literal strings, with shared prefixes factored out."""
    trie: dict = {}
    for alias in aliases:
        node = trie
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = True
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = []
    for char in sorted(key for key in node if key):
        token = r"\s+" if char == " " else re.escape(char)
        branches.append(token + _node_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longer matches are tried first; the empty ending comes last, which makes "longest wins".
    if ends_here:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def _alias_regex(aliases: list[str], *, ignore_case: bool) -> re.Pattern | None:
    if not aliases:
        return None
    pattern = r"(?<!\w)" + _trie_pattern(aliases) + r"(?!\w)"
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


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
    # non-word character), so the whole text is folded only when some alias or quote has one.
    if any(has_quote_marks(alias) for card in cards for alias in card.aliases) or any(
        has_quote_marks(quote.exact + quote.prefix + quote.suffix)
        for card in cards
        for quote in card.quotes
    ):
        text = fold_quote_marks(text)
    owners: dict[bool, dict[str, tuple[str, str]]] = {True: {}, False: {}}
    for card in cards:
        table = owners[card.case_sensitive]
        for alias in card.aliases:
            key = normalise_alias(alias)
            if not key:
                continue
            lookup = key if card.case_sensitive else key.casefold()
            table.setdefault(lookup, (card.id, alias))

    # (start, -priority, -length, card id, origin): sorting puts the preferred match first.
    candidates: list[Candidate] = []
    for case_sensitive, table in owners.items():
        regex = _alias_regex(
            sorted({normalise_alias(raw) for _, raw in table.values()}),
            ignore_case=not case_sensitive,
        )
        if regex is None:
            continue
        for match in regex.finditer(text):
            key = _WHITESPACE.sub(" ", match.group())
            owner = table.get(key if case_sensitive else key.casefold())
            if owner is None:  # Unicode case folding disagreed with the regex; skip safely.
                continue
            start, end = match.span()
            candidates.append((start, 0, start - end, owner[0], owner))

    for card in cards:
        for index, quote in enumerate(card.quotes):
            exact, prefix, suffix = (
                fold_quote_marks(part) for part in (quote.exact, quote.prefix, quote.suffix)
            )
            for start in find_quote(text, exact, prefix, suffix):
                candidates.append((start, -1, -len(quote.exact), card.id, (card.id, index)))

    kept = _resolve_overlaps(candidates)
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
