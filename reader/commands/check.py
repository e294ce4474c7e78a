"""Provides `annotated-reader check`: validate cards files, and lint how they link to an article.

The text output is one line per problem, `error: FILE:LINE:COL: field: message` on stderr, which
editors and CI annotate; `--format json` prints one JSON object on stdout for scripts instead.
The exit status is the same either way. With --notes, the personal cards of a notes file are
checked too: the file's problems are errors, an alias a shipped card also claims (it links to
the shipped card) is a warning.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations.cards.check import CheckReport, check_files
from annotations.cards.library import resolve_card_files
from annotations.cards.vanished import merge_vanished, vanished_cards
from annotations.errors import AnnotationError, Problem
from annotations.reading import resolve_article, sidecar_cards
from annotations.sources.load import load_source
from annotations.text.article import Article
from annotations.versions.store import VersionStore
from reader.commands.check_json import print_json
from reader.commands.output import fail, print_problems

CLEAN, ERRORS, UNREADABLE_ARTICLE = 0, 1, 2


def check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader check",
        description=(
            "Validate cards files (a folder stands for every *.cards.yaml under it); "
            "with --article, also lint how they link to it."
        ),
    )
    parser.add_argument(
        "cards",
        nargs="*",
        type=Path,
        metavar="CARDS.yaml|FOLDER",
        help="cards files or folders; with --notes, by default the article's own (NAME.cards.yaml)",
    )
    parser.add_argument(
        "--article",
        metavar="TEXT",
        help="an article (text, Markdown or HTML file, or a URL, read from its kept text), "
        "or 'builtin'",
    )
    parser.add_argument(
        "--notes", metavar="NOTES.yaml", type=Path, help="also check this notes file's own cards"
    )
    parser.add_argument("--encoding", metavar="ENC", help="the article's encoding (default UTF-8)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one line per problem on stderr (default); json: one object on stdout",
    )
    return parser


def earlier_version(article) -> tuple[str, str] | None:
    """(text, day) of the version kept before this text of the article, if one is kept."""
    store = VersionStore.for_article(article)
    try:
        others = [v for v in store.versions() if v.sha256 != article.sha256]
        if not others:
            return None
        current = store.by_hash(article.sha256)
        if current is not None:
            before = [v for v in others if v.first_seen <= current.first_seen]
            others = before or others
        return store.text(others[-1]), others[-1].day
    except AnnotationError:
        return None  # an unreadable kept version: the check of this text still stands


def main(argv: list[str]) -> int:
    """Run `annotated-reader check` with the arguments after `check`."""
    parser = check_parser()
    args = parser.parse_args(argv)
    if not args.cards:
        args.cards = _article_cards(args.article) if args.notes else []
    if not args.cards and not args.notes:
        parser.error("the following arguments are required: CARDS.yaml|FOLDER")
    as_json = args.format == "json"
    article = None
    if args.article:
        try:
            article = load_source(args.article, encoding=args.encoding).article
        except AnnotationError as error:
            if as_json:
                return print_json(error.problems, [], 0, [], UNREADABLE_ARTICLE)
            return fail(error, UNREADABLE_ARTICLE)
    article_warnings = []
    if article is not None:
        # Said of the article (a likely misread encoding), not of a cards file: no line.
        where = article.source or str(article.path)
        article_warnings = [Problem(where, None, "", w) for w in article.warnings]
        if not as_json:
            for warning in article.warnings:
                print(f"warning: {warning}", file=sys.stderr)
    paths: list[Path] = []
    report = CheckReport()
    if args.cards:
        try:
            paths = resolve_card_files(args.cards)
        except AnnotationError as error:
            report = CheckReport(errors=error.problems)
        else:
            report = check_files(paths, article)
    if article is not None and report.cards is not None:
        earlier = earlier_version(article)
        if earlier is not None:
            vanished = vanished_cards(report.cards, article, *earlier)
            report.warnings = merge_vanished(report.warnings, vanished)
    personal = None
    if args.notes is not None:
        personal = _check_notes(args.notes, report, article)
    status = ERRORS if report.errors else CLEAN
    count = len(report.cards) if report.cards and not report.errors else 0
    if as_json:
        warnings = article_warnings + report.warnings
        return print_json(report.errors, warnings, count, paths, status)
    print_problems(report.errors)
    print_problems(report.warnings, "warning")
    if report.errors:
        print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)", file=sys.stderr)
        return status
    summary = f"ok: {count} cards in {len(paths)} file(s)"
    if personal is not None:
        summary += f", {personal} personal cards in {args.notes}"
    if article is not None:
        summary += f", checked against {article.name}"
    print(f"{summary}; {len(report.warnings)} warning(s)")
    return status


def _article_cards(argument: str | None) -> list[Path]:
    """The cards that go with the article, as the reader would open them (none: no article)."""
    if argument is None:
        return []
    path, is_builtin = resolve_article(argument)
    if is_builtin:
        from annotations import builtin

        return [builtin.cards_path()]
    return [sidecar_cards(path)] if sidecar_cards(path).exists() else []


def _check_notes(path: Path, report: CheckReport, article: Article | None) -> int | None:
    """Add the notes file's problems and its personal cards' warnings to `report`."""
    from annotations.notes.file import load_notes
    from annotations.notes.personal_check import personal_warnings

    try:
        document = load_notes(path)
    except AnnotationError as error:
        report.errors.extend(error.problems)
        return None
    if document is None:
        report.errors.append(Problem(str(path), None, "", "no such notes file"))
        return None
    shipped = report.cards.cards if report.cards else []
    report.warnings.extend(personal_warnings(document.cards, shipped, str(path), article))
    return len(document.cards)
