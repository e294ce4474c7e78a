"""Provides ReaderScreen: the article and its cards side by side, wired together."""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.containers import Container
from textual.widgets import Static

from annotations.cards.history import CardHistory
from annotations.cards.xray import SortBy
from annotations.notes.store import NotesStore
from annotations.reading import Reading
from annotations.text.sanitize import display_text
from reader import bindings, memory
from reader.screens.card_keys import CardKeysScreen
from reader.screens.jump_keys import JumpKeysScreen
from reader.screens.versions_keys import VersionsMixin
from reader.settings import Settings
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from reader.widgets.key_bar import KeyBar
from reader.widgets.search_bar import SearchBar

NARROW_WIDTH = 100
"""Below this many columns the card pane moves under the article."""
RELINK_AT_ONCE_CHARS = 20_000
"""Up to this length an article is relinked at once after a card changes (linking takes about
1.5 ms per 1,000 characters): longer ones are relinked in the background, so no key waits."""


class ReaderScreen(VersionsMixin, JumpKeysScreen, CardKeysScreen):
    """The main screen: header, article, card pane, notes status, footer."""

    BINDINGS = bindings.SCREEN

    def __init__(self, reading: Reading, store: NotesStore, *, notes_ready: bool = True) -> None:
        super().__init__(store, notes_ready=notes_ready)
        self.reading = reading
        self.history = CardHistory()
        self._pane_card = None
        """The card the pane is to show (it follows on the next frame)."""
        self._pane_due = False
        self.index_sort: SortBy = "name"
        """How the cards index was last sorted (it opens so again)."""
        self.init_jumps()
        self._link_generation = 0
        """Grows when the cards change: links found for an older set of cards are dropped."""

    def compose(self):
        # Decided before the children mount, so the first frame is styled once, not twice.
        self.set_narrow(self.app.size.width)
        yield Static(self.header_text(), id="header")
        with Container(id="body"):
            yield ArticleView(
                self.reading, notes=self.store, cursor=self.restored_position(), id="article"
            )
            yield CardPane(
                self.reading,
                show_later=getattr(self.app, "settings", Settings()).show_later,
                id="cards",
            )
        yield Static(id="status")
        yield KeyBar(id="keys")
        yield SearchBar(id="search")

    def header_text(self) -> Text:
        info, article = self.reading.cards.info, self.reading.article
        parts = [display_text(self.reading.title)]
        if article.byline:  # what a page says of itself (HTML), then what the cards say
            parts.append(display_text(article.byline))
        if info.published:
            parts.append(info.published.isoformat())
        elif article.date:
            parts.append(display_text(article.date))
        if info.source:
            parts.append(display_text(info.source))
        elif article.source and "://" in article.source:
            parts.append(display_text(article.source))
        return Text(" · ".join(parts), no_wrap=True, overflow="ellipsis")

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def cards(self) -> CardPane:
        return self.query_one(CardPane)

    def on_mount(self) -> None:
        self.call_after_refresh(memory.settle)  # the first frame is up: collect again
        if not self.reading.linked:
            self.call_after_refresh(self.link_in_background)
        self.start_notes()
        self.start_position_keeping()
        self.sync_personal()
        for warning in self.reading.article.warnings:
            self.notify(warning, title="Article", severity="warning", timeout=15, markup=False)
        self.article.focus()
        # The card on show when the article opens starts the history.
        self.cursor_moved(ArticleView.CursorMoved(self.article.cursor, went=True))
        self.update_pane()  # the first frame already shows the card under the cursor

    def on_resize(self, event: events.Resize) -> None:
        self.set_narrow(event.size.width)

    def set_narrow(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "narrow")

    @work(thread=True, group="linking")
    def link_in_background(self) -> None:
        """Find every mention of a long article while its first screen is already up."""
        generation = self._link_generation
        links = self.reading.find_links()
        self.app.call_from_thread(self.links_found, links, generation)

    def links_found(self, links, generation: int | None = None) -> None:
        if generation is not None and generation != self._link_generation:
            return  # the cards changed while these were found: newer links are on their way
        self.reading.set_links(links)
        memory.keep_long_lived()
        self.article.refresh()
        shown = self.cards.card
        if shown is not None and self.reading.cards.by_id.get(shown.id) is not shown:
            # A personal card edited, deleted or brought back: show its new version (or none).
            self.show_card(shown.id, record=False)
        self.cursor_moved(ArticleView.CursorMoved(self.article.cursor))
        self.cards.refresh_card()  # the overview's counts and the card's mentions changed
        from reader.screens.cards_index import CardsIndex

        for screen in self.app.screen_stack:
            if isinstance(screen, CardsIndex):
                screen.refill()

    def relink(self) -> None:
        """Link again after the personal cards changed: at once, or in the background for a
        long article (the screen keeps the old links until the new ones are found)."""
        self._link_generation += 1
        if len(self.reading.article.text) > RELINK_AT_ONCE_CHARS:
            self.link_in_background()
        else:
            self.links_found(self.reading.find_links(), self._link_generation)

    def report_broken(self) -> None:
        """Once the notes are read (at once, or in the background): what needs the user's eye."""
        super().report_broken()
        # The text is kept as a version; then either "the article changed since your notes"
        # or, when it did not, which notes need a look.
        self.keep_version()

    def say_notes_to_look_at(self) -> None:
        from reader.screens.notes_list import needs_look

        key = self.key_for("list_notes", "A")
        message = needs_look(len(self.store.approximate()), len(self.store.orphans()), key)
        if message is not None:
            self.notify(message, title="Notes", severity="warning", timeout=12, markup=False)

    # Cards follow the cursor -------------------------------------------------------------------

    @on(ArticleView.CursorMoved)
    def cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self.cards.cursor = event.offset
        self.position_moved(event.offset)
        mention = self.reading.links.at(event.offset)
        if mention is not None:
            # The pane follows the cursor; the history keeps only the cards the user went to.
            self.show_card(mention.card_id, record=event.went)
        else:
            self.refresh_extra()

    def show_card(self, card_id: str | None, *, record: bool = True) -> None:
        card = self.reading.cards.by_id.get(card_id) if card_id else None
        if record and card is not None:
            self.history.open(card.id)
        self.article.shown_card_id = card.id if card else None
        self._pane_card = card
        self.schedule_pane()

    def schedule_pane(self) -> None:
        """Update the card pane just after the next frame, so the cursor never waits for it.

        Moves in quick succession (a held key) update the pane once, with the latest card.
        """
        if not self._pane_due:
            self._pane_due = True
            self.call_after_refresh(self.update_pane)

    def update_pane(self) -> None:
        self._pane_due = False
        extra = self.extra_for_cursor()
        if extra is not None and self.reading.links.at(self.article.cursor) is None:
            # A note on words no card names: the pane shows the note, not the last card passed.
            self._pane_card = None
            self.article.shown_card_id = None
        self.cards.show(self._pane_card, extra)

    def extra_for_cursor(self) -> Text | None:
        """The note under the cursor, shown above the card."""
        note = self.note_under_cursor()
        return self.note_text(note) if note is not None else None

    def refresh_extra(self) -> None:
        self.schedule_pane()

    @on(ArticleView.Notice)
    def article_notice(self, event: ArticleView.Notice) -> None:
        self.say(event.text)

    # Search: the line at the bottom, and the article's matches -----------------------------------

    @on(ArticleView.SearchTyping)
    def search_typing(self, event: ArticleView.SearchTyping) -> None:
        # The two lines swap by their own display, not by a class on the screen: a class would
        # restyle every widget (the article's styles worked out again) on each / and Esc.
        self.query_one(KeyBar).display = False
        self.query_one(SearchBar).show(event.query, event.status)

    @on(ArticleView.SearchDone)
    def search_done(self) -> None:
        self.query_one(SearchBar).close()
        self.query_one(KeyBar).display = True

    @on(ArticleView.SearchStatus)
    def search_status(self, event: ArticleView.SearchStatus) -> None:
        if event.text:
            self.say(event.text)

    # Jumps from the command palette ----------------------------------------------------------

    def go_to_card(self, card_id: str) -> None:
        """Put the cursor on the card's first mention; a card never mentioned is only shown."""
        mentions = self.reading.links.of_card(card_id)
        if mentions:
            self.article.jump_to(mentions[0].start)
        else:
            self.show_card(card_id)
            self.say("This card is not mentioned in the article")
        self.article.focus()

    def go_to_note(self, note_id: str) -> None:
        """Put the cursor on the note (E and d act on it); an orphan has no place to go to."""
        where = self.store.placement(note_id)
        if where.start is None:
            self.say("That note lost its place in the text: A lists it, to re-attach")
            return
        self.picked_note_id = note_id
        self.article.jump_to(where.start)
        self.article.focus()

    @on(CardPane.OpenCard)
    def open_card(self, event: CardPane.OpenCard) -> None:
        self.show_card(event.card_id)

    @on(CardPane.GoToCard)
    def go_to_card_event(self, event: CardPane.GoToCard) -> None:
        self.go_to_card(event.card_id)

    @on(CardPane.JumpTo)
    def jump_to_mention(self, event: CardPane.JumpTo) -> None:
        if event.notice:
            self.say(event.notice)
        if not event.stay:
            self.article.focus()
        self.article.move_to(event.mention.start, went=True)

    @on(CardPane.Leave)
    def leave_cards(self) -> None:
        self.article.focus()

    # Actions -----------------------------------------------------------------------------------

    def action_focus_cards(self) -> None:
        if self.has_class("cards-hidden"):
            self.remove_class("cards-hidden")
        self.cards.focus()

    def action_card_back(self) -> None:
        card_id = self.history.back()
        if card_id is None:
            self.app.bell()
        else:
            self.show_card(card_id, record=False)

    def action_card_forward(self) -> None:
        card_id = self.history.forward()
        if card_id is None:
            self.app.bell()
        else:
            self.show_card(card_id, record=False)

    def action_cards_index(self) -> None:
        from reader.screens.cards_index import CardsIndex, IndexChoice  # loaded when first used

        def chosen(choice: IndexChoice | None) -> None:
            if choice is None:
                return
            self.index_sort = choice.sort
            if choice.card_id is not None:
                self.go_to_card(choice.card_id)

        self.app.push_screen(CardsIndex(self.reading, self.index_sort), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Served to a browser, the reader opens only the article it was started with.
        if action in ("open_article", "refresh_article") and getattr(self.app, "served", False):
            return False
        return super().check_action(action, parameters)

    def action_open_article(self) -> None:
        """ctrl+o: ask for a file or URL, and read it here instead."""
        from annotations.errors import AnnotationError
        from annotations.sources.recents import load_recents
        from reader.screens.open_article import OpenArticle

        try:
            recent = [(entry.source, entry.title) for entry in load_recents()]
        except AnnotationError:
            recent = []  # a damaged list only loses the reminder; `open` says what is wrong
        recent = [item for item in recent if item[0] != self.reading.origin]

        def chosen(source: str | None) -> None:
            if source:
                self.app.open_article(source)

        self.app.push_screen(OpenArticle(recent), chosen)

    def action_refresh_article(self) -> None:
        """R: fetch a URL again (an HTML page: extract it again; a file: read it again)."""
        self.app.open_article(self.reading.origin, refresh=True)

    def action_toggle_cards(self) -> None:
        self.toggle_class("cards-hidden")
        if self.has_class("cards-hidden"):
            self.article.focus()
