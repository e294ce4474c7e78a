"""Provides the one error type a user sees: a list of problems, each with file, line and field."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.text.sanitize import display_text

MAX_PROBLEMS = 100
"""Checking a file stops after this many problems: a hostile file could make millions."""
MAX_SHOWN = 400
"""A longer field or message is shown cut in the middle, so a huge key or value can't flood
the terminal."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, in words a user can act on."""

    file: str
    """The file's path as the user gave it."""
    line: int | None
    """1-based line, when the problem has one."""
    field: str
    """Where in the document, as `cards[3].aliases`; empty for the whole file."""
    message: str
    """What is wrong, in plain words."""
    column: int | None = None
    """1-based column, for syntax errors."""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {_clip(self.field)}:" if self.field else ""
        # Keys and values come from the file: their control characters must not reach a terminal.
        return display_text(f"{where}:{field} {_clip(self.message)}")


class AnnotationError(Exception):
    """Raised with every problem found in an input, so a user can fix them all at once."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = sorted(problems, key=_sort_key)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @classmethod
    def single(
        cls, file: str, message: str, *, line: int | None = None, field: str = ""
    ) -> AnnotationError:
        return cls([Problem(file, line, field, message)])


def too_many(file: str, line: int | None) -> Problem:
    """The problem added when a file has more than MAX_PROBLEMS; with no line, it shows first."""
    where = f" (checking stopped at line {line})" if line is not None else ""
    message = f"more than {MAX_PROBLEMS} problems; the first {MAX_PROBLEMS} are listed{where}"
    return Problem(file, None, "", message)


def _clip(text: str) -> str:
    """`text`, or when longer than MAX_SHOWN its two ends around how much is left out."""
    if len(text) <= MAX_SHOWN:
        return text
    head, tail = MAX_SHOWN * 2 // 3, MAX_SHOWN // 3
    return f"{text[:head]}… ({len(text) - head - tail:,} characters not shown) …{text[-tail:]}"


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0, problem.field, problem.message)
