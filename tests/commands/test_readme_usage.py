"""The README's command table and each command's --help agree on which options are required."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from reader.cli import main

README = Path(__file__).parents[2] / "README.md"


def readme_usages() -> list[str]:
    """Each `annotated-reader ...` of the README's command table."""
    rows = re.findall(r"^\| `(annotated-reader[^`]*)` \|", README.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 5, "the README's command table was not found"
    return rows


def options(usage: str) -> dict[str, bool]:
    """{--option: required} as a usage line shows them (an option in brackets is optional)."""
    found: dict[str, bool] = {}
    depth = 0
    for token in re.findall(r"\[|\]|--[a-z][a-z-]*", usage):
        if token == "[":
            depth += 1
        elif token == "]":
            depth -= 1
        else:
            found.setdefault(token, depth == 0)
    return found


def command_words(usage: str) -> list[str]:
    """`notes list` of "annotated-reader notes list ARTICLE [--json]"."""
    words = []
    for word in usage.split()[1:]:
        if not re.fullmatch(r"[a-z][a-z-]*", word):
            break
        words.append(word)
    return words


def help_usage(words: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main([*words, "--help"])
    text = out.getvalue()
    return text[: text.index("\n\n")]  # the usage paragraph


@pytest.mark.parametrize("usage", readme_usages())
def test_readme_and_help_agree_on_required_options(usage):
    words = command_words(usage)
    in_help = options(help_usage(words))
    in_readme = options(usage)
    unknown = set(in_readme) - set(in_help)
    assert not unknown, f"README shows options --help does not know: {unknown}"
    required_help = {name for name, required in in_help.items() if required} - {"--help"}
    required_readme = {name for name, required in in_readme.items() if required}
    assert required_readme == required_help, usage
