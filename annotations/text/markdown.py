"""Provides Markdown articles: the source stays the text, and a Rendering says how it is shown.

markdown-it-py gives block tokens with line maps, and inline tokens whose `content` is the
block's own source with the block markers (`> `, `- `, `# `) taken off each line. Each inline
child is found in that content in order, so what is shown (text, code, a link's text) is known
by source offset; every other character of the block (`**`, `[`, `](url)`, `\\` of an escape)
is hidden. A block whose content can't be found in its lines is shown as its raw source, so a
surprise in the parser costs looks, never a note's position.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from annotations.text.article import Article
from annotations.text.rendering import Rendering

_LINE_END = re.compile(r"\r\n|\r|\n")
_EMPHASIS = {"strong": "strong", "em": "em", "s": "strike"}
_BULLET = "\u2022"  # •
_QUOTE_BAR = "\u2502"  # │
_RULE = "\u2500"  # ─


class _Mismatch(Exception):
    """An inline child was not where the content said: show the block as its raw source."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # text_join would merge escapes and entities into plain text, losing their source form.
    return MarkdownIt("commonmark").enable(["strikethrough", "table"]).disable("text_join")


def markdown_article(text: str, *, name: str, path=None) -> Article:
    """An Article whose text is the Markdown source, with its blocks and rendering."""
    builder = _Builder(text)
    builder.build()
    return Article(
        text=text,
        name=name,
        path=path,
        paragraphs=builder.paragraphs,
        rendering=builder.rendering(),
        title=builder.title,
    )


def render(text: str) -> tuple[list[tuple[int, int]], Rendering]:
    """The blocks (as paragraphs) and the rendering of a Markdown source."""
    builder = _Builder(text)
    builder.build()
    return builder.paragraphs, builder.rendering()


