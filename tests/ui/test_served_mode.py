"""A reader started by `serve` (--served): nothing from a browser tab reaches a server folder."""

from __future__ import annotations

from textual.app import App

from annotations.reading import open_reading
from reader.app import make_app
from reader.cli import reader_parser


async def test_a_served_screenshot_goes_to_the_browser(article, notes_file, monkeypatch):
    sent = []
    monkeypatch.setattr(App, "deliver_text", lambda self, data, **options: sent.append(options))
    app = make_app(open_reading(str(article)), notes_path=notes_file, served=True)
    async with app.run_test() as pilot:
        app.deliver_screenshot()
        await pilot.pause()
        said = [notice.message for notice in app._notifications]
    [options] = sent
    assert options["save_directory"] is None and options["open_method"] == "browser"
    assert "Screenshot: sent to your browser" in said
    assert app.served


async def test_the_terminal_reader_is_not_served(article, notes_file):
    app = make_app(open_reading(str(article)), notes_path=notes_file)
    assert not app.served


def test_served_is_hidden_from_the_readers_help():
    assert "--served" not in reader_parser().format_help()
    assert reader_parser().parse_args(["x.txt", "--served"]).served
