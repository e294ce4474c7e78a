"""Provides HelpScreen: every key, grouped, with where notes are stored."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader import bindings
from reader.keys import keys_in_force, show_keys
from reader.widgets.key_bar import KeyBar

# The key table users read: grouped and explained by hand, while the keys themselves come from
# the bindings in force (after the keymap), so a remapped key shows as remapped. Each row names
# the binding ids it explains; " / " separates the keys of different ids in one row.
KEY_GROUPS: list[tuple[str, list[tuple[tuple[str, ...], str]]]] = [
    (
        "Reading",
        [
            (("article.down", "article.up"), "cursor down / up a line"),
            (("article.left", "article.right"), "cursor left / right a character"),
            (("article.word-next", "article.word-previous", "article.word-end"),
             "next word / previous word / end of word"),
            (("article.paragraph-previous", "article.paragraph-next"),
             "previous / next paragraph"),
            (("article.page-down", "article.page-up"), "page down / page up"),
            (("article.top", "article.bottom"), "top / bottom (a jump: '' comes back)"),
        ],
    ),
    (
        "Jumps",
        [
            (("jumps.hints",), "hints on names, notes, links; type one to go"),
            (("jumps.set-mark",), "then a letter: mark this place (kept)"),
            (("jumps.go-to-mark",), "then a letter: go to a mark; twice: go back"),
            ((), "an article opens where you left it"),
        ],
    ),
    (
        "Search",
        [
            (("article.search",), "search as you type (a capital: exact case)"),
            (("search.accept", "search.cancel"), "  keep the match / go back to where you were"),
            (("article.search-next", "article.search-previous"),
             "next / previous match (wraps round)"),
            (("article.drop-selection",), "  hide the matches (n and N show them again)"),
            ((), "ctrl+p also finds cards and notes"),
        ],
    ),
    (
        "Cards",
        [
            (("article.link-next", "article.link-previous"), "next / previous linked name or note"),
            (("article.mention-next", "article.mention-previous"),
             "next / previous mention of the card on show"),
            (("screen.focus-cards",), "go into the card pane"),
            (("card.down", "card.up"), "  card pane: scroll"),
            (("card.page-down", "card.page-up"), "  card pane: page down / up"),
            (("card.top", "card.bottom"), "  card pane: top / bottom"),
            (("card.link-next", "card.link-previous", "card.open-link"),
             "  card pane: pick a link, mention or card / open it"),
            (("card.mention-next", "card.mention-previous"),
             "  card pane: cursor to next / previous mention"),
            (("card.edit", "card.delete"), "  card pane: edit / delete your own card"),
            (("card.leave",), "  back to the article"),
            (("screen.card-back", "screen.card-forward"),
             "back / forward through the cards you opened"),
            (("screen.toggle-cards",), "hide or show the card pane"),
            (("screen.cards-index",), "index of all cards: mentions and where they fall"),
            (("index.sort",), "  index: sort by name / by mentions"),
            (("index.open", "index.close"), "  index: show the card at its first mention / close"),
            (("app.toggle-later",), "show / hide what came after the article (kept)"),
            (("screen.new-card",), "a card of your own for the selection, or the word"),
        ],
    ),
    (
        "Notes",
        [
            (("article.select",), "select (motion keys extend it)"),
            (("article.drop-selection",), "drop the selection"),
            (("notes.annotate",), "annotate the selection, or the word at the cursor"),
            (("notes.highlight",), "highlight with no note, in the last colour used"),
            (("notes.edit", "notes.delete"), "edit / delete the note under the cursor"),
            (("notes.undo", "notes.redo"), "undo / redo"),
            (("notes.list",), "list all notes (type to filter, Enter jumps)"),
            (("notes.next-here",), "next of several notes on this word (E and d act on it)"),
            (("notes.keep-mine", "notes.take-theirs"),
             "note changed in two places: keep yours / theirs"),
        ],
    ),
    (
        "Versions",
        [
            (("screen.changes",), "what changed since your notes (or the last version kept)"),
            (("changes.next", "changes.previous"), "changes: next / previous change"),
            (("changes.toggle",), "changes: the text now / as it was"),
            (("changes.close",), "changes: back to the article"),
            (("changes-view.down", "changes-view.up"), "changes: scroll"),
            (("changes-view.page-down", "changes-view.page-up"), "changes: page down / up"),
            (("changes-view.top", "changes-view.bottom"), "changes: top / bottom"),
        ],
    ),
    (
        "Writing a note",
        [
            (("editor.save", "editor.cancel"), "save / cancel (asks before dropping words)"),
            (("editor.next-field", "editor.previous-field"), "next / previous field"),
            ((), "→ accepts a tag suggestion"),
        ],
    ),
    (
        "Articles",
        [
            (("screen.open-article",), "open another file or URL (Tab completes a path)"),
            (("open.complete", "open.cancel"), "  open: complete the path / cancel"),
            (("screen.refresh-article",), "fetch a URL again (HTML page: extract; file: read)"),
        ],
    ),
    (
        "App",
        [
            (("app.help",), "this help"),
            (("app.commands",), "command palette: every action by name"),
            (("app.quit", "app.quit-anywhere"), "quit (asks if a note would be lost)"),
            ((), "mouse: a click moves the cursor and shows a card; the wheel scrolls"),
        ],
    ),
]  # fmt: skip


def keys_text(ids: tuple[str, ...], in_force: dict[str, tuple[str, ...]]) -> str:
    """The keys of a help row: "j ↓ / k ↑" for ("article.down", "article.up")."""
    return " / ".join(show_keys(in_force.get(binding_id, ())) for binding_id in ids)


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of Esc, q or ? closes it."""

    BINDINGS = bindings.HELP

    def __init__(self, notes_location: str = "", keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.notes_location = notes_location
        self.keymap = keymap or {}
        """The keymap in force, so the help shows remapped keys as remapped."""

    def compose(self):
        with VerticalScroll(id="help-body"):
            yield Static(self.help_text(), id="help-text")
        # Its own key bar: the reader's, under the dialog, would offer keys that do nothing here.
        yield KeyBar()

    def help_text(self) -> Text:
        text = Text()
        in_force = keys_in_force(self.keymap)
        text.append("annotated-reader: keys\n", style="bold")
        if self.notes_location:  # first, so it is seen without scrolling
            text.append("\nNotes are saved to\n", style="bold")
            text.append(f"  {self.notes_location}\n")
        for group, rows in KEY_GROUPS:
            text.append(f"\n{group}\n", style="bold underline")
            for ids, meaning in rows:
                text.append(f"  {keys_text(ids, in_force):<26}", style="bold")
                text.append(f"{meaning}\n")
        close = show_keys(in_force["help.close"]).replace(" ", ", ")
        text.append(f"\n{close} closes this help.", style="italic")
        return text

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
