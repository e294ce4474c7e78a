"""Every character of the article is legible (WCAG AA, 4.5:1) in the dark and the light theme:
mentions of each kind, notes in each colour, search matches, the selection, the cursor and the word
under it."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from annotations.cards.model import CARD_KINDS
from annotations.notes.model import COLORS
from reader.widgets.article_view import ArticleView
from reader.widgets.contrast import WCAG_AA, contrast, legible
from tests.ui.ui_helpers import build_app, write_reading

WORDS = [f"{kind.capitalize()}word" for kind in CARD_KINDS]
TEXT = (
    " ".join(f"{word} plain" for word in WORDS)
    + " "
    + " ".join(f"note{color} plain" for color in COLORS)
    + " selected words here. cursorword end.\n"
)
CARDS = "version: 1\ncards:\n" + "".join(
    f"  - {{id: {kind}, title: {kind}, kind: {kind}, summary: s., as_of: 2026-01-01,"
    f" aliases: [{word}]}}\n"
    for kind, word in zip(CARD_KINDS, WORDS, strict=True)
)


def too_faint(pairs: list[tuple[str, tuple, tuple]]) -> list[str]:
    """The characters whose contrast is below WCAG AA, with their ratio."""
    return [
        f"{text!r}: {contrast(fg, bg):.2f}:1"
        for text, fg, bg in pairs
        if contrast(fg, bg) < WCAG_AA
    ]


def shown_pairs(view: ArticleView) -> list[tuple[str, tuple, tuple]]:
    pairs = []
    for strip in view.render_lines(Region(0, 0, view.size.width, view.size.height)):
        for segment in strip:
            if not segment.text.strip() or segment.style is None:
                continue
            style = segment.style
            fg, bg = tuple(style.color.get_truecolor()), tuple(style.bgcolor.get_truecolor())
            if style.reverse:
                fg, bg = bg, fg
            pairs.append((segment.text, fg, bg))
    return pairs


def test_the_check_fails_at_4_4_to_1():
    grey = (118, 118, 118)  # 4.54:1 on white
    assert too_faint([("x", grey, (255, 255, 255))]) == []
    faint = (120, 120, 120)  # 4.42:1: just under the bar, and refused
    assert too_faint([("x", faint, (255, 255, 255))]) == ["'x': 4.42:1"]


@pytest.mark.parametrize("background", [(30, 30, 30), (240, 240, 240), (128, 128, 128)])
@pytest.mark.parametrize("text", [(30, 30, 30), (224, 224, 224), (255, 166, 43), (120, 110, 130)])
def test_legible_always_reaches_the_minimum(text, background):
    fixed_text, fixed_ground = legible(text, background)
    assert contrast(fixed_text, fixed_ground) >= 4.8


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("cursor_on", ["cursorword", "Thingword", "noteblue"])
async def test_every_character_reaches_wcag_aa(tmp_path, theme, cursor_on):
    app = build_app(write_reading(tmp_path, TEXT, CARDS), notes_path=tmp_path / "n.notes.yaml")
    async with app.run_test(size=(120, 12)) as pilot:
        app.theme = theme
        for color in COLORS:
            start = TEXT.index(f"note{color}")
            app.store.add(start, start + len(f"note{color}"), color=color)
        view = app.screen.query_one(ArticleView)
        view.move_to(TEXT.index("selected"))
        view.anchor = view.cursor
        view.move_to(TEXT.index("here"))  # a selection of three words, the cursor inside it
        await pilot.pause()
        pairs = shown_pairs(view)
        view.anchor = None
        view.move_to(TEXT.index(cursor_on))
        await pilot.pause()
        pairs += shown_pairs(view)
    shown = " ".join(text for text, _, _ in pairs)
    assert all(word in shown for word in ("Eventword", "notepurple", "selected", "cursorword"))
    assert too_faint(pairs) == []


async def test_the_theme_chosen_is_remembered_for_the_next_start(tmp_path):
    article = write_reading(tmp_path, TEXT, CARDS)
    app = build_app(article, notes_path=tmp_path / "n.notes.yaml")
    async with app.run_test(size=(120, 12)) as pilot:
        assert app.theme == "textual-dark"
        app.theme = "textual-light"
        await pilot.pause()
    again = build_app(article, notes_path=tmp_path / "n.notes.yaml")
    async with again.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_search_matches_reach_wcag_aa_on_every_ground(tmp_path, theme):
    # "o" is in every mention ("Personword"...), every note ("noteyellow"...) and plain words,
    # so matches are drawn over each kind of mention and each note colour.
    app = build_app(write_reading(tmp_path, TEXT, CARDS), notes_path=tmp_path / "n.notes.yaml")
    async with app.run_test(size=(120, 12)) as pilot:
        app.theme = theme
        for color in COLORS:
            start = TEXT.index(f"note{color}")
            app.store.add(start, start + len(f"note{color}"), color=color)
        view = app.screen.query_one(ArticleView)
        await pilot.press("slash", "o")
        await pilot.pause()
        pairs = shown_pairs(view)  # while typing: the current match and the others
        await pilot.press("enter", "n", "n", "v", "w", "w")  # a selection over matches
        await pilot.pause()
        pairs += shown_pairs(view)
        match_ground = view.style_for(("article--search-match",)).bgcolor
        first_row = view.render_lines(Region(0, 0, view.size.width, 1))[0]
        grounds = [segment.style.bgcolor for segment in first_row]
    assert match_ground in grounds, "no match drawn on plain text"
    assert too_faint(pairs) == []


async def test_the_key_bar_follows_a_theme_chosen_while_the_reader_runs(tmp_path):
    """The key bar drawn after a theme change in the old theme's colours read at about 1.3:1."""
    from reader.widgets.key_bar import KeyBar

    app = build_app(write_reading(tmp_path), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for theme in ("textual-light", "textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            pairs = shown_pairs(app.screen.query_one(KeyBar))
            assert pairs and too_faint(pairs) == [], theme
