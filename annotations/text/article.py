"""Provides the article model: its exact text, its paragraphs as offset ranges, and its hash."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from annotations import files
from annotations.text.misread import misread_warning

# A CR is a line end of its own only when no LF follows: CRLF is one line end, not a blank line.
_BLANK_LINE = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t\f\v]*(?:\r\n|\r(?!\n)|\n)")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(eq=False)
class Article:
    """One article. Offsets everywhere are character offsets into `text`, exactly as read."""

    text: str
    """The text as decoded from the file (a UTF-8 BOM removed); never rewritten."""
    name: str = "article"
    """A short name for headers and messages: the file name, or the built-in article's title."""
    path: Path | None = None
    """Where it was read from, when it came from a file."""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    """Each paragraph as a [start, end) range of `text`, line ends excluded, in order."""
    warnings: list[str] = field(default_factory=list)
    """What the reader should hear about how it was read (UTF-8 read as Latin-1, say)."""

    def __post_init__(self) -> None:
        if not self.paragraphs:
            self.paragraphs = split_paragraphs(self.text)

    @cached_property
    def sha256(self) -> str:
        """The hash of the text, which tells a notes file whether its positions still hold."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    def paragraph_index(self, offset: int) -> int:
        """The index of the paragraph holding `offset`, or the nearest one after it."""
        starts = self._starts
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            return 0
        start, end = self.paragraphs[index]
        if offset > end and index + 1 < len(self.paragraphs):
            return index + 1
        return index

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self.paragraphs]


def is_hard_wrapped(text: str) -> bool:
    """True for text whose paragraphs are several lines separated by blank lines (Gutenberg)."""
    blocks = [block for block in _BLANK_LINE.split(text[:200_000]) if block.strip()]
    if len(blocks) < 2:
        return False
    multi_line = sum(1 for block in blocks if len(_LINE_END.findall(block.strip())) >= 1)
    return multi_line * 3 >= len(blocks)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Split text into paragraph ranges: blank-line blocks when hard-wrapped, else each line."""
    ranges: list[tuple[int, int]] = []
    if is_hard_wrapped(text):
        position = 0
        for match in _BLANK_LINE.finditer(text):
            _add_trimmed(text, position, match.start(), ranges)
            position = match.end()
        _add_trimmed(text, position, len(text), ranges)
    else:
        position = 0
        for match in _LINE_END.finditer(text):
            _add_trimmed(text, position, match.start(), ranges)
            position = match.end()
        _add_trimmed(text, position, len(text), ranges)
    return ranges


def _add_trimmed(text: str, start: int, end: int, ranges: list[tuple[int, int]]) -> None:
    """Add [start, end) without surrounding line ends and blank lines; skip it when empty."""
    while start < end and text[start] in "\r\n":
        start += 1
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    if text[start:end].strip():
        ranges.append((start, end))


def load_article(path: Path, *, encoding: str | None = None, name: str | None = None) -> Article:
    """Read an article file: size limit, binary refusal, strict decoding."""
    text = files.read_text(path, limit=files.MAX_ARTICLE_BYTES, what="article", encoding=encoding)
    warning = misread_warning(text, encoding, str(path))
    return Article(
        text=text, name=name or path.name, path=path, warnings=[warning] if warning else []
    )
