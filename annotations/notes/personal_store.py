"""Provides OwnCards: the personal cards half of the notes store, with undoable edits.

The store (annotations.notes.store) owns the history, the revision count and the saving; this
keeps the personal cards by id beside the notes and records each change in the same history, so
`u` undoes a card's creation, edit or deletion as it undoes a note's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from annotations.cards.model import Source
from annotations.notes.model import utc_now
from annotations.notes.personal import PersonalCard, card_order, edited_card, make_card, older_copy
from annotations.notes.placed import PlacedNotes
from annotations.notes.undo import Change, History, Kind


class OwnCards(PlacedNotes):
    """Personal cards by id, read under the store's lock, changed through the store's history."""

    _history: History
    """The store's undo history (set by NotesStore)."""
    _revision: int
    """The store's change count (set by NotesStore): a card change is a change to save."""

    def __init__(self) -> None:
        super().__init__()
        self._cards: dict[str, PersonalCard] = {}
        self._card_base: dict[str, PersonalCard] = {}
        self.card_revision = 0
        """Grows with each change to the personal cards (made or merged in): relink then."""

    @property
    def cards(self) -> list[PersonalCard]:
        """Every personal card, oldest first."""
        with self._lock:
            return sorted(self._cards.values(), key=card_order)

    def get_card(self, card_id: str) -> PersonalCard | None:
        with self._lock:
            return self._cards.get(card_id)

    def add_card(
        self,
        title: str,
        kind: str,
        summary: str,
        body: str = "",
        aliases: Iterable[str] = (),
        sources: Iterable[Source] = (),
    ) -> PersonalCard:
        """A new personal card; ValueError naming the first field that is not usable."""
        made = make_card(title, kind, summary, body, aliases, sources)
        self._change_card("card-add", None, made)
        return made

    def edit_card(
        self, card_id: str, *, original: PersonalCard | None = None, **changes
    ) -> PersonalCard:
        """Change some fields of a card (title=..., aliases=...); KeyError for an unknown id.

        `original` is the card as the user began to edit it: if it was deleted meanwhile (in
        another window), the edit brings it back, as an edit to a note does.
        """
        with self._lock:
            old = self._cards.get(card_id)
            if old is None and (original is None or original.id != card_id):
                raise KeyError(f"no personal card with id {card_id!r}")
            new = edited_card(old or original, **changes)  # type: ignore[arg-type]
            if old is not None and new.content() == old.content():
                return old
            self._change_card("card-edit", old, new)
            return new

    def delete_card(self, card_id: str) -> PersonalCard:
        """Delete a card (undo brings it back); KeyError for an unknown id."""
        with self._lock:
            old = self._cards.get(card_id)
            if old is None:
                raise KeyError(f"no personal card with id {card_id!r}")
            self._change_card("card-delete", old, None)
            return old

    def restore_card(self, card: PersonalCard) -> bool:
        """Put back a card kept elsewhere (a recovery file), undoably; False if already here.

        A card changed here since stays as it is, the recovered version beside it as a copy.
        """
        with self._lock:
            current = self._cards.get(card.id)
            if current is not None and current.content() == card.content():
                return False
            if current is not None:
                card = older_copy(card)
                if card.id in self._cards:
                    return False
            self._change_card("card-add", None, card)
            return True

    def _change_card(self, kind: Kind, before: PersonalCard | None, after: PersonalCard | None):
        with self._lock:
            self._history.record(Change(kind, before, after))
            self._put_card((after or before).id, after)  # type: ignore[union-attr]

    def _put_card(self, card_id: str, card: PersonalCard | None) -> None:
        """Set one card (None removes it); the caller holds the lock."""
        if card is None:
            self._cards.pop(card_id, None)
        else:
            self._cards[card_id] = card
        self._revision += 1
        self.card_revision += 1

    def _restore_card(self, change: Change, target, expected) -> None:
        """Put back one version of a card for undo or redo, without dropping a newer one.

        A card changed by another reader since (merged in) is not deleted by undoing its
        creation; put back, a version counts as changed now, so it is the newer in a merge.
        """
        current = self._cards.get(change.note_id)
        changed_since = current is not None and (
            expected is None or current.content() != expected.content()
        )
        if target is None and changed_since:
            return
        if target is not None:
            target = replace(target, updated=utc_now())
        self._put_card(change.note_id, target)

    def _take_cards(self, cards: Iterable[PersonalCard]) -> None:
        """The cards as read from the file: they are also the base of the next merge."""
        self._cards = {card.id: card for card in cards}
        self._card_base = dict(self._cards)
        self.card_revision += 1

    def _adopt_cards(
        self, snapshot: dict[str, PersonalCard], merged: dict[str, PersonalCard]
    ) -> None:
        """Take in what a save merged, except cards changed here while it ran (lock held)."""
        for card_id in set(snapshot) | set(merged):
            if self._cards.get(card_id) is snapshot.get(card_id) and merged.get(
                card_id
            ) is not snapshot.get(card_id):
                self._put_card(card_id, merged.get(card_id))
        self._card_base = dict(merged)
