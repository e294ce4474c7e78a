"""Provides the one way commands print problems: `LEVEL: FILE:LINE: field: message`, on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from annotations.errors import AnnotationError, Problem


def print_problems(problems: AnnotationError | Iterable[Problem], level: str = "error") -> None:
    """Print each problem on its own line, prefixed by its level (error or warning)."""
    if isinstance(problems, AnnotationError):
        problems = problems.problems
    for problem in problems:
        print(f"{level}: {problem}", file=sys.stderr)


def fail(problems: AnnotationError | Iterable[Problem], status: int) -> int:
    """Print the problems as errors; returns `status`, for `return fail(...)`."""
    print_problems(problems)
    return status
