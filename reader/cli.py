"""Provides the `annotated-reader` command: open an article, or check, schema, notes and serve.

Everything that can fail is loaded and checked here, before the screen takes over the terminal,
so errors print as plain lines and the terminal is left as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from pathlib import Path

from annotations.errors import AnnotationError
from annotations.text.sanitize import display_text
from reader.commands.output import fail


def version() -> str:
    from importlib import metadata  # only for --version: it costs start-up time otherwise

    try:
        return metadata.version("annotated-reader")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


class VersionAction(argparse.Action):
    """--version, looking the version up only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {version()}")
        parser.exit()


def reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader",
        description=(
            "Read an article with context cards and your own notes. With no ARTICLE, opens the "
            "built-in article (Putin and Erdogan meet in Sochi, 2021). Other commands: "
            "'annotated-reader open' (recent articles), 'check', 'schema', 'notes', 'versions',"
            " 'diff', 'export', 'import', 'serve' (in a browser)."
        ),
    )
    parser.add_argument(
        "article",
        nargs="?",
        metavar="ARTICLE",
        help=(
            "a text or Markdown (.md) file, a saved HTML page (.html), an http(s):// URL, "
            "or 'builtin' (the default)"
        ),
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="fetch a URL (or extract an HTML page) again instead of opening its kept text",
    )
    parser.add_argument(
        "--cards",
        action="append",
        type=Path,
        metavar="PATH",
        help=(
            "a cards file, or a folder: every *.cards.yaml under it (repeatable); default: "
            "ARTICLE's NAME.cards.yaml when it exists. The folders in ANNOTATED_READER_CARDS "
            f"({os.pathsep}-separated) are added to every article"
        ),
    )
    parser.add_argument("--notes", type=Path, metavar="FILE", help="where to keep your notes")
    parser.add_argument("--encoding", metavar="ENC", help="the article's encoding (default UTF-8)")
    parser.add_argument(
        "--keymap",
        type=Path,
        metavar="FILE",
        help="remap keys by binding id (default: keymap.yaml in the user config folder)",
    )
    parser.add_argument("--version", action=VersionAction)
    # Set by `annotated-reader serve` for each browser tab's reader (see reader/serving.py):
    # exactly the cards named (none when none are), and nothing that opens another path.
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    return parser


def run_reader(argv: list[str]) -> int:
    from reader import memory

    memory.pause_for_startup()
    from annotations.reading import open_reading

    args = reader_parser().parse_args(argv)
    cards = [] if args.served and args.cards is None else args.cards
    try:
        reading = open_reading(
            args.article,
            cards,
            encoding=args.encoding,
            link_later=True,
            refresh=args.refresh,
        )
    except AnnotationError as error:
        return fail(error, 2)
    from reader.app import make_app
    from reader.keymap import load_keymap

    try:
        keymap = load_keymap(args.keymap)
        app = make_app(reading, notes_path=args.notes, keymap=keymap, served=args.served)
    except AnnotationError as error:
        return fail(error, 2)
    app.run()
    # The screen is gone: a SIGTERM or SIGHUP now must not cut the last save short (the notes
    # would be neither in the file nor in a recovery file). The save is bounded by its lock
    # timeout, and the signal is honoured by exiting right after it.
    caught: list[int] = []
    # Served, SIGINT too: it is how the web driver is told to stop, never a user at a terminal.
    endings = (signal.SIGTERM, signal.SIGHUP) + ((signal.SIGINT,) if args.served else ())
    for number in endings:
        signal.signal(number, lambda signum, frame: caught.append(signum))
    unsaved = app.save_before_exit()
    if unsaved:
        # After SIGHUP there may be no terminal left to tell: the recovery file still is.
        with contextlib.suppress(OSError):
            print(f"annotated-reader: {display_text(unsaved)}", file=sys.stderr)
        return 1
    if caught:
        return 128 + caught[0]
    return app.return_code or 0


def run_open(argv: list[str]) -> int:
    from reader.commands import open_

    return open_.main(argv, start=run_reader)


def run_serve(argv: list[str]) -> int:
    from reader import serving  # not a reader.commands module: textual-serve imports Rich

    return serving.main(argv)


def run_check(argv: list[str]) -> int:
    from reader.commands import check

    return check.main(argv)


def run_schema(argv: list[str]) -> int:
    from reader.commands import schema

    return schema.main(argv)


def run_notes(argv: list[str]) -> int:
    from reader.commands import notes

    return notes.main(argv)


def run_export(argv: list[str]) -> int:
    from reader.commands import export

    return export.main(argv)


def run_import(argv: list[str]) -> int:
    from reader.commands import import_

    return import_.main(argv)


def run_versions(argv: list[str]) -> int:
    from reader.commands import versions

    return versions.versions_main(argv)


def run_diff(argv: list[str]) -> int:
    from reader.commands import versions

    return versions.diff_main(argv)


COMMANDS = {
    "check": run_check,
    "schema": run_schema,
    "notes": run_notes,
    "versions": run_versions,
    "diff": run_diff,
    "open": run_open,
    "export": run_export,
    "import": run_import,
    "serve": run_serve,
}
"""The commands other than reading in this terminal, each imported only when run: none imports
Textual (`serve` starts one reader process per browser tab, and never the screen itself)."""


BROKEN_PIPE = 141
"""The exit status of a Unix tool stopped by SIGPIPE (128 + 13), as `yes | head -1` gives."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        command = COMMANDS.get(argv[0]) if argv else None
        if command is None:
            return run_reader(argv)
        status = command(argv[1:])
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit where it is not
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `annotated-reader schema | head -1`: the reader of our output has gone. Stop quietly, as
        # Unix tools do; stdout goes to /dev/null so the flush at exit can't fail a second time.
        _discard_stdout()
        return BROKEN_PIPE


def _discard_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (an embedding host): nothing to flush
        pass
