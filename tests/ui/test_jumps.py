"""Pilot tests: jump hints (f), marks (m, '), back to before the last jump (''), and the reading
position kept from one start to the next."""

from __future__ import annotations

import pytest

from annotations.notes.file import load_notes
from annotations.notes.store import NotesStore
from reader.keymap import load_keymap
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from reader.widgets.contrast import WCAG_AA, contrast
from reader.widgets.key_bar import KeyBar
from tests.ui.test_contrast import shown_pairs, too_faint
from tests.ui.ui_helpers import (
    SMALL_ARTICLE,
    build_app,
    screen_text,
    settle,
    widget_lines,
    write_reading,
)

TEXT = SMALL_ARTICLE


def view(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def pane(app) -> CardPane:
    return app.screen.query_one(CardPane)


def said(app) -> str:
    bar = app.screen.query_one(KeyBar)
    return bar.prompt_text or bar.message


def article_rows(app) -> list[str]:
    return [line.strip() for line in widget_lines(view(app)) if line.strip()]


@pytest.fixture
def small(article, notes_file):
    return build_app(article, notes_path=notes_file)


async def hints_on(app, pilot) -> None:
    """A note on "Monday" (not a name), then f: 9 targets in the article, 2 see-also links."""
    start = TEXT.index("Monday")
    app.store.add(start, start + len("Monday"))
    await pilot.pause()
    await pilot.press("f")
    await pilot.pause()


async def test_f_labels_every_name_note_and_see_also_link_on_screen(small):
    async with small.run_test(size=(120, 30)) as pilot:
        await hints_on(small, pilot)
        # Home-row letters, single where they can be, each over the start of its target.
        assert article_rows(small) == [
            "Alpha met Seta in Damma on Fonday.",
            "Jeta said Kamma was calm, and Llpha agreed with Geta.",
            "A third paragraph mentions HAlta once.",
        ]
        links = widget_lines(pane(small).query_one("#card-links"))
        assert any(" HS  → Beta Person" in line for line in links), links
        assert any(" HD  → Gamma Place" in line for line in links), links
        assert "Hints: type a label" in said(small)


async def test_typing_a_two_letter_hint_jumps_there_and_quote_quote_comes_back(small):
    async with small.run_test(size=(120, 30)) as pilot:
        await hints_on(small, pilot)
        await pilot.press("h")
        await pilot.pause()
        # Only the labels starting with h are left; the single letters are gone.
        assert article_rows(small)[0] == "Alpha met Beta in Gamma on Monday."
        assert article_rows(small)[2] == "A third paragraph mentions HAlta once."
        await pilot.press("a")
        await pilot.pause()
        assert view(small).cursor == TEXT.index("Delta")
        assert pane(small).card.id == "delta"
        assert article_rows(small)[2] == "A third paragraph mentions Delta once."
        await pilot.press("apostrophe", "apostrophe")
        assert view(small).cursor == 0


async def test_a_capital_letter_types_the_same_hint(small):
    async with small.run_test(size=(120, 30)) as pilot:
        await hints_on(small, pilot)
        await pilot.press("K")
        assert view(small).cursor == TEXT.index("Gamma was")


async def test_a_see_also_hint_opens_that_card(small):
    async with small.run_test(size=(120, 30)) as pilot:
        await hints_on(small, pilot)
        await pilot.press("h", "s")
        await pilot.pause()
        assert pane(small).card.id == "beta"
        assert view(small).cursor == 0  # the card opened; the cursor stayed
        assert "Beta summary." in screen_text(small)


@pytest.mark.parametrize(
    ("key", "message"),
    [("escape", "Cancelled"), ("1", "Hints cancelled ('1' is not a hint letter)"),
     ("z", "Hints cancelled: no hint Z")],
    ids=["esc", "digit", "no-such-hint"],
)  # fmt: skip
async def test_esc_or_a_key_that_is_no_hint_cancels_and_says_so(small, key, message):
    async with small.run_test(size=(120, 30)) as pilot:
        await hints_on(small, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert said(small) == message
        assert article_rows(small)[0] == "Alpha met Beta in Gamma on Monday."
        assert not any("HS" in line for line in widget_lines(pane(small).query_one("#card-links")))
        assert view(small).cursor == 0
        await pilot.press("w")  # keys work as before
        assert view(small).cursor == TEXT.index("met")


async def test_f_with_nothing_to_jump_to_says_so(tmp_path, notes_file):
    plain = write_reading(tmp_path, "Plain words only.\n", cards=None)
    app = build_app(plain, notes_path=notes_file)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f")
        assert said(app) == "No names, notes or see-also links on screen to jump to"
        await pilot.press("w")
        assert view(app).cursor == len("Plain ")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_hint_labels_are_legible_in_both_themes(small, theme):
    async with small.run_test(size=(120, 30)) as pilot:
        small.theme = theme
        await hints_on(small, pilot)
        await pilot.press("h")  # typed letters have a style of their own
        await pilot.pause()
        pairs = shown_pairs(view(small))
        assert any(text.startswith("HA") or text == "H" for text, _, _ in pairs)
        assert too_faint(pairs) == []
        card_pane = pane(small)
        style = card_pane.looks().hint
        fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
        assert contrast(tuple(fg), tuple(bg)) >= WCAG_AA


async def test_m_sets_a_mark_and_quote_goes_back_to_it(small):
    async with small.run_test(size=(120, 30)) as pilot:
        await pilot.press("w", "w")
        assert view(small).cursor == TEXT.index("Beta")
        await pilot.press("m")
        assert "Mark: type a letter" in said(small)
        await pilot.press("a")
        assert said(small).startswith("Mark a set")
        await pilot.press("G")
        bottom = view(small).cursor
        assert bottom > TEXT.index("Delta")
        await pilot.press("apostrophe", "a")
        assert view(small).cursor == TEXT.index("Beta")
        await pilot.press("apostrophe", "apostrophe")  # back to before the jump to a
        assert view(small).cursor == bottom


async def test_quote_quote_returns_to_before_g_and_toggles(small):
    async with small.run_test(size=(120, 30)) as pilot:
        await pilot.press("apostrophe", "apostrophe")
        assert said(small) == "No jump to go back from yet"
        await pilot.press("j", "w")
        here = view(small).cursor
        await pilot.press("G")
        assert view(small).cursor != here
        await pilot.press("apostrophe", "apostrophe")
        assert view(small).cursor == here
        await pilot.press("g")
        assert view(small).cursor == 0
        await pilot.press("apostrophe", "apostrophe")
        assert view(small).cursor == here


async def test_an_unknown_mark_or_a_key_that_is_no_letter_says_so(small):
    async with small.run_test(size=(120, 30)) as pilot:
        await pilot.press("apostrophe", "z")
        assert said(small) == "No mark z in this article (m then z sets it)"
        await pilot.press("m", "1")
        assert said(small) == "Cancelled: '1' is not a mark's letter (a to z, A to Z)"
        await pilot.press("m", "escape")
        assert said(small) == "Cancelled"
        await pilot.press("w")  # nothing swallowed the keys after
        assert view(small).cursor == TEXT.index("met")
        assert small.store.marks.all() == {}


async def test_marks_survive_a_restart_on_the_same_notes_file(article, notes_file):
    first = build_app(article, notes_path=notes_file)
    async with first.run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "m", "b")
        await settle(pilot)
    assert load_notes(notes_file).marks["b"].offset == TEXT.index("Beta said")
    again = build_app(article, notes_path=notes_file)
    async with again.run_test(size=(120, 30)) as pilot:
        await pilot.press("g", "apostrophe", "b")
        assert view(again).cursor == TEXT.index("Beta said")


async def test_marks_set_in_another_window_are_merged_and_ours_win(small, notes_file):
    async with small.run_test(size=(120, 30)) as pilot:
        await pilot.press("m", "a")
        await settle(pilot)
        other = NotesStore.open(small.store.article, notes_file)  # another reader's copy
        other.set_mark("a", TEXT.index("Delta"))
        other.set_mark("c", TEXT.index("calm"))
        assert other.save().ok
        await pilot.press("j", "m", "a")  # set here since: this one wins
        await settle(pilot)
        await pilot.press("g", "apostrophe", "c")
        assert view(small).cursor == TEXT.index("calm")
        await pilot.press("apostrophe", "a")
        assert view(small).cursor == TEXT.index("Beta said")
    marks = load_notes(notes_file).marks
    assert marks["a"].offset == TEXT.index("Beta said")
    assert marks["c"].offset == TEXT.index("calm")


LONG = "".join(f"Paragraph {n} has some filler words to read.\n" for n in range(200))


async def test_the_reading_position_comes_back_even_after_the_text_changed(tmp_path, notes_file):
    article = write_reading(tmp_path, LONG + "Here Delta is named.\n")
    first = build_app(article, notes_path=notes_file)
    async with first.run_test(size=(120, 30)) as pilot:
        await pilot.press("G", "b", "b")
        left = view(first).cursor
        assert left > len(LONG)  # in the last paragraph
    again = build_app(article, notes_path=notes_file)
    async with again.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert view(again).cursor == left
        assert view(again).scroll_offset.y > 150  # scrolled to it, not left at the top
    # The article is edited before the place where reading stopped.
    edited = "A new opening paragraph.\n" + LONG.replace("Paragraph 7 ", "Paragraph seven ")
    article.write_text(edited + "Here Delta is named.\n", encoding="utf-8")
    third = build_app(article, notes_path=notes_file)
    async with third.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert view(third).cursor == left + len("A new opening paragraph.\n") + 4
        row = view(third).layout_.row_of(view(third).cursor)
        top = view(third).scroll_offset.y
        assert top <= row < top + view(third).scrollable_content_region.height


async def test_the_jump_keys_can_be_remapped_and_show_in_the_palette(article, notes_file):
    keymap_file = article.parent / "keymap.yaml"
    keymap_file.write_text(
        "version: 1\nkeys:\n  jumps.go-to-mark: grave_accent\n  jumps.set-mark: M\n",
        encoding="utf-8",
    )
    app = build_app(article, notes_path=notes_file, keymap=load_keymap(keymap_file))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("w", "M", "q")
        assert said(app).startswith("Mark q set (` then q comes back here)")
        await pilot.press("G", "grave_accent", "q")
        assert view(app).cursor == TEXT.index("met")
        await pilot.press("grave_accent", "grave_accent")  # the remapped key twice: back
        assert view(app).cursor > TEXT.index("Delta")
        await pilot.press("apostrophe")  # no longer a jump key
        assert app.screen.pending is None
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Jump hints"] == "Key: f"
        assert commands["Set a mark"] == "Key: M"
        assert commands["Back to before the last jump"].startswith("Key: ` `")


async def test_see_also_links_out_of_view_or_hidden_get_no_label(small):
    async with small.run_test(size=(120, 10)) as pilot:
        await pilot.press("f")  # a short pane: the alpha card's links are below its end
        assert small.screen.pending.card_hints == {}
        await pilot.press("escape")
        # Scrolled to the links (the mentions and "Linked from" follow them, further down).
        links = pane(small).query_one("#card-links")
        pane(small).scroll_to(y=links.virtual_region.y, animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("f")
        labelled = small.screen.pending.card_hints
        assert labelled  # scrolled into view: labelled, and each label is seen
        await pilot.pause()
        for label in labelled.values():
            assert f" {label.upper()}  → " in screen_text(small)
        await pilot.press("escape", "c")  # the card pane hidden: only the article's names
        await pilot.pause()
        await pilot.press("f")
        assert small.screen.pending.card_hints == {}
