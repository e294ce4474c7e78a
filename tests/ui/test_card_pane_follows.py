"""The card pane under a note with no linked name, and with the pane hidden (issue 12.8)."""

from __future__ import annotations

from reader.widgets.card_pane import CardPane
from tests.ui.ui_helpers import SMALL_ARTICLE, build_app, screen_text, settle


def pane_text(app) -> str:
    """The card pane's side of the screen (the article's words are left of its edge)."""
    left = app.screen.query_one(CardPane).region.x
    return "\n".join(row[left:] for row in screen_text(app).splitlines())


async def test_a_note_on_unlinked_words_shows_the_note_not_the_last_card(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        # On "Alpha": its card. Then "met", with a note and no card of its own.
        await settle(pilot)
        assert "Alpha Person" in pane_text(app)
        await pilot.press("w", "a")
        await pilot.press(*"about the meeting", "ctrl+s")
        await settle(pilot)
        pane = pane_text(app)
        assert "about the meeting" in pane
        assert "Alpha Person" not in pane and "No card names these words." in pane
        # Off the note, onto a plain word: the overview again, not the note's line.
        await pilot.press("b", "w", "w", "w")  # "Beta" then "in"
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert "No card names these words." not in pane_text(app)


async def test_hiding_the_cards_leaves_no_stray_column(article, notes_file):
    for size in ((120, 40), (80, 24)):  # side by side, and the pane under the article
        app = build_app(article, notes_path=notes_file)
        async with app.run_test(size=size) as pilot:
            await pilot.press("c")
            await settle(pilot)
            rows = screen_text(app).splitlines()
            body = rows[1:-2]
            assert SMALL_ARTICLE.splitlines()[0] in "\n".join(body)
            assert not any(row.rstrip().endswith(("▕", "▏", "│")) for row in body), body
            assert not any(set(row.strip()) <= set("▔▁─") and row.strip() for row in body)
