"""Provides the benchmark's floor: a bare Textual app showing an article's text in one Static.

Python, Textual's import and one first frame, nothing else: what annotated-reader's start-up is
compared with. `q` quits.

    python bench/bare_app.py ARTICLE
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class BareApp(App[None]):
    """One Static with the whole text, wrapped to the terminal's width."""

    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text, markup=False)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python bench/bare_app.py ARTICLE", file=sys.stderr)
        return 2
    BareApp(Path(argv[0]).read_text(encoding="utf-8")).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
