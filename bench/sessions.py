"""Provides the measures taken in a terminal: start-up to the first frame, and key latency.

run.py starts each target through these; terminal.py is the pty underneath, keys.py the series.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import keys
from terminal import Session

COLUMNS, LINES = 120, 40
FIRST_FRAME_TIMEOUT = 60.0


class Target:
    """One thing to start: a name, its command line, and the words its first screen must show."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        words: str,
        notes: Path | None = None,
        extra_env: dict[str, str] | None = None,
    ):
        self.name, self.argv, self.words, self.notes = name, argv, words, notes
        self.extra_env = extra_env or {}
        """Variables set for this target only (the card library's folder)."""

    def command(self, notes_copy: Path | None = None) -> list[str]:
        if self.notes is None:
            return self.argv
        notes = notes_copy or self.notes
        return [*self.argv, "--notes", str(notes)]


def open_session(target: Target, env: dict, *, notes: Path | None = None, watch=None):
    """Start `target` in a pty; return (session, seconds to the first frame with its words)."""
    environment = {**env, **target.extra_env}
    session = Session(target.command(notes), environment, COLUMNS, LINES, watch=watch)
    session.start()
    try:
        event = session.wait_for(
            lambda e: e.kind == "frame" and target.words in session.text(), FIRST_FRAME_TIMEOUT
        )
    except EOFError:
        raise ended_early(target, session, "before its first screen") from None
    if event is None:
        session.kill()
        raise RuntimeError(f"{target.name}: no frame showing {target.words!r}")
    return session, event.time - session.started


def ended_early(target: Target, session: Session, when: str) -> RuntimeError:
    """The error for an app that closed its terminal by itself: its exit status and last screen."""
    ended = session.reap()
    screen = "\n".join(line.rstrip() for line in session.screen.display).strip()
    return RuntimeError(
        f"{target.name} ({' '.join(session.argv)}) exited by itself {when}, status "
        f"{ended.status}; its last screen:\n{screen[-2000:]}"
    )


def startup(target: Target, env: dict) -> dict:
    session, first = open_session(target, env)
    try:
        session.wait_idle(0.2, limit=10)
        ended = session.quit()
    except EOFError:
        raise ended_early(target, session, "after its first screen") from None
    except BaseException:
        session.kill()
        raise
    return {
        "first_frame_s": round(first, 4),
        "peak_rss_kb": ended.peak_rss_kb,
        "exit": ended.status,
        "forced": ended.forced,
    }


def summarise_startups(runs: list[dict]) -> dict:
    return {
        "median_s": round(statistics.median(r["first_frame_s"] for r in runs), 4),
        "runs_s": [r["first_frame_s"] for r in runs],
        "median_peak_rss_kb": int(statistics.median(r["peak_rss_kb"] for r in runs)),
        "peak_rss_kb": [r["peak_rss_kb"] for r in runs],
        "clean_exits": sum(1 for r in runs if r["exit"] == 0 and not r["forced"]),
    }


def article_pane(right: int) -> tuple[int, int, int, int]:
    """Rows and columns of the article pane (below the header, above status and footer)."""
    return (1, LINES - 2, 0, right)


def key_latency(
    target: Target,
    env: dict,
    presses: int,
    processes: int,
    work: Path,
    saving: bool,
    log=print,
) -> dict:
    """Each series' presses split over `processes` fresh processes; with `saving`, also `j`
    right after note changes (the background saves they start)."""
    series = keys.series_cycles()
    timings = {name: keys.Timings() for name in series}
    if saving:
        timings["j (after v)"] = keys.Timings()
        timings["j (saving)"] = keys.Timings()
    share = [presses // processes + (1 if i < presses % processes else 0) for i in range(processes)]
    for index, count in enumerate(share):
        notes = None
        if target.notes is not None:
            notes = work / f"{target.name}-keys-{index}.notes.yaml"
            if target.notes.exists():
                shutil.copyfile(target.notes, notes)
        session, _ = open_session(target, env, notes=notes, watch=article_pane(COLUMNS * 3 // 5))
        try:
            session.wait_idle(0.2, limit=10)
            timer = keys.KeyTimer(session)
            for name, cycle in series.items():
                started = time.perf_counter()
                timer.run(cycle, count, timings[name])
                elapsed = time.perf_counter() - started
                log(f"  {target.name} {name}: {count} presses in {elapsed:.1f}s")
            if saving:
                # What a note key did is said in the key bar, below the article pane: the pane
                # watched is the same as for the other series.
                started = time.perf_counter()
                timer.run(keys.control_cycle(), count, timings["j (after v)"])
                log(
                    f"  {target.name} j (after v): {count} presses in "
                    f"{time.perf_counter() - started:.1f}s"
                )
                started = time.perf_counter()
                timer.run(keys.saving_cycle(), count, timings["j (saving)"])
                log(
                    f"  {target.name} j (saving): {count} presses in "
                    f"{time.perf_counter() - started:.1f}s"
                )
            session.quit()
        except EOFError:
            raise ended_early(target, session, "while keys were pressed") from None
        except BaseException:
            session.kill()
            raise
    return {name: timing.summary() for name, timing in timings.items()}
