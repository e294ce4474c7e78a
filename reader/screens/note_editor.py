"""Provides NoteEditor: the modal where a note is written, tagged and coloured."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea

from annotations.notes.model import COLORS
from annotations.text.sanitize import display_text
from reader import bindings


@dataclass(frozen=True)
class NoteDraft:
    """What the editor returns on save."""

    note: str
    tags: tuple[str, ...]
    color: str


def split_tags(value: str) -> tuple[str, ...]:
    """Tags as typed: separated by commas or spaces, duplicates dropped, order kept."""
    seen: dict[str, None] = {}
    for tag in value.replace(",", " ").split():
        seen.setdefault(tag, None)
    return tuple(seen)


class TagSuggester(Suggester):
    """Completes the tag being typed (the last one) from the tags already used."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value[-1] in ", ":
            return None
        head, _, last = value.replace(",", " ").rpartition(" ")
        del head
        for tag in self.tags:
            if tag.startswith(last) and tag != last:
                return value + tag[len(last) :]
        return None


class ConfirmDiscard(ModalScreen[bool]):
    """Asks before throwing away a typed note."""

    BINDINGS = bindings.DISCARD

    def compose(self):
        yield Static("Discard this note? y discards, n or Esc keeps editing.")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NoteEditor(ModalScreen[NoteDraft | None]):
    """Quote on top, then the note, tags and colour. ctrl+s saves, Esc cancels."""

    BINDINGS = bindings.EDITOR

    def __init__(
        self,
        quote: str,
        *,
        note: str = "",
        tags: tuple[str, ...] = (),
        color: str = "yellow",
        known_tags: list[str] | None = None,
        title: str = "New note",
    ) -> None:
        super().__init__()
        self.quote = quote
        # A note from a synced file may hold control characters: never hand them to the terminal.
        self.initial = NoteDraft(display_text(note, keep_newlines=True), tuple(tags), color)
        self.known_tags = known_tags or []
        self.heading = title

    def compose(self):
        with Vertical():
            yield Label(Text(self.heading, style="bold"))
            yield Static(Text("“" + display_text(self.quote) + "”"), id="editor-quote")
            yield TextArea(
                self.initial.note, id="editor-note", soft_wrap=True, tab_behavior="focus"
            )
            yield Input(
                " ".join(self.initial.tags),
                placeholder="tags, separated by spaces or commas",
                id="editor-tags",
                suggester=TagSuggester(self.known_tags),
            )
            with Horizontal(id="editor-colors"), RadioSet(id="editor-color"):
                for color in COLORS:
                    yield RadioButton(color, value=color == self.initial.color, id=f"color-{color}")
            yield Static(
                "ctrl+s save · Esc cancel · Tab next field · → accepts a tag suggestion",
                id="editor-help",
            )

    def on_mount(self) -> None:
        self.query_one("#editor-note", TextArea).focus()

    def draft(self) -> NoteDraft:
        radio = self.query_one("#editor-color", RadioSet)
        pressed = radio.pressed_button
        color = str(pressed.label) if pressed is not None else self.initial.color
        return NoteDraft(
            self.query_one("#editor-note", TextArea).text,
            split_tags(self.query_one("#editor-tags", Input).value),
            color,
        )

    def action_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def action_save(self) -> None:
        self.dismiss(self.draft())

    def action_cancel(self) -> None:
        if self.draft() == self.initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDiscard(), answered)
