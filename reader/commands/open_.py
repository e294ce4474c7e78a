"""Provides `annotated-reader open`: list the recently opened articles, or open one by number.

The built-in article is always number 1; the others follow, most recently opened first. Only
opening starts the screen, through the `start` function the CLI passes in, so listing never
imports Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from annotations import builtin
from annotations.errors import AnnotationError
from annotations.sources.recents import Recent, load_recents, recents_path
from annotations.text.sanitize import display_text
from reader.commands.output import fail


def open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader open",
        description=(
            "List the articles opened recently (the built-in one first); with NUMBER, open that "
            "one. Options after NUMBER go to the reader (--cards, --notes, --refresh...)."
        ),
    )
    parser.add_argument("number", nargs="?", type=int, metavar="NUMBER")
    return parser


def choices() -> list[Recent]:
    """What `open` lists, in order: the built-in article, then the recents (newest first)."""
    entries = [Recent(builtin.BUILTIN_NAME, builtin.TITLE)]
    entries += [entry for entry in load_recents() if entry.source != builtin.BUILTIN_NAME]
    return entries


def main(argv: list[str], *, start: Callable[[list[str]], int]) -> int:
    """Run `annotated-reader open`; `start` opens the reader with its own arguments."""
    args, rest = open_parser().parse_known_args(argv)
    try:
        entries = choices()
    except AnnotationError as error:
        print(f"note: move {recents_path()} away to start a fresh list", file=sys.stderr)
        return fail(error, 2)
    if args.number is None:
        if rest:
            open_parser().error(f"unrecognized arguments: {' '.join(rest)}")
        width = len(str(len(entries)))
        for number, entry in enumerate(entries, 1):
            title = display_text(entry.title) or "(no title)"
            where = display_text(entry.source)
            when = f"  {entry.opened[:16].replace('T', ' ')}" if entry.opened else ""
            print(f"{number:>{width}}  {title}  {where}{when}")
        return 0
    if not 1 <= args.number <= len(entries):
        listed = f"'annotated-reader open' lists 1 to {len(entries)}"
        print(f"error: open: no article number {args.number}; {listed}", file=sys.stderr)
        return 2
    return start([entries[args.number - 1].source, *rest])
