"""`annotated-reader notes list|add|rm`: output, exit status, and one line per problem."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotations.notes.file import load_notes
from reader.commands.notes import main

TEXT = "Putin met Erdogan in Sochi. Sochi is on the Black Sea. \x1b[31mred\x1b[0m\n"


def run(*args: str) -> subprocess.CompletedProcess:
    """The command as a user runs it, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "reader", "notes", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "sochi.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def notes(tmp_path):
    return tmp_path / "my.notes.yaml"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_add_list_and_remove(capsys, article, notes):
    status, out, err = cli(
        capsys, "add", str(article), "--quote", "Sochi", "--occurrence", "2",
        "--note", "the resort\nby the sea", "--tag", "places", "--tag", "sea", "--color", "blue",
        "--notes", str(notes),
    )  # fmt: skip
    assert (status, err) == (0, "")
    note_id = out.strip()
    [stored] = load_notes(notes).notes
    assert (stored.id, stored.start, stored.end) == (note_id, 28, 33)
    status, out, _ = cli(capsys, "list", str(article), "--notes", str(notes))
    assert status == 0
    assert out == f'28-33  exact  blue  {note_id}  "Sochi"  [places, sea]  the resort by the sea\n'
    status, out, _ = cli(capsys, "list", str(article), "--notes", str(notes), "--json")
    [row] = json.loads(out)
    assert row["start"] == 28 and row["state"] == "exact" and row["tags"] == ["places", "sea"]
    assert row["note"] == "the resort\nby the sea" and row["conflict"] is None
    status, out, _ = cli(capsys, "rm", str(article), note_id[:12], "--notes", str(notes))
    assert (status, out) == (0, note_id + "\n")
    assert load_notes(notes).notes == []


def test_list_shows_where_notes_stand_after_the_article_changed(capsys, article, notes):
    cli(capsys, "add", str(article), "--quote", "Erdogan", "--note", "guest", "--notes", str(notes))
    cli(capsys, "add", str(article), "--quote", "Putin", "--notes", str(notes))
    article.write_text("BREAKING: " + TEXT.replace("Putin", "The president"), encoding="utf-8")
    status, out, _ = cli(capsys, "list", str(article), "--notes", str(notes))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("28-35  exact  yellow  ") and lines[0].endswith(
        '"Erdogan"  []  guest'
    )
    assert lines[1].startswith("-  orphan  yellow  ")


def test_control_characters_never_reach_the_terminal(capsys, article, notes):
    cli(capsys, "add", str(article), "--quote", "\x1b[31mred", "--note", "\x1b]0;title\x07",
        "--notes", str(notes))  # fmt: skip
    _, out, _ = cli(capsys, "list", str(article), "--notes", str(notes))
    assert "\x1b" not in out and "\x07" not in out
    _, out, _ = cli(capsys, "list", str(article), "--notes", str(notes), "--json")
    assert "\x1b" not in out and json.loads(out)[0]["quote"]["exact"] == "\x1b[31mred"


def test_quote_not_found_or_too_few_occurrences_exit_1(capsys, article, notes):
    status, out, err = cli(capsys, "add", str(article), "--quote", "Ankara", "--notes", str(notes))
    assert (status, out) == (1, "")
    assert err == f"error: {article}: --quote: 'Ankara' is not in the article\n"
    status, _, err = cli(
        capsys, "add", str(article), "--quote", "Sochi", "--occurrence", "3", "--notes", str(notes)
    )
    assert status == 1
    assert err == f"error: {article}: --quote: 'Sochi' occurs 2 times; no occurrence 3\n"
    assert not notes.exists()


def test_unknown_id_exits_1(capsys, article, notes):
    status, _, err = cli(capsys, "rm", str(article), "01ABC", "--notes", str(notes))
    assert status == 1
    assert err == f"error: {notes}: ID: 01ABC: no note has this id\n"


def test_usage_and_file_problems_exit_2(capsys, article, notes, tmp_path):
    status, _, err = cli(capsys, "list", str(tmp_path / "missing.txt"))
    assert (status, err) == (2, f"error: {tmp_path / 'missing.txt'}: no such article file\n")
    status, _, err = cli(
        capsys, "add", str(article), "--quote", "Sochi", "--tag", "two words", "--notes", str(notes)
    )
    assert status == 2 and "--tag: 'two words' is not a tag" in err
    with pytest.raises(SystemExit) as usage:
        main(["add", str(article), "--note", "no quote"])
    assert usage.value.code == 2


def test_a_broken_notes_file_is_reported_and_left_alone(capsys, article, notes):
    notes.write_text("version: 1\narticle: {title: x}\nnotes: []\n")
    for args in (("list",), ("add", "--quote", "Sochi"), ("rm", "01ABC")):
        command, *rest = args
        status, out, err = cli(capsys, command, str(article), *rest, "--notes", str(notes))
        assert (status, out) == (2, "")
        assert err == f"error: {notes}:2: article: missing required key 'sha256'\n"
    assert notes.read_text() == "version: 1\narticle: {title: x}\nnotes: []\n"


def test_a_failed_save_exits_2_and_leaves_the_file(capsys, article, notes, monkeypatch):
    cli(capsys, "add", str(article), "--quote", "Putin", "--notes", str(notes))
    before = notes.read_bytes()
    monkeypatch.setattr("os.fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space")))
    status, out, err = cli(capsys, "add", str(article), "--quote", "Sochi", "--notes", str(notes))
    assert (status, out) == (2, "")
    message = "the note was not added: the disk is full; the notes file is unchanged"
    assert err == f"error: {notes}: {message}\n"
    assert notes.read_bytes() == before


def test_the_command_in_a_fresh_process_with_the_builtin_article(private_data_dir):
    added = run("add", "builtin", "--quote", "Sochi", "--note", "the resort", "--tag", "places")
    assert added.returncode == 0, added.stderr
    note_id = added.stdout.strip()
    stored = private_data_dir / "notes" / "sochi-2021-builtin.notes.yaml"
    assert [note.id for note in load_notes(stored).notes] == [note_id]
    listed = run("list", "builtin", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout)[0]["id"] == note_id
    removed = run("rm", "builtin", note_id)
    assert removed.returncode == 0 and removed.stdout == note_id + "\n"
    missing = run("rm", "builtin", note_id)
    assert missing.returncode == 1 and missing.stderr.endswith("no note has this id\n")


def test_the_model_and_the_notes_command_do_not_import_textual():
    code = (
        "import sys, annotations.notes.store, annotations.notes.anchoring, reader.commands.notes;"
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
