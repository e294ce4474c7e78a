"""Pilot tests of the card pane's mentions (context on word boundaries, Enter jumps, ] and [),
its Linked from, and opening a card from the overview."""

from __future__ import annotations

import textwrap

from annotations.cards.xray import ELLIPSIS
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from tests.ui.ui_helpers import build_app, write_reading

FILLER = "the committee weighed several proposals before adjourning late"
TEXT = (
    f"Opening words here. {FILLER} while Alpha listened carefully to {FILLER}.\n"
    f"Beta spoke next and {FILLER} as Alpha nodded along with {FILLER}.\n"
    "Gamma closed the session with Alpha.\n"
)
CARDS = textwrap.dedent(
    """\
    version: 1
    cards:
      - {id: alpha, title: Alpha Person, kind: person, summary: A., as_of: 2026-01-01,
         aliases: [Alpha], see_also: [beta]}
      - {id: beta, title: Beta Person, kind: person, summary: B., as_of: 2026-01-01,
         aliases: [Beta], see_also: [alpha]}
      - {id: gamma, title: Gamma Place, kind: place, summary: G., as_of: 2026-01-01,
         aliases: [Gamma], see_also: [alpha]}
    """
)
ALPHAS = [i for i in range(len(TEXT)) if TEXT.startswith("Alpha", i)]


def pane(app) -> CardPane:
    return app.screen.query_one(CardPane)


def view(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def mention_rows(app) -> list[str]:
    """The mention lines under the card, as drawn."""
    lines = pane(app).card_links(pane(app).card)
    rows = lines.text.plain.split("\n")
    return [
        rows[line].strip()
        for target, line in zip(lines.targets, lines.lines, strict=True)
        if target.mention
    ]


def reader(tmp_path):
    return build_app(write_reading(tmp_path, TEXT, CARDS), notes_path=tmp_path / "n.notes.yaml")


async def go_to_alpha(pilot) -> None:
    app = pilot.app
    view(app).move_to(ALPHAS[0], went=True)
    await pilot.pause()
    await pilot.pause()
    assert pane(app).card.id == "alpha"


async def test_each_mention_has_a_line_of_context_cut_on_word_boundaries(tmp_path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_alpha(pilot)
        rows = mention_rows(app)
        assert len(rows) == 3
        words = set(TEXT.replace(".", " ").split()) | {"adjourning.", "Alpha."}
        for row in rows[:2]:
            assert row.startswith(ELLIPSIS) and row.endswith(ELLIPSIS)
            assert "Alpha" in row
            for word in row.strip(ELLIPSIS).split():
                assert word in words, f"{word!r} is cut in {row!r}"
        width = pane(app).query_one("#card-links").content_region.width
        assert all(len(row) <= width for row in rows)  # one line each
        assert rows[2] == "Gamma closed the session with Alpha."  # a short paragraph, whole


async def test_the_mention_is_highlighted_in_its_context(tmp_path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_alpha(pilot)
        lines = pane(app).card_links(pane(app).card)
        looks = pane(app).looks()
        marked = [
            lines.text.plain[span.start : span.end]
            for span in lines.text.spans
            if span.style == looks.mention
        ]
        assert marked == ["Alpha"] * 3
        assert looks.mention.bold and looks.mention.color is not None


async def test_enter_on_a_mention_jumps_there_and_the_cursor_returns_to_the_article(tmp_path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_alpha(pilot)
        await pilot.press("enter", "tab", "tab", "tab")  # see also Beta, then mentions 1 and 2
        target = pane(app).targets[pane(app).chosen]
        assert target.mention is not None and target.number == 1
        await pilot.press("enter")
        await pilot.pause()
        assert view(app).cursor == ALPHAS[1]
        assert app.focused is view(app)
        assert pane(app).card.id == "alpha"
        await pilot.press("right_square_bracket")  # ] in the article goes on to the next one
        assert view(app).cursor == ALPHAS[2]


async def test_brackets_in_the_pane_step_through_the_mentions_and_stay_in_the_pane(tmp_path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_alpha(pilot)  # the cursor on the first Alpha
        await pilot.press("enter", "right_square_bracket")  # on from the article's cursor
        await pilot.pause()
        assert view(app).cursor == ALPHAS[1]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view(app).cursor == ALPHAS[2]
        assert app.focused is pane(app)
        assert pane(app).targets[pane(app).chosen].number == 2  # the line shows which
        await pilot.press("right_square_bracket")  # past the last: back to the first
        await pilot.pause()
        assert view(app).cursor == ALPHAS[0]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view(app).cursor == ALPHAS[2]


async def test_brackets_go_on_from_the_mention_chosen_with_tab(tmp_path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_alpha(pilot)
        await pilot.press("enter", "shift+tab", "shift+tab", "shift+tab")  # the last mention
        assert pane(app).targets[pane(app).chosen].number == 2
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view(app).cursor == ALPHAS[1]


async def test_linked_from_lists_the_cards_naming_this_one_and_opens_them(tmp_path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_alpha(pilot)
        text = pane(app).card_links(pane(app).card).text.plain
        linked = text[text.index("Linked from") :].splitlines()[1:3]
        assert linked == ["← Beta Person (person)", "← Gamma Place (place)"]
        await pilot.press("enter", "shift+tab")  # the last line: Gamma
        await pilot.press("enter")
        await pilot.pause()
        assert pane(app).card.id == "gamma"
        assert app.screen.history.current == "gamma"
        await pilot.press("backspace")
        await pilot.pause()
        assert pane(app).card.id == "alpha"


async def test_enter_in_the_overview_opens_a_card_at_its_first_mention(tmp_path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert pane(app).card is None  # the cursor starts on "Opening": the overview
        await pilot.press("enter", "enter")  # into the pane; Enter picks the first card
        assert pane(app).targets[pane(app).chosen].card_id == "alpha"
        await pilot.press("tab", "enter")  # Beta Person
        await pilot.pause()
        await pilot.pause()
        assert pane(app).card.id == "beta"
        assert view(app).cursor == TEXT.index("Beta")
        assert app.focused is view(app)
        assert app.screen.history.current == "beta"


async def test_a_markdown_article_shows_its_mentions_without_markup(tmp_path):
    text = "# Title\n\nThe chair said **Alpha** would speak, and _Beta_ agreed with Alpha.\n"
    path = write_reading(tmp_path, text, CARDS, name="small.md")
    app = build_app(path, notes_path=tmp_path / "n.notes.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        view(app).move_to(text.index("Alpha"), went=True)
        await pilot.pause()
        await pilot.pause()
        rows = mention_rows(app)
        assert rows[0].startswith("The chair said Alpha would speak")
        assert all("*" not in row and "_" not in row for row in rows), rows
