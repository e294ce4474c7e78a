"""Provides finding a phrase typed by a user in an article, the way aliases are found.

A space in the phrase matches any run of whitespace, so a phrase broken across a line of
hard-wrapped text is still found (War and Peace's "family estates of the\\nBuonapartes"), and each
occurrence says whether it stands as whole words or only inside longer ones ("Russia" in
"Russian"), so a caller can prefer the whole-word ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Occurrence:
    """One place a phrase stands in a text, as [start, end) character offsets."""

    start: int
    end: int
    whole_word: bool
    """False when a letter or digit touches either end: the phrase is part of a longer word."""


def phrase_pattern(phrase: str) -> re.Pattern:
    """A regex for `phrase` in which each run of whitespace matches any run of whitespace."""
    parts = [re.escape(part) for part in _WHITESPACE.split(phrase)]
    return re.compile(r"\s+".join(parts))


def occurrences(text: str, phrase: str, limit: int = 100_000) -> list[Occurrence]:
    """Every occurrence of `phrase` in `text` (overlapping ones too), in text order."""
    if not phrase.strip():
        return []
    pattern = phrase_pattern(phrase)
    found: list[Occurrence] = []
    position = 0
    while len(found) < limit:
        match = pattern.search(text, position)
        if match is None:
            break
        start, end = match.span()
        whole = not (_word_at(text, start - 1) and _word_at(text, start)) and not (
            _word_at(text, end - 1) and _word_at(text, end)
        )
        found.append(Occurrence(start, end, whole))
        position = start + 1
    return found


def enclosing_word(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to the whole words it touches."""
    while start > 0 and _word_at(text, start - 1):
        start -= 1
    while end < len(text) and _word_at(text, end):
        end += 1
    return start, end


def _word_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")
