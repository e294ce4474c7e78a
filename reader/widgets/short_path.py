"""Provides paths shortened to fit a line: the home folder as ~, the middle as an ellipsis."""

from __future__ import annotations

import os


def short_path(path: str, width: int) -> str:
    """`path` in at most `width` characters, keeping its start and its file name."""
    home = os.path.expanduser("~")
    if home not in ("", "/") and (path == home or path.startswith(home + os.sep)):
        path = "~" + path[len(home) :]
    if len(path) <= width:
        return path
    name = os.path.basename(path)
    if width <= len(name) + 2:
        return "…" + name[-max(width - 1, 1) :]
    keep = width - len(name) - 2  # "…/" before the name
    return path[:keep] + "…/" + name


def fit_status(message: str, path: str, width: int) -> str:
    """A status line naming `path`, with the path shortened so the rest of it stays in view."""
    if len(message) <= width or path not in message:
        return message
    room = max(width - (len(message) - len(path)), 12)
    return message.replace(path, short_path(path, room), 1)
