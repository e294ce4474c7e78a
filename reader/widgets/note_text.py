"""Provides describe_note: a note as the card pane shows it, above the card (plain text)."""

from __future__ import annotations

from rich.text import Text

from annotations.notes.model import Note, Placement
from annotations.text.sanitize import display_text
from annotations.versions.notes_history import NoteHistory


def describe_note(
    note: Note, where: Placement, here: list[Note], history: NoteHistory | None = None
) -> Text:
    """`note`, placed at `where`, for the top of the card pane; `here`: the notes at the cursor;
    `history`: what later versions of the article did to its quote."""
    text = Text()
    text.append("Your note", style="bold")
    text.append(f"  ({note.color})", style="italic")
    if where.state == "approximate":
        text.append("  placed approximately: A lists it to confirm", style="reverse")
    text.append("\n")
    if history is not None and history.was is not None:
        text.append(f"The text changed since your note; it was: “{display_text(history.was)}”\n",
                    style="italic")  # fmt: skip
    text.append(display_text(note.note.strip(), keep_newlines=True) or "(highlight, no note)")
    if note.tags:
        text.append("\n" + " ".join(f"#{display_text(tag)}" for tag in note.tags), style="bold")
    if note.conflict is not None:
        text.append("\nChanged in another window or program too; its version:\n", style="reverse")
        text.append(display_text(note.conflict.note, keep_newlines=True) or "(no note)")
        if note.conflict.tags:
            tags = " ".join(f"#{display_text(tag)}" for tag in note.conflict.tags)
            text.append(f"\n{tags}", style="bold")
        text.append(f"  ({note.conflict.color})", style="italic")
        text.append("\nK keeps yours · T takes this one", style="italic")
    if len(here) > 1 and note in here:
        number = len(here) - here.index(note)  # the top one is 1
        text.append(f"\nNote {number} of {len(here)} here · o shows the next", style="bold")
    text.append("\nE edit · d delete", style="italic")
    return text
