"""Provides `annotated-reader versions` and `annotated-reader diff`: an article's kept texts.

Each command keeps the article's current text as a version first (as opening it in the reader
does), so `diff ARTICLE` right after an edit shows the edit.
"""

from __future__ import annotations

import argparse
import sys

from annotations import builtin
from annotations.errors import AnnotationError
from annotations.notes.file import parse_notes, read_notes_text
from annotations.notes.paths import default_notes_path
from annotations.reading import resolve_article
from annotations.text.article import Article, load_article
from annotations.versions.diff import diff_texts, word_diff_lines
from annotations.versions.opening import compared_versions
from annotations.versions.store import Version, VersionStore
from reader.commands.output import fail

USAGE = 2


def _article_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="a text file, or 'builtin'")
    parser.add_argument("--encoding", metavar="ENC", help="the article's encoding (default UTF-8)")
    parser.add_argument("--notes", metavar="FILE", help="the notes file (to know their version)")


def versions_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader versions",
        description="List the kept versions of an article: date first seen, hash, sizes, source.",
    )
    _article_arguments(parser)
    parser.add_argument(
        "--prune",
        action="store_true",
        help="remove old versions (keeps the current text, the one your notes were made on,"
        " and the --keep newest); asks first",
    )
    parser.add_argument("--keep", type=int, default=1, metavar="N", help="with --prune (default 1)")
    parser.add_argument("--yes", action="store_true", help="with --prune: do not ask")
    return parser


def diff_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader diff",
        description="Show, word by word, what changed between two kept versions of an article"
        " ([-removed-]{+added+} when piped, colours in a terminal).",
    )
    _article_arguments(parser)
    parser.add_argument(
        "--from",
        dest="from_",
        metavar="DATE|HASH",
        help="default: the version your notes were made on, else the one before the current",
    )
    parser.add_argument("--to", metavar="DATE|HASH", help="default: the current text")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    return parser


def load(argument: str, encoding: str | None) -> Article:
    path, is_builtin = resolve_article(argument)
    article = load_article(path, encoding=encoding)
    if is_builtin:
        article.name = builtin.TITLE
    return article


def notes_version(article: Article, notes: str | None) -> str | None:
    """The sha256 the notes file's positions refer to, when it can be read."""
    from pathlib import Path

    path = Path(notes) if notes else default_notes_path(article)
    try:
        text = read_notes_text(path)
        return parse_notes(text, str(path)).sha256 if text is not None else None
    except AnnotationError:
        return None


def versions_main(argv: list[str]) -> int:
    args = versions_parser().parse_args(argv)
    try:
        article = load(args.article, args.encoding)
        store = VersionStore.for_article(article)
        current = store.record(article)
        kept = store.versions()
    except AnnotationError as error:
        return fail(error, USAGE)
    noted = notes_version(article, args.notes)
    if args.prune:
        return _prune(store, kept, current, noted, args)
    for number, version in enumerate(kept, 1):
        print(_row(number, version, current, noted))
    return 0


def _row(number: int, version: Version, current: Version, noted: str | None) -> str:
    marks = []
    if version.sha256 == current.sha256:
        marks.append("current")
    if version.sha256 == noted:
        marks.append("your notes")
    mark = f"  ({', '.join(marks)})" if marks else ""
    when = version.first_seen.strftime("%Y-%m-%d %H:%M")
    return (
        f"{number:>3}  {when}  {version.short}  {_size(version.size):>8}  "
        f"{_size(version.stored):>8} kept  {version.source}{mark}"
    )


def _size(count: int) -> str:
    for unit in ("B", "KB", "MB"):
        if count < 1024 or unit == "MB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)


def _prune(store, kept, current, noted, args) -> int:
    keep = {current.sha256} | ({noted} if noted else set())
    keep |= {v.sha256 for v in kept[-max(args.keep, 1) :]}
    doomed = [v for v in kept if v.sha256 not in keep]
    if not doomed:
        print("Nothing to prune: every kept version is current, recent or under your notes.")
        return 0
    for version in doomed:
        print(f"would remove {version.day} {version.short} ({_size(version.stored)})")
    if not args.yes:
        if not sys.stdin.isatty():
            print("error: --prune asks first: run it in a terminal, or add --yes", file=sys.stderr)
            return USAGE
        answer = input(f"Remove these {len(doomed)} version(s)? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing removed.")
            return 0
    try:
        removed = store.prune(keep)
    except (AnnotationError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Removed {len(removed)} version(s).")
    return 0


def diff_main(argv: list[str]) -> int:
    args = diff_parser().parse_args(argv)
    try:
        article = load(args.article, args.encoding)
        store = VersionStore.for_article(article)
        current = store.record(article)
        kept = store.versions()
        after = store.find(args.to) if args.to else current
        if args.from_:
            before = store.find(args.from_)
        else:
            noted = notes_version(article, args.notes)
            before = compared_versions(kept, after, noted) or after
        old, new = store.text(before), store.text(after)
    except AnnotationError as error:
        return fail(error, USAGE)
    diff = diff_texts(old, new)
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    head = f"{before.day} {before.short} → {after.day} {after.short}: {diff.summary.describe()}"
    print(head)
    if diff.changes:
        print()
        sys.stdout.write(word_diff_lines(diff, colour=colour))
    return 0
