"""Provides `annotated-reader check`: validate cards files, and lint how they link to an article."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations.cards.check import check_files
from annotations.cards.vanished import merge_vanished, vanished_cards
from annotations.errors import AnnotationError
from annotations.reading import resolve_article
from annotations.text.article import load_article
from annotations.versions.store import VersionStore
from reader.commands.output import fail, print_problems

CLEAN, ERRORS, UNREADABLE_ARTICLE = 0, 1, 2


def check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader check",
        description="Validate cards files; with --article, also lint how they link to it.",
    )
    parser.add_argument("cards", nargs="+", type=Path, metavar="CARDS.yaml")
    parser.add_argument("--article", metavar="TEXT", help="an article file, or 'builtin'")
    parser.add_argument("--encoding", metavar="ENC", help="the article's encoding (default UTF-8)")
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
    article = None
    if args.article:
        try:
            article = load_article(resolve_article(args.article)[0], encoding=args.encoding)
        except AnnotationError as error:
            return fail(error, UNREADABLE_ARTICLE)
        for warning in article.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    report = check_files(args.cards, article)
    if article is not None and report.cards is not None:
        earlier = earlier_version(article)
        if earlier is not None:
            vanished = vanished_cards(report.cards, article, *earlier)
            report.warnings = merge_vanished(report.warnings, vanished)
    print_problems(report.errors)
    print_problems(report.warnings, "warning")
    if report.errors:
        print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)", file=sys.stderr)
        return ERRORS
    count = len(report.cards) if report.cards else 0
    summary = f"ok: {count} cards in {len(args.cards)} file(s)"
    if article is not None:
        summary += f", checked against {article.name}"
    print(f"{summary}; {len(report.warnings)} warning(s)")
    return CLEAN
