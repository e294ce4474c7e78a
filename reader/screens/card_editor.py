"""Provides CardEditor: the modal where a personal card is written or changed.

The fields are a shipped card's: title, kind, summary, body (Markdown), aliases (one a line)
and sources (optional, one a line: "URL title"). ctrl+s checks them with the model's rules and
saves, or says which field to fix; Esc asks before throwing typed text away.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea

from annotations.cards.model import CARD_KINDS, Source
from annotations.notes.personal import checked_fields, parse_source_lines, source_lines
from annotations.text.sanitize import display_text
from reader import bindings
from reader.screens.note_editor import ConfirmDiscard


@dataclass(frozen=True)
class CardDraft:
    """What the editor returns on save: checked fields, ready for the store."""

    title: str
    kind: str
    summary: str
    body: str
    aliases: tuple[str, ...]
    sources: tuple[Source, ...]


class CardEditor(ModalScreen[CardDraft | None]):
    """Title, kind, summary, body, aliases and sources of a personal card."""

    BINDINGS = bindings.EDITOR

    def __init__(
        self,
        *,
        title: str = "",
        kind: str = CARD_KINDS[0],
        summary: str = "",
        body: str = "",
        aliases: tuple[str, ...] = (),
        sources: tuple[Source, ...] = (),
        heading: str = "New card",
    ) -> None:
        super().__init__()
        self.heading = heading
        self.known_sources = sources
        """The sources being edited: a URL kept keeps its publisher and dates."""
        # Text from a synced file may hold control characters: never hand them to the terminal.
        self.initial = (
            display_text(title),
            kind if kind in CARD_KINDS else CARD_KINDS[0],
            display_text(summary),
            display_text(body, keep_newlines=True),
            "\n".join(display_text(alias) for alias in aliases),
            display_text(source_lines(sources), keep_newlines=True),
        )

    def compose(self):
        title, kind, summary, body, aliases, sources = self.initial
        with VerticalScroll():
            yield Label(Text(self.heading, style="bold"))
            yield Input(title, placeholder="title", id="card-title")
            with Horizontal(id="card-kinds"), RadioSet(id="card-kind"):
                for name in CARD_KINDS:
                    yield RadioButton(name, value=name == kind, id=f"kind-{name}")
            yield Input(summary, placeholder="summary: one line", id="card-summary")
            yield Label("Body (Markdown, optional)")
            yield TextArea(body, id="card-body", soft_wrap=True, tab_behavior="focus")
            yield Label("Aliases: the article's words that link here, one a line")
            yield TextArea(aliases, id="card-aliases", soft_wrap=False, tab_behavior="focus")
            yield Label("Sources (optional), one a line: URL title")
            yield TextArea(sources, id="card-sources", soft_wrap=False, tab_behavior="focus")
            yield Static(id="card-error")
            yield Static("ctrl+s save · Esc cancel · Tab next field", id="editor-help")

    def on_mount(self) -> None:
        self.query_one("#card-error", Static).display = False
        for area in self.query(TextArea):  # a Tab into a field lands after what it holds
            area.move_cursor(area.document.end)
        self.query_one("#card-title", Input).focus()

    def typed(self) -> tuple[str, str, str, str, str, str]:
        """The fields as they stand, unchecked."""
        pressed = self.query_one("#card-kind", RadioSet).pressed_button
        return (
            self.query_one("#card-title", Input).value,
            str(pressed.label) if pressed is not None else self.initial[1],
            self.query_one("#card-summary", Input).value,
            self.query_one("#card-body", TextArea).text,
            self.query_one("#card-aliases", TextArea).text,
            self.query_one("#card-sources", TextArea).text,
        )

    def action_next_field(self) -> None:
        self.focus_next()  # as the note editor: the focus moves as the key arrives

    def action_previous_field(self) -> None:
        self.focus_previous()

    def action_save(self) -> None:
        title, kind, summary, body, aliases, sources = self.typed()
        try:
            parsed = parse_source_lines(sources, self.known_sources)
            fields = checked_fields(title, kind, summary, body, aliases.splitlines(), parsed)
        except ValueError as error:
            shown = self.query_one("#card-error", Static)
            shown.display = True
            shown.update(Text(display_text(f"Not saved: {error}")))
            return
        self.dismiss(CardDraft(*fields))

    def action_cancel(self) -> None:
        if self.typed() == self.initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDiscard("card"), answered)
