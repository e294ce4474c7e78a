"""Provides strict, safe YAML loading that remembers the line of every value.

Only plain data is accepted: mappings with text keys, sequences and scalars. Anchors and aliases,
duplicate keys, merge keys and non-standard tags (such as `!!python/object`) are refused, so a file
can neither run code nor expand into a memory bomb, and a value is never silently replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from annotations.errors import AnnotationError, Problem

try:  # libyaml's C parser is several times faster; fall back to pure Python when absent.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 32
"""Deeper nesting than any of our formats needs is refused before it can exhaust the stack."""

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Path = tuple[str | int, ...]

# Plain scalars that PyYAML (YAML 1.1) reads as text but YAML 1.2 and most editors read as a
# number, such as 1e3 or 0o17: a text field holding one is refused, so that no tool disagrees.
_YAML12_NUMBER = re.compile(
    r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


class NumberLikeText(str):
    """Unquoted text that YAML 1.2 would read as a number (kept as text, flagged for checks)."""


class LineMap:
    """Maps a path inside the loaded document, like ("cards", 3, "aliases"), to its 1-based line."""

    def __init__(self) -> None:
        self._lines: dict[Path, int] = {}

    def set(self, path: Path, line: int) -> None:
        self._lines[path] = line

    def line(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest enclosing value that has one."""
        while True:
            if path in self._lines:
                return self._lines[path]
            if not path:
                return None
            path = path[:-1]


def format_path(path: Path) -> str:
    """Render a path as users read it: cards[3].aliases."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def describe(value: Any) -> str:
    """Name a loaded value's kind for an error message."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if value is None:
        return "nothing (null)"
    if isinstance(value, NumberLikeText):
        return f"{value}, which YAML 1.2 reads as a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def load_yaml(text: str, file: str) -> tuple[Any, LineMap]:
    """Parse one YAML document into plain values and a LineMap; raise AnnotationError if unsafe."""
    lines = LineMap()
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "cannot be parsed"
        context = f" ({error.context})" if error.context and error.problem else ""
        raise AnnotationError(
            Problem(
                file,
                mark.line + 1 if mark else None,
                "",
                f"YAML syntax error: {what}{context}",
                column=mark.column + 1 if mark else None,
            )
        ) from None
    except yaml.YAMLError as error:
        raise AnnotationError(Problem(file, None, "", f"YAML error: {error}")) from None
    except RecursionError:
        raise AnnotationError(
            Problem(file, None, "", f"nested too deeply (more than {MAX_DEPTH} levels)")
        ) from None
    if node is None:
        return None, lines
    builder = _Builder(file, lines)
    return builder.build(node, (), 0), lines


class _Builder:
    """Turns a composed node tree into plain Python values, refusing anything unsafe."""

    def __init__(self, file: str, lines: LineMap) -> None:
        self.file = file
        self.lines = lines
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, path: Path, message: str) -> AnnotationError:
        return AnnotationError(
            Problem(self.file, node.start_mark.line + 1, format_path(path), message)
        )

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, path, f"nested too deeply (more than {MAX_DEPTH} levels)")
        if id(node) in self.seen:
            raise self.fail(node, path, "anchors and aliases (&name, *name) are not allowed")
        self.seen.add(id(node))
        self.lines.set(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise self.fail(node, path, f"the tag {node.tag!r} is not allowed")
            if (
                not node.style
                and node.tag == "tag:yaml.org,2002:str"
                and _YAML12_NUMBER.fullmatch(node.value)
            ):
                return NumberLikeText(node.value)
            try:
                return self.constructor.construct_object(node, deep=False)
            except (yaml.YAMLError, ValueError, OverflowError) as error:
                raise self.fail(node, path, f"bad value: {error}") from None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self.fail(node, path, f"the tag {node.tag!r} is not allowed")
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise self.fail(node, path, f"the tag {node.tag!r} is not allowed")
            return self.build_mapping(node, path, depth)
        raise self.fail(node, path, "unsupported YAML node")  # pragma: no cover

    def build_mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, path, "merge keys (<<) are not allowed")
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a collection"
                raise self.fail(key_node, path, f"keys must be text, not {shown!r}")
            key = key_node.value
            if key in result:
                raise self.fail(key_node, (*path, key), "duplicate key (each key may appear once)")
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result
