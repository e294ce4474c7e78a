"""Provides the list of recently opened articles (DATA/recent.yaml), newest first.

Updated atomically each time an article opens; `annotated-reader open` lists it, with the
built-in article always first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotations import files
from annotations.errors import AnnotationError
from annotations.notes.paths import data_dir
from annotations.sources import records

log = logging.getLogger(__name__)

FILE = "recent.yaml"
MAX_RECENT = 30
FIELDS = ("source", "title", "opened")


@dataclass(frozen=True)
class Recent:
    source: str
    """What opens it again: a URL, or an absolute file path."""
    title: str = ""
    opened: str = ""
    """When it was last opened (ISO 8601, UTC)."""


def recents_path() -> Path:
    return data_dir() / FILE


def load_recents(path: Path | None = None) -> list[Recent]:
    """The recent articles, newest first; AnnotationError for a damaged file."""
    path = path or recents_path()
    if not path.exists():
        return []
    data, checker = records.read(path, "recent articles")
    entries = data.get("recent", [])
    unknown = [key for key in data if key not in ("version", "recent")]
    for key in unknown:
        checker.problem((key,), f"unknown key {key!r}; expected version and recent")
    found: list[Recent] = []
    if not isinstance(entries, list):
        checker.problem(("recent",), "expected a list of articles")
        entries = []
    for index, entry in enumerate(entries):
        fields = records.text_fields(checker, entry, ("recent", index), FIELDS, "source")
        if fields is not None:
            found.append(Recent(**fields))
    checker.raise_problems()
    return found


def record(source: str, title: str, path: Path | None = None) -> None:
    """Put `source` first in the recents (once); OSError when the file can't be written."""
    path = path or recents_path()
    try:
        earlier = load_recents(path)
    except AnnotationError as error:
        # Damaged: set aside (kept, not deleted) and start again, so opening still records.
        log.warning("recent articles file not used: %s", error)
        path.replace(path.with_name(path.name + ".damaged"))
        earlier = []
    opened = datetime.now(UTC).isoformat(timespec="seconds")
    entries = [Recent(source, title, opened)]
    entries += [entry for entry in earlier if entry.source != source][: MAX_RECENT - 1]
    lines = ["version: 1\n", "recent:\n"]
    for entry in entries:
        fields = {"source": entry.source, "title": entry.title, "opened": entry.opened}
        lines.append(records.mapping_lines(fields, "    ").replace("    ", "  - ", 1))
    files.write_atomically(path, "".join(lines))
