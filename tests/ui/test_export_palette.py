"""ctrl+p "Export notes…": one command per format, each writing a new file to the current
folder and saying where, never over an existing file."""

from __future__ import annotations

import json

from tests.ui.ui_helpers import build_app, screen_text


async def _export(app, pilot, name: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*name)
    await pilot.pause(0.3)
    assert name in screen_text(app)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def test_export_from_the_palette_writes_to_the_current_folder(
    article, notes_file, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        text = app.store.article.text
        start = text.index("Beta")
        app.store.add(start, start + len("Beta"), "Beta's note", ["people"], "green")
        await _export(app, pilot, "Export notes… as W3C Web Annotations")
        written = out / "small.notes.jsonld"
        toasts = [n.message for n in app._notifications]
        assert f"1 note exported to {written}" in toasts
        data = json.loads(written.read_text(encoding="utf-8"))
        assert data["first"]["items"][0]["target"]["selector"][0]["exact"] == "Beta"
        await _export(app, pilot, "Export notes… as Markdown with the article")
        assert "**Beta**[^1]" in (out / "small.text.md").read_text(encoding="utf-8")
        await _export(app, pilot, "Export notes… as Markdown")
        digest = (out / "small.notes.md").read_text(encoding="utf-8")
        assert "> Beta" in digest and "Cards: Beta Person" in digest
        # Again: a second file beside the first, never over it.
        await _export(app, pilot, "Export notes… as Markdown")
        assert (out / "small.notes-2.md").read_text(encoding="utf-8") == digest


async def test_every_format_is_offered(article, notes_file):
    app = build_app(article, notes_path=notes_file)
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
    exports = [title for title in titles if title.startswith("Export notes…")]
    assert exports == [
        "Export notes… as Markdown",
        "Export notes… as Markdown with the article",
        "Export notes… as W3C Web Annotations",
        "Export notes… as JSON",
        "Export notes… as HTML",
    ]
