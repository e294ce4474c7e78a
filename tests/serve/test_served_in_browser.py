"""The served reader in a real browser (headless Chromium): keys, cards, notes saved on disk."""

from __future__ import annotations

import pytest

from annotations.notes.file import load_notes
from tests.serve.browser import (
    artifacts_dir,
    open_reader,
    screen_text,
    start_browser,
    wait_for_file,
    wait_for_text,
    when_showing,
)
from tests.serve.serve_helpers import serving

pytestmark = pytest.mark.browser

FIRST_WORDS = "Russian President Vladimir Putin"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        chromium = start_browser(playwright)
        yield chromium
        chromium.close()


def write_note(page, text: str) -> None:
    page.keyboard.press("a")
    wait_for_text(page, "ctrl+s save")
    page.keyboard.type(text)
    page.keyboard.press("Control+s")


def test_the_reader_in_a_browser_shows_cards_saves_notes_and_ctrl_c_keeps_them(browser, tmp_path):
    notes = tmp_path / "sochi.notes.yaml"
    with serving("builtin", "--notes", str(notes)) as served:
        page = when_showing(open_reader(browser, served.url), FIRST_WORDS)
        page.keyboard.press("Tab")  # the first linked name: Vladimir Putin
        wait_for_text(page, "President of Russia")
        write_note(page, "host of the talks")
        wait_for_file(notes, "host of the talks")
        page.screenshot(path=str(artifacts_dir() / "served-reader.png"))
        shown = screen_text(page)
        page.keyboard.press("w")
        page.keyboard.press("w")
        page.keyboard.press("H")  # a highlight, saved in the background...
        wait_for_text(page, "Highlighted")
        status, said = served.stop()  # ...and ctrl+c at once, the save perhaps still pending
        page.context.close()
    assert status == 0, said
    assert "Stopped." in said
    assert "Vladimir Putin  (person)" in shown
    kept = {(note.quote.exact, note.note) for note in load_notes(notes).notes}
    assert kept == {("Vladimir Putin", "host of the talks"), ("and", "")}
    assert page.elsewhere == [], "the page asked another host for something"


def test_two_tabs_are_two_readers_and_both_notes_are_kept(browser, tmp_path):
    notes = tmp_path / "sochi.notes.yaml"
    with serving("builtin", "--notes", str(notes)) as served:
        tabs = [open_reader(browser, served.url) for _ in range(2)]  # both readers start at once
        notes_made = ((1, "from the first tab"), (2, "from the second"))
        for page, (words, text) in zip(tabs, notes_made, strict=True):
            when_showing(page, FIRST_WORDS)
            for _ in range(words):
                page.keyboard.press("w")
            write_note(page, text)
            wait_for_file(notes, text)
        wait_for_file(notes, "from the first tab", "from the second")
        for page in tabs:
            page.context.close()
        status, _ = served.stop()
    assert status == 0
    kept = {note.note: note.quote.exact for note in load_notes(notes).notes}
    assert kept == {"from the first tab": "President", "from the second": "Vladimir Putin"}
