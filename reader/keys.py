"""Provides what the keymap, help and palette ask of the bindings: ids, and the keys in force.

The bindings themselves are declared in reader.bindings, one list per screen, dialog and widget;
the keymap accepts exactly their ids, and the help screen and the command palette show the keys
in force after the keymap, so a remapped key shows as remapped everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reader import bindings

KEY_SYMBOLS = {
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "question_mark": "?",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "apostrophe": "'",
    "slash": "/",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "enter": "Enter",
    "escape": "Esc",
    "tab": "Tab",
    "shift+tab": "shift+Tab",
    "alt+left": "alt+←",
    "alt+right": "alt+→",
}
"""How a key name is shown to a reader (the README and the help use the same forms)."""


def declared_bindings() -> list:
    """Every binding the reader declares, of every screen, dialog and widget."""
    return [binding for name in bindings.OWNERS for binding in getattr(bindings, name)]


def binding_ids() -> set[str]:
    """Every binding id the reader defines (what a keymap may name)."""
    return {binding.id for binding in declared_bindings() if binding.id}


def keys_in_force(keymap: Mapping[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """Each binding id's keys after the keymap: {"article.down": ("j", "down")}."""
    keymap = keymap or {}
    found: dict[str, tuple[str, ...]] = {}
    for binding in declared_bindings():
        if binding.id:
            keys = keymap.get(binding.id) or binding.key
            found[binding.id] = tuple(key.strip() for key in keys.split(",") if key.strip())
    return found


def show_key(key: str) -> str:
    """One key as a reader reads it: "↓", "PgDn", "ctrl+r"."""
    return KEY_SYMBOLS.get(key, key)


def show_keys(keys: Iterable[str]) -> str:
    """Several keys for one action: "j ↓"."""
    return " ".join(show_key(key) for key in keys)
