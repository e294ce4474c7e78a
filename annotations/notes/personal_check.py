"""Provides `check`'s warnings about personal cards: aliases a shipped card claims, and aliases
the article never mentions."""

from __future__ import annotations

from annotations.cards.linking import link
from annotations.cards.model import Card
from annotations.errors import Problem
from annotations.notes.personal import PersonalCard, alias_clashes, linkable
from annotations.text.article import Article


def personal_warnings(
    cards: list[PersonalCard], shipped: list[Card], file: str, article: Article | None = None
) -> list[Problem]:
    """Warnings for the personal cards of notes file `file` (in the file's order)."""
    clashes = alias_clashes(cards, shipped)
    problems = []
    for index, card in enumerate(cards):
        for clash in clashes.get(card.id, ()):
            owner = "shipped card" if clash.shipped else "your older card"
            problems.append(
                Problem(
                    file,
                    _line(card, clash.index),
                    f"cards[{index}].aliases[{clash.index}]",
                    f"alias {clash.alias!r} is also claimed by {owner} {clash.owner_id!r}"
                    f" ({clash.owner_title}); it links there, not to your card {card.title!r}",
                )
            )
    if article is None:
        return problems
    own = [card.as_card(file) for card in cards]
    links = link(article.text, shipped + linkable(own, clashes))
    for index, card in enumerate(cards):
        lost = {clash.index for clash in clashes.get(card.id, ())}
        for position, alias in enumerate(card.aliases):
            if position not in lost and not links.alias_hits.get((card.id, alias)):
                problems.append(
                    Problem(
                        file,
                        _line(card, position),
                        f"cards[{index}].aliases[{position}]",
                        f"alias {alias!r} of your card {card.title!r} links nothing in"
                        f" {article.name}",
                    )
                )
    return problems


def _line(card: PersonalCard, position: int) -> int | None:
    return card.alias_lines[position] if position < len(card.alias_lines) else card.line
