"""Provides cursor motions over article text: words and paragraphs, in character offsets.

A word is a run of letters and digits, or a run of other non-blank characters, as in vim; but
as a reader reads them, "U.S.", "3.14", "1,000" and "Erdogan's" are one word each: a dot, comma
between digits, or an apostrophe between letters, joins them, and initials keep their dots.
Motions look only near the cursor, so they cost the same on any length of text.
"""

from __future__ import annotations

import re

from annotations.text.article import Article

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initials: U.S., e.g.
    r"|\d+(?:[.,]\d+)+(?![\w])"  # numbers: 3.14, 1,000 (not a list such as w1,w2)
    r"|\w+(?:['’]\w+)*"  # words, with an apostrophe inside: Erdogan's
    r"|[^\w\s]+"
)
_WINDOW = 256


def token_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word covering `offset`, as [start, end), or None on blank text."""
    if not 0 <= offset < len(text) or text[offset].isspace():
        return None
    width = _WINDOW
    while True:
        start, end = max(0, offset - width), min(len(text), offset + width)
        for match in _TOKEN.finditer(text, start, end):
            if match.start() <= offset < match.end():
                if (match.start() == start > 0) or (match.end() == end < len(text)):
                    break  # the word may run past either side of the window: widen it
                return match.span()
        else:
            return (offset, offset + 1)
        width *= 4  # geometric, so even a word as long as the text costs linear time


def next_word_start(text: str, offset: int) -> int:
    """`w`: the start of the next word after the one at `offset` (or the last offset)."""
    current = token_at(text, offset)
    search_from = current[1] if current else offset
    match = _TOKEN.search(text, search_from)
    if match is None:
        return offset
    return match.start()


def previous_word_start(text: str, offset: int) -> int:
    """`b`: the start of the word before `offset` (or of the word the cursor is inside)."""
    window_end = offset
    while window_end > 0:
        window_start = max(0, window_end - _WINDOW)
        last = None
        for last in _TOKEN.finditer(text, window_start, window_end):  # noqa: B007 - want the last
            pass
        if last is not None:
            # The word may begin before the window, or be cut by the cursor ("a." of "a.a"):
            # the word that character belongs to in the whole text says where it starts.
            whole = token_at(text, last.start())
            return whole[0] if whole else last.start()
        window_end = window_start  # only blanks there: look further back, not again
    return 0


def word_end(text: str, offset: int) -> int:
    """`e`: the last character of this word, or of the next one when already at its end."""
    current = token_at(text, offset)
    if current and offset < current[1] - 1:
        return current[1] - 1
    match = _TOKEN.search(text, (current[1] if current else offset + 1))
    if match is None:
        return offset
    return match.end() - 1


def next_paragraph(article: Article, offset: int) -> int:
    """`}`: the start of the next paragraph."""
    index = article.paragraph_index(offset)
    start = article.paragraphs[index][0] if article.paragraphs else 0
    if offset < start:
        return start
    if index + 1 < len(article.paragraphs):
        return article.paragraphs[index + 1][0]
    return article.paragraphs[-1][0] if article.paragraphs else 0


def previous_paragraph(article: Article, offset: int) -> int:
    """`{`: the start of this paragraph, or of the previous one when already at a start."""
    if not article.paragraphs:
        return 0
    index = article.paragraph_index(offset)
    start = article.paragraphs[index][0]
    if offset > start:
        return start
    return article.paragraphs[max(index - 1, 0)][0]


def last_word_start(text: str) -> int:
    """`G`: where the text's last word starts (0 for blank text)."""
    end = len(text.rstrip())
    return max(text.rfind(" ", 0, end), text.rfind("\n", 0, end), text.rfind("\t", 0, end)) + 1
