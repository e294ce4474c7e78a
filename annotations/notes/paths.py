"""Provides where notes live: the user's data folder (or ANNOTATED_READER_DATA_DIR), per article.

Everything is computed when asked, never at import, so tests and users can move the folder with
the environment variable at any time.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import platformdirs

from annotations.builtin import BUILTIN_NAME, article_path
from annotations.text.article import Article

APP_NAME = "annotated-reader"
DATA_DIR_VARIABLE = "ANNOTATED_READER_DATA_DIR"
"""Set this to keep notes somewhere else than the platform's user data folder (tests do)."""


def data_dir() -> Path:
    """The base data folder: $ANNOTATED_READER_DATA_DIR, else the platform's user data folder."""
    chosen = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def is_builtin(article: Article) -> bool:
    """True for the built-in article, wherever the package happens to be installed."""
    if article.path is None:
        return False
    try:
        return article.path.resolve() == article_path().resolve()
    except OSError:
        return False


def article_key(article: Article) -> str:
    """What tells articles apart in the notes folder: "builtin", or a short hash of the path.

    The path rather than the text is hashed, so that correcting the article keeps its notes file.
    """
    if is_builtin(article):
        return BUILTIN_NAME
    if article.path is None:
        return "text-" + article.sha256[:12]
    resolved = str(article.path.resolve())
    return hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def slug(name: str) -> str:
    """A file-name-safe, readable form of a name: lower case letters, digits and dashes."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return cleaned[:40].rstrip("-") or "article"


def default_notes_path(article: Article) -> Path:
    """DATA_DIR/notes/<slug>-<key>.notes.yaml for this article."""
    stem = article.path.stem if article.path is not None else article.name
    return data_dir() / "notes" / f"{slug(stem)}-{article_key(article)}.notes.yaml"
