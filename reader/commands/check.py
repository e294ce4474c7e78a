"""Provides `annotated-reader check`: validate cards files, and lint how they link to an article.

The text output is one line per problem, `error: FILE:LINE:COL: field: message` on stderr, which
editors and CI annotate; `--format json` prints one JSON object on stdout for scripts instead.
The exit status is the same either way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotations.cards.check import CheckReport, check_files
from annotations.cards.library import resolve_card_files
from annotations.cards.vanished import merge_vanished, vanished_cards
from annotations.errors import AnnotationError, Problem
from annotations.reading import resolve_article
from annotations.text.article import Article, load_article
from annotations.versions.store import VersionStore
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
    parser.add_argument("cards", nargs="+", type=Path, metavar="CARDS.yaml|FOLDER")
    parser.add_argument("--article", metavar="TEXT", help="an article file, or 'builtin'")
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
    args = check_parser().parse_args(argv)
    as_json = args.format == "json"
    article = None
    if args.article:
        try:
            article = load_article(resolve_article(args.article)[0], encoding=args.encoding)
        except AnnotationError as error:
            if as_json:
                return print_json(error.problems, [], 0, [], UNREADABLE_ARTICLE)
            return fail(error, UNREADABLE_ARTICLE)
    article_warnings = []
    if article is not None:
        # Said of the article (a likely misread encoding), not of a cards file: no line.
        article_warnings = [Problem(str(article.path), None, "", w) for w in article.warnings]
        if not as_json:
            for warning in article.warnings:
                print(f"warning: {warning}", file=sys.stderr)
    try:
        paths = resolve_card_files(args.cards)
    except AnnotationError as error:
        report = CheckReport(errors=error.problems)
        paths = []
    else:
        report = check_files(paths, article)
    if article is not None and report.cards is not None:
        earlier = earlier_version(article)
        if earlier is not None:
            vanished = vanished_cards(report.cards, article, *earlier)
            report.warnings = merge_vanished(report.warnings, vanished)
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
    print(_summary(count, len(paths), article, len(report.warnings)))
    return status


def _summary(cards: int, files: int, article: Article | None, warnings: int) -> str:
    summary = f"ok: {cards} cards in {files} file(s)"
    if article is not None:
        summary += f", checked against {article.name}"
    return f"{summary}; {warnings} warning(s)"


def problem_json(problem: Problem, severity: str) -> dict:
    """One problem as scripts read it; a line or column the problem has not is null."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "severity": severity,
        "field": problem.field,
        "message": problem.message,
    }


def print_json(
    errors: list[Problem], warnings: list[Problem], cards: int, files: list[Path], status: int
) -> int:
    """`{"ok", "exit", "cards", "files", "problems": [...]}` on stdout; returns `status`."""
    problems = [problem_json(p, "error") for p in errors]
    problems += [problem_json(p, "warning") for p in warnings]
    document = {
        "ok": status == CLEAN,
        "exit": status,
        "cards": cards,
        "files": [str(path) for path in files],
        "errors": len(errors),
        "warnings": len(warnings),
        "problems": problems,
    }
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return status
