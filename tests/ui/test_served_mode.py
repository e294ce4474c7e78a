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


async def test_served_the_reader_opens_no_other_article_and_fetches_nothing(
    article, notes_file, monkeypatch
):
    from reader.screens.open_article import OpenArticle

    app = make_app(open_reading(str(article)), notes_path=notes_file, served=True)
    opened = []
    monkeypatch.setattr(type(app), "open_article", lambda self, *a, **k: opened.append(a))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not isinstance(app.screen, OpenArticle)
        await pilot.press("R")
        await pilot.pause()
        assert opened == []
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Open another article" not in titles and "Fetch the article again" not in titles


async def test_a_served_export_goes_to_the_browser_not_a_server_folder(
    article, notes_file, monkeypatch, tmp_path
):
    sent = []
    monkeypatch.setattr(
        App, "deliver_text", lambda self, data, **options: sent.append((data.read(), options))
    )
    monkeypatch.chdir(tmp_path)
    app = make_app(open_reading(str(article)), notes_path=notes_file, served=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("H")
        await pilot.pause()
        app.export_notes("markdown")
        await pilot.pause()
    [(text, options)] = sent
    assert options["save_filename"] == "small.notes.md" and "> Alpha" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in tmp_path.iterdir() if not p.name.endswith(".md")
    )
