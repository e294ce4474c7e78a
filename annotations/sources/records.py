"""Provides the small YAML files this package keeps: a kept text's metadata, the recents list.

Both are written by the reader, never by hand, but may be edited or damaged all the same: they
are read strictly (version 1, known keys, text values), each problem naming file, line and field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotations import files
from annotations.yaml.loader import LineMap, load_yaml
from annotations.yaml.validate import ProblemCollector

MAX_RECORD_BYTES = 1024 * 1024


def read(path: Path, what: str) -> tuple[dict, ProblemCollector]:
    """Load a `version: 1` mapping; the collector goes on checking its fields."""
    text = files.read_text(path, limit=MAX_RECORD_BYTES, what=what)
    data, lines = load_yaml(text, str(path))
    checker = ProblemCollector(str(path), lines)
    if not checker.is_mapping(data, ()):
        checker.raise_problems()
    if data.get("version") != 1:
        checker.problem(("version",), "expected version: 1")
        checker.raise_problems()
    return data, checker


def text_fields(
    checker: ProblemCollector, data: Any, path: tuple, known: tuple[str, ...], required: str
) -> dict[str, str] | None:
    """The text fields of one mapping, every key known; None (problems noted) otherwise."""
    if not checker.is_mapping(data, path):
        return None
    ok = checker.known_keys(data, known, path)
    for key, value in data.items():
        if key in known and not checker.is_text(value, (*path, key)):
            ok = False
    if required not in data:
        checker.problem(path, f"'{required}' is missing")
        ok = False
    return {key: data[key] for key in known if key in data} if ok else None


def mapping_lines(fields: dict[str, str], indent: str = "") -> str:
    """`key: "value"` lines (a JSON string is a YAML string, so any text round-trips)."""
    return "".join(f"{indent}{key}: {json.dumps(value)}\n" for key, value in fields.items())


__all__ = ["LineMap", "read", "text_fields", "mapping_lines"]
