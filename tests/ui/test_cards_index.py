"""Pilot tests of the cards index (x): counts and bars by kind, filter, sort, going to a card."""

from __future__ import annotations

import textwrap

from textual.widgets import OptionList

from annotations.cards.xray import BAR_EMPTY
from reader.screens.cards_index import CardsIndex
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from tests.ui.ui_helpers import build_app, screen_text, write_reading

TEXT = (
    "Alpha met Beta in Gamma on Monday.\n"
    "Beta said Gamma was calm, and Alpha agreed with Beta.\n"
    "A third paragraph mentions Delta once.\n"
)
CARDS = textwrap.dedent(
    """\
    version: 1
    cards:
      - {id: alpha, title: Alpha Person, kind: person, summary: A., as_of: 2026-01-01,
         aliases: [Alpha, The Chief]}
      - {id: beta, title: Beta Person, kind: person, summary: B., as_of: 2026-01-01,
         aliases: [Beta]}
      - {id: gamma, title: Gamma Place, kind: place, summary: G., as_of: 2026-01-01,
         aliases: [Gamma]}
      - {id: delta, title: Delta Thing, kind: thing, summary: D., as_of: 2026-01-01,
         aliases: [Delta]}
      - {id: omega, title: Omega Thing, kind: thing, summary: O., as_of: 2026-01-01,
         aliases: [Omega]}
    """
)


def index_rows(app) -> list[str]:
    """Each line of the index's list, as shown."""
    options = app.screen.query_one(OptionList)
    rows = []
    for number in range(options.option_count):
        prompt = options.get_option_at_index(number).prompt
        rows.append(" ".join(prompt.plain.split()))
    return rows


def highlighted(app) -> str | None:
    options = app.screen.query_one(OptionList)
    return options.get_option_at_index(options.highlighted).id


def index_app(tmp_path):
    return build_app(write_reading(tmp_path, TEXT, CARDS), notes_path=tmp_path / "n.notes.yaml")


def bar_of(row: str) -> str:
    return row.split("× ")[1]


async def test_the_index_groups_cards_by_kind_with_counts_and_lists_unmentioned_apart(tmp_path):
    app = index_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CardsIndex)
        rows = index_rows(app)
        names = [" ".join(row.split(" ")[:2]) for row in rows]
        assert names == [
            "People (2)",
            "Alpha Person",
            "Beta Person",
            "Places (1)",
            "Gamma Place",
            "Things (1)",
            "Delta Thing",
            "Not mentioned",
            "Omega Thing",
        ]
        assert rows[1].startswith("Alpha Person 2× ")
        assert rows[2].startswith("Beta Person 3× ")
        assert rows[6].startswith("Delta Thing 1× ")
        assert rows[7] == "Not mentioned in this article (1)"
        assert rows[8] == "Omega Thing thing"
        # Delta is only in the last paragraph: its one mark is at the bar's right end.
        delta = bar_of(rows[6])
        assert delta.rstrip(BAR_EMPTY) == delta[: delta.rindex("█") + 1]
        assert delta.index("█") > len(delta) * 3 // 4
        assert "Cards index: 5 of 5 cards, by kind, by name" in screen_text(app)


async def test_typing_filters_by_title_and_by_alias(tmp_path):
    app = index_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x", *"place")
        await pilot.pause()
        assert [row.split(" ")[0] for row in index_rows(app)] == ["Places", "Gamma"]
        for _ in "place":
            await pilot.press("backspace")
        await pilot.press(*"chief")
        await pilot.pause()
        rows = index_rows(app)
        assert rows[0] == "People (1)"
        assert rows[1].startswith("Alpha Person (The Chief) 2×")
        await pilot.press(*"zz")
        await pilot.pause()
        assert index_rows(app) == ["No card matches."]
        assert "0 of 5 cards" in screen_text(app)


async def test_a_key_toggles_sorting_by_mentions_and_by_name(tmp_path):
    app = index_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x", "ctrl+s")
        await pilot.pause()
        rows = index_rows(app)
        assert rows[1].startswith("Beta Person 3×") and rows[2].startswith("Alpha Person 2×")
        assert "by mentions, most first" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert index_rows(app)[1].startswith("Alpha Person")
        await pilot.press("ctrl+s", "escape")
        await pilot.press("x")  # the sort chosen is kept for the next opening
        await pilot.pause()
        assert index_rows(app)[1].startswith("Beta Person 3×")


async def test_enter_shows_the_card_with_the_cursor_on_its_first_mention(tmp_path):
    app = index_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x", *"gamma")
        await pilot.pause()
        assert highlighted(app) == "gamma"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert not isinstance(screen, CardsIndex)
        assert screen.query_one(ArticleView).cursor == TEXT.index("Gamma")
        assert screen.query_one(CardPane).card.id == "gamma"
        assert app.focused is screen.query_one(ArticleView)
        assert screen.history.current == "gamma"
        await pilot.press("backspace")  # it counts as going there: back returns to Alpha
        await pilot.pause()
        assert screen.query_one(CardPane).card.id == "alpha"


async def test_down_moves_past_headings_and_a_card_with_no_mention_is_shown_in_place(tmp_path):
    app = index_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x", "down")
        await pilot.pause()
        assert highlighted(app) == "beta"
        await pilot.press("down")  # over the "Places" heading
        assert highlighted(app) == "gamma"
        await pilot.press(*"omega", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(CardPane).card.id == "omega"
        assert app.screen.query_one(ArticleView).cursor == 0  # nowhere to go: it stays
        assert app.screen.history.current == "omega"


async def test_escape_closes_the_index_and_x_can_be_remapped(tmp_path):
    keymap = {"screen.cards-index": "X", "index.sort": "ctrl+o"}
    app = build_app(
        write_reading(tmp_path, TEXT, CARDS), notes_path=tmp_path / "n.yaml", keymap=keymap
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        assert not isinstance(app.screen, CardsIndex)
        await pilot.press("X", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CardsIndex)
        assert "^o sort by name" in screen_text(app)
        assert index_rows(app)[1].startswith("Beta Person 3×")
        await pilot.press("escape")
        assert not isinstance(app.screen, CardsIndex)
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert "Cards index" in commands


async def test_an_index_opened_before_the_mentions_are_found_fills_in_when_they_are(
    tmp_path, monkeypatch
):
    from annotations.reading import LINK_LATER_CHARS, open_reading
    from reader.app import make_app
    from reader.screens.reader import ReaderScreen

    line = "Alpha met Beta in Gamma on Monday, and nobody else was there to see it.\n"
    lines = LINK_LATER_CHARS // len(line) + 10
    article = write_reading(tmp_path, line * lines, CARDS)
    reading = open_reading(str(article), link_later=True)
    monkeypatch.setattr(ReaderScreen, "link_in_background", lambda screen: None)  # by hand
    app = make_app(reading, notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert "still finding the mentions" in screen_text(app)
        assert index_rows(app)[0] == "Mentions not found yet (5)"
        app.reader_screen.links_found(reading.find_links())
        await pilot.pause()
        assert "still finding" not in screen_text(app)
        assert index_rows(app)[0] == "People (2)"
        assert index_rows(app)[2].startswith(f"Beta Person {lines}× ")


async def test_an_article_with_no_cards_says_so(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert index_rows(app) == ["This article has no cards."]
        await pilot.press("enter")  # nothing to open: the index stays
        assert isinstance(app.screen, CardsIndex)
