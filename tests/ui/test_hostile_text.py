"""Hostile text in an article or a card shows as itself and never reaches the terminal."""

from __future__ import annotations

import re

from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from tests.ui.ui_helpers import build_app, screen_text, write_reading

HOSTILE_LINES = [
    "Markup [@click=app.quit]click me[/] and [bold]bold[/bold] and a stray [/] here.",
    "Escapes: \x1b[2J clear, \x1b]0;pwned\x07 title, \x1b]52;c;aGVsbG8=\x07 clipboard end.",
    "Controls: NUL\x00 DEL\x7f CSI\x9b BEL\x07 RLO\u202eevil\u202c zero\u200bwidth done.",
    "Wide 中文字 and emoji 🎉 and combining e\u0301 and tab\there.",
]
HOSTILE_CARDS = """\
version: 1
cards:
  - id: markup
    title: "Title [@click=app.quit]quit[/] \\e]0;pwned\\a"
    kind: term
    summary: "Summary [red]not red[/red] \\x9b and [/]"
    body: "Body [@click=app.quit]x[/] \\e[2J and **bold**"
    erratum: "Erratum \\e]52;c;aGVsbG8=\\a"
    as_of: 2026-01-01
    aliases: [Markup]
"""
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_app(tmp_path):
    return build_app(write_reading(tmp_path, "\n".join(HOSTILE_LINES) + "\n", HOSTILE_CARDS))


def all_segment_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "".join(segment.text for strip in strips for segment in strip)


async def test_markup_in_the_article_shows_as_itself(tmp_path):
    app = hostile_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        shown = screen_text(app)
        assert "[@click=app.quit]click me[/]" in shown
        assert "[bold]bold[/bold]" in shown
        # Clicking the would-be action link does nothing but move the cursor.
        column = HOSTILE_LINES[0].index("click me")
        await pilot.click(ArticleView, offset=(column + 1, 0))
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one(ArticleView).cursor == column


async def test_no_control_character_reaches_the_terminal(tmp_path):
    app = hostile_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")  # the cursor starts on "Markup": its card is open
        assert app.screen.query_one(CardPane).card.id == "markup"
        painted = all_segment_text(app)
        assert not TERMINAL_CONTROLS.findall(painted)
        shown = screen_text(app)
        assert "␛[2J clear" in shown
        assert "␛]0;pwned␇ title" in shown
        assert "NUL␀ DEL␡ CSI␦" in shown
        assert "RLO␣evil␣" in shown
        assert "中文字" in shown and "🎉" in shown


async def test_card_text_shows_markup_as_itself(tmp_path):
    app = hostile_app(tmp_path)
    async with app.run_test(size=(140, 40)):
        shown = screen_text(app)
        assert "Title [@click=app.quit]quit[/] ␛]0;pwned␇" in shown
        assert "Summary [red]not red[/red] ␦ and [/]" in shown
        assert "Body [@click=app.quit]x[/] ␛[2J" in shown
        assert "Erratum ␛]52;c;aGVsbG8=␇" in shown
        assert app.is_running


async def test_cursor_lands_on_the_right_characters_in_wide_text(tmp_path):
    app = hostile_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        text = view.text
        target = text.index("中文字")
        view.move_to(target)
        await pilot.press("l")
        assert text[view.cursor] == "文"
        await pilot.press("w")
        assert text[view.cursor :].startswith("and emoji")
