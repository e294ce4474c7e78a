"""Provides misread_warning: says when an article read in a chosen encoding was really UTF-8.

`--encoding latin-1` on a UTF-8 file decodes without error (every byte is a Latin-1 character),
so the reader would show "Ã©" for "é" and "â€™" for "’" and never say why.
"""

from __future__ import annotations

import codecs
import unicodedata


def misread_warning(text: str, encoding: str | None, name: str) -> str | None:
    """A one-line warning when `text`, decoded as `encoding`, is UTF-8 read as something else.

    The bytes are recovered by encoding the text back (exact for the single-byte encodings where
    this happens); they must hold multi-byte UTF-8 sequences and decode as UTF-8 throughout.
    """
    if encoding is None or codecs.lookup(encoding).name == "utf-8":
        return None
    try:
        data = text.encode(encoding)
        as_utf8 = data.decode("utf-8")
    except (UnicodeError, LookupError):
        return None
    if as_utf8 == text:  # plain ASCII: the same either way
        return None
    example = _example(as_utf8, encoding)
    return (
        f"{name}: read as {encoding}, but it is UTF-8: its non-ASCII characters show as two or"
        f" three each{example}; open it without --encoding to read it as UTF-8"
    )


def _example(as_utf8: str, encoding: str) -> str:
    """' (“Ã©” for “é”)' from the first non-ASCII character whose misreading is printable."""
    for character in as_utf8:
        if ord(character) < 128:
            continue
        misread = character.encode("utf-8").decode(encoding, "replace")
        if all(unicodedata.category(c)[0] not in "CZ" for c in misread):
            return f" (“{misread}” for “{character}”)"
    return ""
