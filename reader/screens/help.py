"""Provides HelpScreen: every key, grouped, with where notes are stored."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# The key table users read. It is written out (not generated) so it can group and explain.
KEY_GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Reading",
        [
            ("j k  ↓ ↑", "cursor down / up a line"),
            ("h l  ← →", "cursor left / right a character"),
            ("w b e", "next word / previous word / end of word"),
            ("{ }", "previous / next paragraph"),
            ("space PgDn / PgUp", "page down / page up"),
            ("g Home / G End", "top / bottom"),
        ],
    ),
    (
        "Cards",
        [
            ("Tab / shift+Tab", "next / previous linked name or note"),
            ("] / [", "next / previous mention of the card on show"),
            ("Enter", "go into the card pane"),
            ("  in the card pane", "j k scroll; Tab picks a see-also, Enter opens it"),
            ("Esc", "back to the article"),
            ("backspace alt+← / alt+→", "back / forward through the cards you opened"),
            ("c", "hide or show the card pane"),
            ("L", "hide or show what happened after the article (remembered)"),
        ],
    ),
    (
        "Notes",
        [
            ("v", "select (motion keys extend it, Esc drops it)"),
            ("a", "annotate the selection, or the word at the cursor"),
            ("H", "highlight with no note, in the last colour used"),
            ("E / d", "edit / delete the note under the cursor"),
            ("u / ctrl+r", "undo / redo"),
            ("A", "list all notes (type to filter, Enter jumps)"),
            ("K / T", "note changed in two places: keep yours / theirs"),
        ],
    ),
    (
        "App",
        [
            ("?", "this help"),
            ("ctrl+p", "command palette: every action by name"),
            ("q", "quit"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", show=False, id="help.up"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    """

    def __init__(self, notes_location: str = "") -> None:
        super().__init__()
        self.notes_location = notes_location

    def compose(self):
        with VerticalScroll(id="help-body"):
            yield Static(self.help_text(), id="help-text")

    def help_text(self) -> Text:
        text = Text()
        text.append("annotated-reader: keys\n", style="bold")
        for group, keys in KEY_GROUPS:
            text.append(f"\n{group}\n", style="bold underline")
            for key, meaning in keys:
                text.append(f"  {key:<26}", style="bold")
                text.append(f"{meaning}\n")
        if self.notes_location:
            text.append("\nNotes are saved to\n", style="bold")
            text.append(f"  {self.notes_location}\n")
        text.append("\nEsc, q or ? closes this help.", style="italic")
        return text

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
