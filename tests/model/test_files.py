"""User file I/O: only regular files are read; anything else is refused at once, never waited on."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from annotations import files
from annotations.errors import AnnotationError
from annotations.notes.store import NotesStore
from annotations.text.article import Article, load_article


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def _read(path: Path, what: str = "article") -> str:
    return files.read_text(path, limit=files.MAX_YAML_BYTES, what=what)


def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo):
    # Before the fix this call blocked forever (a FIFO opened for reading waits for a writer).
    with pytest.raises(AnnotationError, match=r"pipe\.txt: is a named pipe \(FIFO\), not an"):
        _read(fifo)


def test_a_link_to_a_fifo_is_refused_too(fifo, tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(fifo)
    with pytest.raises(AnnotationError, match="named pipe"):
        _read(link)


def test_a_socket_and_a_device_are_refused(tmp_path):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(AnnotationError, match="is a socket, not a notes file"):
            _read(path, "notes")
    finally:
        server.close()
    with pytest.raises(AnnotationError, match="is a character device, not a cards file"):
        _read(Path("/dev/zero"), "cards")


def test_a_folder_is_still_named_as_a_folder(tmp_path):
    with pytest.raises(AnnotationError, match="is a folder, not an article file"):
        load_article(tmp_path)


def test_a_fifo_as_the_notes_file_leaves_the_store_broken_not_hung(fifo):
    store = NotesStore.open(Article("Some text."), fifo)
    assert store.broken is not None and "named pipe" in str(store.broken)
    store.add(0, 4)
    assert not store.save().ok
    assert fifo.is_fifo()  # never replaced by a regular file


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=30,  # the hang this guards against would end here, as a failure
        stdin=subprocess.DEVNULL,
    )


def test_the_reader_refuses_a_fifo_article_before_the_screen_starts(fifo):
    done = _cli(str(fifo))
    assert done.returncode == 2
    assert (
        done.stderr.strip() == f"error: {fifo}: is a named pipe (FIFO), not an article file:"
        " give a regular file"
    )


@pytest.mark.parametrize("command", ["list", "add"])
def test_the_notes_command_refuses_a_fifo_notes_file(fifo, command):
    extra = ["--quote", "Sochi"] if command == "add" else []
    done = _cli("notes", command, "builtin", "--notes", str(fifo), *extra)
    assert done.returncode == 2
    assert "named pipe (FIFO), not a notes file" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_notes_command_refuses_a_fifo_article(fifo):
    done = _cli("notes", "list", str(fifo))
    assert done.returncode == 2 and "named pipe (FIFO), not an article file" in done.stderr
