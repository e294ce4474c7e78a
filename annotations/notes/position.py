"""Provides the reading position: where the cursor was when an article was last read.

One small JSON file per article in the data folder, DATA_DIR/positions/<slug>-<key>.position.json
(the same key as the article's notes file, see notes.paths), written atomically. The place is kept
as a mark is (offset, and the text there), so an edit of the article before it does not move the
reader onto other words. JSON rather than YAML: it is read before the first frame, and the
standard library reads it at once, where PyYAML would add its import to every start.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from annotations import files
from annotations.errors import AnnotationError, Problem
from annotations.notes.marks import Mark, make_mark, place_mark
from annotations.notes.paths import article_key, data_dir, slug
from annotations.text.article import Article

VERSION = 1
MAX_BYTES = 64 * 1024
"""A position file is a few hundred bytes; anything much larger is not one."""
KEYS = ("version", "article", "offset", "quote", "prefix")


def position_path(article: Article) -> Path:
    """DATA_DIR/positions/<slug>-<key>.position.json, beside the notes folder."""
    stem = article.path.stem if article.path is not None else article.name
    return data_dir() / "positions" / f"{slug(stem)}-{article_key(article)}.position.json"


def dump_position(article: Article, mark: Mark) -> str:
    """The file's text: one key a line, so a problem can be told by its line."""
    data = {
        "version": VERSION,
        "article": article.name,
        "offset": mark.offset,
        "quote": mark.quote,
        "prefix": mark.prefix,
    }
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


def parse_position(text: str, file: str) -> Mark:
    """The place a position file holds; AnnotationError naming the file, line and field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg}"
        raise AnnotationError.single(file, message, line=error.lineno) from None
    if not isinstance(data, dict):
        raise AnnotationError.single(file, "expected an object of keys", line=1)
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(file, _line_of(text, field), field, message))

    for key in data:
        if key not in KEYS:
            problem(key, f"unknown key {key!r} (allowed: {', '.join(KEYS)})")
    for key in KEYS:
        if key not in data:
            problems.append(Problem(file, 1, "", f"missing required key {key!r}"))
    if problems:
        raise AnnotationError(problems)
    if data["version"] != VERSION or isinstance(data["version"], bool):
        problem("version", f"expected {VERSION}, got {data['version']!r}")
    offset = data["offset"]
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        problem("offset", f"expected a whole number (0 or more), got {offset!r}")
    for key in ("article", "quote", "prefix"):
        if not isinstance(data[key], str):
            problem(key, f"expected text, got {data[key]!r}")
    if isinstance(data["quote"], str) and not data["quote"]:
        problem("quote", "must not be empty")
    if problems:
        raise AnnotationError(problems)
    return Mark(offset, data["quote"], data["prefix"])


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf'^\s*"{re.escape(key)}"\s*:', text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def load_position(article: Article, path: Path | None = None) -> int | None:
    """Where the reader left `article`: an offset in its current text, or None (never read, or
    the text there is gone). AnnotationError when the file can't be read or is not valid."""
    path = path or position_path(article)
    try:
        path.stat()
    except FileNotFoundError:
        return None
    except OSError:
        pass  # read_text says why, in the user's words
    text = files.read_text(path, limit=MAX_BYTES, what="reading position")
    mark = parse_position(text, str(path))
    offset = place_mark(article.text, mark)
    if offset is None or not 0 <= offset < len(article.text):
        return None
    return offset


def save_position(article: Article, offset: int, path: Path | None = None) -> Path:
    """Remember `offset` as where `article` was left (atomically); OSError if it can't be."""
    path = path or position_path(article)
    files.write_atomically(path, dump_position(article, make_mark(article.text, offset)))
    return path
