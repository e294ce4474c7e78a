"""Provides the one error type a user sees: a list of problems, each with file, line and field."""

from __future__ import annotations

from dataclasses import dataclass


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
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


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


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0, problem.field, problem.message)
