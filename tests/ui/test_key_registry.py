"""One registry of keys: every binding has an id the keymap accepts, and help and palette show the
keys in force after the keymap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.command import CommandPalette

from annotations.errors import AnnotationError
from reader.keymap import load_keymap
from reader.keys import binding_ids, declared_bindings
from reader.screens.help import KEY_GROUPS
from tests.ui.ui_helpers import build_app, screen_text, write_reading

README = Path(__file__).parents[2] / "README.md"


def test_every_binding_of_every_screen_and_dialog_has_an_id_the_keymap_accepts(tmp_path):
    ids = []
    for binding in declared_bindings():
        assert binding.id, f"{binding.key} -> {binding.action} has no id"
        ids.append(binding.id)
    assert len(ids) == len(set(ids)), "two bindings share an id"
    keymap_file = tmp_path / "keymap.yaml"
    for binding_id in ids:  # each id, remapped to a free key, is accepted
        keymap_file.write_text(f"version: 1\nkeys:\n  {binding_id}: f12\n", encoding="utf-8")
        assert load_keymap(keymap_file) == {binding_id: "f12"}


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("  article.down: notakey\n", "3: keys.article.down: 'notakey' is not a key name"),
        ("  article.down: j,ctrl+\n", "3: keys.article.down: 'ctrl+' is not a key name"),
        ("  article.down: F13\n", "3: keys.article.down: 'F13' is not a key name"),
        ("  article.down: q\n", "3: keys.article.down: 'q' is also app.quit (Quit)"),
        ("  notes.annotate: x\n  notes.highlight: x\n", "3: keys.notes.annotate: 'x' is also"),
    ],
    ids=["unknown-name", "empty-after-modifier", "capital-F13", "takes-over-quit", "two-on-one"],
)
def test_the_keymap_refuses_unknown_keys_and_silent_clashes(tmp_path, keys, message):
    keymap_file = tmp_path / "keymap.yaml"
    keymap_file.write_text(f"version: 1\nkeys:\n{keys}", encoding="utf-8")
    with pytest.raises(AnnotationError) as raised:
        load_keymap(keymap_file)
    assert str(raised.value.problems[0]).startswith(f"{keymap_file}:{message}")


def test_every_class_with_bindings_takes_them_from_the_registry():
    # A new dialog declaring its own BINDINGS would escape the keymap, the help and the tests.
    import importlib
    import pkgutil

    import reader
    from reader import bindings

    registered = [id(getattr(bindings, name)) for name in bindings.OWNERS]
    for info in pkgutil.walk_packages(reader.__path__, "reader."):
        if info.name == "reader.__main__":  # runs the program
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            ours = isinstance(value, type) and value.__module__ == module.__name__
            if ours and "BINDINGS" in vars(value):
                assert id(value.BINDINGS) in registered, f"{value.__name__}: not from bindings"
    names = {name for name in bindings.OWNERS}
    assert {"DISCARD", "ASK", "EDITOR", "NOTES_LIST", "HELP"} <= names


def test_the_help_names_only_real_binding_ids_and_every_reader_key():
    ids = binding_ids()
    named = {binding_id for _, rows in KEY_GROUPS for row_ids, _ in rows for binding_id in row_ids}
    assert named <= ids
    reader_ids = {b.id for b in declared_bindings() if b.id.split(".")[0] in (
        "app", "article", "screen", "notes", "card", "editor")}  # fmt: skip
    assert reader_ids <= named, f"not in the help: {sorted(reader_ids - named)}"


def test_the_readme_lists_every_id_group():
    groups = {binding_id.split(".")[0] for binding_id in binding_ids()}
    text = README.read_text(encoding="utf-8")
    listed = set(re.findall(r"([a-z-]+)\.\*", text))
    assert groups <= listed, f"README misses: {sorted(groups - listed)}"


async def test_help_and_palette_show_a_remapped_key(tmp_path):
    keymap_file = tmp_path / "keymap.yaml"
    keymap_file.write_text("version: 1\nkeys:\n  article.down: i\n", encoding="utf-8")
    app = build_app(write_reading(tmp_path), keymap=load_keymap(keymap_file))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        assert re.search(r"\bi / k ↑\s+cursor down / up a line", shown), shown
        await pilot.press("escape")
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        [down] = [command for command in commands if command.title == "Down"]
        assert down.help == "Key: i"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


def test_card_kinds_and_note_colours_come_from_the_model():
    from annotations.cards.model import CARD_KINDS
    from annotations.notes.model import COLORS
    from reader.widgets.article_view import ArticleView

    classes = ArticleView.COMPONENT_CLASSES
    assert "article--mention" in classes  # every kind is underlined, styled or not
    assert {f"article--mention-{kind}" for kind in CARD_KINDS} <= classes
    assert {f"article--note-{color}" for color in COLORS} <= classes


async def test_while_the_help_is_open_the_key_bar_offers_its_keys_not_the_readers(tmp_path):
    app = build_app(write_reading(tmp_path), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        bottom = screen_text(app).splitlines()[-1]
        assert "Close" in bottom and "Scroll down" in bottom
        assert "Annotate" not in bottom and "Next link" not in bottom
