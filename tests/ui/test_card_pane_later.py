"""Pilot tests: sources show publisher and date; L hides or shows "After the article"."""

from __future__ import annotations

import textwrap

from reader.settings import load_settings, settings_path
from reader.widgets.card_pane import CardPane
from tests.ui.ui_helpers import build_app, screen_text, write_reading

ARTICLE = "Assad spoke in Damascus.\n"
CARDS = textwrap.dedent(
    """\
    version: 1
    article: {title: Later test, published: 2021-09-29, source: Wire}
    cards:
      - id: assad
        title: Bashar al-Assad
        kind: person
        summary: President of Syria.
        as_of: 2021-09-29
        aliases: [Assad]
        sources:
          - {title: Result, url: "https://dw.example/a", publisher: DW, published: 2021-05-27}
        later:
          - date: 2024-12-08
            text: Ousted when rebels took Damascus.
            sources:
              - {title: Fall, url: "https://dw.example/b", publisher: DW, published: 2024-12-09}
    """
)


def pane_text(pane: CardPane) -> str:
    """What the card pane says below the body (sources, later entries), as plain text."""
    return pane.card_tail(pane.card).plain


async def test_l_hides_and_shows_after_the_article_and_remembers(tmp_path):
    app = build_app(write_reading(tmp_path, ARTICLE, CARDS))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(CardPane)
        assert pane.card.id == "assad"
        shown = screen_text(app) + pane_text(pane)
        assert "DW, 2021-05-27" in shown
        assert "After the article (2021-09-29)" in shown
        assert "Ousted when rebels took Damascus." in shown
        await pilot.press("L")
        await pilot.pause()
        hidden = pane_text(pane)
        assert "Ousted when rebels" not in hidden
        assert "After the article: 1 entry hidden (L shows them)" in hidden
        assert pane.show_later is False
    assert load_settings().show_later is False
    assert settings_path().read_text(encoding="utf-8") == "version: 1\nshow_later: false\n"

    again = build_app(write_reading(tmp_path, ARTICLE, CARDS))
    async with again.run_test(size=(120, 40)) as pilot:
        pane = again.screen.query_one(CardPane)
        assert "Ousted when rebels" not in pane_text(pane)
        await pilot.press("L")
        await pilot.pause()
        assert "Ousted when rebels took Damascus." in pane_text(pane)
    assert load_settings().show_later is True


async def test_the_key_can_be_remapped_by_its_id(tmp_path):
    app = build_app(write_reading(tmp_path, ARTICLE, CARDS), keymap={"app.toggle-later": "y"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert "1 entry hidden (y shows them)" in pane_text(app.screen.query_one(CardPane))


def test_the_help_lists_the_key():
    from reader.screens.help import HelpScreen

    assert "came after the article" in HelpScreen().help_text().plain
