"""The command palette also finds cards (title, alias, text) and notes (words, tags), and choosing
one jumps there: the cursor on the card's first mention, or on the note, the card pane following."""

from __future__ import annotations

from textual.command import CommandPalette

from reader.widgets.article_view import ArticleView
from tests.ui.ui_helpers import SMALL_ARTICLE, build_app, screen_text


async def choose(pilot, query: str, expected: str) -> None:
    """Open the palette, type `query`, check `expected` is listed first, and choose it."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    for _ in range(20):  # the palette searches in the background
        await pilot.pause(0.05)
        if expected in screen_text(pilot.app):
            break
    shown = screen_text(pilot.app)
    assert expected in shown, shown
    await pilot.press("down", "enter")  # down highlights the first hit
    await pilot.pause()
    await pilot.pause()


async def test_the_palette_finds_a_card_by_its_text_and_jumps_to_its_first_mention(
    article, notes_file
):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 30)) as pilot:
        await choose(pilot, "body text", "Card: Alpha Person (person)")
        view = app.screen.query_one(ArticleView)
        assert view.cursor == SMALL_ARTICLE.index("Alpha")
        await pilot.press("w", "w")  # away from it, then back by the title
        await choose(pilot, "delta thing", "Card: Delta Thing (thing)")
        assert view.cursor == SMALL_ARTICLE.index("Delta")
        assert view.has_focus
        assert not isinstance(app.screen, CommandPalette)
        assert "Delta summary." in screen_text(app)  # the card pane shows it
        assert app.screen.history.back() is not None  # the jump is in the card history


async def test_the_palette_finds_a_note_by_its_words_or_tag_and_jumps_to_it(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 30)) as pilot:
        start = SMALL_ARTICLE.index("third")
        first = app.store.add(start, start + 5, "remember this one", ("later",))
        calm = SMALL_ARTICLE.index("calm")
        second = app.store.add(calm, calm + 4, "", ("mood",))
        view = app.screen.query_one(ArticleView)
        await choose(pilot, "remember", "Note: remember this one")
        assert view.cursor == start
        assert app.screen.picked_note_id == first.id  # E and d act on it
        await choose(pilot, "mood", "Note: calm")
        assert view.cursor == calm
        assert app.screen.picked_note_id == second.id
