"""Searching the article with `/`: as you type, smartcase, across line breaks, every match drawn,
"k of N", Enter keeps, Esc goes back, n and N wrap round and say so."""

from __future__ import annotations

from reader.widgets.article_view import ArticleView
from reader.widgets.key_bar import KeyBar
from reader.widgets.search_bar import SearchBar
from tests.ui.ui_helpers import build_app, screen_text, settle, write_reading

TEXT = (
    "Beta met beta in Gamma. The family estates of the\n"
    "Buonapartes were large, said BETA.\n"
    "\n"
    "A second paragraph, with beta once more.\n"
)


def search_line(app) -> str:
    return screen_text(app).splitlines()[-1]


def view_of(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def match_texts(view: ArticleView, layer: str) -> list[str]:
    """The text of the article drawn in a search layer's colour (and not the cursor's)."""
    ground = view.style_for((layer,)).bgcolor
    shown = []
    for strip in view.render_lines(view.region.reset_offset):
        for segment in strip:
            if segment.style and segment.style.bgcolor == ground and not segment.style.reverse:
                shown.append(segment.text)
    return shown


async def typed(pilot, query: str) -> None:
    await pilot.press("slash", *query)
    await pilot.pause()


async def test_matches_show_as_you_type_with_k_of_n(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await typed(pilot, "be")
        # The first match after the cursor (on "Beta", the first word), as vim's / does.
        assert view.cursor == TEXT.index("beta")
        assert search_line(app).startswith(" /be")
        assert search_line(app).endswith("2 of 4")
        await pilot.press("t", "a")
        await pilot.pause()
        assert search_line(app).endswith("2 of 4")
        # Every other match on screen is drawn in the match colour, whatever its case.
        assert match_texts(view, "article--search-match") == ["Beta", "BETA", "beta"]


async def test_a_capital_makes_the_search_match_case(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        await typed(pilot, "BETA")
        assert view_of(app).cursor == TEXT.index("BETA")
        assert search_line(app).endswith("1 of 1")
        assert match_texts(view_of(app), "article--search-match") == []  # only the current one


async def test_a_space_matches_a_line_break(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        await typed(pilot, "the buonapartes")
        assert view_of(app).cursor == TEXT.index("the\nBuonapartes")
        assert search_line(app).endswith("1 of 1")
        await pilot.press("enter")
        await pilot.pause()
        # Both halves of the match are drawn, on both rows (the line end as a space); the
        # cursor's own cell, the first, is drawn reversed.
        drawn = match_texts(view_of(app), "article--search-current")
        assert "".join(drawn) == "he Buonapartes"


async def test_enter_keeps_the_match_and_n_and_N_wrap_round_and_say_so(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await typed(pilot, "beta")
        await pilot.press("enter")
        await pilot.pause()
        assert view.has_focus and not app.screen.query_one(SearchBar).display
        assert view.cursor == TEXT.index("beta")
        assert app.screen.query_one(KeyBar).display
        assert match_texts(view, "article--search-match")  # still drawn after Enter
        await pilot.press("n", "n")
        await pilot.pause()
        assert view.cursor == TEXT.rindex("beta")
        assert app.screen.query_one(KeyBar).message == "4 of 4"
        await pilot.press("n")
        await pilot.pause()
        assert view.cursor == 0
        assert "1 of 4 · hit the bottom, went on from the top" in search_line(app)
        await pilot.press("N")
        await pilot.pause()
        assert view.cursor == TEXT.rindex("beta")
        assert "4 of 4 · hit the top, went on from the bottom" in search_line(app)
        await pilot.press("N")
        await pilot.pause()
        assert view.cursor == TEXT.index("BETA")


async def test_esc_goes_back_to_where_the_cursor_was(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await pilot.press("w", "w")
        before = view.cursor
        await typed(pilot, "paragraph")
        assert view.cursor == TEXT.index("paragraph")
        await pilot.press("escape")
        await pilot.pause()
        assert view.cursor == before
        assert view.has_focus
        assert match_texts(view, "article--search-match") == []
        await pilot.press("n")  # a cancelled search is not kept
        await pilot.pause()
        assert view.cursor == before
        assert "No search yet" in search_line(app)


async def test_esc_in_the_article_hides_the_matches_and_n_shows_them_again(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await typed(pilot, "beta")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert match_texts(view, "article--search-match") == []
        await pilot.press("n")
        await pilot.pause()
        assert len(match_texts(view, "article--search-match")) == 3


async def test_a_query_with_no_match_says_so_and_leaves_the_cursor(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await typed(pilot, "bet")
        await pilot.press("z")
        await pilot.pause()
        assert view.cursor == 0
        assert search_line(app).endswith("No match for 'betz'")
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == 0
        assert "No match for 'betz'" in search_line(app)  # said in the key bar, once closed


async def test_enter_on_an_empty_query_repeats_the_last_search(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await typed(pilot, "gamma")
        await pilot.press("enter")
        await pilot.press("g")
        await typed(pilot, "")
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == TEXT.index("Gamma")


async def test_the_search_keys_can_be_remapped(tmp_path):
    keymap = {"article.search": "s", "article.search-next": "ctrl+n", "search.accept": "ctrl+j"}
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml",
                    keymap=keymap)  # fmt: skip
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await pilot.press("s", *"beta", "ctrl+j", "ctrl+n")
        await pilot.pause()
        assert view.cursor == TEXT.index("BETA")


async def test_a_long_article_is_counted_in_the_background(tmp_path):
    text = ("Plain words here, and more of them.\n" * 12_000) + "A needle.\nOne more needle.\n"
    app = build_app(write_reading(tmp_path, text, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        await typed(pilot, "needle")
        assert view_of(app).cursor == text.index("needle")  # at once, before the count
        await settle(pilot)
        assert search_line(app).endswith("1 of 2")


async def test_while_typing_every_key_is_the_querys(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await typed(pilot, "said q")  # neither quits nor moves: the letters are the query
        assert app.is_running
        assert search_line(app).endswith("No match for 'said q'")
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert search_line(app).startswith(" /said ")
        assert view.cursor == TEXT.index("said")
        await pilot.press("ctrl+u", *"gam")
        await pilot.pause()
        assert view.cursor == TEXT.index("Gamma")
        assert search_line(app).startswith(" /gam ")


async def test_a_pasted_query_is_searched_on_one_line(tmp_path):
    from textual import events

    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        await typed(pilot, "")
        view_of(app).post_message(events.Paste("of the\nbuonapartes"))
        await pilot.pause()
        assert view_of(app).cursor == TEXT.index("of the\nBuonapartes")
        assert search_line(app).startswith(" /of the buonapartes")


async def test_a_click_ends_the_typing_and_keeps_the_matches(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await typed(pilot, "beta")
        await pilot.click(ArticleView, offset=(3, 3))  # on the second paragraph
        await pilot.pause()
        assert view.search_query is None
        assert view.cursor >= TEXT.index("A second")  # where the click put it
        assert app.screen.query_one(KeyBar).display
        assert match_texts(view, "article--search-match")


async def test_apostrophe_twice_goes_back_to_where_the_search_and_n_began(tmp_path):
    app = build_app(write_reading(tmp_path, TEXT, None), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 20)) as pilot:
        view = view_of(app)
        await typed(pilot, "second")
        await pilot.press("enter")
        assert view.cursor == TEXT.index("second")
        await pilot.press("apostrophe", "apostrophe")
        await pilot.pause()
        assert view.cursor == 0  # where the search began
        await typed(pilot, "beta")
        await pilot.press("enter", "n")
        await pilot.pause()
        after_n = view.cursor
        await pilot.press("apostrophe", "apostrophe")
        await pilot.pause()
        assert view.cursor != after_n and view.cursor == TEXT.index("beta")
