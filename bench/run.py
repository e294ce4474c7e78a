"""Provides the benchmark: start-up, key latency, memory, saving, linking and anchoring, with bars.

    python bench/run.py [--runs 5] [--presses 200] [--quick] [--no-war-and-peace]

Prints a table with the bar of issue 5 and PASS/MISS per figure, and writes bench/results.json.
Every ratio is taken within the same run, on the same machine. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import interop  # noqa: E402
import keys  # noqa: E402
import make_fixtures  # noqa: E402
from terminal import SCREEN_MODEL, Session  # noqa: E402

from annotations import builtin  # noqa: E402

COLUMNS, LINES = 120, 40
FIRST_FRAME_TIMEOUT = 60.0
BARS = {
    "startup_builtin_vs_bare": 1.25,
    "startup_wp_vs_builtin": 1.5,
    "key_wp_vs_builtin": 1.2,
    "key_saving_vs_not": 1.5,
    "rss_wp_mb": 100.0,
    "linking_4x_vs_1x": 4.5,
}


# The machine and the commands -------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "textual": metadata.version("textual"),
        "platform": platform.platform(),
        "screen_model": SCREEN_MODEL,
        "terminal": f"pty {COLUMNS}x{LINES}, TERM=xterm-256color, synchronized output answered",
    }


def reader_command() -> list[str]:
    """The installed `annotated-reader` console script (not a pyenv shim), or `-m reader`."""
    script = Path(sysconfig.get_path("scripts")) / "annotated-reader"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "reader"]


def child_env(data_dir: Path) -> dict[str, str]:
    """The apps' environment: a plain xterm, notes in a temporary folder, and bytecode cached
    as an installed package has it (a checkout under PYTHONDONTWRITEBYTECODE would otherwise
    recompile every module it changed on every start, which the bare app never pays)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TEXTUAL")
        and key not in ("NO_COLOR", "COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")
    }
    env.update(TERM="xterm-256color", ANNOTATED_READER_DATA_DIR=str(data_dir))
    return env


def private_folders(work: Path) -> None:
    """Keep notes and the cards cache of every process the run starts in its temporary folder."""
    os.environ["ANNOTATED_READER_DATA_DIR"] = str(work / "data")
    os.environ["ANNOTATED_READER_CACHE_DIR"] = str(work / "cache")


def first_words(text: str, count: int = 3) -> str:
    return " ".join(text.split()[:count])


class Target:
    """One thing to start: a name, its command line, and the words its first screen must show."""

    def __init__(self, name: str, argv: list[str], words: str, notes: Path | None = None):
        self.name, self.argv, self.words, self.notes = name, argv, words, notes

    def command(self, notes_copy: Path | None = None) -> list[str]:
        if self.notes is None:
            return self.argv
        notes = notes_copy or self.notes
        return [*self.argv, "--notes", str(notes)]


# Measures in a terminal ----------------------------------------------------------------------


def open_session(target: Target, env: dict, *, notes: Path | None = None, watch=None):
    """Start `target` in a pty; return (session, seconds to the first frame with its words)."""
    session = Session(target.command(notes), env, COLUMNS, LINES, watch=watch)
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