class _Builder:
    """Walks the tokens once, collecting paragraphs, shown characters and styles."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[tuple[int, int]] = []
        position = 0
        for match in _LINE_END.finditer(text):
            self.lines.append((position, match.start()))
            position = match.end()
        self.lines.append((position, len(text)))
        self.hidden = bytearray(b"\x01") * len(text)
        self.shown_as: dict[int, str] = {}
        self.styles: list[tuple[int, int, str]] = []
        self.paragraphs: list[tuple[int, int]] = []
        self.title = ""

    def rendering(self) -> Rendering:
        self.styles.sort(key=lambda span: (span[0], -span[1]))
        hidden = bytes(self.hidden)
        return Rendering(hidden=hidden, shown_as=self.shown_as, styles=self.styles)

    def build(self) -> None:
        # markdown-it reads "\n" line ends only; the line count is the same either way.
        normalized = self.text.replace("\r\n", "\n").replace("\r", "\n")
        tokens = _parser().parse(normalized)
        quote_depth = 0
        lists: list[bool] = []  # True for a bullet list
        first_in_item: list[bool] = []
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "blockquote_open":
                quote_depth += 1
            elif kind == "blockquote_close":
                quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lists.append(kind == "bullet_list_open")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                first_in_item.append(True)
            elif kind == "list_item_close":
                first_in_item.pop()
            elif kind == "heading_open":
                self._heading(token, tokens[index + 1])
            elif kind == "paragraph_open":
                marker = bool(first_in_item and first_in_item[-1])
                bullet = bool(lists and lists[-1])
                self._paragraph(token, tokens[index + 1], quote_depth, bool(lists), marker, bullet)
            elif kind in ("fence", "code_block"):
                self._code(token, fenced=kind == "fence")
            elif kind == "hr":
                self._rule(token)
            elif kind == "html_block":
                self._raw_lines(token, token.map[0], token.map[1], "html")
            elif kind == "table_open":
                # Each row as it is written (its cells line up in the source); the |---| line
                # under the header is not shown.
                self._raw_lines(token, token.map[0], token.map[0] + 1, "strong")
                self._raw_lines(token, token.map[0] + 2, token.map[1], None)
            if first_in_item and kind in _BLOCKS:
                first_in_item[-1] = False

    # Blocks ------------------------------------------------------------------------------------

    def _heading(self, token: Token, inline: Token) -> None:
        placed = self._inline(inline, token.map[0])
        if placed is None:
            self._raw_lines(token, token.map[0], token.map[0] + 1, "heading")
            return
        start, end = placed
        self._add_block(start, end)
        self.styles.append((start, end, "heading"))
        if token.markup in ("#", "="):
            self.styles.append((start, end, "heading-1"))
        if not self.title:
            self.title = "".join(
                child.content
                for child in inline.children or []
                if child.type in ("text", "text_special", "code_inline")
            ).strip()

    def _paragraph(
        self, token: Token, inline: Token, quote_depth: int, in_list: bool, marker: bool,
        bullet: bool,
    ) -> None:  # fmt: skip
        first_line = token.map[0]
        placed = self._inline(inline, first_line)
        if placed is None:
            self._raw_lines(token, token.map[0], token.map[1], "quote" if quote_depth else None)
            return
        content_start, end = placed
        start = content_start
        if in_list or quote_depth:
            # The block markers of the first line show: indentation, a bullet, a quote bar.
            start = self.lines[first_line][0]
            self._prefix(start, content_start, quote_depth, marker, bullet)
        self._add_block(start, end)
        if quote_depth:
            self.styles.append((start, end, "quote"))

    def _prefix(self, start: int, end: int, quote_depth: int, marker: bool, bullet: bool) -> None:
        text = self.text
        self.hidden[start:end] = bytes(end - start)
        marker_start = None
        for offset in range(start, end):
            char = text[offset]
            if char == ">" and quote_depth:
                self.shown_as[offset] = _QUOTE_BAR
                self.styles.append((offset, offset + 1, "quote"))
            elif not char.isspace() and marker and marker_start is None:
                marker_start = offset
        if marker_start is None:
            return
        marker_end = marker_start
        while marker_end < end and not text[marker_end].isspace():
            marker_end += 1
        if bullet and marker_end == marker_start + 1:
            self.shown_as[marker_start] = _BULLET
        self.styles.append((marker_start, marker_end, "bullet"))

    def _code(self, token: Token, *, fenced: bool) -> None:
        first = token.map[0] + (1 if fenced else 0)
        count = token.content.count("\n")
        self._raw_lines(token, first, min(first + count, token.map[1]), "code")

    def _rule(self, token: Token) -> None:
        line_start, line_end = self.lines[token.map[0]]
        line = self.text[line_start:line_end]
        start = line_start + len(line) - len(line.lstrip())
        end = line_start + len(line.rstrip())
        if start >= end:
            return
        self.hidden[start:end] = bytes(end - start)
        for offset in range(start, end):
            self.shown_as[offset] = _RULE
        self._add_block(start, end)
        self.styles.append((start, end, "rule"))

    def _raw_lines(self, token: Token, first: int, last: int, style: str | None) -> None:
        """Each non-blank source line of [first, last) shown as it is, one block each."""
        for number in range(first, min(last, len(self.lines))):
            start, end = self.lines[number]
            if not self.text[start:end].strip():
                continue
            self.hidden[start:end] = bytes(end - start)
            self._add_block(start, end)
            if style:
                self.styles.append((start, end, style))

    def _add_block(self, start: int, end: int) -> None:
        if start < end and self.hidden.find(0, start, end) != -1:
            self.paragraphs.append((start, end))

    # Inline ------------------------------------------------------------------------------------

    def _inline(self, inline: Token, first_line: int) -> tuple[int, int] | None:
        """Show an inline token's visible characters; its (start, end) in the source, or None."""
        content = inline.content
        mapping = self._content_map(content, first_line)
        if mapping is None:
            return None
        try:
            visible, shown, spans = _walk(content, inline.children or [])
        except _Mismatch:
            return None
        content_starts, source_starts = mapping

        def source(position: int) -> int:
            line = bisect.bisect_right(content_starts, position) - 1
            return source_starts[line] + position - content_starts[line]

        for low, high in visible:
            while low < high:  # one source range per content line
                line = bisect.bisect_right(content_starts, low) - 1
                line_end = content_starts[line + 1] if line + 1 < len(content_starts) else high
                piece_end = min(high, line_end)
                begin = source(low)
                self.hidden[begin : begin + piece_end - low] = bytes(piece_end - low)
                low = piece_end
        for position, replacement in shown.items():
            self.shown_as[source(position)] = replacement
        for low, high, style in spans:
            if low < high:
                self.styles.append((source(low), source(high - 1) + 1, style))
        if not content:
            return None
        return source(0), source(len(content) - 1) + 1

    def _content_map(self, content: str, first_line: int) -> tuple[list[int], list[int]] | None:
        """Where each line of `content` starts, in the content and in the source."""
        content_starts, source_starts = [], []
        position = 0
        for number, line in enumerate(content.split("\n")):
            if first_line + number >= len(self.lines):
                return None
            line_start, line_end = self.lines[first_line + number]
            source_line = self.text[line_start:line_end]
            if source_line.endswith(line):
                column = len(source_line) - len(line)
            elif source_line.rstrip().endswith(line):
                column = len(source_line.rstrip()) - len(line)
            else:
                column = source_line.find(line)
                if column < 0:
                    return None  # tabs expanded to spaces, say: not a slice of the line
            content_starts.append(position)
            source_starts.append(line_start + column)
            position += len(line) + 1
        return content_starts, source_starts


