"""Provides YAML syntax errors as one line a user can act on, naming where to fix them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.errors import Problem

if TYPE_CHECKING:
    import yaml


_OPENED = {
    "a quoted scalar": "a quote",
    "a flow sequence": "a bracket [",
    "a flow mapping": "a brace {",
}
"""Unclosed things the parser names in its context ("while scanning a quoted scalar")."""


def syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str, max_depth: int) -> Problem:
    """A YAML syntax error as one line a user can act on."""
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "cannot be parsed"
    context = f" ({error.context})" if error.context and error.problem else ""
    start = error.context_mark
    opened = _OPENED.get((error.context or "").removeprefix("while ").split(" ", 1)[-1])
    at_tab = mark is not None and _char_at(text, mark.line, mark.column) == "\t"
    if opened and start and mark and start.line < mark.line and not at_tab:
        # An unclosed bracket or quote is found far below where it opened: the user must fix it
        # where it opens, so that is the line named; where the parser gave up comes after.
        return Problem(
            file,
            start.line + 1,
            "",
            f"YAML syntax error: {opened} opened here is not closed"
            f" (the parser gave up on line {mark.line + 1}: {error.problem})",
            column=start.column + 1,
        )
    if context and start and mark and start.line != mark.line:
        context = f" ({error.context}, which starts on line {start.line + 1})"
    if error.problem and error.problem.startswith("but found") and error.context:
        what, context = f"{error.context}, {error.problem}", ""
    if mark and _char_at(text, mark.line, mark.column) == "\t":
        what, context = "a tab character here; indent YAML with spaces, not tabs", ""
    if "maximum nesting depth" in what:
        # Newer PyYAML stops runaway nesting in its scanner, before our own limit sees it.
        return Problem(
            file,
            mark.line + 1 if mark else None,
            "",
            f"nested too deeply (more than {max_depth} levels)",
            column=mark.column + 1 if mark else None,
        )
    return Problem(
        file,
        mark.line + 1 if mark else None,
        "",
        f"YAML syntax error: {what}{context}",
        column=mark.column + 1 if mark else None,
    )


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column of `text`, or "" past its end."""
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""