# The run ------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="annotated-reader's benchmark (issue 5).")
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="fresh processes per start-up figure (median taken; default 5)",
    )
    parser.add_argument(
        "--presses", type=int, default=200, help="presses per key and article (default 200)"
    )
    parser.add_argument(
        "--key-processes",
        type=int,
        default=2,
        help="fresh processes the presses are split over (default 2)",
    )
    parser.add_argument(
        "--repeats", type=int, default=5, help="repeats of each in-process measure (default 5)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 1 run, 5 presses, built-in article only"
    )
    parser.add_argument(
        "--no-war-and-peace",
        action="store_true",
        help="skip War and Peace (also skipped when the corpus is missing)",
    )
    parser.add_argument("--corpus", type=Path, default=make_fixtures.default_corpus())
    parser.add_argument("--out", type=Path, default=BENCH / "results.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.presses, args.key_processes, args.repeats = 1, 5, 1, 3
        args.no_war_and_peace = True
    args.key_processes = max(1, min(args.key_processes, args.presses))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    log = print
    work = Path(tempfile.mkdtemp(prefix="annotated-reader-bench-"))
    try:
        results = run(args, work, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["duration_s"] = round(time.perf_counter() - began, 1)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(results)
    print(f"\nwrote {args.out} in {results['duration_s']} s")
    return 0


def run(args: argparse.Namespace, work: Path, log) -> dict:
    private_folders(work)
    env = child_env(work / "data")
    with_wp = not args.no_war_and_peace and args.corpus.is_file()
    builtin_text = builtin.article_path().read_text(encoding="utf-8")
    words = first_words(builtin_text)
    reader = reader_command()
    targets = {
        "bare": Target(
            "bare", [sys.executable, str(BENCH / "bare_app.py"), str(builtin.article_path())], words
        ),
        "builtin": Target("builtin", reader, words, notes=work / "builtin.notes.yaml"),
    }
    results: dict = {
        "machine": machine(),
        "options": {
            "runs": args.runs,
            "presses": args.presses,
            "key_processes": args.key_processes,
            "repeats": args.repeats,
            "quick": args.quick,
            "war_and_peace": with_wp,
            "command": reader,
        },
    }
    # Fixtures: generated cards and notes for War and Peace; small notes for the built-in one.
    fixtures = None
    if with_wp:
        log("generating War and Peace cards and 2,000 notes ...")
        fixtures = make_fixtures.make_fixtures(work / "fixtures", args.corpus)
        results["fixtures"] = asdict(fixtures)
        wp_text = Path(fixtures.article).read_text(encoding="utf-8")
        targets["war_and_peace"] = Target(
            "war_and_peace",
            [*reader, fixtures.article, "--cards", fixtures.cards],
            first_words(wp_text),
            notes=Path(fixtures.notes),
        )
    else:
        results["fixtures"] = None
    small_notes = work / "builtin-small.notes.yaml"
    make_fixtures.make_notes(builtin.article_path(), small_notes, 50)

    # 1, 2 and 4: start-up and peak memory, interleaved so drift hits every target alike.
    log(f"start-up: {args.runs} run(s) of {', '.join(targets)} ...")
    if not args.quick:
        for target in targets.values():
            startup(target, env)  # warm the file cache; not counted
    runs: dict[str, list[dict]] = {name: [] for name in targets}
    for _ in range(args.runs):
        for name, target in targets.items():
            runs[name].append(startup(target, env))
    results["startup"] = {name: summarise_startups(r) for name, r in runs.items()}

    # 3 and 5b: key latency, and `j` while notes are saved in the background.
    log(f"key latency: {args.presses} presses per key ...")
    results["keys"] = {}
    for name in ("builtin", "war_and_peace"):
        if name in targets:
            saving = name == "war_and_peace" or not with_wp
            target = targets[name]
            if saving and name == "builtin":
                target = Target("builtin", reader, words, notes=small_notes)
            results["keys"][name] = key_latency(
                target, env, args.presses, args.key_processes, work, saving, log
            )

    # 5a and 6: in-process.
    log("in-process: saving, linking, anchoring ...")
    if fixtures is not None:
        article, cards, notes = Path(fixtures.article), Path(fixtures.cards), Path(fixtures.notes)
    else:
        article, cards, notes = builtin.article_path(), builtin.cards_path(), small_notes
    command = [
        sys.executable,
        str(BENCH / "inprocess.py"),
        str(article),
        str(cards),
        str(notes),
        str(work),
        "--repeats",
        str(args.repeats),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"in-process measures failed:\n{done.stderr}")
    results.update(json.loads(done.stdout))

    # 7 (issue 15): import and export of 2,000 annotations, in a process of their own.
    log("in-process: import and export of annotations ...")
    made = make_fixtures.make_interop_fixtures(
        work / "interop",
        article,
        notes if fixtures is not None else None,
        count=200 if args.quick else make_fixtures.NOTES,  # a smoke run proves it runs
    )
    command = [sys.executable, str(BENCH / "interop.py"), str(article), str(cards), made["notes"]]
    command += [made["w3c"], made["hypothesis"], str(work), "--repeats", str(args.repeats)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"import and export timings failed:\n{done.stderr}")
    results.update(json.loads(done.stdout))
    results["memory"] = {
        name: {
            "median_peak_rss_kb": s["median_peak_rss_kb"],
            "median_peak_rss_mb": round(s["median_peak_rss_kb"] * 1024 / 1e6, 1),
        }
        for name, s in results["startup"].items()
    }
    results["bars"] = bars(results)
    return results


# Bars and the table ---------------------------------------------------------------------------


def _ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def bars(results: dict) -> list[dict]:
    startup = results["startup"]
    rows = []

    def add(figure: str, bar_key: str, value, unit: str = "×") -> None:
        limit = BARS[bar_key]
        rows.append(
            {
                "figure": figure,
                "bar": f"≤ {limit:g}{' MB' if unit == 'MB' else ''}",
                "value": value,
                "pass": None if value is None else value <= limit,
            }
        )

    add(
        "built-in start-up ÷ bare Textual app",
        "startup_builtin_vs_bare",
        _ratio(startup["builtin"]["median_s"], startup["bare"]["median_s"]),
    )
    wp = startup.get("war_and_peace")
    add(
        "War and Peace start-up ÷ built-in start-up",
        "startup_wp_vs_builtin",
        _ratio(wp["median_s"], startup["builtin"]["median_s"]) if wp else None,
    )
    key_results = results["keys"]
    for key in keys.series_cycles():
        built = key_results.get("builtin", {}).get(key, {}).get("median_ms")
        large = key_results.get("war_and_peace", {}).get(key, {}).get("median_ms")
        add(
            f"key {key}: War and Peace ÷ built-in (median)",
            "key_wp_vs_builtin",
            _ratio(large, built),
        )
    saving_source = key_results.get("war_and_peace") or key_results.get("builtin", {})
    add(
        "key j while saving ÷ without (median; both right after a frame)",
        "key_saving_vs_not",
        _ratio(
            saving_source.get("j (saving)", {}).get("median_ms"),
            saving_source.get("j (after v)", {}).get("median_ms"),
        ),
    )
    add(
        "peak RSS, War and Peace with cards and notes (MB)",
        "rss_wp_mb",
        results["memory"]["war_and_peace"]["median_peak_rss_mb"]
        if "war_and_peace" in results["memory"]
        else None,
        unit="MB",
    )
    add("linking time at 4× length ÷ at 1×", "linking_4x_vs_1x", results["linking"]["ratio_4x_1x"])
    return rows + interop.bars(results)


def print_table(results: dict) -> None:
    m = results["machine"]
    print(
        f"\nMachine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), "
        f"Python {m['python']}, Textual {m['textual']}, {m['platform']}"
    )
    print(f"Screen: {m['terminal']}; emulated with {m['screen_model']}")
    o = results["options"]
    print(
        f"Options: {o['runs']} start-up run(s), {o['presses']} presses per key over "
        f"{o['key_processes']} process(es), {o['repeats']} repeats in-process"
    )
    if results.get("fixtures"):
        f = results["fixtures"]
        print(
            f"War and Peace fixtures: {f['card_count']} cards, {f['alias_count']} aliases, "
            f"{f['mention_count']} mentions, {f['note_count']} notes"
        )

    print("\n1-2, 4. Start-up to first screen (median of fresh processes) and peak RSS")
    print(f"  {'target':<16}{'median s':>10}{'peak RSS MB':>13}  runs (s)")
    for name, s in results["startup"].items():
        runs = " ".join(f"{t:.3f}" for t in s["runs_s"])
        print(
            f"  {name:<16}{s['median_s']:>10.3f}"
            f"{results['memory'][name]['median_peak_rss_mb']:>13.1f}  {runs}"
        )

    print("\n3, 5. Key latency, ms (key written -> end of the frame that shows it)")
    articles = list(results["keys"])
    header = "".join(f"{a + ' med':>18}{'p95':>8}{'miss':>6}" for a in articles)
    print(f"  {'key':<18}{header}{'ratio':>8}")
    names = list(keys.series_cycles()) + ["j (after v)", "j (saving)"]
    for key in names:
        cells = ""
        values = []
        for article in articles:
            s = results["keys"][article].get(key)
            if s is None:
                cells += f"{'-':>18}{'-':>8}{'-':>6}"
                values.append(None)
                continue
            misses = sum(s["misses"].values())
            cells += f"{_fmt(s['median_ms']):>18}{_fmt(s['p95_ms']):>8}{misses:>6}"
            values.append(s["median_ms"])
        ratio = _ratio(values[-1], values[0]) if len(values) == 2 else None
        print(f"  {key:<18}{cells}{_fmt(ratio):>8}")

    s = results["saving"]
    print(
        f"\n5. Saving {s['notes']} notes (NotesStore.save after one change): "
        f"median {s['median_ms']} ms, file {s['file_bytes'] // 1024} KiB"
    )
    link = results["linking"]
    print(
        "\n6. Linking (annotations.cards.linking.link), median s: "
        + ", ".join(
            f"{k} {v['median_s']} ({v['mentions']} mentions)"
            for k, v in link.items()
            if isinstance(v, dict)
        )
        + f"; 4x/1x = {link['ratio_4x_1x']}"
    )
    a = results["anchoring"]
    print(
        f"   Re-anchoring {a['notes']} notes: NotesStore.open unchanged "
        f"{a['unchanged']['open_median_s']} s (anchoring {a['unchanged']['reanchor_median_s']}"
        f" s), after an edit near the start {a['edited']['open_median_s']} s (anchoring "
        f"{a['edited']['reanchor_median_s']} s); placed after edit: {a['edited']['placements']}"
    )

    interop.print_lines(results)

    print("\nThe bar")
    for row in results["bars"]:
        verdict = "n/a" if row["pass"] is None else ("PASS" if row["pass"] else "MISS")
        print(f"  {row['figure']:<66}{row['bar']:>10}{_fmt(row['value']):>10}  {verdict}")


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    sys.exit(main())
