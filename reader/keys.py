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
    "grave_accent": "`",
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


MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_NAMED = {
    "escape", "enter", "return", "tab", "space", "backspace", "delete", "insert", "home", "end",
    "pageup", "pagedown", "up", "down", "left", "right",
    *(f"f{number}" for number in range(1, 25)),
}  # fmt: skip


def is_key_name(key: str) -> bool:
    """Whether Textual knows `key`: "j", "G", "ctrl+r", "f5", "question_mark", "shift+tab"."""
    import unicodedata

    *modifiers, last = key.split("+")
    if not last or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    if len(last) == 1:
        return last.isprintable() and not last.isspace()
    if last in _NAMED:
        return True
    try:  # a character by its name, as Textual names them: "question_mark", "full_stop"
        unicodedata.lookup(last.replace("_", " "))
    except KeyError:
        return False
    return last == last.lower()


CHAINS = (("ARTICLE", "SCREEN", "APP"), ("CARD", "SCREEN", "APP"), ("SEARCH",), ("HELP",),
          ("EDITOR",), ("DISCARD",), ("ASK",), ("NOTES_LIST",), ("CARDS_INDEX",))  # fmt: skip
"""Bindings that are in force together: the focused widget's, its screen's and the app's."""


def clashes(keymap: Mapping[str, str]) -> dict[str, str]:
    """Remapped ids whose new key another action already answers to in the same place.

    {"article.down": "'q' is also app.quit (Quit)"}: only ids the keymap changes are reported,
    so the reader's own deliberate overlaps (Esc in the article and in the card pane) are not.
    """
    in_force = keys_in_force(keymap)
    found: dict[str, str] = {}
    for chain in CHAINS:
        owners: dict[str, object] = {}
        for name in chain:
            for binding in getattr(bindings, name):
                for key in in_force.get(binding.id, ()):
                    other = owners.setdefault(key, binding)
                    if other is binding or other.id == binding.id:
                        continue
                    for mine, theirs in ((binding, other), (other, binding)):
                        if mine.id in keymap and mine.id not in found:
                            found[mine.id] = (
                                f"{show_key(key)!r} is also {theirs.id} ({theirs.description})"
                            )
    return found
