"""SIGTERM and SIGHUP end the reader as `q` does: terminal restored, a note made just before saved.

The reader runs in a real pseudo-terminal, as a user's terminal window would run it.
"""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import sys
import time

import pytest

from annotations.notes.file import load_notes
from tests.ui.ui_helpers import write_reading

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"


def read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_restores_the_terminal_and_saves_the_note_made_just_before(
    tmp_path, number, private_data_dir
):
    article = write_reading(tmp_path)
    notes = tmp_path / "n.notes.yaml"
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("CI", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader, in the pseudo-terminal
        os.execve(
            sys.executable,
            [sys.executable, "-m", "reader", str(article), "--notes", str(notes)],
            env,
        )
    try:
        assert b"Alpha" in read_until(fd, b"Alpha", 20), "the reader did not start"
        os.write(fd, b"wH")
        read_until(fd, b"Highlighted", 5)
        time.sleep(0.05)
        os.kill(pid, number)
        rest = read_until(fd, LEAVE_ALTERNATE_SCREEN, 20)
        rest += read_until(fd, b"\x00never", 1)  # what follows, until it stops writing
        _, status = os.waitpid(pid, 0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.close(fd)
    assert LEAVE_ALTERNATE_SCREEN in rest and MOUSE_OFF in rest
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + number
    assert [note.quote.exact for note in load_notes(notes).notes] == ["met"]
