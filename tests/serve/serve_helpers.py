"""Provides `serving(...)`: `annotated-reader serve` in a subprocess, stopped with ctrl+c."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

START_SECONDS = 60
"""Generous: on a loaded machine the server and its first check take a while to start."""


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    output: list[str]
    """What the server printed before its address, the address line included."""

    def stop(self) -> tuple[int, str]:
        """ctrl+c, as a terminal sends it (to the whole foreground process group); its exit
        status and everything it printed after."""
        os.killpg(self.process.pid, signal.SIGINT)
        rest, _ = self.process.communicate(timeout=START_SECONDS)
        return self.process.returncode, rest


@contextlib.contextmanager
def serving(*args: str) -> Iterator[Served]:
    """`annotated-reader serve ARGS --port 0` (a free port); stopped with ctrl+c at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", *args, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's foreground job
    )
    try:
        output = []
        for line in process.stdout:
            output.append(line)
            if found := re.search(r"at (http://\S+)", line):
                break
        else:
            process.wait(timeout=START_SECONDS)
            raise AssertionError(f"serve did not start: {''.join(output)}")
        yield Served(process, found.group(1), output)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.communicate(timeout=START_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
