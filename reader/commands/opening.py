"""Provides what the commands on one article share: its arguments, loading it, and its label."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations import builtin
from annotations.errors import Problem
from annotations.notes.paths import keyed_notes_path
from annotations.notes.store import NotesStore
from annotations.sources.load import load_source
from annotations.text.article import Article
from annotations.text.article import load_article as load_article_file
from reader.commands.output import print_problems


def article_arguments(parser: argparse.ArgumentParser) -> None:
    """ARTICLE, --notes and --encoding, as every notes command takes them."""
    parser.add_argument("article", metavar="ARTICLE", help="a text file, or 'builtin'")
    parser.add_argument(
        "--notes",
        type=Path,
        metavar="FILE",
        help="the notes file (default: per article, in the"
        " user data folder, or under $ANNOTATED_READER_DATA_DIR)",
    )
    parser.add_argument("--encoding", metavar="ENC", help="the article's encoding (default UTF-8)")


def load_article(argument: str, encoding: str | None) -> Article:
    """The article ARTICLE names; AnnotationError when it can't be read."""
    if argument == builtin.BUILTIN_NAME:
        article = load_article_file(builtin.article_path())
        # The reader names the built-in article after its cards; so does this, without
        # parsing and linking every card to learn a title.
        article.name = builtin.TITLE
        return article
    # A Markdown file, an HTML page or a URL: the same text (and notes file) as the reader's.
    return load_source(argument, encoding=encoding).article


def say_warnings(article: Article) -> None:
    """What loading the article noticed (as text read in an unlikely encoding), on stderr."""
    for warning in article.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def open_store(argument: str, article: Article, notes: Path | None) -> NotesStore:
    """The article's notes, as the reader would open them; says on stderr when they were found
    by the article's text (made on it under another name or path)."""
    store = NotesStore.open(article, notes)
    if notes is None and store.broken is None and store.path != keyed_notes_path(article):
        found = "found by the article's text: they were made on it under another name or path"
        print_problems([Problem(str(store.path), None, "", found)], "note")
    return store


def label(argument: str, article: Article) -> str:
    """The article as the user named it: "builtin", not where the package happens to live."""
    if argument == builtin.BUILTIN_NAME:
        return builtin.BUILTIN_NAME
    return article.source or str(article.path)  # a URL or HTML page: its source, not kept text
