"""Provides `check`: errors in cards files, and warnings about how they link to an article."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from annotations.cards.linking import fold_quote_marks, link, normalise_alias
from annotations.cards.load import load_cards
from annotations.cards.model import Card, CardSet
from annotations.errors import AnnotationError, Problem
from annotations.text.article import Article

SHORT_ALIAS = 4
"""A case-insensitive alias this short or shorter ("US", "May") also matches ordinary words."""
STALE_AFTER = dt.timedelta(days=366)
"""A card whose `as_of` is this long before the article's date is probably out of date."""


@dataclass
class CheckReport:
    """What `check` found: errors make the cards unusable, warnings only need a look."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    cards: CardSet | None = None


def check_files(
    paths: list[Path], article: Article | None = None, *, published: dt.date | None = None
) -> CheckReport:
    """Validate cards files and, given the article, lint how they link to it.

    `published` is the article's date; by default the one the cards file gives.
    """
    report = CheckReport()
    try:
        report.cards = load_cards(paths)
    except AnnotationError as error:
        report.errors = error.problems
        return report
    cards = report.cards
    report.warnings = duplicate_aliases(cards)
    report.warnings.extend(case_clashes(cards))
    report.warnings.extend(card_warnings(cards, published or cards.info.published))
    if article is not None:
        # An alias claimed twice links nothing at its second card, and of two aliases that
        # clash by case one links nothing: one warning says it all.
        claimed = {(problem.file, problem.field) for problem in report.warnings}
        clashed: set[str] = set()
        for card, position, other, other_position in _clash_pairs(cards):
            claimed.add((card.file, f"cards[{card.index}].aliases[{position}]"))
            claimed.add((other.file, f"cards[{other.index}].aliases[{other_position}]"))
            clashed |= {f"cards[{card.index}]", f"cards[{other.index}]"}
        report.warnings.extend(link_warnings(cards, article, skip=claimed, skip_cards=clashed))
    report.warnings.sort(key=lambda problem: (problem.file, problem.line or 0, problem.field))
    return report


def _alias_key(card: Card, alias: str) -> str:
    key = normalise_alias(alias)
    return key if card.case_sensitive else key.casefold()


def duplicate_aliases(cards: CardSet) -> list[Problem]:
    """An alias claimed by two cards links to the first only: say so at the second.

    When the first claim is in another file (two files of a library), the message says where.
    """
    owners: dict[tuple[bool, str], tuple[Card, int]] = {}
    problems = []
    for card in cards.cards:
        for position, alias in enumerate(card.aliases):
            key = (card.case_sensitive, _alias_key(card, alias))
            owner, owner_position = owners.setdefault(key, (card, position))
            if owner.id == card.id:
                continue
            where = ""
            if owner.file != card.file:
                line = _alias_line(owner, owner_position)
                where = f" in {owner.file}" + (f":{line}" if line is not None else "")
            problems.append(
                Problem(
                    card.file,
                    _alias_line(card, position),
                    f"cards[{card.index}].aliases[{position}]",
                    f"alias {alias!r} is also claimed by card {owner.id!r}{where}; it links there",
                )
            )
    return problems


def _clash_pairs(cards: CardSet):
    """(card, alias position, other card, its alias position) for each case-insensitive alias
    that matches another card's case-sensitive alias."""
    exact: dict[str, tuple[Card, int]] = {}
    for card in cards.cards:
        if card.case_sensitive:
            for position, alias in enumerate(card.aliases):
                exact.setdefault(normalise_alias(alias).casefold(), (card, position))
    for card in cards.cards:
        if card.case_sensitive:
            continue
        for position, alias in enumerate(card.aliases):
            other = exact.get(normalise_alias(alias).casefold())
            if other is not None and other[0].id != card.id:
                yield card, position, other[0], other[1]


def case_clashes(cards: CardSet) -> list[Problem]:
    """A case-insensitive alias that matches another card's case-sensitive one.

    Both match the same words, so only one of the two cards gets each mention; without this
    warning the other would show up as "links nothing" and "not mentioned", which hides why.
    """
    problems = []
    for card, position, other, other_position in _clash_pairs(cards):
        alias, other_alias = card.aliases[position], other.aliases[other_position]
        problems.append(
            Problem(
                card.file,
                _alias_line(card, position),
                f"cards[{card.index}].aliases[{position}]",
                f"alias {alias!r} (case_sensitive: false) and alias {other_alias!r} of card "
                f"{other.id!r} match the same text, so only one of the two cards gets each "
                "mention; keep the alias on one card, or make both case-sensitive with "
                "different spellings",
            )
        )
    return problems


