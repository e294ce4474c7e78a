"""The card pane's overview with a card library: mentioned cards listed, the rest counted."""

from __future__ import annotations

from reader.widgets.card_pane import CardPane
from reader.widgets.card_targets import OVERVIEW_UNMENTIONED, overview_lines
from tests.ui.ui_helpers import build_app, write_reading

LIBRARY_CARD = """\
  - id: lib-{n}
    title: Library Person {n}
    kind: person
    summary: Never named in the article.
    aliases: [Nobody{n}]
    as_of: 2026-01-01
"""


def overview_text(app) -> str:
    """The overview's head and its list of cards (drawn as choosable lines)."""
    pane = app.screen.query_one(CardPane)
    return pane.overview().plain + overview_lines(pane.reading, chosen=None).text.plain


async def test_a_library_s_unmentioned_cards_are_counted_not_listed(tmp_path, monkeypatch):
    library = tmp_path / "library"
    library.mkdir()
    count = OVERVIEW_UNMENTIONED + 10
    body = "".join(LIBRARY_CARD.format(n=n) for n in range(count))
    (library / "people.cards.yaml").write_text("version: 1\ncards:\n" + body, encoding="utf-8")
    monkeypatch.setenv("ANNOTATED_READER_CARDS", str(library))
    app = build_app(write_reading(tmp_path))
    async with app.run_test(size=(120, 40)):
        shown = overview_text(app)
        assert f"{count + 4} cards, 8 mentions" in shown
        assert "• Alpha Person" in shown and "• Delta Thing" in shown
        assert "Library Person" not in shown
        assert f"… and {count} more cards (not mentioned here)" in shown


async def test_an_article_s_own_unmentioned_cards_are_still_listed(tmp_path):
    app = build_app(write_reading(tmp_path, "Alpha alone.\n"))
    async with app.run_test(size=(120, 40)):
        shown = overview_text(app)
        assert "• Delta Thing  thing, 0×" in shown
        assert "more cards" not in shown
