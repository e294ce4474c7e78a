"""Provides PathSuggester: completes a file path as it is typed (a URL is left alone)."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

from annotations.sources.fetch import is_url

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_LISTED = 2000
"""A folder with more entries than this is only partly looked at (a key press stays quick)."""


def complete_path(value: str) -> str | None:
    """`value` completed to the first matching entry of its folder (folders end in "/"),
    preferring folders and articles; None when nothing matches."""
    if not value or is_url(value) or value.startswith(("http:", "https:")):
        return None
    folder_part, _, prefix = value.rpartition("/")
    folder = Path(os.path.expanduser(folder_part + "/" if folder_part or value[0] == "/" else "."))
    try:
        with os.scandir(folder) as entries:
            found = []
            for index, entry in enumerate(entries):
                if index >= MAX_LISTED:
                    break
                if entry.name.startswith(prefix) and (
                    prefix.startswith(".") or entry.name[0] != "."
                ):
                    found.append(entry)
    except OSError:
        return None
    if not found:
        return None

    def rank(entry: os.DirEntry) -> tuple[int, str]:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        article = entry.name.lower().endswith(ARTICLE_SUFFIXES)
        return (0 if is_folder or article else 1, entry.name)

    best = min(found, key=rank)
    try:
        tail = "/" if best.is_dir() else ""
    except OSError:
        tail = ""
    return value + best.name[len(prefix) :] + tail


class PathSuggester(Suggester):
    """Suggests the rest of a path from the file system (never cached: folders change)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        completed = complete_path(value)
        return completed if completed != value else None
