"""Provides `annotated-reader import ARTICLE FILE`: W3C or Hypothesis annotations into notes.

Through the same store, lock and merging save as the reader, so a reader open on the article
keeps its notes and gets the imported ones at its next save. The file is read and checked
before anything changes. Exit status: 0 done, 1 done but some entries were rejected (each said
on stderr), 2 the file, the article or the notes can't be used (nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations.errors import AnnotationError
from annotations.interop.importing import ImportReport, import_into, load_json
from annotations.text.sanitize import display_text
from reader.commands.opening import article_arguments, load_article, open_store, say_warnings
from reader.commands.output import fail, print_problems

OK, REJECTED, USAGE = 0, 1, 2


def fill(parser: argparse.ArgumentParser) -> None:
    article_arguments(parser)
    parser.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="a W3C annotation collection, page or list, or a Hypothesis export (JSON)",
    )


def import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader import",
        description="Import W3C Web Annotations or a Hypothesis export as notes on ARTICLE.",
    )
    fill(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = import_parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        article = load_article(args.article, args.encoding)
        data = load_json(args.file)
    except AnnotationError as error:
        return fail(error, USAGE)
    say_warnings(article)
    store = open_store(args.article, article, args.notes)
    if store.broken is not None:
        return fail(store.broken, USAGE)
    try:
        report = import_into(store, data, str(args.file))
    except AnnotationError as error:
        return fail(error, USAGE)
    if report.added:
        result = store.save()
        if not result.ok:
            message = f"nothing imported: {result.reason}; the notes file is unchanged"
            print(f"error: {store.path}: {message}", file=sys.stderr)
            return USAGE
    print(summary(report, args.file, store.path))
    for candidate in report.orphans:
        quote = display_text(candidate.quote.exact)
        print(f'orphan: {candidate.where or "the annotation"}: "{quote}" is not in the text')
    print_problems(report.rejected, "rejected")
    return REJECTED if report.rejected else OK


def summary(report: ImportReport, file: Path, notes: Path) -> str:
    """One line: how many came in, and how each fared."""
    added = len(report.added)
    line = f"Imported {added} of {_count(report.total, 'annotation')} from {file} into {notes}"
    confirm = " (marked ≈, to confirm)" if report.approximate else ""
    parts = [f"{report.exact} placed exactly", f"{report.approximate} approximately{confirm}"]
    orphans = len(report.orphans)
    parts.append(f"{orphans} orphaned" + (" (kept, listed below)" if orphans else ""))
    parts.append(f"{report.duplicates} skipped as duplicates")
    parts.append(f"{len(report.rejected)} rejected" + (" (why below)" if report.rejected else ""))
    return display_text(f"{line}: {', '.join(parts)}.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
