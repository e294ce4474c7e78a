"""Provides a headless Chromium (the system's, through Playwright) and the served terminal's text.

textual-serve draws the terminal with xterm.js on a canvas, so there is no text in the page to
read: a script run before the page's own catches the xterm Terminal as it is made, and the
screen is read from its buffer (xterm's public API).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ANNOTATED_READER_CHROMIUM", "/usr/bin/chromium")
"""The system browser (Debian's `chromium`): Playwright never downloads one here."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # running as root in CI, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    if (value && value.buffer) window.__terminal = value;
  },
});
"""

SCREEN_TEXT = """() => {
  const terminal = window.__terminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, rows = [];
  for (let y = 0; y < buffer.length; y++) {
    const line = buffer.getLine(y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""

WAIT_MS = 45_000
"""Generous: on a loaded machine a tab's reader takes a while to start."""


def artifacts_dir() -> Path:
    """Where test artefacts (screenshots) go: $ANNOTATED_READER_ARTIFACTS or test-artifacts/."""
    chosen = os.environ.get("ANNOTATED_READER_ARTIFACTS", "").strip()
    folder = Path(chosen) if chosen else Path(__file__).parents[2] / "test-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_browser(playwright):
    """Chromium (a fresh temporary profile); fails the test, never skips, when it can't start."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no browser at {CHROMIUM}: install Debian's chromium (apt-get install chromium;"
            " .ci/run does) or set ANNOTATED_READER_CHROMIUM",
            pytrace=False,
        )
    try:
        return playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:  # Playwright raises its own Error with the browser's output
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}", pytrace=False)


def open_reader(browser, url: str):
    """A new window on the served reader (a window each, not tabs of one: Chromium slows down
    the tabs it is not showing). Requests to any other host are refused and kept in
    `page.elsewhere`."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(CATCH_TERMINAL)
    page = context.new_page()
    page.elsewhere = []
    origin = url.rstrip("/")

    def only_here(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            page.elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    page.goto(url, wait_until="domcontentloaded")
    return page


def when_showing(page, first_words: str):
    """`page` once its reader shows `first_words`, with the keyboard going to it."""
    wait_for_text(page, first_words)
    page.focus(".xterm-helper-textarea")
    return page


def screen_text(page) -> str:
    return page.evaluate(SCREEN_TEXT)


def wait_for_text(page, text: str) -> None:
    try:
        page.wait_for_function(f"({SCREEN_TEXT})().includes({text!r})", timeout=WAIT_MS)
    except Exception as error:
        raise AssertionError(f"{text!r} never showed; the screen:\n{screen_text(page)}") from error


def wait_for_file(path: Path, *texts: str) -> str:
    """The file's text once it holds every one of `texts` (the saves run in the background)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if all(wanted in text for wanted in texts):
            return text
        time.sleep(0.1)
    raise AssertionError(f"{path} never held {texts}: {text!r}")
