"""The command line: every problem found before the screen starts is one line, exit status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotations import builtin


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def assert_clean_failure(result: subprocess.CompletedProcess, *lines: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == list(lines)


def test_missing_article(tmp_path):
    result = run(str(tmp_path / "nope.txt"))
    assert_clean_failure(result, f"error: {tmp_path / 'nope.txt'}: no such article file")


def test_article_in_another_encoding_suggests_encoding(tmp_path):
    article = tmp_path / "latin.txt"
    article.write_bytes("Caf\u00e9 society\n".encode("cp1252"))
    result = run(str(article))
    assert_clean_failure(
        result,
        f"error: {article}:1: is not valid utf-8 text (byte 0xe9 at offset 3); if it is text in"
        " another encoding, give --encoding, for example --encoding cp1252",
    )


def test_unknown_encoding(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("text\n")
    result = run(str(article), "--encoding", "klingon")
    assert_clean_failure(result, f"error: {article}: unknown encoding 'klingon'")


def test_binary_file_is_refused(tmp_path):
    article = tmp_path / "image.png"
    article.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = run(str(article))
    assert_clean_failure(result, f"error: {article}: looks like a binary file, not an article text")


def test_bad_cards_file_reports_every_problem(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Alpha text.\n")
    cards = tmp_path / "cards.yaml"
    cards.write_text(
        "version: 1\ncards:\n  - id: Alpha\n    title: 1e3\n    kind: person\n"
        "    summary: s\n    as_of: 2026-01-01\n    aliases: [Alpha]\n"
    )
    result = run(str(article), "--cards", str(cards))
    assert_clean_failure(
        result,
        f"error: {cards}:3: cards[0].id: 'Alpha' is not a valid id"
        " (lowercase letters, digits, hyphens)",
        f"error: {cards}:4: cards[0].title: expected text, got 1e3, which YAML 1.2 reads as"
        " a number (put it in quotes to make it text)",
    )


def test_missing_cards_file(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Alpha text.\n")
    result = run(str(article), "--cards", str(tmp_path / "none.yaml"))
    assert_clean_failure(result, f"error: {tmp_path / 'none.yaml'}: no such cards file")


def test_version_and_help():
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("annotated-reader ")
    helped = run("-h")
    assert helped.returncode == 0
    assert "--cards PATH" in helped.stdout
    assert "builtin" in helped.stdout


@pytest.mark.parametrize("argument", ["--cards", "--no-such-option"])
def test_usage_errors_exit_2(argument):
    result = run(argument)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage: annotated-reader" in result.stderr


def test_bad_keymap_is_refused_before_the_screen(tmp_path):
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("version: 1\nkeys:\n  article.nowhere: x\n  article.down: 3\n")
    result = run("--keymap", str(keymap))
    assert_clean_failure(
        result,
        f"error: {keymap}:3: keys.article.nowhere: no binding has this id (see the README)",
        f"error: {keymap}:4: keys.article.down: expected keys like 'j,down', got a number (3)",
    )


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """The command with its stdout a pipe nobody reads any more, as after `| head -1` exits."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before the command writes: its first write fails, every time
    try:
        return subprocess.run(
            [sys.executable, "-m", "reader", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("schema",),
        ("notes", "list", "builtin"),
        ("notes", "list", "builtin", "--json"),
        ("check", str(builtin.cards_path())),
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(args):
    if args[:2] == ("notes", "list"):
        assert run("notes", "add", "builtin", "--quote", "Sochi", "--note", "x").returncode == 0
    result = run_into_closed_pipe(*args)
    assert result.stderr == ""
    assert result.returncode == 141  # 128 + SIGPIPE, as a Unix tool stopped by the pipe


def test_utf8_misread_with_encoding_is_warned_by_check_and_notes(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Café society\n", encoding="utf-8")
    cards = builtin.cards_path()
    result = run("check", str(cards), "--article", str(article), "--encoding", "latin-1")
    assert f"warning: {article}: read as latin-1, but it is UTF-8" in result.stderr
    env_notes = tmp_path / "n.yaml"
    result = run("notes", "list", str(article), "--encoding", "latin-1", "--notes", str(env_notes))
    assert result.returncode == 0, result.stderr
    assert "open it without --encoding to read it as UTF-8" in result.stderr
