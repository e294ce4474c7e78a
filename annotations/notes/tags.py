"""Provides the checks of what a user types into a note: tags and colours (no YAML needed)."""

from __future__ import annotations

from collections.abc import Iterable

from annotations.notes.model import COLORS


def is_tag(text: str) -> bool:
    """True for a usable tag: non-empty, printable, no whitespace."""
    return bool(text) and text.isprintable() and not any(char.isspace() for char in text)


def check_color(color: str) -> str:
    """`color` if it is one of COLORS; ValueError otherwise."""
    if color not in COLORS:
        raise ValueError(f"{color!r} is not a colour; use {', '.join(COLORS)}")
    return color


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as given, trimmed and without repeats; ValueError for one with spaces inside.

    A leading `#` is dropped: tags are shown as `#tag`, so `#tag` is how people type them too.
    """
    cleaned: list[str] = []
    for tag in tags:
        tag = tag.strip().lstrip("#")
        if not tag:
            continue
        if not is_tag(tag):
            raise ValueError(f"{tag!r} is not a tag: a tag is one word, with no spaces")
        if tag not in cleaned:
            cleaned.append(tag)
    return tuple(cleaned)