def card_warnings(cards: CardSet, published: dt.date | None) -> list[Problem]:
    """Warnings about single cards: dates against the article's, short aliases, self-links."""
    problems = []
    for card in cards.cards:
        at = f"cards[{card.index}]"
        for item, other in enumerate(card.see_also):
            if other == card.id:
                problems.append(
                    Problem(
                        card.file,
                        card.line_of(f"see_also[{item}]"),
                        f"{at}.see_also[{item}]",
                        f"card {card.id!r} lists itself in see_also; remove it",
                    )
                )
        if not card.case_sensitive:
            for position, alias in enumerate(card.aliases):
                letters = re.sub(r"\W", "", alias)
                if len(letters) <= SHORT_ALIAS:
                    problems.append(
                        Problem(
                            card.file,
                            _alias_line(card, position),
                            f"{at}.aliases[{position}]",
                            f"alias {alias!r} is short and the card is case_sensitive: false, so "
                            f"it also links ordinary words ({alias.casefold()!r}); make the card "
                            "case-sensitive, or use a longer alias or a quote",
                        )
                    )
        if published is None:
            continue
        if card.as_of > published:
            problems.append(
                Problem(
                    card.file,
                    card.line_of("as_of"),
                    f"{at}.as_of",
                    f"as_of {card.as_of.isoformat()} is after the article's date "
                    f"({published.isoformat()}); a card says what was known then: move what "
                    "happened later into 'later:' and set as_of to the article's date",
                )
            )
        elif published - card.as_of > STALE_AFTER:
            problems.append(
                Problem(
                    card.file,
                    card.line_of("as_of"),
                    f"{at}.as_of",
                    f"as_of {card.as_of.isoformat()} is more than a year before the article's "
                    f"date ({published.isoformat()}); check the facts still held then and "
                    "update as_of",
                )
            )
        for item, entry in enumerate(card.later):
            if entry.date <= published:
                problems.append(
                    Problem(
                        card.file,
                        card.line_of(f"later[{item}]"),
                        f"{at}.later[{item}]",
                        f"later entry dated {entry.date.isoformat()} is not after the article's "
                        f"date ({published.isoformat()}); put it in the body instead",
                    )
                )
    return problems


def link_warnings(
    cards: CardSet,
    article: Article,
    *,
    skip: Collection[tuple[str, str]] = (),
    skip_cards: Collection[str] = (),
) -> list[Problem]:
    """Aliases and quotes that link nothing, and cards with no mention at all.

    Aliases whose (file, field), as (`c.yaml`, `cards[1].aliases[0]`), is in `skip` are left out,
    and so is "not mentioned" for cards named in `skip_cards` (as `cards[1]`).
    """
    links = link(article.text, cards.cards)
    problems = []
    for card in cards.cards:
        for position, alias in enumerate(card.aliases):
            if (card.file, f"cards[{card.index}].aliases[{position}]") in skip:
                continue
            if not links.alias_hits.get((card.id, alias)):
                problems.append(
                    Problem(
                        card.file,
                        _alias_line(card, position),
                        f"cards[{card.index}].aliases[{position}]",
                        f"alias {alias!r} links nothing in {article.name}",
                    )
                )
        for position, quote in enumerate(card.quotes):
            if not links.quote_hits.get((card.id, position)):
                problems.append(
                    Problem(
                        card.file,
                        card.line_of(f"quotes[{position}]"),
                        f"cards[{card.index}].quotes[{position}]",
                        _quote_not_found(quote, article),
                    )
                )
        if not links.of_card(card.id) and f"cards[{card.index}]" not in skip_cards:
            problems.append(
                Problem(
                    card.file,
                    card.line,
                    f"cards[{card.index}]",
                    f"card {card.id!r} is not mentioned in {article.name}",
                )
            )
    return problems


def _quote_not_found(quote, article: Article) -> str:
    """Why a quote links nothing: its text is absent, or which of its context fails."""
    text = fold_quote_marks(article.text)
    exact, prefix, suffix = (fold_quote_marks(p) for p in (quote.exact, quote.prefix, quote.suffix))
    starts = []
    start = text.find(exact) if exact else -1
    while start != -1:
        starts.append(start)
        start = text.find(exact, start + 1)
    if not starts:
        return f"quote {quote.exact!r} is not found in {article.name}"
    if not any(text[max(0, s - len(prefix)) : s] == prefix for s in starts):
        failed = f"prefix {quote.prefix!r}"
    elif not any(text[s + len(exact) : s + len(exact) + len(suffix)] == suffix for s in starts):
        failed = f"suffix {quote.suffix!r}"
    else:  # each fits on its own, never both at one occurrence
        failed = f"prefix {quote.prefix!r} and suffix {quote.suffix!r} together"
    times = "once" if len(starts) == 1 else f"{len(starts)} times"
    where = text[max(0, starts[0] - 30) : starts[0]]
    return (
        f"quote {quote.exact!r} occurs {times} in {article.name}, but its {failed} matches none "
        f"of them (the first follows {where!r}); correct the context or drop it"
    )


def _alias_line(card, position: int) -> int | None:
    """The line of an alias, or of its card when the card was not read from a file."""
    if position < len(card.alias_lines):
        return card.alias_lines[position]
    return card.line
