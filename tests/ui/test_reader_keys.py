"""Pilot tests: every reading key moves the cursor or changes what the screen shows."""

from __future__ import annotations

import pytest

from reader.screens.help import HelpScreen
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from reader.widgets.key_bar import KeyBar
from tests.ui.ui_helpers import SMALL_ARTICLE, build_app, screen_text, widget_lines, write_reading

TEXT = SMALL_ARTICLE


def view(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def pane(app) -> CardPane:
    return app.screen.query_one(CardPane)


@pytest.fixture
def small(tmp_path):
    return build_app(write_reading(tmp_path))


@pytest.fixture
def long_article(tmp_path):
    lines = [f"Paragraph {n} has Alpha and some filler words to read." for n in range(300)]
    return build_app(write_reading(tmp_path, "\n".join(lines) + "\n"))


async def test_starts_at_the_top_showing_the_overview(tmp_path):
    app = build_app(write_reading(tmp_path, "Today " + TEXT))
    async with app.run_test(size=(120, 40)):
        assert view(app).cursor == 0
        assert pane(app).card is None
        shown = screen_text(app)
        assert "Small test article · 2026-01-02 · Test Wire" in shown
        assert "4 cards, 8 mentions" in shown


async def test_a_mention_under_the_first_cursor_shows_its_card(small):
    async with small.run_test(size=(120, 40)):
        assert pane(small).card.id == "alpha"
        assert "Alpha summary." in screen_text(small)


@pytest.mark.parametrize("keys", [["j"], ["down"]])
async def test_down_moves_a_line_keeping_the_column(small, keys):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "l", "l", *keys)
        assert view(small).cursor == TEXT.index("Beta said") + 3


@pytest.mark.parametrize("keys", [["k"], ["up"]])
async def test_up_moves_back_a_line(small, keys):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "l", *keys)
        assert view(small).cursor == TEXT.index("Beta said") + 1


@pytest.mark.parametrize(("right", "left"), [("l", "h"), ("right", "left")])
async def test_left_and_right_move_a_character(small, right, left):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press(right, right, right)
        assert view(small).cursor == 3
        await pilot.press(left)
        assert view(small).cursor == 2


