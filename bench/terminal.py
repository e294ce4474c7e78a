"""Provides a pseudo-terminal for the benchmark: run a Textual app in a pty and time its frames.

The harness plays a terminal that supports synchronized output. Textual 8.2.8 asks for it at
start-up (`linux_driver.py`: `_request_terminal_sync_mode_support` writes `CSI ? 2026 $ p`) and,
once a terminal answers `CSI ? 2026 ; 2 $ y`, wraps every frame it paints in `CSI ? 2026 h` ...
`CSI ? 2026 l` (`app.py`: `App._display` calls `_begin_update` / `_end_update`). We answer the
query, so the end of each frame is a marker in the byte stream, read at the moment it arrives.

The screen is emulated with pyte when it is installed (a full VT emulator: cursor moves, colours,
wide characters), else with `MiniScreen` below, which understands the little Textual writes
inside frames (absolute cursor moves, colours, text). Either way the harness looks at the
*rendered* screen, not at the raw bytes: Textual paints a line as many styled pieces with cursor
moves between them, and only the emulated screen shows which words are where.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import glob
import os
import pty
import re
import select
import signal
import struct
import termios
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version

SYNC_START = b"\x1b[?2026h"
SYNC_END = b"\x1b[?2026l"
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"
"""DECRPM: mode 2026 is known and currently reset, i.e. supported (as kitty or WezTerm answer)."""
IDLE_CPU = 0.0005
"""CPU seconds per 10 ms poll below which the app counts as idle (its timers use ~0.1 ms)."""
_OSC = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")

try:  # pragma: no cover - which branch runs depends on the machine
    import pyte

    SCREEN_MODEL = f"pyte {version('pyte')}"
except ImportError:  # pragma: no cover
    pyte = None
    SCREEN_MODEL = "MiniScreen (pyte not installed)"


class MiniScreen:
    """A grid of cells fed with what Textual writes: CUP moves, SGR colours, text, CR/LF."""

    _TOKEN = re.compile(
        r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: parameters, final byte
        r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
        r"|\x1b[()][0-9A-Za-z]|\x1b."  # charset and other escapes
        r"|([\r\n\x07\x08])"  # controls we act on (or ignore)
        r"|([^\x1b\r\n\x07\x08]+)"  # text
    )

    def __init__(self, columns: int, lines: int) -> None:
        self.columns, self.lines = columns, lines
        self.cells = [[(" ", "")] * columns for _ in range(lines)]
        self.x = self.y = 0
        self.attr = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data: bytes) -> None:
        for match in self._TOKEN.finditer(self._decoder.decode(data)):
            params, final, control, text = (
                match.group(1),
                match.group(2),
                match.group(3),
                match.group(4),
            )
            if text:
                self._write(text)
            elif control == "\r":
                self.x = 0
            elif control == "\n":
                self.y = min(self.y + 1, self.lines - 1)
            elif final == "H" or final == "f":
                parts = (params or "").split(";")
                row = int(parts[0] or 1) if parts else 1
                column = int(parts[1] or 1) if len(parts) > 1 else 1
                self.y = min(max(row - 1, 0), self.lines - 1)
                self.x = min(max(column - 1, 0), self.columns - 1)
            elif final == "m":
                self.attr = "" if params in ("", "0") else params

    def _write(self, text: str) -> None:
        row = self.cells[self.y]
        for char in text:
            if unicodedata.combining(char):
                continue
            wide = unicodedata.east_asian_width(char) in "WF"
            if self.x < self.columns:
                row[self.x] = (char, self.attr)
            if wide and self.x + 1 < self.columns:
                row[self.x + 1] = ("", self.attr)
            self.x = min(self.x + (2 if wide else 1), self.columns)

    @property
    def display(self) -> list[str]:
        return ["".join(char for char, _ in row) for row in self.cells]

    def region(self, top: int, bottom: int, left: int, right: int) -> tuple:
        return tuple(tuple(row[left:right]) for row in self.cells[top:bottom])


class PyteScreen:
    """pyte's screen behind the same small interface as MiniScreen."""

    def __init__(self, columns: int, lines: int) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    @property
    def display(self) -> list[str]:
        return self.screen.display

    def region(self, top: int, bottom: int, left: int, right: int) -> tuple:
        buffer = self.screen.buffer
        return tuple(tuple(buffer[y][x] for x in range(left, right)) for y in range(top, bottom))


def make_screen(columns: int, lines: int):
    return PyteScreen(columns, lines) if pyte is not None else MiniScreen(columns, lines)


@dataclass
class Event:
    """Something the app showed: the end of a frame, or a bell (it could not do what was asked)."""

    kind: str
    """"frame" or "bell"."""
    time: float
    """perf_counter() when the bytes that completed it were read."""
    region: tuple | None = None
    """The watched part of the screen after this frame (when a region is watched)."""


@dataclass
class Exit:
    """How a child ended."""

    status: int
    """Its exit code (negative: killed by that signal)."""
    peak_rss_kb: int
    """ru_maxrss from wait4: the child's peak resident set, in KiB on Linux."""
    forced: bool = False
    """True when it did not quit on `q` and had to be killed."""


