"""Provides the core both file checkers share: problems with line and field, keys, text.

The cards schema and the notes checker each know their own format; what a user meets in both is
the same: every problem collected (up to a cap) with its file, line and field, unknown keys
refused with the nearest known key suggested, text that must be text, not a number or a date.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import Any

from annotations.errors import MAX_PROBLEMS, AnnotationError, Problem, too_many
from annotations.yaml.loader import LineMap, NumberLikeText, Path, describe, format_path


class ProblemCollector:
    """Collects problems while a loaded YAML document is checked, instead of stopping at one."""

    def __init__(self, file: str, lines: LineMap) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, path: Path, message: str) -> None:
        """Note one problem at `path`; past MAX_PROBLEMS, stop with what was found."""
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(too_many(self.file, self.lines.line(path)))
            raise AnnotationError(self.problems)
        self.problems.append(Problem(self.file, self.lines.line(path), format_path(path), message))

    def raise_problems(self) -> None:
        if self.problems:
            raise AnnotationError(self.problems)

    def is_mapping(self, value: Any, path: Path) -> bool:
        if isinstance(value, dict):
            return True
        self.problem(path, f"expected a mapping of keys, got {describe(value)}")
        return False

    def known_keys(self, value: dict, known: Collection[str], path: Path) -> bool:
        """True when every key of `value` is known; each unknown one is reported with a hint."""
        ok = True
        for key in value:
            if key not in known:
                self.problem((*path, key), unknown_key(key, known))
                ok = False
        return ok

    def is_text(self, value: Any, path: Path, *, empty: bool = True) -> bool:
        """True for text (not a number or date YAML read as one); blank only when `empty`."""
        if not isinstance(value, str) or isinstance(value, NumberLikeText):
            hint = " (put it in quotes to make it text)" if value is not None else ""
            self.problem(path, f"expected text, got {describe(value)}{hint}")
            return False
        if not empty and not value.strip():
            self.problem(path, "must not be empty")
            return False
        return True


def unknown_key(key: Any, known: Collection[str]) -> str:
    """The message for an unknown key: "unknown key 'alias' (did you mean 'aliases'? ...)"."""
    close = difflib.get_close_matches(str(key), list(known), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown key {key!r} ({hint}allowed: {', '.join(known)})"
