"""Provides `annotated-reader export ARTICLE --format markdown|w3c|json|html [-o FILE]`.

Reads the notes through the same store as the reader (nothing is written to the notes file), and
prints the export, or writes it atomically to FILE. No Textual import. Exit status: 0 done, 2 a
usage or file problem (the article, the cards or the notes file can't be read, FILE can't be
written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations import files
from annotations.errors import AnnotationError, Problem
from annotations.interop.export import FORMATS, Export, source_line
from annotations.interop.formats import render
from reader.commands.opening import (
    article_arguments,
    label,
    load_article,
    open_store,
    say_warnings,
)
from reader.commands.output import fail

OK, USAGE = 0, 2


def fill(parser: argparse.ArgumentParser) -> None:
    """The arguments of `export`."""
    article_arguments(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="markdown",
        help="markdown (a digest, the default), w3c (a W3C Web Annotation collection, JSON-LD),"
        " json (the notes as stored) or html (one self-contained page)",
    )
    parser.add_argument(
        "--with-text",
        action="store_true",
        help="markdown: the whole article, notes inline as **passage**[^n] with footnotes",
    )
    parser.add_argument(
        "--cards",
        action="append",
        type=Path,
        metavar="FILE",
        help="cards file (repeatable) for the cards the notes touch; default as the reader's",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: print it)"
    )


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader export",
        description="Export an article's notes as Markdown, W3C Web Annotations, JSON or HTML.",
    )
    fill(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = export_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.with_text and args.format != "markdown":
        where = Problem(args.article, None, "--with-text", "only with --format markdown")
        return fail([where], USAGE)
    try:
        export = build_export(args)
    except AnnotationError as error:
        return fail(error, USAGE)
    text = render(export, args.format, with_text=args.with_text)
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
        return OK
    try:
        files.write_atomically(args.output, text, shared=True)
    except OSError as error:
        problem = Problem(str(args.output), None, "", f"cannot write the export: {error.strerror}")
        return fail([problem], USAGE)
    count = len(export.notes)
    print(f"{count} note{'' if count == 1 else 's'} exported to {args.output}", file=sys.stderr)
    return OK


def build_export(args: argparse.Namespace) -> Export:
    """The article, its notes (and for Markdown and HTML its cards); AnnotationError if any
    of them can't be read."""
    cards, links, published, title, reported_by = (), None, None, None, ""
    if args.format in ("markdown", "html"):
        from annotations.reading import open_reading  # cards are only wanted here

        reading = open_reading(args.article, args.cards, encoding=args.encoding)
        article = reading.article
        cards, links = reading.cards.cards, reading.links
        published, title = reading.cards.info.published, reading.title
        reported_by = reading.cards.info.source
    else:
        article = load_article(args.article, args.encoding)
    say_warnings(article)
    store = open_store(args.article, article, args.notes)
    if store.broken is not None:
        raise store.broken
    if not store.notes:
        held = "holds none" if store.path.exists() else "does not exist yet"
        name = label(args.article, article)
        print(f"no notes for {name}: the notes file {store.path} {held}", file=sys.stderr)
    return Export(
        article,
        title or article.name,
        store.notes,
        store.placements,
        cards,
        links,
        published,
        source=source_of(args.article, article, reported_by),
    )


def source_of(argument: str, article, reported_by: str = "") -> str:
    """Where the article came from: its URL, else the path as given (after who reported it)."""
    from annotations.interop.ids import article_url

    return source_line(article_url(article) or label(argument, article), reported_by)
