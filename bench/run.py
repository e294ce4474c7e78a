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

import make_fixtures  # noqa: E402
from report import bars, print_table  # noqa: E402
from sessions import COLUMNS, LINES, Target, key_latency, startup, summarise_startups  # noqa: E402
from terminal import SCREEN_MODEL  # noqa: E402

from annotations import builtin  # noqa: E402

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
    parser.add_argument(
        "--library-cards",
        type=int,
        default=make_fixtures.LIBRARY_CARDS,
        help="cards in the generated card library (default 10,000; three aliases each)",
    )
    parser.add_argument("--corpus", type=Path, default=make_fixtures.default_corpus())
    parser.add_argument("--out", type=Path, default=BENCH / "results.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.presses, args.key_processes, args.repeats = 1, 5, 1, 3
        args.library_cards = min(args.library_cards, 300)
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
    # The card library, added to the built-in article as ANNOTATED_READER_CARDS adds it to
    # every article; made (and so cached, as by a first start) before anything is timed.
    log(f"generating a card library of {args.library_cards:,} cards ...")
    library = make_fixtures.make_library(work / "fixtures", args.library_cards)
    results["library"] = asdict(library)
    targets["builtin_library"] = Target(
        "builtin_library", reader, words, extra_env={"ANNOTATED_READER_CARDS": library.folder}
    )
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
        "--library",
        library.folder,
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


if __name__ == "__main__":
    sys.exit(main())
