"""Provides `check`: errors in cards files, and warnings about how they link to an article."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from annotations.cards.linking import link, normalise_alias
from annotations.cards.model import CardSet, load_cards
from annotations.errors import AnnotationError, Problem
from annotations.text.article import Article


@dataclass
class CheckReport:
    """What `check` found: errors make the cards unusable, warnings only need a look."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    cards: CardSet | None = None


def check_files(paths: list[Path], article: Article | None = None) -> CheckReport:
    """Validate cards files and, given the article, lint how they link to it."""
    report = CheckReport()
    try:
        report.cards = load_cards(paths)
    except AnnotationError as error:
        report.errors = error.problems
        return report
    report.warnings = duplicate_aliases(report.cards)
    if article is not None:
        # An alias claimed twice links nothing at its second card; one warning says it all.
        claimed = {(problem.file, problem.field) for problem in report.warnings}
        report.warnings.extend(link_warnings(report.cards, article, skip=claimed))
    report.warnings.sort(key=lambda problem: (problem.file, problem.line or 0, problem.field))
    return report


def duplicate_aliases(cards: CardSet) -> list[Problem]:
    """An alias claimed by two cards links to the first only: say so at the second."""
    owners: dict[tuple[bool, str], str] = {}
    problems = []
    for card in cards.cards:
        for position, alias in enumerate(card.aliases):
            key = normalise_alias(alias)
            key = key if card.case_sensitive else key.casefold()
            owner = owners.setdefault((card.case_sensitive, key), card.id)
            if owner != card.id:
                problems.append(
                    Problem(
                        card.file,
                        _alias_line(card, position),
                        f"cards[{card.index}].aliases[{position}]",
                        f"alias {alias!r} is also claimed by card {owner!r}; it links there",
                    )
                )
    return problems


def link_warnings(
    cards: CardSet, article: Article, *, skip: Collection[tuple[str, str]] = ()
) -> list[Problem]:
    """Aliases and quotes that link nothing, and cards with no mention at all.

    Aliases whose (file, field), as (`c.yaml`, `cards[1].aliases[0]`), is in `skip` are left out.
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
                        f"quote {quote.exact!r} is not found in {article.name}",
                    )
                )
        if not links.of_card(card.id):
            problems.append(
                Problem(
                    card.file,
                    card.line,
                    f"cards[{card.index}]",
                    f"card {card.id!r} is not mentioned in {article.name}",
                )
            )
    return problems


def _alias_line(card, position: int) -> int | None:
    """The line of an alias, or of its card when the card was not read from a file."""
    if position < len(card.alias_lines):
        return card.alias_lines[position]
    return card.line
