"""G and End go to the very bottom: the last word, with the last line in view."""

from __future__ import annotations

import pytest

from reader.widgets.article_view import ArticleView
from tests.ui.ui_helpers import build_app, screen_text, write_reading

MANY = (
    "\n\n".join(f"Paragraph {n} " + " ".join(f"word{n}x{i}" for i in range(40)) for n in range(300))
    + "\n\nThe very last words.\n"
)
ONE_LINE = " ".join(f"w{i}" for i in range(20_000)) + " finalword\n"


@pytest.mark.parametrize("key", ["G", "end"])
@pytest.mark.parametrize("text", [MANY, ONE_LINE], ids=["many-paragraphs", "one-long-line"])
async def test_bottom_shows_the_last_line_with_the_cursor_on_the_last_word(tmp_path, key, text):
    app = build_app(write_reading(tmp_path, text, cards=None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        last_word = text.split()[-1]
        assert view.cursor >= text.rindex(last_word)
        assert last_word in screen_text(app)
        assert view.scroll_offset.y == view.max_scroll_y
