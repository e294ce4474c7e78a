"""Provides a Reading: an article with its cards and their links, loaded and checked together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotations import builtin
from annotations.cards.linking import Links, link
from annotations.cards.load import load_cards
from annotations.cards.model import CardSet
from annotations.errors import AnnotationError
from annotations.text.article import Article, load_article


@dataclass(eq=False)
class Reading:
    """Everything the reader shows for one article, loaded before the screen starts."""

    article: Article
    cards: CardSet
    links: Links
    """Every mention; empty until `linked` for an article linked in the background."""
    cards_note: str = ""
    """Why there are no cards, when there are none (shown to the user)."""
    is_builtin: bool = False
    linked: bool = True
    """False while the links are still to be found (see `link_later`)."""

    @property
    def title(self) -> str:
        return self.cards.info.title or self.article.name

    def find_links(self) -> Links:
        """Link every card in the article (safe to call from a worker thread)."""
        return link(self.article.text, self.cards.cards)

    def set_links(self, links: Links) -> None:
        self.links = links
        self.linked = True


LINK_LATER_CHARS = 300_000
"""Articles longer than this (a long read, a book) are linked after the first screen shows."""


def sidecar_cards(article_path: Path) -> Path:
    """The cards file that goes with an article: NAME.cards.yaml beside it."""
    return article_path.with_name(article_path.stem + ".cards.yaml")


def resolve_article(argument: str | None) -> tuple[Path, bool]:
    """The article file a command names (None or "builtin" for the built-in one)."""
    if argument is None or argument == builtin.BUILTIN_NAME:
        return builtin.article_path(), True
    return Path(argument), False


def default_cards(argument: str | None) -> list[Path]:
    """The cards an article opens with when no --cards is given: the built-in article's, or
    its sidecar NAME.cards.yaml when there is one, else none."""
    path, is_builtin = resolve_article(argument)
    if is_builtin:
        return [builtin.cards_path()]
    if sidecar_cards(path).exists():
        return [sidecar_cards(path)]
    return []


def open_reading(
    argument: str | None = None,
    cards_paths: list[Path] | None = None,
    *,
    encoding: str | None = None,
    link_later: bool = False,
) -> Reading:
    """Load an article and its cards; raise AnnotationError with every problem found.

    With `link_later`, a long article (over LINK_LATER_CHARS) comes back unlinked, for the
    caller to link with `find_links` off the UI thread while the first screen shows.
    """
    path, is_builtin = resolve_article(argument)
    problems = []
    article = None
    try:
        article = load_article(path, encoding=encoding)
    except AnnotationError as error:
        problems.extend(error.problems)
    note = ""
    if cards_paths is None:
        cards_paths = default_cards(argument)
        if not cards_paths:
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
    later = link_later and len(article.text) > LINK_LATER_CHARS and bool(cards.cards)
    return Reading(
        article=article,
        cards=cards,
        links=Links() if later else link(article.text, cards.cards),
        cards_note=note,
        is_builtin=is_builtin,
        linked=not later,
    )
