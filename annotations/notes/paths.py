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


def follow_links(path: Path) -> Path:
    """`path`, or the file a symbolic link at `path` points to (even one not there yet)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


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


def keyed_notes_path(article: Article) -> Path:
    """DATA_DIR/notes/<slug>-<key>.notes.yaml: the notes file named after this article's path."""
    stem = article.path.stem if article.path is not None else article.name
    return data_dir() / "notes" / f"{slug(stem)}-{article_key(article)}.notes.yaml"


def default_notes_path(article: Article) -> Path:
    """The notes file for this article: the one named after its path, when there is one; else
    one made on exactly this text under another name or path (the file was renamed or moved);
    else the one named after its path, to be created."""
    keyed = keyed_notes_path(article)
    if os.path.lexists(keyed):
        return keyed
    return notes_by_text(article) or keyed


MAX_SCANNED = 5_000
"""At most this many notes files are looked into when looking for an article's notes by text."""
_HEAD = 4096
_SHA256_LINE = re.compile(rb"^  sha256: ['\"]?([0-9a-f]{64})['\"]?\s*$", re.MULTILINE)


def notes_by_text(article: Article) -> Path | None:
    """The notes file in the notes folder whose article text has this article's sha256.

    Only each file's first few kilobytes are read (the hash is on its fourth line); where several
    files match, the one changed last wins.
    """
    from annotations import files

    folder = data_dir() / "notes"
    wanted = article.sha256.encode("ascii")
    found: list[tuple[int, Path]] = []
    try:
        candidates = sorted(folder.glob("*.notes.yaml"))[:MAX_SCANNED]
    except OSError:
        return None
    for path in candidates:
        head = files.read_head(path, _HEAD)
        match = _SHA256_LINE.search(head) if head else None
        if match is not None and match.group(1) == wanted:
            try:
                found.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue
    return max(found)[1] if found else None
