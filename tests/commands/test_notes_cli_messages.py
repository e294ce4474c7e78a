"""`annotated-reader notes`: each message true for the process that prints it, printed once."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from annotations.notes.saving import failure_reason

TEXT = "Putin met Erdogan in Sochi. Sochi is on the Black Sea.\n"


def run(*args: str) -> subprocess.CompletedProcess:
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


def test_a_bad_notes_file_is_reported_once(article, tmp_path):
    notes = tmp_path / "bad.notes.yaml"
    notes.write_text("version: 1\nnotes: [\n", encoding="utf-8")
    for args in (("list",), ("add", "--quote", "Sochi")):
        done = run(args[0], str(article), *args[1:], "--notes", str(notes))
        assert done.returncode == 2
        assert len(done.stderr.splitlines()) == 1, done.stderr
        assert done.stderr.startswith(f"error: {notes}:3:1: YAML syntax error")


def _immutable(path) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    return subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode == 0


def test_an_immutable_notes_file_is_named_not_its_folder(article, tmp_path):
    notes = tmp_path / "my.notes.yaml"
    assert run("add", str(article), "--quote", "Putin", "--notes", str(notes)).returncode == 0
    if not _immutable(notes):
        pytest.skip("chattr +i needs root and a file system that has the flag")
    try:
        done = run("add", str(article), "--quote", "Sochi", "--notes", str(notes))
    finally:
        subprocess.run(["chattr", "-i", str(notes)], check=True)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()  # once: no log line before it
    assert line == (
        f"error: {notes}: the note was not added: permission denied: the notes file can't be"
        " replaced (it is marked immutable, as by chattr +i, or locked against change); the"
        " notes file is unchanged"
    )
    assert "folder" not in line and "kept in memory" not in line and "next try" not in line


def test_permission_reasons_name_the_folder_or_the_file(tmp_path):
    notes = tmp_path / "n.yaml"
    notes.write_text("x")
    replace_refused = PermissionError(1, "Operation not permitted", "tmp", None, str(notes))
    assert "the notes file can't be replaced" in failure_reason(replace_refused, notes)
    temporary_refused = PermissionError(13, "Permission denied", str(tmp_path / ".n.tmp"))
    assert failure_reason(temporary_refused, notes) == (
        "permission denied: the folder can't be written"
    )
