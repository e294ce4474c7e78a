"""Pilot tests: see-also links in the card pane are always visible, in view and clickable."""

from __future__ import annotations

from reader.widgets.card_pane import CardPane
from tests.ui.ui_helpers import build_app, screen_text, write_reading

LONG_BODY = "\n\n".join(f"Body paragraph {n}." for n in range(80))
LONG_CARDS = (
    "version: 1\ncards:\n"
    "  - id: alpha\n    title: Alpha Person\n    kind: person\n    summary: S.\n"
    "    as_of: 2026-01-01\n    aliases: [Alpha]\n    see_also: [beta, gamma]\n    body: |\n"
    + "".join(f"      {line}\n" for line in LONG_BODY.splitlines())
    + "  - {id: beta, title: Beta Person, kind: person, summary: B., as_of: 2026-01-01,"
    " aliases: [Beta]}\n"
    "  - {id: gamma, title: Gamma Place, kind: place, summary: G., as_of: 2026-01-01,"
    " aliases: [Gamma]}\n"
)


def pane(app) -> CardPane:
    return app.screen.query_one(CardPane)


def chosen(app) -> list[str]:
    """The see-also titles drawn highlighted (reversed)."""
    text = pane(app).card_links(pane(app).card).text
    return [
        text.plain[span.start : span.end]
        for span in text.spans
        if getattr(span.style, "reverse", False)
    ]


async def test_first_tab_picks_the_first_link_and_enter_opens_it(tmp_path):
    app = build_app(write_reading(tmp_path))  # the cursor starts on Alpha: see also beta, gamma
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        assert chosen(app) == []
        await pilot.press("tab")
        assert chosen(app) == ["→ Beta Person"]
        await pilot.press("enter")
        assert pane(app).card.id == "beta"


async def test_enter_with_nothing_chosen_shows_the_first_link_before_opening_it(tmp_path):
    app = build_app(write_reading(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        assert pane(app).card.id == "alpha"
        assert chosen(app) == ["→ Beta Person"]
        await pilot.press("enter")
        assert pane(app).card.id == "beta"


async def test_the_choice_is_not_kept_unseen_across_escape(tmp_path):
    app = build_app(write_reading(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "tab", "tab")
        assert chosen(app) == ["→ Gamma Place"]
        await pilot.press("escape", "enter")
        assert chosen(app) == []
        await pilot.press("tab", "enter")
        assert pane(app).card.id == "beta"


async def test_tab_in_a_long_card_scrolls_the_chosen_link_into_view(tmp_path):
    app = build_app(write_reading(tmp_path, cards=LONG_CARDS))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        assert "→ Beta Person" not in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert "→ Beta Person" in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert "→ Gamma Place" in screen_text(app)


async def test_a_click_on_a_link_opens_it(tmp_path):
    app = build_app(write_reading(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row = next(y for y, line in enumerate(lines) if "→ Gamma Place" in line)
        column = lines[row].index("→ Gamma Place") + 3
        await pilot.click(offset=(column, row))
        await pilot.pause()
        assert pane(app).card.id == "gamma"
