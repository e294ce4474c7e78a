"""Provides edited_note: a user's edit applied to a note, and the checks of what was typed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from annotations.notes.model import Note


def edited_note(
    base: Note,
    current: Note | None,
    original: Note | None,
    *,
    note: str | None,
    tags: Iterable[str] | None,
    color: str | None,
) -> Note:
    """`base` with the fields the user changed. `current` is the note in the store now (None if
    deleted meanwhile), `original` the note as the editor opened on it.

    When another window's change to the note came in while the editor was open, the user's
    words win and theirs are kept beside them as a conflict: neither is lost unseen.
    """
    new = replace(
        base,
        note=base.note if note is None else note,
        tags=base.tags if tags is None else clean_tags(tags),
        color=base.color if color is None else check_color(color),
    )
    theirs_meanwhile = (
        current is not None
        and original is not None
        and current.content()[:4] != original.content()[:4]
        and new.content()[:4] != current.content()[:4]
    )
    if theirs_meanwhile and current.conflict is None:
        new = replace(new, conflict=current.as_conflict())
    return new


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    from annotations.notes.schema import clean_tags  # imported on the first edit, not at start-up

    return clean_tags(tags)


def check_color(color: str) -> str:
    from annotations.notes.schema import check_color

    return check_color(color)
