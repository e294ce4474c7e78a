"""Provides a Reading: an article with its cards and their links, loaded and checked together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotations import builtin
from annotations.article import Article, load_article
from annotations.cards import CardSet, load_cards
from annotations.errors import AnnotationError
from annotations.linking import Links, link


@dataclass(eq=False)
class Reading:
    """Everything the reader shows for one article, loaded before the screen starts."""

    article: Article
    cards: CardSet
    links: Links
    cards_note: str = ""
    """Why there are no cards, when there are none (shown to the user)."""
    is_builtin: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.cards.info.title or self.article.name


def sidecar_cards(article_path: Path) -> Path:
    """The cards file that goes with an article: NAME.cards.yaml beside it."""
    return article_path.with_name(article_path.stem + ".cards.yaml")


def resolve_article(argument: str | None) -> tuple[Path, bool]:
    """The article file a command names (None or "builtin" for the built-in one)."""
    if argument is None or argument == builtin.BUILTIN_NAME:
        return builtin.article_path(), True
    return Path(argument), False


def open_reading(
    argument: str | None = None,
    cards_paths: list[Path] | None = None,
    *,
    encoding: str | None = None,
) -> Reading:
    """Load an article and its cards; raise AnnotationError with every problem found."""
    path, is_builtin = resolve_article(argument)
    problems = []
    article = None
    try:
        article = load_article(path, encoding=encoding)
    except AnnotationError as error:
        problems.extend(error.problems)
    note = ""
    if cards_paths is None:
        if is_builtin:
            cards_paths = [builtin.cards_path()]
        elif sidecar_cards(path).exists():
            cards_paths = [sidecar_cards(path)]
        else:
            cards_paths = []
            note = f"No cards: give --cards FILE, or put {sidecar_cards(path).name} beside it."
    cards = CardSet()
    if cards_paths:
        try:
            cards = load_cards(cards_paths)
        except AnnotationError as error:
            problems.extend(error.problems)
    if problems or article is None:
        raise AnnotationError(problems)
    if is_builtin and cards.info.title:
        article.name = cards.info.title
    return Reading(
        article=article,
        cards=cards,
        links=link(article.text, cards.cards),
        cards_note=note,
        is_builtin=is_builtin,
    )