_BLOCKS = frozenset(
    {"heading_open", "paragraph_open", "fence", "code_block", "hr", "html_block", "table_open"}
)  # fmt: skip


def _walk(
    content: str, children: list[Token]
) -> tuple[list[tuple[int, int]], dict[int, str], list[tuple[int, int, str]]]:
    """Find each inline child in `content`, in order: the visible ranges, replaced characters
    and styled ranges, all as content positions."""
    visible: list[tuple[int, int]] = []
    shown: dict[int, str] = {}
    spans: list[tuple[int, int, str]] = []
    opened: list[tuple[str, int]] = []
    cursor = 0

    def find(what: str, start: int) -> int:
        found = content.find(what, start)
        if found < 0 or not what:
            raise _Mismatch(what)
        return found

    for child in children:
        kind = child.type
        if kind == "text":
            if child.content:
                at = find(child.content, cursor)
                visible.append((at, at + len(child.content)))
                cursor = at + len(child.content)
        elif kind == "text_special":
            at = find(child.markup, cursor)
            if child.info == "escape":  # "\*" shows "*"
                visible.append((at + 1, at + len(child.markup)))
            else:  # an entity, "&amp;": its first character shows what it stands for
                visible.append((at, at + 1))
                if len(child.content) == 1:
                    shown[at] = child.content
            cursor = at + len(child.markup)
        elif kind in ("softbreak", "hardbreak"):
            at = find("\n", cursor)
            visible.append((at, at + 1))  # a line end shows as a space
            cursor = at + 1
        elif kind == "code_inline":
            at = find(child.markup, cursor) + len(child.markup)
            close = find(child.markup, at)
            visible.append((at, close))
            spans.append((at, close, "code"))
            cursor = close + len(child.markup)
        elif kind == "html_inline":
            at = find(child.content, cursor)
            visible.append((at, at + len(child.content)))
            spans.append((at, at + len(child.content), "html"))
            cursor = at + len(child.content)
        elif kind == "image":
            at = find("![", cursor) + 2
            close = _label_end(content, at)
            visible.append((at, close))
            spans.append((at, close, "image"))
            cursor = _after_target(content, close + 1)
        elif kind == "link_open":
            if child.markup == "autolink":
                cursor = find("<", cursor) + 1
            opened.append(("link", cursor))
        elif kind == "link_close":
            _, start = opened.pop()
            spans.append((start, cursor, "link"))
            if child.markup == "autolink":
                cursor = find(">", cursor) + 1
            else:
                cursor = _after_target(content, find("]", cursor) + 1)
        elif kind.endswith("_open") and kind[: -len("_open")] in _EMPHASIS:
            cursor = find(child.markup, cursor) + len(child.markup)
            opened.append((_EMPHASIS[kind[: -len("_open")]], cursor))
        elif kind.endswith("_close") and kind[: -len("_close")] in _EMPHASIS:
            style, start = opened.pop()
            at = find(child.markup, cursor)
            spans.append((start, at, style))
            cursor = at + len(child.markup)
        else:
            raise _Mismatch(kind)
    return visible, shown, spans


def _label_end(content: str, position: int) -> int:
    """The `]` closing a link label that starts at `position` (nested brackets counted)."""
    depth = 1
    while position < len(content):
        char = content[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    raise _Mismatch("]")


def _after_target(content: str, position: int) -> int:
    """Past a link's target after its `]`: `(url "title")`, `[ref]`, or nothing."""
    if position < len(content) and content[position] == "(":
        position = _skip_space(content, position + 1)
        destination = parseLinkDestination(content, position, len(content))
        if destination.ok:
            position = _skip_space(content, destination.pos)
            title = parseLinkTitle(content, position, len(content))
            if title.ok:
                position = _skip_space(content, title.pos)
        close = content.find(")", position)
        if close < 0:
            raise _Mismatch(")")
        return close + 1
    if position < len(content) and content[position] == "[":
        close = content.find("]", position + 1)
        if close < 0:
            raise _Mismatch("]")
        return close + 1
    return position


def _skip_space(content: str, position: int) -> int:
    while position < len(content) and content[position] in " \t\n":
        position += 1
    return position
