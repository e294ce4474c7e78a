"""Hostile and odd article text: shown faithfully as text, never as terminal commands, and the
cursor, a selection and a note land on the characters meant, before and after a restart.

Each case opens in the app (Pilot), checks every row on screen against the article text through
`display_char` (the one mapping from stored characters to what is shown) and against the view's
width in cells, then selects the case's target with keys, highlights it with `H`, and checks the
note the reader saved. A binary file and a file over the size limit are refused by the CLI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from annotations import files
from annotations.notes.file import load_notes
from annotations.text.sanitize import display_char
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from tests.ui.ui_helpers import build_app, screen_text, settle, widget_lines, write_reading

SIZE = (81, 30)
"""An odd width, so that two-cell characters meet the edge of a row."""
TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    target: str
    """Raw text to select with keys and highlight; it starts and ends on a word's edge."""
    shown: tuple[str, ...] = ()
    """Text that must appear on screen exactly so (the visible symbols of the raw text)."""

    def __str__(self) -> str:
        return self.name


def _long_words() -> str:
    words, size, index = [], 0, 0
    while size < 200_000:
        words.append(f"w{index}")
        size += len(words[-1]) + 1
        index += 1
    return ",".join(words)


LONG_WORDS = _long_words()
LONG_LETTERS = "".join("abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(200_000))

CASES = [
    Case(
        "markup",
        "Markup [@click=app.quit]click me[/] and [bold]bold[/bold], "
        "[link=https://evil.example]link[/link] and \\[escaped] [/] end.\n",
        "[@click=app.quit]click me[/]",
        ("Markup [@click=app.quit]click me[/] and [bold]bold[/bold],",),
    ),
    Case(
        "ansi-and-osc",
        "Colour \x1b[31mred\x1b[0m, clear \x1b[2J\x1b[H, title \x1b]0;pwned\x07, "
        "clipboard \x1b]52;c;aGVsbG8=\x07, link \x1b]8;;https://evil.example\x1b\\here"
        "\x1b]8;;\x1b\\ end.\n",
        "\x1b[31mred\x1b[0m",
        ("Colour ␛[31mred␛[0m, clear ␛[2J␛[H, title ␛]0;pwned␇,", "␛]52;c;aGVsbG8=␇"),
    ),
    Case(
        "c0-c1-and-nul",
        "Controls: NUL\x00 BEL\x07 BS\x08 VT\x0b FF\x0c SO\x0e ESC\x1b DEL\x7f "
        "CSI\x9b2J NEL\x85 OSC\x9d0;x\x9c end.\n",
        "NUL\x00 BEL\x07",
        ("Controls: NUL␀ BEL␇ BS␈ VT␋ FF␌ SO␎ ESC␛ DEL␡ CSI␦2J NEL␦ OSC␦0;x␦ end.",),
    ),
    Case(
        "bidi-overrides",
        "Bidi: price \u202e0.99$\u202c and \u2066isolated\u2069, \u200fRLM\u200e LRM, "
        "line\u2028separator end.\n",
        "\u202e0.99$\u202c",
        ("Bidi: price ␣0.99$␣ and ␣isolated␣, ␣RLM␣ LRM, line␣separator end.",),
    ),
    Case(
        "zero-width-and-combining",
        "Zero\u200bwidth, soft\u00adhyphen, word\u2060joiner, BOM\ufeffinside; cafe\u0301 and "
        "Z\u0335\u0321a\u0336l\u0337g\u0338o, x" + "\u0300" * 300 + " end.\n",
        "cafe\u0301",
        ("Zero␣width, soft␣hyphen, word␣joiner, BOM␣inside; cafe\u0301 and",),
    ),
    Case(
        "wide-cjk-and-emoji",
        "Wide: " + "中文" * 45 + " and 日本語のテキスト, 한국어 텍스트, emoji 🎉👍🏽 🇺🇦 "
        "❤\ufe0f 1\ufe0f\u20e3 family 👨\u200d👩\u200d👧 and " + "❤\ufe0f" * 50 + " end.\n",
        "日本語のテキスト",
        ("日本語のテキスト, 한국어 텍스트, emoji 🎉👍🏽 🇺🇦", "👨␣👩␣👧"),
    ),
    Case(
        "tabs",
        "Tabs:\tone\ttwo\t\tthree\tend.\n\tIndented paragraph, with a tab.\n",
        "one\ttwo",
        ("Tabs: one two  three end.",),
    ),
    Case(
        "crlf",
        "First line here.\r\nSecond line here.\r\nThird line here.\r\n",
        "Second line",
        ("First line here.", "Second line here.", "Third line here."),
    ),
    Case(
        "lone-cr",
        "Old Mac line one.\rOld Mac line two.\rOld Mac line three.\r",
        "line two",
        ("Old Mac line one.", "Old Mac line two.", "Old Mac line three."),
    ),
    Case(
        "hard-wrapped-crlf",
        "First paragraph, line a\r\nand line b of it.\r\n\r\nSecond paragraph, line a\r\n"
        "and line b.\r\n",
        "a\r\nand line b",
        ("First paragraph, line a  and line b of it.",),
    ),
    Case("one-line-of-words", LONG_WORDS + "\n", "w15000,w15001", ("w15000,w15001",)),
    Case("one-line-of-letters", LONG_LETTERS, LONG_LETTERS, ()),
]


def view_of(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def painted(app) -> str:
    """Every character the screen sends to the terminal."""
    strips = app.screen._compositor.render_strips()
    return "".join(segment.text for strip in strips for segment in strip)


def check_rows(view: ArticleView) -> list[str]:
    """Each row on screen is its stretch of the article as `display_char` shows it, padded to the
    view's width, and no wider; returns the rows' text."""
    layout = view.layout_
    width = view.scrollable_content_region.width
    rows = []
    for y in range(view.scrollable_content_region.height):
        row = view.scroll_offset.y + y
        strip = view.render_line(y)
        shown = "".join(segment.text for segment in strip)
        span = layout.row_span(row) if row < layout.rows else None
        expected = "" if span is None else "".join(map(display_char, view.text[span[0] : span[1]]))
        assert cell_len(expected) <= width, (row, expected)
        assert shown == expected + " " * (width - cell_len(expected)), row
        assert strip.cell_length == cell_len(shown) == width, row
        rows.append(shown)
    return rows


def cursor_cells(view: ArticleView) -> list[str]:
    """The text drawn in the cursor's style (bold reverse) on screen."""
    cursor = view.get_component_rich_style("article--cursor", partial=True)
    found = []
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if segment.style is not None and segment.style.reverse == cursor.reverse is True:
                found.append(segment.text)
    return found


async def select_with_keys(pilot, view: ArticleView, start: int, end: int) -> None:
    """Cursor to `start`, `v`, then `e` (end of word) until the cursor is on the last character."""
    view.move_to(start)
    await pilot.press("v")
    for _ in range(40):
        if view.cursor >= end - 1:
            break
        await pilot.press("e")
    assert view.selection == (start, end)


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_hostile_text_shows_as_text_and_takes_a_note_on_the_right_characters(tmp_path, case):
    article = write_reading(tmp_path, case.text, cards=None)
    notes = tmp_path / "mine.notes.yaml"
    start = case.text.index(case.target)
    end = start + len(case.target)
    app = build_app(article, notes_path=notes)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        assert view.text == case.text  # read exactly, never rewritten
        check_rows(view)
        assert not TERMINAL_CONTROLS.findall(painted(app))
        view.move_to(start)
        await pilot.pause()
        rows = check_rows(view)
        assert cursor_cells(view) == [display_char(case.text[start])]
        for expected in case.shown:
            assert any(expected in row for row in rows), expected
        await select_with_keys(pilot, view, start, end)
        await pilot.press("H")
        await settle(pilot)
        check_rows(view)
        assert not TERMINAL_CONTROLS.findall(painted(app))
        assert app.store.last_save is not None and app.store.last_save.ok
    [note] = load_notes(notes).notes
    assert note.quote.exact == case.target
    assert (note.start, note.end) == (start, end)
    assert note.quote.prefix == case.text[max(0, start - 32) : start]
    assert note.quote.suffix == case.text[end : end + 32]
    # After a restart the note is read back from the file and placed on the same characters.
    again = build_app(article, notes_path=notes)
    async with again.run_test(size=SIZE) as pilot:
        placement = again.store.placement(note.id)
        assert (placement.start, placement.end, placement.state) == (start, end, "exact")
        view = view_of(again)
        view.move_to(start)
        await pilot.pause()
        assert again.screen.note_under_cursor().id == note.id


async def test_cursor_walks_wide_text_one_character_at_a_time(tmp_path):
    text = "中文字 🎉 e\u0301 ❤\ufe0f end\n"
    app = build_app(write_reading(tmp_path, text, cards=None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        view.move_to(0)
        seen = []
        for _ in range(len(text) - 1):
            seen.append((view.cursor, "".join(cursor_cells(view))))
            await pilot.press("l")
        assert [offset for offset, _ in seen] == list(range(len(text) - 1))
        assert [cells for _, cells in seen] == [display_char(char) for char in text[:-1]]
        # The columns the layout gives add up cell by cell, as drawn.
        layout = view.layout_
        assert [layout.column_of(offset) for offset in range(len(text) - 1)] == [
            cell_len("".join(map(display_char, text[:offset]))) for offset in range(len(text) - 1)
        ]


async def test_a_click_on_either_cell_of_a_wide_character_lands_on_it(tmp_path):
    text = "中文字符 and more\n"
    app = build_app(write_reading(tmp_path, text, cards=None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        for column, offset in ((0, 0), (1, 0), (2, 1), (5, 2), (7, 3), (8, 4)):
            await pilot.click(ArticleView, offset=(column + 1, 0))  # +1: the view's padding
            assert view.cursor == offset, column


async def test_the_long_line_wraps_at_the_width_and_every_part_is_reachable(tmp_path):
    app = build_app(
        write_reading(tmp_path, LONG_LETTERS, cards=None), notes_path=tmp_path / "n.yaml"
    )
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        width = view.scrollable_content_region.width
        assert view.layout_.rows == -(-len(LONG_LETTERS) // width)
        for offset in (0, 123_456, len(LONG_LETTERS) - 1):
            view.move_to(offset)
            await pilot.pause()
            check_rows(view)
            assert cursor_cells(view) == [LONG_LETTERS[offset]]
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("G")
        assert view.layout_.row_of(view.cursor) == 0  # one paragraph: G goes to its start


@pytest.mark.parametrize(
    "text",
    ["", " \t \r\n\n   \u3000\u2003 \n\n\r\n"],
    ids=["empty", "whitespace-only"],
)
async def test_an_empty_or_blank_article_opens_and_every_key_is_harmless(tmp_path, text):
    article = write_reading(tmp_path, text, cards=None)
    notes = tmp_path / "n.notes.yaml"
    app = build_app(article, notes_path=notes)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        assert view.text == text
        check_rows(view)
        for key in (
            "j",
            "k",
            "l",
            "h",
            "w",
            "b",
            "e",
            "G",
            "g",
            "space",
            "pageup",
            "right_curly_bracket",
            "left_curly_bracket",
            "tab",
            "shift+tab",
            "H",
            "a",
            "E",
            "d",
            "u",
            "ctrl+r",
            "escape",
        ):
            await pilot.press(key)
        await settle(pilot)
        assert app.is_running
        assert app.store.notes == []  # no word under the cursor: nothing to note
        if not text:
            await pilot.press("v", "H", "v", "a")  # nor anything to select
            await settle(pilot)
            assert app.is_running and app.store.notes == []
        assert not TERMINAL_CONTROLS.findall(painted(app))
        assert "Notes:" in screen_text(app)
    assert not notes.exists()


async def test_hostile_card_text_fits_its_pane_and_sends_no_controls(tmp_path):
    cards = (
        "version: 1\ncards:\n  - id: wide\n"
        '    title: "中文字符 ❤\\ufe0f 👨\\u200d👩 \\e[2J title"\n'
        "    kind: term\n"
        '    summary: "Summary \\e]52;c;aGVsbG8=\\a \\u202eevil\\u202c \\t tab \\x9b end"\n'
        '    body: "Line one\\r\\nline two\\rline three ' + "中文" * 40 + '"\n'
        "    as_of: 2026-01-01\n    aliases: [Wide]\n"
    )
    app = build_app(
        write_reading(tmp_path, "Wide text here.\n", cards), notes_path=tmp_path / "n.yaml"
    )
    async with app.run_test(size=(120, 40)):
        pane = app.screen.query_one(CardPane)
        assert pane.card is not None and pane.card.id == "wide"
        for part in pane.query(Static):
            assert all(cell_len(line) <= part.size.width for line in widget_lines(part))
        shown = screen_text(app)
        assert "中文字符" in shown and "␛[2J title" in shown
        assert "␛]52;c;aGVsbG8=␇ ␣evil␣" in shown
        assert not TERMINAL_CONTROLS.findall(painted(app))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TERM": "xterm-256color"},
    )


def test_a_binary_file_is_refused_before_the_screen_starts(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = run_cli(str(path))
    assert result.returncode == 2
    assert result.stderr == f"error: {path}: looks like a binary file, not an article text\n"
    assert result.stdout == ""  # nothing drawn: the terminal was never taken over


def test_a_file_over_the_size_limit_is_refused_before_the_screen_starts(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(files.MAX_ARTICLE_BYTES + 1)  # sparse: nothing is written
    result = run_cli(str(path))
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {path}: article file is 67,108,865 bytes; the limit is 67,108,864 bytes\n"
    )
    assert result.stdout == ""
    assert files.MAX_ARTICLE_BYTES == 64 * 1024 * 1024  # the limit the README states