async def test_word_motions(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        assert view(small).cursor == TEXT.index("met")
        await pilot.press("w", "w")
        assert view(small).cursor == TEXT.index("in Gamma")
        await pilot.press("e")
        assert view(small).cursor == TEXT.index("in Gamma") + 1
        await pilot.press("b", "b")
        assert view(small).cursor == TEXT.index("Beta")


async def test_paragraph_motions(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_curly_bracket")
        assert view(small).cursor == TEXT.index("Beta said")
        await pilot.press("right_curly_bracket")
        assert view(small).cursor == TEXT.index("A third")
        await pilot.press("l", "left_curly_bracket")
        assert view(small).cursor == TEXT.index("A third")
        await pilot.press("left_curly_bracket")
        assert view(small).cursor == TEXT.index("Beta said")


@pytest.mark.parametrize("key", ["space", "pagedown"])
async def test_page_down_moves_a_screen(long_article, key):
    async with long_article.run_test(size=(120, 40)) as pilot:
        article = view(long_article)
        await pilot.press(key)
        assert article.scroll_offset.y > 20
        row = article.layout_.row_of(article.cursor)
        assert article.scroll_offset.y <= row < article.scroll_offset.y + article.size.height


async def test_page_up_returns(long_article):
    async with long_article.run_test(size=(120, 40)) as pilot:
        await pilot.press("pagedown", "pagedown", "pageup")
        article = view(long_article)
        row = article.layout_.row_of(article.cursor)
        assert 30 < row < 50


@pytest.mark.parametrize(("bottom", "top"), [("G", "g"), ("end", "home")])
async def test_bottom_and_top(long_article, bottom, top):
    async with long_article.run_test(size=(120, 40)) as pilot:
        await pilot.press(bottom)
        article = view(long_article)
        text = article.reading.article.text
        last_word = text.split()[-1]
        assert article.cursor == text.rindex(last_word)  # the last word, not the last paragraph
        assert "Paragraph 299" in "\n".join(widget_lines(article))
        await pilot.press(top)
        assert article.cursor == 0
        assert "Paragraph 0 " in "\n".join(widget_lines(article))


async def test_tab_visits_linked_names_and_shows_their_cards(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")
        assert view(small).cursor == TEXT.index("Beta")
        assert pane(small).card.id == "beta"
        assert "Beta summary." in screen_text(small)
        await pilot.press("tab")
        assert view(small).cursor == TEXT.index("Gamma")
        assert pane(small).card.id == "gamma"
        await pilot.press("shift+tab")
        assert pane(small).card.id == "beta"


async def test_brackets_visit_mentions_of_the_card_on_show(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")  # Beta
        await pilot.press("right_square_bracket")
        assert view(small).cursor == TEXT.index("Beta said")
        await pilot.press("right_square_bracket")
        assert view(small).cursor == TEXT.index("with Beta") + 5
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert view(small).cursor == TEXT.index("Beta")


async def test_card_pane_shows_every_part_of_a_card(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("G", "b", "b")  # "once." then "Delta"
        assert pane(small).card.id == "delta"
        shown = screen_text(small)
        for part in (
            "Delta Thing",
            "(thing)",
            "Delta summary.",
            "Erratum:",
            "Delta erratum.",
            "As of 2026-01-01",
            "Delta source",
            "https://example.org/delta",
            "Mentioned once",
            "mentions Delta once",
        ):
            assert part in shown


async def test_enter_goes_into_the_card_and_opens_see_also(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # the cursor starts on Alpha
        assert small.focused is pane(small)
        await pilot.press("tab", "tab", "enter")  # second see-also of alpha: gamma
        assert pane(small).card.id == "gamma"
        await pilot.press("tab", "enter")  # gamma's only link: delta
        assert pane(small).card.id == "delta"
        await pilot.press("escape")
        assert small.focused is view(small)


async def test_card_pane_scrolls_with_j_and_k(tmp_path):
    body = "\n\n".join(f"Body paragraph {n}." for n in range(60))
    cards = (
        "version: 1\ncards:\n  - id: alpha\n    title: Alpha\n    kind: person\n"
        "    summary: S.\n    as_of: 2026-01-01\n    aliases: [Alpha]\n    body: |\n"
        + "".join(f"      {line}\n" for line in body.splitlines())
    )
    app = build_app(write_reading(tmp_path, cards=cards))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "j", "j", "j")
        assert pane(app).scroll_offset.y == 3
        await pilot.press("k")
        assert pane(app).scroll_offset.y == 2


@pytest.mark.parametrize("back", ["backspace", "alt+left"])
async def test_back_and_forward_through_opened_cards(small, back):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "tab")  # alpha, beta, gamma
        assert pane(small).card.id == "gamma"
        await pilot.press(back)
        assert pane(small).card.id == "beta"
        await pilot.press(back)
        assert pane(small).card.id == "alpha"
        await pilot.press("alt+right")
        assert pane(small).card.id == "beta"


async def test_cards_passed_by_motions_are_not_in_the_history(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")  # went to beta (alpha was on show at the start)
        assert pane(small).card.id == "beta"
        await pilot.press("w", "w", "j", "w", "w")  # moves past gamma and others
        await pilot.pause()
        await pilot.press("backspace")
        assert pane(small).card.id == "alpha"  # back to a card gone to, not one passed by
        await pilot.press("backspace")  # nothing before: a bell, the card stays
        assert pane(small).card.id == "alpha"


async def test_help_lists_every_key_and_closes(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(small.screen, HelpScreen)
        assert "j ↓ / k ↑" in screen_text(small)  # the first rows show; the rest scrolls
        whole = small.screen.help_text().plain
        for key in ("j ↓ / k ↑", "w / b / e", "Tab / shift+Tab", "] / [", "ctrl+p", "alt+→"):
            assert key in whole
        await pilot.press("escape")
        assert not isinstance(small.screen, HelpScreen)


async def test_command_palette_offers_reader_actions(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Next mention")
        await pilot.pause(0.3)
        assert "Next mention" in screen_text(small)
        await pilot.press("escape")


async def test_c_hides_and_shows_the_card_pane(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        assert not pane(small).display or pane(small).size.width == 0
        assert view(small).size.width > 100
        await pilot.press("c")
        assert pane(small).size.width > 0


async def test_q_quits(small):
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert small.return_code in (0, None)


async def test_click_on_a_mention_shows_its_card(small):
    async with small.run_test(size=(120, 40)) as pilot:
        article = view(small)
        column = TEXT.index("Gamma")
        await pilot.click(ArticleView, offset=(column + 1 + 1, 0))  # +1 padding
        assert pane(small).card.id == "gamma"
        assert article.cursor == TEXT.index("Gamma") + 1


async def test_narrow_terminal_puts_cards_under_the_article(small):
    async with small.run_test(size=(80, 24)):
        article, cards = view(small), pane(small)
        assert cards.region.y >= article.region.bottom - 1
        assert article.size.width >= 70
        assert small.screen.query_one(KeyBar).region.height == 1


async def test_resize_rewraps_paragraphs(long_article):
    async with long_article.run_test(size=(120, 40)) as pilot:
        article = view(long_article)
        wide_rows = article.layout_.rows
        await pilot.resize_terminal(40, 40)
        await pilot.pause()
        assert article.layout_.rows > wide_rows


async def test_no_color_keeps_mentions_and_cursor_visible(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(write_reading(tmp_path))
    async with app.run_test(size=(120, 40)):
        strip = view(app).render_line(0)
        styles = {segment.text: segment.style for segment in strip if segment.text.strip()}
        assert styles["A"].reverse  # the cursor
        assert styles[" met "].underline is not True
        assert styles["Beta"].underline  # a mention, told apart without colour


async def test_mentions_are_styled_by_kind_through_component_classes(small):
    async with small.run_test(size=(120, 40)):
        article = view(small)
        strip = article.render_line(0)
        styles = {segment.text: segment.style for segment in strip if segment.text.strip()}
        person = article.get_component_rich_style("article--mention-person")
        place = article.get_component_rich_style("article--mention-place")
        assert styles["Beta"].color == person.color
        assert styles["Gamma"].color == place.color
        assert person.color != place.color


async def test_a_keymap_remaps_by_binding_id(tmp_path):
    from reader.keymap import load_keymap

    keymap_file = tmp_path / "keymap.yaml"
    keymap_file.write_text("version: 1\nkeys:\n  article.down: ctrl+n\n")
    app = build_app(write_reading(tmp_path), keymap=load_keymap(keymap_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        assert view(app).cursor == TEXT.index("Beta said")
        await pilot.press("j")  # remapped away
        assert view(app).cursor == TEXT.index("Beta said")


async def test_tab_and_brackets_wrap_round_at_the_ends_and_say_so(small):
    async with small.run_test(size=(120, 40)) as pilot:
        article = view(small)
        article.move_to(TEXT.index("Delta"))  # the last linked name
        await pilot.press("tab")
        await pilot.pause()
        assert article.cursor == 0 and "wrapped round" in screen_text(small)
        await pilot.press("shift+tab")
        assert article.cursor == TEXT.index("Delta")
        article.move_to(TEXT.index("with Beta") + 5)  # the last mention of Beta
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert article.cursor == TEXT.index("Beta")


async def test_j_after_the_wheel_moves_the_cursor_into_the_view(long_article):
    async with long_article.run_test(size=(120, 40)) as pilot:
        article = view(long_article)
        article.scroll_to(y=200, animate=False, immediate=True)  # as the wheel leaves it
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert article.scroll_offset.y >= 190  # the view stayed where the reader scrolled
        row = article.layout_.row_of(article.cursor)
        assert article.scroll_offset.y <= row < article.scroll_offset.y + 40


async def test_space_g_and_G_page_and_jump_in_the_card_pane(tmp_path):
    body = "\n\n".join(f"Body paragraph {n}." for n in range(80))
    cards = (
        "version: 1\ncards:\n  - id: alpha\n    title: Alpha\n    kind: person\n"
        "    summary: S.\n    as_of: 2026-01-01\n    aliases: [Alpha]\n    body: |\n"
        + "".join(f"      {line}\n" for line in body.splitlines())
    )
    app = build_app(write_reading(tmp_path, cards=cards))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "space")
        await pilot.pause()
        assert pane(app).scroll_offset.y > 20
        await pilot.press("G")
        await pilot.pause()
        assert pane(app).scroll_offset.y == pane(app).max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert pane(app).scroll_offset.y == 0
