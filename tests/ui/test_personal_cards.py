"""Pilot tests: the reader's own cards: C makes one, E edits it, d deletes it, u undoes, and a
shipped card keeps an alias both claim."""

from __future__ import annotations

from annotations.notes.file import load_notes
from reader.screens.ask import Ask
from reader.screens.card_editor import CardEditor
from reader.screens.note_editor import ConfirmDiscard
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from reader.widgets.key_bar import KeyBar
from tests.ui.ui_helpers import SMALL_ARTICLE, build_app, settle, widget_lines, write_reading

TEXT = SMALL_ARTICLE


def pane_text(app) -> str:
    """What the card pane shows: its text parts, row by row."""
    pane = app.screen.query_one(CardPane)
    rows = [line.rstrip() for part in pane.query("Static") for line in widget_lines(part)]
    return "\n".join(rows)


def mentions(app, card_id: str) -> list[str]:
    links = app.reader_screen.reading.links
    return [TEXT[m.start : m.end] for m in links.of_card(card_id)]


async def new_card_on(pilot, word: str, summary: str = "Its summary.") -> None:
    """Put the cursor on `word`, press C, type a summary, save."""
    pilot.app.screen.query_one(ArticleView).move_to(TEXT.index(word))
    await pilot.press("C")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, CardEditor)
    await pilot.press("tab", "tab")  # title, kind, summary
    assert editor.focused.id == "card-summary"
    await pilot.press(*summary)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_c_makes_a_card_that_links_and_is_saved(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(ArticleView).move_to(TEXT.index("Monday"))
        await pilot.press("C")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CardEditor)
        # The word under the cursor is the title and the first alias.
        assert editor.typed()[0] == "Monday" and editor.typed()[4] == "Monday"
        await pilot.press("tab", "tab", *"The day of the talks.", "ctrl+s")
        await settle(pilot)
        (own,) = app.store.cards
        assert (own.title, own.summary) == ("Monday", "The day of the talks.")
        assert own.aliases == ("Monday",)
        assert mentions(app, own.id) == ["Monday"]
        shown = pane_text(app)
        assert "Monday  (person · yours)" in shown and "Your own card" in shown
        (saved,) = load_notes(notes_file).cards
        assert saved.id == own.id


async def test_a_bad_field_keeps_the_editor_open_and_says_why(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(ArticleView).move_to(TEXT.index("Monday"))
        await pilot.press("C", "ctrl+s")  # no summary
        await pilot.pause()
        assert isinstance(app.screen, CardEditor)
        error = app.screen.query_one("#card-error")
        assert error.display and "summary: must not be empty" in str(error.render())
        assert app.store.cards == []


async def test_esc_asks_before_a_typed_card_is_thrown_away(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(ArticleView).move_to(TEXT.index("Monday"))
        await pilot.press("C", "x", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("n")
        assert isinstance(app.screen, CardEditor)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (CardEditor, ConfirmDiscard))
        assert app.store.cards == []


async def test_e_in_the_card_pane_edits_your_card(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await new_card_on(pilot, "Monday")
        await pilot.press("enter")  # into the card pane, on the new card
        await pilot.press("E")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CardEditor) and editor.typed()[2] == "Its summary."
        await pilot.press("end", *" (Mon)", "ctrl+s")
        await settle(pilot)
        (own,) = app.store.cards
        assert own.title == "Monday (Mon)"
        assert "Monday (Mon)  (person · yours)" in pane_text(app)
        assert load_notes(notes_file).cards[0].title == "Monday (Mon)"
        await pilot.press("u")
        await settle(pilot)
        assert app.store.cards[0].title == "Monday"
        assert "Monday  (person · yours)" in pane_text(app)


async def test_a_shipped_card_cannot_be_edited_or_deleted(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # the cursor starts on Alpha: its shipped card
        await pilot.press("E")
        await pilot.pause()
        assert not isinstance(app.screen, CardEditor)
        assert "came with the article and can't be edited" in app.screen.query_one(KeyBar).message
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, Ask)
        assert "can't be deleted" in app.screen.query_one(KeyBar).message


async def test_d_deletes_your_card_after_asking_and_u_brings_it_back(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await new_card_on(pilot, "Monday")
        (own,) = app.store.cards
        await pilot.press("enter", "d")
        await pilot.pause()
        assert isinstance(app.screen, Ask)
        await pilot.press("n")
        await pilot.pause()
        assert app.store.cards == [own]
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.store.cards == [] and mentions(app, own.id) == []
        assert load_notes(notes_file).cards == []
        await pilot.press("u")
        await settle(pilot)
        assert [c.id for c in app.store.cards] == [own.id]
        assert mentions(app, own.id) == ["Monday"]
        assert [c.id for c in load_notes(notes_file).cards] == [own.id]


async def test_your_card_survives_a_restart(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await new_card_on(pilot, "Monday", "Kept.")
        (own,) = app.store.cards
    again = build_app(article, notes_path=notes_file)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert mentions(again, own.id) == ["Monday"]
        card = again.reader_screen.reading.cards.by_id[own.id]
        assert card.personal and card.summary == "Kept."
        again.screen.query_one(ArticleView).move_to(TEXT.index("Monday"))
        await pilot.pause()
        await pilot.pause()
        assert "Monday  (person · yours)" in pane_text(again)


async def test_an_alias_a_shipped_card_claims_stays_with_it_and_the_clash_shows(
    article, notes_file
):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await new_card_on(pilot, "Beta", "My Beta.")
        (own,) = app.store.cards
        assert mentions(app, own.id) == []
        assert mentions(app, "beta") == ["Beta"] * 3
        shown = pane_text(app)
        assert "Alias clash" in shown and "shipped card 'Beta Person'" in shown
        assert any("Beta Person" in str(n.message) for n in app._notifications)


async def test_a_long_article_is_relinked_in_the_background(tmp_path, notes_file):
    long_text = TEXT * 200  # past RELINK_AT_ONCE_CHARS
    app = build_app(write_reading(tmp_path, long_text), notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await new_card_on(pilot, "Monday")
        (own,) = app.store.cards
        links = app.reader_screen.reading.links
        assert len(links.of_card(own.id)) == 200
        assert len(links.of_card("alpha")) == 400  # the shipped cards are still linked
