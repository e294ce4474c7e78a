"""The card pane's mention lines and the cards index are legible (WCAG AA, 4.5:1) in the dark
and the light theme: the mention highlighted in its context, the chosen line, the index's rows,
bars and highlighted row."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import OptionList

from reader.widgets.card_pane import CardPane
from tests.ui.test_card_mentions import ALPHAS, reader
from tests.ui.test_contrast import too_faint


def drawn_pairs(widget) -> list[tuple[str, tuple, tuple]]:
    """(text, colour, background) of every visible character run the widget draws."""
    pairs = []
    region = Region(0, 0, widget.size.width, widget.size.height)
    for strip in widget.render_lines(region):
        for segment in strip:
            style = segment.style
            if not segment.text.strip() or style is None or style.color is None:
                continue
            fg, bg = tuple(style.color.get_truecolor()), tuple(style.bgcolor.get_truecolor())
            if style.reverse:
                fg, bg = bg, fg
            pairs.append((segment.text, fg, bg))
    return pairs


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_mentions_in_the_card_pane_and_the_index_reach_wcag_aa(tmp_path, theme):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        app.screen.article.move_to(ALPHAS[0], went=True)
        await pilot.pause()
        await pilot.press("enter", "tab", "tab")  # a mention line chosen, the pane focused
        await pilot.pause()
        pane = app.screen.query_one(CardPane)
        links = pane.query_one("#card-links")
        pairs = drawn_pairs(links)
        looks = pane.looks()
        assert looks.mention.color is not None  # the highlight has a colour of its own
        await pilot.press("escape")  # unfocused: the mention highlighted, nothing chosen
        await pilot.pause()
        pairs += drawn_pairs(links)
        shown = "".join(text for text, _, _ in pairs)
        assert "Alpha" in shown and "listened" in shown
        await pilot.press("x", "down")
        await pilot.pause()
        index_pairs = drawn_pairs(app.screen.query_one(OptionList))
        for part in ("#index-heading", "#index-help"):
            index_pairs += drawn_pairs(app.screen.query_one(part))
        assert "Beta Person" in "".join(text for text, _, _ in index_pairs)
    assert too_faint(pairs) == []
    assert too_faint(index_pairs) == []
