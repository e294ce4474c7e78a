"""Provides vanished_cards: the cards mentioned in an earlier version of the article, not in this.

Mentions are linked in each version on its own; a card whose every alias went with an edit is
told apart from one that was never mentioned, so an editor knows to look at the new text.
"""

from __future__ import annotations

from annotations.cards.linking import link
from annotations.cards.model import CardSet
from annotations.errors import Problem
from annotations.text.article import Article


def vanished_cards(cards: CardSet, article: Article, old_text: str, old_day: str) -> list[Problem]:
    """A warning for each card linked in `old_text` (the version of `old_day`) but not in
    `article`'s text."""
    before = link(old_text, cards.cards)
    now = link(article.text, cards.cards)
    return [
        Problem(
            card.file,
            card.line,
            f"cards[{card.index}]",
            f"card {card.id!r} was mentioned in the version of {old_day} of {article.name}, but"
            " none of its aliases is in this version any more",
        )
        for card in cards.cards
        if before.of_card(card.id) and not now.of_card(card.id)
    ]


def merge_vanished(warnings: list[Problem], vanished: list[Problem]) -> list[Problem]:
    """`warnings` with "not mentioned" replaced by the vanished warning for the same card."""
    gone = {(p.file, p.field) for p in vanished}
    kept = [
        p
        for p in warnings
        if not ((p.file, p.field) in gone and "is not mentioned in" in p.message)
    ]
    merged = kept + vanished
    merged.sort(key=lambda problem: (problem.file, problem.line or 0, problem.field))
    return merged
