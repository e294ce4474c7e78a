"""The status line at any width keeps what matters in view: (saved), or why a save failed."""

from __future__ import annotations

import os

from reader.widgets.short_path import fit_status, short_path
from tests.ui.ui_helpers import build_app, screen_text, settle, write_reading


def test_a_path_shortens_with_home_as_tilde_and_an_ellipsis_in_the_middle(monkeypatch):
    monkeypatch.setenv("HOME", "/home/reader")
    long = "/home/reader/.local/share/annotated-reader/notes/sochi-2021-builtin.notes.yaml"
    assert (
        short_path(long, 200)
        == "~/.local/share/annotated-reader/notes/sochi-2021-builtin.notes.yaml"
    )
    short = short_path(long, 40)
    assert (
        len(short) <= 40
        and short.startswith("~/")
        and short.endswith("/sochi-2021-builtin.notes.yaml")
    )
    message = f"Notes: {long} (saved)"
    fitted = fit_status(message, long, 60)
    assert len(fitted) <= 60 and fitted.endswith(" (saved)")


async def test_at_80_columns_the_status_keeps_saved_in_view(tmp_path):
    deep = tmp_path / ("a-rather-long-folder-name-" * 3) / "and-another-one"
    deep.mkdir(parents=True)
    app = build_app(write_reading(tmp_path), notes_path=deep / "my-article.notes.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "H")
        await settle(pilot)
        status = [line for line in screen_text(app).splitlines() if "Notes:" in line][0]
        assert "(saved)" in status and "my-article.notes.yaml" in status and "…" in status


async def test_a_save_error_is_told_in_full_once(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    app = build_app(write_reading(tmp_path), notes_path=folder / "n.notes.yaml")
    os.chmod(folder, 0o500)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            if os.access(folder, os.W_OK):  # root writes anywhere: make it a file problem
                os.chmod(folder, 0o700)
                (folder / "n.notes.yaml").mkdir()
            await pilot.press("w", "H")
            await settle(pilot)
            toasts = [n.message for n in app._notifications]
            assert any("kept in memory" in message for message in toasts), toasts
    finally:
        os.chmod(folder, 0o700)


async def test_save_screenshot_without_a_downloads_folder_saves_here_and_says_so(
    tmp_path, monkeypatch
):
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))  # no ~/Downloads
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.chdir(here)
    app = build_app(write_reading(tmp_path), notes_path=tmp_path / "n.notes.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        app.deliver_screenshot()
        for _ in range(50):
            await pilot.pause(0.05)
            if list(here.glob("*.svg")):
                break
        assert len(list(here.glob("*.svg"))) == 1
        assert any(str(here) in n.message for n in app._notifications)