@dataclass
class Session:
    """One child process in a pty of `columns` x `lines`, its output parsed into frames."""

    argv: list[str]
    env: dict[str, str]
    columns: int = 120
    lines: int = 40
    watch: tuple[int, int, int, int] | None = None
    """(top, bottom, left, right): a screen region to snapshot after every frame."""
    pid: int = 0
    fd: int = -1
    started: float = 0.0
    screen: object = None
    frames: int = 0
    sync_seen: bool = False
    _buffer: bytearray = field(default_factory=bytearray)
    _tail: bytes = b""
    _osc: bytes = b""
    _queue: list[Event] = field(default_factory=list)

    def start(self) -> None:
        self.screen = make_screen(self.columns, self.lines)
        size = struct.pack("HHHH", self.lines, self.columns, 0, 0)
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the app can ask, then become the app
            try:
                fcntl.ioctl(pty.STDOUT_FILENO, termios.TIOCSWINSZ, size)
                os.execvpe(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    # Reading -----------------------------------------------------------------------------------

    def _read(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout`); False when nothing came."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        now = time.perf_counter()
        if not data:
            raise EOFError("the app closed its terminal")
        self._ingest(data, now)
        return True

    def _ingest(self, data: bytes, now: float) -> None:
        stream = self._tail + data
        self._tail = stream[-16:]
        if SYNC_QUERY in stream and SYNC_QUERY not in stream[: -len(data)]:
            os.write(self.fd, SYNC_REPLY)
        scan_from = max(len(self._buffer) - len(SYNC_END), 0)
        self._buffer += data
        if not self.sync_seen and SYNC_START in self._buffer:
            self.sync_seen = True
        # The bell: a BEL outside OSC strings (which a BEL may also end).
        pending = self._osc + data
        start = pending.rfind(b"\x1b]")
        unterminated = start >= 0 and _OSC.match(pending, start) is None
        self._osc = pending[start:] if unterminated else b""
        if b"\x07" in _OSC.sub(b"", pending[:start] if unterminated else pending):
            self._queue.append(Event("bell", now))
        if not self.sync_seen:
            # No synchronized output (yet): each read is as close to a frame as there is.
            self.screen.feed(bytes(self._buffer))
            self._buffer.clear()
            self._queue.append(Event("frame", now, self._snapshot()))
            return
        while True:
            end = self._buffer.find(SYNC_END, scan_from)
            if end < 0:
                break
            end += len(SYNC_END)
            self.screen.feed(bytes(self._buffer[:end]))
            del self._buffer[:end]
            scan_from = 0
            self.frames += 1
            self._queue.append(Event("frame", now, self._snapshot()))

    def _snapshot(self) -> tuple | None:
        return self.screen.region(*self.watch) if self.watch else None

    def events(self, timeout: float) -> Iterator[Event]:
        """Events in order as they come, until `timeout` seconds pass with none."""
        deadline = time.perf_counter() + timeout
        while True:
            while self._queue:
                yield self._queue.pop(0)
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return
            self._read(remaining)

    def drain(self) -> None:
        """Take in whatever output is waiting, without waiting for more."""
        while self._read(0):
            pass
        self._queue.clear()

    def wait_quiet(self, quiet: float, limit: float = 5.0) -> bool:
        """Read until no output comes for `quiet` seconds; False if that takes over `limit`."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if not self._read(quiet):
                self._queue.clear()
                return True
        self._queue.clear()
        return False

    def cpu_seconds(self) -> float:
        """CPU time the child has used so far, all its threads (Linux /proc, nanosecond clock)."""
        total = 0
        for stat in glob.glob(f"/proc/{self.pid}/task/*/schedstat"):
            try:
                with open(stat) as handle:
                    total += int(handle.read().split()[0])
            except (OSError, ValueError, IndexError):
                continue
        return total / 1e9

    def wait_idle(self, window: float = 0.05, limit: float = 5.0) -> float | None:
        """Read until the app has neither written nor run for `window` seconds.

        A key's after-effects come as a burst of frames with pauses between them (Textual waits
        for timers and the next refresh); silence on the terminal alone would end too early
        while the app is still computing, so its CPU time must stand still too. Returns the time
        the last frame seen ended (None if none came).
        """
        started = time.perf_counter()
        last_active, last_cpu, last_frame = started, self.cpu_seconds(), None
        while True:
            now = time.perf_counter()
            if now - last_active >= window or now - started > limit:
                self._queue.clear()
                return last_frame
            wrote = self._read(0.01)
            for event in self._queue:
                if event.kind == "frame":
                    last_frame = event.time
            self._queue.clear()
            cpu = self.cpu_seconds()
            if wrote or cpu - last_cpu > IDLE_CPU:
                last_active = time.perf_counter()
            last_cpu = cpu

    def wait_for(self, predicate: Callable[[Event], bool], timeout: float) -> Event | None:
        """The first event (after now) that satisfies `predicate`, or None after `timeout`."""
        for event in self.events(timeout):
            if predicate(event):
                return event
        return None

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def region(self) -> tuple | None:
        return self._snapshot()

    # Writing and ending ------------------------------------------------------------------------

    def send(self, keys: bytes) -> float:
        """Write keys to the app's terminal; returns the time just before the write."""
        now = time.perf_counter()
        os.write(self.fd, keys)
        return now

    def quit(self, keys: bytes = b"q", timeout: float = 15.0) -> Exit:
        """Press `keys` (quit), keep reading so the app can write its last bytes, and reap it."""
        with contextlib.suppress(OSError):
            self.send(keys)
        deadline = time.perf_counter() + timeout
        forced = False
        while True:
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline and not forced:
                forced = True
                os.kill(self.pid, signal.SIGKILL)
            try:
                self._read(0.05)
            except EOFError:
                time.sleep(0.01)
        os.close(self.fd)
        code = os.waitstatus_to_exitcode(status)
        return Exit(code, usage.ru_maxrss, forced)

    def reap(self) -> Exit:
        """Wait for a child that ended by itself (its terminal closed) and say how it ended."""
        _, status, usage = os.wait4(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        return Exit(os.waitstatus_to_exitcode(status), usage.ru_maxrss)

    def kill(self) -> None:
        """End the child at once (after a failure), and reap it."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            with contextlib.suppress(OSError):
                os.close(self.fd)
