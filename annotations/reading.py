"""Provides a Reading: an article with its cards and their links, loaded and checked together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotations import builtin
from annotations.cards.library import load_library
from annotations.cards.linking import Links, link
from annotations.cards.model import Card, CardSet
from annotations.errors import AnnotationError
from annotations.notes.personal import AliasClash, PersonalCard, alias_clashes, linkable
from annotations.sources.load import load_source
from annotations.text.article import Article


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
    origin: str = ""
    """What opens this article again (a URL, a path, "builtin"): recents, ctrl+o, refresh."""
    cards_paths: list[Path] | None = None
    """The cards files asked for (None: the default ones), to open it again the same way."""
    encoding: str | None = None
    clashes: dict[str, list[AliasClash]] = field(default_factory=dict)
    """Personal card id -> its aliases another card claims first (they link there)."""

    def __post_init__(self) -> None:
        self.shipped = self.cards
        """The cards that came with the article (never changed here: they may be cached)."""
        self._linkable: list[Card] = self.cards.cards

    @property
    def title(self) -> str:
        return self.cards.info.title or self.article.title or self.article.name

    def set_personal(self, personal: Iterable[PersonalCard], file: str = "") -> None:
        """Show the reader's own cards beside the shipped ones; `find_links` then links them.

        Shipped cards come first, so an alias both claim links the shipped card; the personal
        card's clash is kept in `clashes` for the card pane and `check` to report.
        """
        personal = list(personal)
        self.clashes = alias_clashes(personal, self.shipped.cards)
        own = [card.as_card(file) for card in personal]
        shipped = self.shipped
        self.cards = CardSet(shipped.cards + own, shipped.info, shipped.files)
        self._linkable = shipped.cards + linkable(own, self.clashes)

    def find_links(self) -> Links:
        """Link every card in the article (safe to call from a worker thread)."""
        return shown_links(self.article, link(self.article.text, self._linkable))

    def set_links(self, links: Links) -> None:
        self.links = links
        self.linked = True


def shown_links(article: Article, links: Links) -> Links:
    """The mentions a reader can see: none inside hidden markup (a Markdown link's URL)."""
    rendering = article.rendering
    if rendering is None:
        return links
    kept = [mention for mention in links.mentions if not rendering.is_hidden(mention.start)]
    if len(kept) == len(links.mentions):
        return links
    return Links(kept, links.alias_hits, links.quote_hits)


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
    refresh: bool = False,
) -> Reading:
    """Load an article and its cards; raise AnnotationError with every problem found.

    The article may be a text or Markdown file, a saved HTML page or a URL (see load_source;
    `refresh` fetches a URL again). `cards_paths` are files or folders of cards files (by default
    the article's sidecar file); the card libraries in ANNOTATED_READER_CARDS are added to them.

    With `link_later`, a long article (over LINK_LATER_CHARS) comes back unlinked, for the
    caller to link with `find_links` off the UI thread while the first screen shows.
    """
    asked_cards = cards_paths
    is_builtin = argument is None or argument == builtin.BUILTIN_NAME
    problems = []
    article = None
    beside = None
    origin = argument or builtin.BUILTIN_NAME
    try:
        source = load_source(argument, encoding=encoding, refresh=refresh)
        article, beside, origin = source.article, source.beside, source.origin
    except AnnotationError as error:
        problems.extend(error.problems)
        if argument and not is_builtin and "://" not in argument:
            beside = Path(argument)
    note = ""
    if cards_paths is None:
        if is_builtin:
            cards_paths = [builtin.cards_path()]
        elif beside is not None and sidecar_cards(beside).exists():
            cards_paths = [sidecar_cards(beside)]
        elif beside is None:
            cards_paths = []
            note = "No cards: give --cards FILE."
        else:
            cards_paths = []
            note = f"No cards: give --cards FILE, or put {sidecar_cards(beside).name} beside it."
    cards = CardSet()
    try:
        # The article's own cards, then the libraries ANNOTATED_READER_CARDS adds to every one.
        cards = load_library(cards_paths)
    except AnnotationError as error:
        problems.extend(error.problems)
    if cards.cards:
        note = ""
    if problems or article is None:
        raise AnnotationError(problems)
    if is_builtin and cards.info.title:
        article.name = cards.info.title
    later = link_later and len(article.text) > LINK_LATER_CHARS and bool(cards.cards)
    return Reading(
        article=article,
        cards=cards,
        links=Links() if later else shown_links(article, link(article.text, cards.cards)),
        cards_note=note,
        is_builtin=is_builtin,
        linked=not later,
        origin=origin,
        cards_paths=asked_cards,
        encoding=encoding,
    )
