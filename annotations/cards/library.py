"""Provides card libraries: the cards files that `--cards` paths, folders and the environment name.

A newsroom keeps one library of cards for many articles: `--cards` may name files or folders
(every `*.cards.yaml` under a folder is loaded), and ANNOTATED_READER_CARDS, a list of folders
separated as PATH is (os.pathsep), adds libraries to every article. The files are loaded by
annotations.cards.load, each through the cache, and merged there: an id used in two files is
an error naming both files and lines.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotations.cards.load import load_cards
from annotations.cards.model import CardSet
from annotations.errors import AnnotationError, Problem

LIBRARY_VARIABLE = "ANNOTATED_READER_CARDS"
"""Folders (os.pathsep-separated, like PATH) whose cards are added to every article."""
CARDS_SUFFIX = ".cards.yaml"
"""What a cards file's name ends with, for it to be found in a folder."""


def library_folders(environ: dict[str, str] | None = None) -> list[Path]:
    """The folders ANNOTATED_READER_CARDS names, in order; empty entries are skipped, as in PATH."""
    value = (os.environ if environ is None else environ).get(LIBRARY_VARIABLE, "")
    return [Path(entry) for entry in value.split(os.pathsep) if entry.strip()]


def cards_in_folder(folder: Path) -> list[Path]:
    """Every `*.cards.yaml` file under `folder`, at any depth, in a stable (sorted) order."""
    return sorted(
        path for path in folder.rglob(f"*{CARDS_SUFFIX}") if path.is_file() or path.is_symlink()
    )


def resolve_card_files(paths: list[Path], *, source: str = "") -> list[Path]:
    """The cards files `paths` name: files as given, folders as every cards file under them.

    A file named twice (directly and through a folder, or by two folders) is loaded once, where
    it first comes. A folder with no cards file in it, or a path that does not exist, is an
    error; `source` says where the path came from ("ANNOTATED_READER_CARDS") for the message.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    where = f" (from {source})" if source else ""
    for path in paths:
        if path.is_dir():
            inside = cards_in_folder(path)
            if not inside:
                problems.append(
                    Problem(str(path), None, "", f"no *{CARDS_SUFFIX} file in this folder{where}")
                )
            found.extend(inside)
        elif source and not path.exists():
            problems.append(Problem(str(path), None, "", f"no such folder{where}"))
        else:
            found.append(path)  # a missing or unreadable file is reported when it is read
    if problems:
        raise AnnotationError(problems)
    return _once_each(found)


def _once_each(paths: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for path in paths:
        try:
            key = path.resolve()
        except OSError:  # a symlink loop: left for the reader to report
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def article_card_files(paths: list[Path], environ: dict[str, str] | None = None) -> list[Path]:
    """An article's own cards files (`paths`: files or folders), then the libraries' from the
    environment, each file once; raise AnnotationError naming every path that is wrong."""
    problems: list[Problem] = []
    own: list[Path] = []
    library: list[Path] = []
    try:
        own = resolve_card_files(paths)
    except AnnotationError as error:
        problems.extend(error.problems)
    try:
        library = resolve_card_files(library_folders(environ), source=LIBRARY_VARIABLE)
    except AnnotationError as error:
        problems.extend(error.problems)
    if problems:
        raise AnnotationError(problems)
    return _once_each(own + library)


def load_library(paths: list[Path], environ: dict[str, str] | None = None) -> CardSet:
    """Every card an article gets: its own files or folders, then the environment's libraries."""
    return load_cards(article_card_files(paths, environ))
