"""Long articles and large notes files: linked and read just after the first screen shows."""

from __future__ import annotations

from annotations.reading import LINK_LATER_CHARS, open_reading
from reader.app import NOTES_LOAD_LATER_BYTES, make_app
from reader.widgets.article_view import ArticleView
from reader.widgets.card_pane import CardPane
from tests.ui.ui_helpers import SMALL_CARDS, screen_text, write_reading

LINE = "Alpha met Beta in Gamma on Monday, and nobody else was there to see it.\n"


def long_article(folder):
    return write_reading(folder, LINE * (LINK_LATER_CHARS // len(LINE) + 10), SMALL_CARDS)


async def test_a_long_article_is_linked_after_the_first_screen(tmp_path):
    reading = open_reading(str(long_article(tmp_path)), link_later=True)
    assert not reading.linked and not reading.links.mentions
    app = make_app(reading, notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reading.linked
        assert len(reading.links.mentions) > 10_000
        assert app.screen.query_one(CardPane).card.id == "alpha"  # the cursor starts on Alpha
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one(ArticleView).cursor == LINE.index("Beta")
        assert "Beta summary." in screen_text(app)


async def test_a_large_notes_file_is_read_after_the_first_screen(tmp_path):
    from annotations.notes.store import NotesStore
    from annotations.text.article import load_article

    article = long_article(tmp_path)
    notes_path = tmp_path / "n.yaml"
    store = NotesStore(load_article(article), notes_path)
    for n in range(1500):
        start = n * len(LINE) + LINE.index("Monday")
        store.add(start, start + 6, f"note number {n} " + "x" * 100)
    assert store.save().ok
    assert notes_path.stat().st_size > NOTES_LOAD_LATER_BYTES

    app = make_app(open_reading(str(article), link_later=True), notes_path=notes_path)
    assert not app.notes_ready
    async with app.run_test(size=(120, 40)) as pilot:
        # The load starts after the first frame: wait for it (a busy machine is slow to start it).
        for _ in range(400):
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
            if app.reader_screen.notes_ready:
                break
        assert len(app.store.notes) == 1500
        assert app.notes_ready  # the app knows too: quitting saves what is made from now on
        app.screen.query_one(ArticleView).move_to(LINE.index("Monday"))
        await pilot.pause()
        assert "note number 0 " in screen_text(app)
        # A note made just before quitting is on disk when the app has gone (before the fix,
        # the app still thought the notes unread, and its exit save did nothing).
        app.store.add(len(LINE) + 2, len(LINE) + 6, "the last words")  # no save requested
    assert app.save_before_exit() is None
    assert "the last words" in notes_path.read_text(encoding="utf-8")
