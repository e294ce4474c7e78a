"""Pilot tests on the files a reader opens: a FIFO as the notes file is refused and the reader
runs on (issue 11.11); UTF-8 read with --encoding latin-1 is said (issue 12.16)."""

from __future__ import annotations

import os

from annotations.reading import open_reading
from reader.app import make_app
from tests.ui.ui_helpers import build_app, settle, write_reading


async def test_a_fifo_as_the_notes_file_is_reported_and_the_reader_runs_on(tmp_path):
    article = write_reading(tmp_path)
    fifo = tmp_path / "notes.fifo"
    os.mkfifo(fifo)
    app = build_app(article, notes_path=fifo)  # before the fix: blocked here, opening the FIFO
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert any("is a named pipe (FIFO), not a notes file" in m for m in messages)
        await pilot.press("H")  # a new note is kept in memory; the FIFO is never replaced
        await app.workers.wait_for_complete()
        assert len(app.store.notes) == 1 and fifo.is_fifo()


async def test_a_utf8_article_read_as_latin1_is_said_on_screen(tmp_path):
    path = write_reading(tmp_path, text="Alpha met the café owner.\n")
    app = make_app(open_reading(str(path), encoding="latin-1"), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("read as latin-1, but it is UTF-8" in m for m in said), said
