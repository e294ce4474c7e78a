"""Pilot tests: the reader keeps each text as a version, says when it changed since the notes,
and D shows the changes word by word (n/N step and wrap, t shows the old text, Esc returns)."""

from __future__ import annotations

import re

import pytest

from annotations.versions.store import VersionStore
from reader.screens.changes import ChangesScreen
from reader.widgets.changes_view import ChangesView
from tests.ui.test_contrast import shown_pairs, too_faint
from tests.ui.ui_helpers import build_app, screen_text, settle, write_reading

BEFORE = (
    "Alpha met Beta in Gamma on Monday.\n\n"
    "The talks lasted three hours.\n\n"
    "Delta was on the agenda.\n"
)
AFTER = "Alpha met Beta in Gamma on Tuesday.\n\nThe talks lasted three hours.\n\nA closing line.\n"


def flat(text: str) -> str:
    """Screen text with borders and line breaks gone, as one line of words."""
    return " ".join(re.sub(r"[│▕▏┃]", " ", text).split())


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_and_note(path, notes_file) -> None:
    app = build_app(path, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("H")  # a highlight on "Alpha"
        await settle(pilot)


async def test_a_changed_article_says_so_and_d_shows_the_changes(tmp_path, notes_file):
    path = write_reading(tmp_path, text=BEFORE)
    await open_and_note(path, notes_file)
    path.write_text(AFTER, encoding="utf-8")
    app = build_app(path, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = notifications(app)
        assert any(
            m.startswith("This article changed since ")
            and ": 1 paragraph edited, 1 added, 1 removed. Notes: 1 in place, 0 approximate,"
            " 0 orphaned. D: show changes"
            in m
            for m in said
        ), said
        assert len(VersionStore.for_article(app.reading.article).versions()) == 2
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, ChangesScreen)
        text = screen_text(app)
        assert "1 paragraph edited, 1 added, 1 removed · the text now" in text
        assert "Monday.Tuesday." in text  # removed then added, each marked
        assert "Delta was on the agenda." in text and "A closing line." in text
        view = app.screen.query_one(ChangesView)
        await pilot.press("n")
        assert view.current == 0 and "Change 1 of 3" in screen_text(app)
        await pilot.press("N")
        assert view.current == 2 and "Before the first change" in screen_text(app)
        await pilot.press("t")  # the old text: what was removed is there, nothing added
        text = screen_text(app)
        assert "the text as it was" in text and "A closing line." not in text
        assert "Monday." in text and "Tuesday." not in text
        await pilot.press("escape")
        assert not isinstance(app.screen, ChangesScreen)


async def test_the_same_text_says_nothing_and_d_says_there_is_nothing_to_compare(
    tmp_path, notes_file
):
    path = write_reading(tmp_path, text=BEFORE)
    await open_and_note(path, notes_file)
    app = build_app(path, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not any("changed since" in m for m in notifications(app))
        await pilot.press("D")
        await settle(pilot)
        assert not isinstance(app.screen, ChangesScreen)
        assert "No earlier version of this article is kept" in screen_text(app)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_additions_removals_and_the_change_stopped_at_are_legible(tmp_path, theme):
    path = write_reading(tmp_path, text=BEFORE)
    await open_and_note(path, tmp_path / "n.yaml")
    path.write_text(AFTER, encoding="utf-8")
    app = build_app(path, notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = theme
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("n")  # the first change, outlined
        await pilot.pause()
        pairs = shown_pairs(app.screen.query_one(ChangesView))
        assert too_faint(pairs) == []
        assert {text for text, _, _ in pairs} >= {"Monday.", "Tuesday.", "A closing line."}


async def test_notes_say_what_changed_under_them_and_the_list_filters_them(tmp_path, notes_file):
    before = "Alpha met Beta in Gamma on a long Monday morning.\n\nDelta was on the agenda.\n"
    path = write_reading(tmp_path, text=before)
    app = build_app(path, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for quote in ("Gamma on a long Monday morning", "Delta was on the agenda", "Alpha"):
            start = before.index(quote)
            app.store.add(start, start + len(quote))
        app.reader_screen.after_change("added")
        await settle(pilot)
    path.write_text("Alpha met Beta in Gamma on a long Monday evening.\n", encoding="utf-8")
    app = build_app(path, notes_path=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w", "w", "w", "w")  # onto "Gamma", under the edited note
        await settle(pilot)
        assert "it was: “Gamma on a long Monday morning”" in flat(screen_text(app))
        await pilot.press("A")
        await settle(pilot)
        text = flat(screen_text(app))
        assert "— was: “Gamma on a long Monday morning”" in text
        assert "— removed in the version of " in text and "Notes (3 of 3)" in text
        await pilot.press("ctrl+g")  # only the notes whose text changed
        text = flat(screen_text(app))
        assert "Notes (2 of 3)" in text and "“Alpha”" not in text
        await pilot.press("ctrl+g")
        assert "Notes (3 of 3)" in screen_text(app)
