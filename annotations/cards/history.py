"""Provides CardHistory: the cards a reader opened, to go back and forward as in a browser."""

from __future__ import annotations


class CardHistory:
    """A back/forward list of card ids; opening a card drops the forward part."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.index = -1

    @property
    def current(self) -> str | None:
        return self.entries[self.index] if self.index >= 0 else None

    def open(self, card_id: str) -> None:
        """Record that `card_id` is now on show (a repeat of the current one is not recorded)."""
        if card_id == self.current:
            return
        del self.entries[self.index + 1 :]
        self.entries.append(card_id)
        self.index = len(self.entries) - 1

    def back(self) -> str | None:
        """Step back; the card now on show, or None when already at the start."""
        if self.index <= 0:
            return None
        self.index -= 1
        return self.current

    def forward(self) -> str | None:
        """Step forward; the card now on show, or None when already at the end."""
        if self.index + 1 >= len(self.entries):
            return None
        self.index += 1
        return self.current
