"""Pilot test, issue 11 item 11: a FIFO as the notes file is refused, and the reader still runs."""

from __future__ import annotations

import os

from tests.ui.ui_helpers import build_app, write_reading


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
