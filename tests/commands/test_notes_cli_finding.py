"""`annotated-reader notes`: quotes found as aliases are; an article's notes found by its text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotations import builtin
from annotations.notes.file import load_notes
from annotations.notes.paths import keyed_notes_path
from annotations.text.article import load_article
from annotations.text.search import occurrences
from reader.commands.notes import main

WAR_AND_PEACE = Path("/work/shared/corpus/war-and-peace.txt")
WRAPPED = (
    "Well, Prince, so Genoa and Lucca are now just family estates of the\n"
    "Buonapartes. But I warn you, if you don't tell me that this means war,\n"
)
RUSSIA = "Russian gas flows on. Russia and Turkey met; the Russians said little.\n"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def write(tmp_path):
    def write(text: str, name: str = "a.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_a_quote_across_a_line_break_is_found_as_an_alias_would_be(capsys, write, tmp_path):
    article, notes = write(WRAPPED), tmp_path / "n.yaml"
    status, out, err = cli(
        capsys, "add", str(article), "--quote", "family estates of the Buonapartes",
        "--notes", str(notes),
    )  # fmt: skip
    assert (status, err) == (0, "")
    [note] = load_notes(notes).notes
    assert note.quote.exact == "family estates of the\nBuonapartes"
    assert WRAPPED[note.start : note.end] == note.quote.exact


def test_the_war_and_peace_quote_is_found():
    text = load_article(WAR_AND_PEACE).text
    [place] = occurrences(text, "family estates of the Buonapartes")
    assert text[place.start : place.end] == "family estates of the\nBuonapartes"


def test_a_whole_word_occurrence_is_preferred(capsys, write, tmp_path):
    article, notes = write(RUSSIA), tmp_path / "n.yaml"
    status, _, err = cli(capsys, "add", str(article), "--quote", "Russia", "--notes", str(notes))
    assert (status, err) == (0, "")
    [note] = load_notes(notes).notes
    assert note.start == RUSSIA.index("Russia and")
    status, _, err = cli(
        capsys, "add", str(article), "--quote", "Russia", "--occurrence", "2", "--notes", str(notes)
    )
    assert status == 1
    assert err == (
        f"error: {article}: --quote: 'Russia' occurs 1 time as whole words"
        " (2 more inside longer words); no occurrence 2\n"
    )


def test_a_quote_only_inside_longer_words_is_noted_and_said(capsys, write, tmp_path):
    article, notes = write(RUSSIA), tmp_path / "n.yaml"
    status, _, err = cli(capsys, "add", str(article), "--quote", "Russi", "--notes", str(notes))
    assert status == 0
    assert err == (
        f"warning: {article}: --quote: 'Russi' occurs only inside longer words: noted in"
        " 'Russian' at 0-5\n"
    )


def test_errors_about_the_builtin_article_name_it_not_its_installed_path(capsys):
    status, _, err = cli(capsys, "add", "builtin", "--quote", "Ankara-Moscow pipeline")
    assert status == 1
    assert err == "error: builtin: --quote: 'Ankara-Moscow pipeline' is not in the article\n"
    assert str(builtin.article_path()) not in err


def test_notes_follow_a_renamed_article_and_say_which_file_was_used(capsys, write, tmp_path):
    article = write(RUSSIA, "first.txt")
    assert cli(capsys, "add", str(article), "--quote", "Turkey", "--note", "t")[0] == 0
    made = keyed_notes_path(load_article(article))
    assert made.exists()
    moved = tmp_path / "elsewhere" / "second.txt"
    moved.parent.mkdir()
    article.rename(moved)
    status, out, err = cli(capsys, "list", str(moved))
    assert status == 0
    assert '"Turkey"  []  t' in out
    assert err == (
        f"note: {made}: found by the article's text: they were made on it under another name"
        " or path\n"
    )
    # Changes go to that file too, and it is still found once its positions were saved again.
    assert cli(capsys, "add", str(moved), "--quote", "Russians")[0] == 0
    assert len(load_notes(made).notes) == 2
    assert not keyed_notes_path(load_article(moved)).exists()


def test_an_article_with_notes_under_its_own_path_keeps_them(capsys, write, tmp_path):
    first, second = write(RUSSIA, "one.txt"), write(RUSSIA, "two.txt")
    cli(capsys, "add", str(first), "--quote", "Turkey")
    cli(capsys, "add", str(second), "--quote", "Russia", "--notes",
        str(keyed_notes_path(load_article(second))))  # fmt: skip
    status, out, err = cli(capsys, "list", str(second))
    assert (status, err) == (0, "")
    assert '"Russia"' in out and '"Turkey"' not in out


def test_list_with_no_notes_says_so(capsys, write):
    article = write(RUSSIA)
    status, out, err = cli(capsys, "list", str(article))
    path = keyed_notes_path(load_article(article))
    assert (status, out) == (0, "")
    assert err == f"no notes for {article}: the notes file {path} does not exist yet\n"
    status, out, err = cli(capsys, "list", str(article), "--json")
    assert (status, out.strip()) == (0, "[]") and err.startswith("no notes for")


def test_list_of_builtin_in_a_fresh_process_names_builtin():
    done = subprocess.run(
        [sys.executable, "-m", "reader", "notes", "list", "builtin"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.startswith("no notes for builtin: the notes file ")
