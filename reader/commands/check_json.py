"""Provides `check --format json`: the problems as one JSON object on stdout, for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from annotations.errors import Problem


def problem_json(problem: Problem, severity: str) -> dict:
    """One problem as scripts read it; a line or column the problem has not is null."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "severity": severity,
        "field": problem.field,
        "message": problem.message,
    }


def print_json(
    errors: list[Problem], warnings: list[Problem], cards: int, files: list[Path], status: int
) -> int:
    """`{"ok", "exit", "cards", "files", "problems": [...]}` on stdout; returns `status`."""
    problems = [problem_json(p, "error") for p in errors]
    problems += [problem_json(p, "warning") for p in warnings]
    document = {
        "ok": status == 0,
        "exit": status,
        "cards": cards,
        "files": [str(path) for path in files],
        "errors": len(errors),
        "warnings": len(warnings),
        "problems": problems,
    }
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return status
