"""Provides CardKeysScreen: the keys of the reader's own cards, each a thin call on the store.

`C` opens the card editor on the selection (or the word or name under the cursor); `E` and `d`
in the card pane edit or delete the personal card on show. The store keeps the cards with the
notes (saved, merged and undone alike); after every change the reading is told and relinked,
so mentions follow at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on

from annotations.reading import Reading
from annotations.text.sanitize import display_text
from reader.screens.ask import Ask
from reader.screens.note_keys import NoteKeysScreen, needs_notes
from reader.widgets.card_pane import CardPane

if TYPE_CHECKING:
    from reader.screens.card_editor import CardDraft


class CardKeysScreen(NoteKeysScreen):
    """The note keys and the personal card keys; subclasses provide the reading and relinking."""

    reading: Reading
    """The article and its cards (the subclass sets it)."""

    def __init__(self, store, *, notes_ready: bool = True) -> None:
        super().__init__(store, notes_ready=notes_ready)
        self._cards_seen: int | None = None
        """The store's card revision the reading last showed."""

    def relink(self) -> None:
        """Find the mentions again (the personal cards changed) and redraw."""
        raise NotImplementedError

    def show_card(self, card_id: str | None, *, record: bool = True) -> None:
        """Show a card in the pane (the subclass composes it)."""
        raise NotImplementedError

    def sync_personal(self) -> None:
        """Give the reading the store's personal cards, and relink, when they changed."""
        if not self.notes_ready or self.store.card_revision == self._cards_seen:
            return
        first = self._cards_seen is None
        self._cards_seen = self.store.card_revision
        if first and not self.store.cards:
            return  # the links found at start already hold: no card of the user's to add
        self.reading.set_personal(self.store.cards, str(self.store.path))
        self.relink()

    def after_change(self, message: str) -> None:
        self.sync_personal()
        super().after_change(message)

    def after_save(self) -> None:
        super().after_save()
        if self.is_mounted:
            self.sync_personal()  # a card another reader added or changed links here too

    def notes_loaded(self) -> None:
        super().notes_loaded()
        self.sync_personal()

    # Actions -----------------------------------------------------------------------------------

    @needs_notes
    def action_new_card(self) -> None:
        from reader.screens.card_editor import CardEditor  # its widgets load on first use

        span = self.article.target_span()
        if span is None:
            self.say("Put the cursor on a word, or select the name (v), then C.")
            return
        # Aliases match across any run of white space, so a name broken over lines is one alias.
        name = " ".join(self.store.article.text[span[0] : span[1]].split())

        def saved(draft: CardDraft | None) -> None:
            if draft is None:
                return
            card = self.store.add_card(**vars(draft))
            self.after_change("Card added (u undoes)")
            self.show_card(card.id)
            self.say_clashes(card.id)

        self.app.push_screen(CardEditor(title=name, aliases=(name,)), saved)

    @on(CardPane.EditCard)
    @needs_notes
    def edit_card(self, event: CardPane.EditCard) -> None:
        from reader.screens.card_editor import CardEditor

        own = self._own_card(event.card, "edited")
        if own is None:
            return
        editor = CardEditor(
            title=own.title,
            kind=own.kind,
            summary=own.summary,
            body=own.body,
            aliases=own.aliases,
            sources=own.sources,
            heading="Edit your card",
        )

        def saved(draft: CardDraft | None) -> None:
            if draft is None:
                return
            self.store.edit_card(own.id, original=own, **vars(draft))
            self.after_change("Card saved (u undoes)")
            self.show_card(own.id, record=False)
            self.say_clashes(own.id)

        self.app.push_screen(editor, saved)

    @on(CardPane.DeleteCard)
    @needs_notes
    def delete_card(self, event: CardPane.DeleteCard) -> None:
        own = self._own_card(event.card, "deleted")
        if own is None:
            return
        question = (
            f"Delete your card {display_text(own.title)!r}? y deletes (u undoes), n keeps it."
        )

        def answered(yes: bool | None) -> None:
            if yes and self.store.get_card(own.id) is not None:
                self.store.delete_card(own.id)
                self.show_card(None, record=False)
                self.after_change("Card deleted (u undoes)")

        self.app.push_screen(Ask(question), answered)

    def _own_card(self, card, done: str):
        """The personal card behind the card on show, or None (and the user told why)."""
        if card is None:
            self.say("No card on show: go to a name (Tab) first.")
            return None
        if not card.personal:
            self.say(f"This card came with the article and can't be {done}; C makes your own.")
            return None
        own = self.store.get_card(card.id)
        if own is None:
            self.say("That card is gone (deleted in another window); u may bring it back.")
        return own

    def say_clashes(self, card_id: str) -> None:
        """Tell at once when a shipped card keeps one of the new card's aliases."""
        clashes = self.reading.clashes.get(card_id)
        if clashes:
            self.notify(
                "; ".join(display_text(clash.describe()) for clash in clashes),
                title="Alias clash",
                severity="warning",
                markup=False,
            )
