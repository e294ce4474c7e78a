"""Provides the mapping from stored characters to characters that are safe to show on a terminal.

Article and card text may hold escape sequences, control characters and invisible formatting
characters. None of them may reach the terminal: each is shown as a visible symbol instead.
The mapping is per character, so offsets into the article never change.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# C0 controls and DEL have their own "control picture" symbols (U+2400 block).
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROL_PICTURES[0x7F] = "\u2421"  # ␡
# Characters that reorder or hide text; shown so a reader sees that they are there.
_FORMAT_SYMBOL = "\u2423"  # ␣ stands in for an invisible formatting character
_C1_SYMBOL = "\u2426"  # ␦ stands in for a C1 control (U+0080..U+009F)

TAB_DISPLAY = " "
"""A tab shows as a single space: columns in prose carry no meaning, and offsets stay simple."""


@lru_cache(maxsize=4096)
def display_char(char: str) -> str:
    """Return what to show for one character of stored text (never a terminal command)."""
    code = ord(char)
    if char == "\t":
        return TAB_DISPLAY
    if char in "\n\r":
        return " "
    if code < 0x20 or code == 0x7F:
        return _CONTROL_PICTURES[code]
    if 0x80 <= code <= 0x9F:
        return _C1_SYMBOL
    category = unicodedata.category(char)
    if category == "Cf" or category in ("Zl", "Zp") or category == "Cs":
        return _FORMAT_SYMBOL
    if category == "Co" or category == "Cn":
        return "\ufffd"
    if char == "\ufe0f":
        # Emoji presentation widens the character before it (❤️ takes two cells, ❤ one), which
        # a per-character layout can't follow: the view would cut off the end of the row.
        return ""
    return char


def is_plain(text: str) -> bool:
    """True when no character of `text` needs replacing (the common, fast case)."""
    return text.isprintable() and "\t" not in text


def display_text(text: str, *, keep_newlines: bool = False) -> str:
    """Return `text` with every unsafe character replaced by its visible symbol."""
    if text.isprintable():
        return text
    if keep_newlines:
        return "\n".join(
            "".join(map(display_char, line)) if not line.isprintable() else line
            for line in text.split("\n")
        )
    return "".join(map(display_char, text))


def clean_card_text(text: str) -> str:
    """Sanitise card text once, at load: keep newlines (Markdown needs them), show the rest."""
    return display_text(text.replace("\r\n", "\n").replace("\r", "\n"), keep_newlines=True)
