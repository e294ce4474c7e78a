"""The notes list filter (A): typed words, and tags typed as they are shown."""

from __future__ import annotations


def test_the_notes_filter_takes_tags_as_they_are_shown():
    from annotations.notes.model import Note, Quote
    from reader.screens.notes_list import note_matches

    note = Note("0" * 26, Quote("Gamma"), 0, 5, "calm", ("alpha", "beta"))
    assert note_matches(note, ["#alpha"]) and note_matches(note, ["#al", "calm"])
    assert not note_matches(note, ["#calm"])  # a # word looks in tags only


async def test_reattach_is_ctrl_t_and_only_onto_a_selection(tmp_path):
    from reader.screens.notes_list import NotesList
    from reader.widgets.article_view import ArticleView
    from tests.ui.ui_helpers import SMALL_ARTICLE, build_app, screen_text, settle, write_reading

    app = build_app(write_reading(tmp_path), notes_path=tmp_path / "n.notes.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "H")  # a highlight on "met"
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        view.move_to(SMALL_ARTICLE.index("Gamma"))
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NotesList)
        await pilot.press("ctrl+r")  # redo elsewhere: never a re-attach here
        await pilot.pause()
        await pilot.press("ctrl+t")  # no selection: nothing moves, and the reader says why
        await settle(pilot)
        [note] = app.store.notes
        assert note.quote.exact == "met" and "Select the text first" in screen_text(app)
        await pilot.press("v", "w", "A")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await settle(pilot)
        [note] = app.store.notes
        assert note.quote.exact.startswith("Gamma")
