"""Pilot tests: Markdown shown without its markup, notes on the words shown, ctrl+o, R."""

from __future__ import annotations

from textual.widgets import Input

from reader.screens.open_article import OpenArticle
from reader.screens.reader import ReaderScreen
from reader.widgets.article_view import ArticleView
from tests.local_server import NEWS_PAGE, Site, serving
from tests.ui.ui_helpers import SMALL_CARDS, build_app, screen_text, settle, widget_lines

MARKDOWN = (
    "# Alpha meets **Beta**\n"
    "\n"
    "Then [Gamma](https://example.org/Delta) spoke, *briefly*.\n"
    "\n"
    "- Delta was there\n"
)


def view(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def write_markdown(folder):
    path = folder / "story.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    (folder / "story.cards.yaml").write_text(SMALL_CARDS, encoding="utf-8")
    return path


async def test_markdown_shows_its_text_without_the_markup(tmp_path):
    app = build_app(write_markdown(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        lines = [line.strip() for line in widget_lines(view(app)) if line.strip()]
        assert lines[:3] == [
            "Alpha meets Beta",
            "Then Gamma spoke, briefly.",
            "\u2022 Delta was there",
        ]
        shown = screen_text(app)
        assert "**" not in shown and "https://example.org" not in shown and "#" not in shown


async def test_w_skips_hidden_markup_and_a_highlight_lands_on_the_source_word(tmp_path):
    app = build_app(write_markdown(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        assert view(app).cursor == MARKDOWN.index("Alpha")  # not on the hidden "# "
        await pilot.press("w", "w")
        beta = MARKDOWN.index("Beta**")
        assert view(app).cursor == beta  # past "**", which is never under the cursor
        await pilot.press("H")
        await settle(pilot)
        [note] = app.store.notes
        assert (note.start, note.end) == (beta, beta + 4)
        assert MARKDOWN[note.start : note.end] == "Beta"


async def test_a_click_on_a_shown_word_puts_the_cursor_on_its_source_offset(tmp_path):
    app = build_app(write_markdown(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        # Row 2 shows "Then Gamma spoke": "Gamma" is at column 5, after the view's padding.
        await pilot.click(ArticleView, offset=(1 + 5, 2))
        assert view(app).cursor == MARKDOWN.index("Gamma")
        assert app.screen.reading.links.at(view(app).cursor).card_id == "gamma"


async def test_ctrl_o_opens_another_file_with_the_notes_of_the_first_saved(tmp_path):
    first = write_markdown(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("Zeta met Alpha.\n", encoding="utf-8")
    app = build_app(first)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("H")  # a highlight on "Alpha", saved before the article changes
        first_notes = app.store.path
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OpenArticle)
        await pilot.press(*str(tmp_path / "oth"))
        await pilot.press("tab")  # completes the path
        await pilot.pause()
        assert app.screen.query_one(Input).value == str(other)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.reading.article.text == "Zeta met Alpha.\n"
        assert app.store.path != first_notes
        assert "Zeta met Alpha." in screen_text(app)
    assert "Alpha" in first_notes.read_text(encoding="utf-8")


async def test_ctrl_o_on_a_missing_file_says_why_and_stays(tmp_path):
    app = build_app(write_markdown(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*str(tmp_path / "nowhere.txt"), "enter")
        await settle(pilot)
        assert app.screen.reading.article.name == "story.md"
        assert any("no such article file" in n.message for n in app._notifications)


async def test_a_url_article_shows_its_byline_and_date_and_r_fetches_it_again(tmp_path):
    site = Site()
    site.pages["/alpha.html"] = ("text/html", NEWS_PAGE)
    with serving(site):
        app = build_app(site.url("/alpha.html"))
        async with app.run_test(size=(140, 30)) as pilot:
            header = screen_text(app).splitlines()[0]
            assert "Alpha meets Beta in Gamma · Jane Reporter · 2026-01-02" in header
            site.pages["/alpha.html"] = ("text/html", NEWS_PAGE.replace(b"Monday", b"Sunday"))
            await pilot.press("R")
            await settle(pilot)
            await pilot.pause()
            assert "on Sunday" in app.screen.reading.article.text
    assert site.requests == ["/alpha.html", "/alpha.html"]
