"""Provides the key-latency scenarios: which keys are pressed, in what cycles, how each is timed.

A press is timed from just before the key is written to the app's terminal to the end of the
first frame (the `CSI ? 2026 l` that closes it) that changes the article pane. Normally that is
the very next frame; looking at the pane instead of taking any frame means a frame painted for
something else (a message, the status line after a save) is never taken for the key's effect.

Every press must change the screen, or there is nothing to time. Each series is a cycle that
starts from a known place (`g`, the top) and stays within what the short built-in article allows:
the same cycle runs on War and Peace, so both articles do the same work. A press that shows
nothing within the timeout, or rings the bell (nothing to move to), is counted as a miss.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from terminal import Session

KEYS = {
    "j": b"j",
    "PgDn": b"\x1b[6~",
    "Tab": b"\t",
    "]": b"]",
    "w": b"w",
    "G": b"G",
    "g": b"g",
    "v": b"v",
    "H": b"H",
    "u": b"u",
    "ctrl+r": b"\x12",
    "/": b"/",
    "t": b"t",
    "a": b"a",
    "s": b"s",
    # A lone ESC byte waits Textual's ESCDELAY (100 ms) for the rest of a sequence, and a key
    # written within it joins the ESC (alt+/): the kitty keyboard protocol's form is unambiguous.
    "Esc": b"\x1b[27u",
}


@dataclass(frozen=True)
class Step:
    """One key press in a series."""

    key: str
    measured: bool = True
    after: str = "idle"
    """What to wait for before the next press: "idle" (the app has stopped painting and
    computing) or "effect" (only the frame showing this key, so the next key lands while its
    after-effects, such as a background save, still run)."""


def _reset(key: str) -> Step:
    return Step(key, measured=False)


def series_cycles() -> dict[str, list[Step]]:
    """Each series' cycle of steps (unmeasured steps put the cursor where the cycle needs it).

    The built-in article is 16 paragraphs, about 68 rows at this width: a cycle of 45 `j`
    reaches past the first screen (so some presses scroll), two PgDn reach its end, 40 Tabs
    stay within its 57 mentions, and the second mention's card (Erdogan) has 8 mentions for `]`
    (six presses after the one Tab lands on). The search series opens the search line (`/`,
    unmeasured) and times the first letter typed, which puts the cursor on the first match and
    draws every match on screen; Esc goes back to the top, so each letter starts from the same
    place. On War and Peace the count ("3 of 12") runs in a thread after that frame.
    """
    j, w = Step("j"), Step("w")
    return {
        "j": [_reset("g"), *[j] * 45],
        "PgDn": [_reset("g"), Step("PgDn"), Step("PgDn")],
        "Tab": [_reset("g"), *[Step("Tab")] * 40],
        "]": [_reset("g"), _reset("Tab"), _reset("Tab"), *[Step("]")] * 6],
        "w": [_reset("g"), *[w] * 150],
        "G/g": [Step("G"), Step("g")],
        "v+w": [_reset("g"), _reset("v"), *[w] * 20, _reset("v")],
        "/ + letter": [
            _reset("g"),
            *[step for letter in "tas" for step in (_reset("/"), Step(letter), _reset("Esc"))],
        ],
    }


def saving_cycle() -> list[Step]:
    """`j` right after a note change (H, u, ctrl+r, u), each of which starts a save.

    The four changes leave no note behind, so every cycle starts on unmarked text and each
    change shows (a second highlight on a highlighted word would look the same, and the harness
    would wait out its timeout instead of pressing `j` while the save runs).
    """
    steps = [_reset("g")]
    for index in range(44):
        change = ("H", "u", "ctrl+r", "u")[index % 4]
        steps += [Step(change, measured=False, after="effect"), Step("j")]
    return steps


def control_cycle() -> list[Step]:
    """The control for `saving_cycle`: `j` right after `v` (a selection starts or is dropped).

    `v` redraws the article and nothing else: it saves nothing, and it neither moves the cursor
    nor changes the card pane (a cursor move updates the pane just after its frame, and that
    work would land in the next key's frame).

    Textual paints on a fixed 60 Hz grid (the screen's update timer), so a key pressed just after
    a frame waits for the next tick, about 16 ms, whatever the app does; a key pressed when the
    app is idle lands at a random point of the grid and waits 8 ms on average. `j` right after a
    note change is therefore compared with `j` right after `v`, pressed at the same moment.
    """
    steps = [_reset("g")]
    for _ in range(45):
        steps += [Step("v", measured=False, after="effect"), Step("j")]
    return steps


@dataclass
class Timings:
    """The latencies of one series, in seconds, and the presses that showed nothing."""

    latencies: list[float] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)
    """From the key to the end of the last frame it caused (the app idle again)."""
    misses: dict[str, int] = field(default_factory=dict)
    other_frames: int = 0
    """Frames that came between a press and its effect (painted for something else)."""

    def summary(self) -> dict:
        values = sorted(self.latencies)
        return {
            "presses": len(values),
            "median_ms": _ms(statistics.median(values)) if values else None,
            "p95_ms": _ms(percentile(values, 95)) if values else None,
            "max_ms": _ms(values[-1]) if values else None,
            "settled_median_ms": _ms(statistics.median(self.settled)) if self.settled else None,
            "misses": dict(self.misses),
            "other_frames": self.other_frames,
        }


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(int(-(-pct * len(sorted_values) // 100)), 1)
    return sorted_values[min(rank, len(sorted_values)) - 1]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


@dataclass
class KeyTimer:
    """Presses keys in a running session and times each one's effect."""

    session: Session
    idle: float = 0.05
    """No output and no CPU for this long means the app has finished answering a key."""
    timeout: float = 2.0
    """A press whose effect has not shown by then is a miss."""

    def run(self, cycle: list[Step], presses: int, timings: Timings | None = None) -> Timings:
        timings = timings or Timings()
        measured = position = 0
        while measured < presses:
            step = cycle[position % len(cycle)]
            if step.measured:
                measured += 1
                self.press(step, timings)
            else:
                self.prepare(step, timings)
            position += 1
        # The rest of the cycle's unmeasured steps (Esc closes the search line, v drops the
        # selection), so the next series starts from the reader's usual state.
        while position % len(cycle):
            step = cycle[position % len(cycle)]
            if not step.measured:
                self.prepare(step)
            position += 1
        return timings

    def press(self, step: Step, timings: Timings) -> None:
        session = self.session
        session.drain()
        before = session.region()
        sent = session.send(KEYS[step.key])
        for event in session.events(self.timeout):
            if event.kind == "bell":
                timings.misses["bell"] = timings.misses.get("bell", 0) + 1
                break
            if event.region != before:
                timings.latencies.append(event.time - sent)
                if step.after == "idle":
                    last = session.wait_idle(self.idle)
                    timings.settled.append((last or event.time) - sent)
                return
            timings.other_frames += 1
        else:
            timings.misses["timeout"] = timings.misses.get("timeout", 0) + 1
        self.settle(step)

    def prepare(self, step: Step, timings: Timings | None = None) -> None:
        """An unmeasured press: wait for its effect, or for the app to be idle again.

        A press meant to show an effect that never shows is counted as a miss ("setup"): the
        measured press after it would not land when the series says it does.
        """
        session = self.session
        session.drain()
        before = session.region()
        session.send(KEYS[step.key])
        if step.after == "effect":
            shown = session.wait_for(lambda e: e.kind == "bell" or e.region != before, self.timeout)
            if shown is None and timings is not None:
                timings.misses["setup"] = timings.misses.get("setup", 0) + 1
        self.settle(step)

    def settle(self, step: Step) -> None:
        if step.after == "idle":
            self.session.wait_idle(self.idle)
