"""Provides Ask: a yes-or-no question in a small dialog (quitting with unsaved notes, recovery)."""

from __future__ import annotations

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Static

from reader import bindings


class Ask(ModalScreen[bool]):
    """Shows a question; `y` answers yes, `n` or Esc no. The message says what each does."""

    BINDINGS = bindings.ASK

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self):
        yield Static(Text(self.question))  # paths in it may hold "[": text, never markup

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
