"""Provides NotesList: every note in text order, filtered as you type, orphans listed apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from annotations.notes.model import Note, Placement
from annotations.text.sanitize import display_text
from annotations.versions.notes_history import NoteHistory, note_histories
from annotations.versions.store import VersionStore
from reader import bindings

QUOTE_WIDTH = 60


@dataclass(frozen=True)
class ListChoice:
    """What the reader chose in the list: jump to a note, re-attach it, confirm its place, or
    delete it."""

    action: Literal["jump", "reattach", "confirm", "delete"]
    note_id: str


def needs_look(approximate: int, orphans: int, key: str) -> str | None:
    """What to say on opening when notes could not be placed exactly, or None when all were."""
    total = approximate + orphans
    if not total:
        return None
    parts = []
    if approximate:
        parts.append(f"{approximate} placed approximately (≈)")
    if orphans:
        parts.append(f"{orphans} whose text is gone from the article")
    noun = "note needs" if total == 1 else "notes need"
    return f"{total} {noun} a look: {key} lists them ({', '.join(parts)})."


ORPHAN_HELP = (
    "This note's text is gone from the article. To keep it, close this list, select the text"
    " it belongs to, open the list again and press ctrl+t on it; to delete it, press d"
    " (u in the article undoes)."
)


def note_matches(note: Note, words: list[str]) -> bool:
    """Whether every typed word is in the note's quote, text or tags (case-insensitive).

    A word typed as tags are shown, `#alpha`, matches the notes with a tag starting "alpha".
    """
    haystack = " ".join((note.quote.exact, note.note, " ".join(note.tags))).casefold()
    tags = [tag.casefold() for tag in note.tags]

    def found(word: str) -> bool:
        if word.startswith("#") and len(word) > 1:
            return any(tag.startswith(word[1:]) for tag in tags)
        return word in haystack

    return all(found(word) for word in words)


def note_line(note: Note, placement: Placement, history: NoteHistory | None = None) -> Text:
    """One entry of the list: colour, state, quote, note and tags, all as plain text; and what
    later versions did to it ("was: …", "removed in the version of DATE")."""
    text = Text()
    marks = {"exact": "  ", "approximate": "≈ ", "orphan": "? "}
    text.append(f"■ {marks[placement.state]}", style=f"bold {_swatch(note.color)}")
    quote = display_text(note.quote.exact)
    if len(quote) > QUOTE_WIDTH:
        quote = quote[: QUOTE_WIDTH - 1] + "…"
    text.append(f"“{quote}”", style="italic")
    if note.note.strip():
        first = display_text(note.note.strip().splitlines()[0])
        text.append(f"  {first}")
    if note.tags:
        text.append("  " + " ".join(f"#{display_text(tag)}" for tag in note.tags), style="bold")
    if note.conflict is not None:
        text.append("  (changed elsewhere too: both versions kept)", style="reverse")
    if history is not None and history.describe():
        said = history.describe()
        if history.was is not None and len(said) > QUOTE_WIDTH + 7:
            said = said[: QUOTE_WIDTH + 5] + "…”"
        text.append(f"  — {display_text(said)}", style="italic")
    return text


def _swatch(color: str) -> str:
    return {"pink": "magenta", "purple": "purple"}.get(color, color)


class NotesList(ModalScreen[ListChoice | None]):
    """Lists notes; typing filters; Enter jumps; ctrl+t re-attaches; ctrl+y confirms a place."""

    BINDINGS = bindings.NOTES_LIST

    def __init__(
        self,
        notes: list[Note],
        orphans: list[Note],
        placements: dict[str, Placement],
        histories: dict[str, NoteHistory] | None = None,
    ):
        super().__init__()
        self.placed_notes = notes
        self.orphan_notes = orphans
        self.placements = placements
        self.histories = histories or {}
        """What later versions of the article did to the notes whose text changed."""
        self.only_changed = False
        """Whether the list shows only the notes whose text changed since they were made."""

    def compose(self):
        with Vertical():
            yield Input(placeholder="type to filter by text or tag", id="notes-filter")
            yield OptionList(id="notes-options")
            yield Static(
                "Enter jump · ctrl+t re-attach to the article's selection · "
                "ctrl+y confirm an approximate place (≈) · ctrl+g only those changed since"
                " your note · Tab, then d delete · Esc close",
                id="notes-help",
            )

    def on_mount(self) -> None:
        self.fill("")
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def action_toggle_changed(self) -> None:
        self.only_changed = not self.only_changed
        self.fill(self.query_one(Input).value)

    def shown(self, note: Note, words: list[str]) -> bool:
        if self.only_changed and note.id not in self.histories:
            return False
        return note_matches(note, words)

    def fill(self, query: str) -> None:
        words = query.casefold().split()
        options = self.query_one(OptionList)
        options.clear_options()
        placed = [note for note in self.placed_notes if self.shown(note, words)]
        orphans = [note for note in self.orphan_notes if self.shown(note, words)]
        total = len(self.placed_notes) + len(self.orphan_notes)
        heading = f"Notes ({len(placed) + len(orphans)} of {total}), in text order"
        if self.only_changed:
            heading += ", only those whose text changed since the note (ctrl+g: all)"
        options.add_option(Option(Text(heading, style="bold"), disabled=True))
        for note in placed:
            line = note_line(note, self.placements[note.id], self.histories.get(note.id))
            options.add_option(Option(line, id=note.id))
        if orphans:
            options.add_option(
                Option(
                    Text("Orphans: their text is gone from the article", style="bold"),
                    disabled=True,
                )
            )
            for note in orphans:
                line = note_line(note, Placement.orphan(), self.histories.get(note.id))
                options.add_option(Option(line, id=note.id))
        if options.option_count > 1:
            options.highlighted = 1

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_choose(self, action: str) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            self.app.bell()
            return
        option = options.get_option_at_index(options.highlighted)
        if option.id is None:
            self.app.bell()
            return
        state = self.placements.get(option.id, Placement.orphan()).state
        if action == "jump" and state == "orphan":
            options.focus()  # so that d, pressed next, deletes rather than filters
            self.notify(ORPHAN_HELP, title="Orphaned note", timeout=15)
            return
        if action == "confirm" and state != "approximate":
            self.notify("Only an approximately placed note (≈) needs confirming.")
            return
        self.dismiss(ListChoice(action, option.id))  # type: ignore[arg-type]

    def action_close(self) -> None:
        self.dismiss(None)


def open_notes_list(screen) -> None:
    """Open the list over `screen` (a NoteKeysScreen) and carry out what the reader chooses."""
    store, article_view = screen.store, screen.article

    def chosen(choice: ListChoice | None) -> None:
        if choice is None:
            return
        if choice.action == "jump":
            screen.picked_note_id = choice.note_id  # E and d act on the note picked
            article_view.jump_to(store.placement(choice.note_id).start)
        elif choice.action == "delete":
            store.delete(choice.note_id)
            screen.after_change("Note deleted (u undoes)")
        elif choice.action == "confirm":
            where = store.placement(choice.note_id)
            store.reattach(choice.note_id, where.start, where.end)
            screen.after_change("Place confirmed")
        else:
            # Only ever onto text the user selected, never the word the cursor happens on.
            span = article_view.selection
            if span is None:
                screen.say("Select the text first (v and a motion), then A and ctrl+t.")
                return
            store.reattach(choice.note_id, *span)
            screen.after_change("Note re-attached")

    placements = store.placements
    article = store.article
    histories = note_histories(
        store.notes, placements, article.text, VersionStore.for_article(article)
    )
    listing = NotesList(store.notes_in_text_order(), store.orphans(), placements, histories)
    screen.app.push_screen(listing, chosen)
