"""Provides helpers for Pilot tests: build readings from text, read what the screen shows."""

from __future__ import annotations

import textwrap
from pathlib import Path

from textual.app import App
from textual.geometry import Region

from annotations.reading import Reading, open_reading
from reader.app import ReaderApp, make_app

SMALL_ARTICLE = (
    "Alpha met Beta in Gamma on Monday.\n"
    "Beta said Gamma was calm, and Alpha agreed with Beta.\n"
    "A third paragraph mentions Delta once.\n"
)
SMALL_CARDS = textwrap.dedent(
    """\
    version: 1
    article: {title: Small test article, published: 2026-01-02, source: Test Wire}
    cards:
      - {id: alpha, title: Alpha Person, kind: person, summary: Alpha summary., as_of: 2026-01-01,
         aliases: [Alpha], see_also: [beta, gamma], body: "Alpha **body** text."}
      - {id: beta, title: Beta Person, kind: person, summary: Beta summary., as_of: 2026-01-01,
         aliases: [Beta], see_also: [alpha]}
      - {id: gamma, title: Gamma Place, kind: place, summary: Gamma summary., as_of: 2026-01-01,
         aliases: [Gamma], see_also: [delta]}
      - {id: delta, title: Delta Thing, kind: thing, summary: Delta summary., as_of: 2026-01-01,
         aliases: [Delta], erratum: Delta erratum.,
         sources: [{title: Delta source, url: "https://example.org/delta"}]}
    """
)


def write_reading(
    folder: Path,
    text: str = SMALL_ARTICLE,
    cards: str | None = SMALL_CARDS,
    name: str = "small.txt",
) -> Path:
    """Write an article (and its sidecar cards file) into `folder`; return the article path."""
    article = folder / name
    article.write_text(text, encoding="utf-8")
    if cards is not None:
        (folder / (article.stem + ".cards.yaml")).write_text(cards, encoding="utf-8")
    return article


def load(path: Path | None = None) -> Reading:
    return open_reading(str(path) if path else None)


def build_app(path: Path | None = None, **options) -> ReaderApp:
    return make_app(load(path), **options)


def widget_lines(widget) -> list[str]:
    """The text a widget shows now, one string per row."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return ["".join(segment.text for segment in strip) for strip in widget.render_lines(region)]


def screen_text(app: App) -> str:
    """Everything on screen as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


async def settle(pilot) -> None:
    """Let background work (loading, linking, saves) finish, then let the screen catch up."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()  # a change's save starts once its frame is painted
    screen = getattr(app, "reader_screen", None)
    if screen is not None:
        screen.saver.wait(10)
    await pilot.pause()
