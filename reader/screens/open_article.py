"""Provides OpenArticle: the dialog ctrl+o opens, to read another file or URL in this app."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from annotations.text.sanitize import display_text
from reader import bindings
from reader.widgets.path_suggester import PathSuggester


class OpenArticle(ModalScreen[str | None]):
    """Type a path (Tab or → completes it) or a URL; Enter opens it, Esc goes back."""

    BINDINGS = bindings.OPEN

    def __init__(self, recent: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.recent = recent or []
        """(source, title) of articles opened lately, shown as a reminder."""

    def compose(self):
        with Vertical(id="open-dialog"):
            yield Static(Text("Open a file (text, .md, .html) or an http(s):// URL"))
            yield Input(placeholder="path or URL", suggester=PathSuggester(), id="open-input")
            if self.recent:
                lines = [
                    f"{display_text(title) or '(no title)'}  {display_text(source)}"
                    for source, title in self.recent[:5]
                ]
                yield Static(Text("Recent:\n" + "\n".join(lines)), id="open-recent")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_complete(self) -> None:
        field = self.query_one(Input)
        field.cursor_position = len(field.value)
        field.action_cursor_right()  # takes the suggestion shown, as → does at the end

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.app.bell()
            return
        self.dismiss(value)
