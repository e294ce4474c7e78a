"""Provides strict, safe YAML loading that remembers the line of every value.

Only plain data is accepted: mappings with text keys, sequences and scalars. Anchors and aliases,
duplicate keys, merge keys and non-standard tags (such as `!!python/object`) are refused, so a file
can neither run code nor expand into a memory bomb, and a value is never silently replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationError, Problem
from annotations.yaml.syntax import syntax_problem

if TYPE_CHECKING:
    import yaml


@cache
def _loader() -> type:
    """PyYAML's loader, imported on first use: a reader with nothing to parse never pays for it.

    libyaml's C parser is several times faster; fall back to pure Python when absent.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_DEPTH = 32
"""Deeper nesting than any of our formats needs is refused before it can exhaust the stack."""
_CRASH_DEPTH = 1_000
"""Nesting refused before composing at all: libyaml's composer recurses in C and would crash."""
MAX_KEYS = 1_000
"""More keys in one mapping than any of our formats has: refused before they fill memory."""
MAX_VALUES = 2_000_000
"""Twice the values of a 16 MiB notes file of the smallest notes: keeps a hostile file's memory
bounded (a flow list of numbers packs 8 million values into the size limit)."""

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


def reads_as_number(text: str) -> bool:
    """Whether unquoted `text` would be a number to YAML 1.2 (so a writer must quote it)."""
    return _YAML12_NUMBER.fullmatch(text) is not None


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
    import yaml

    builder = _EventBuilder(file)
    try:
        for event in yaml.parse(text, Loader=_loader()):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        raise AnnotationError(syntax_problem(error, text, file, MAX_DEPTH)) from None
    except yaml.reader.ReaderError as error:
        # Its position counts UTF-8 bytes (libyaml) or characters: find the character instead.
        code = error.character if isinstance(error.character, int) else ord(error.character)
        line = text.count("\n", 0, max(text.find(chr(code)), 0)) + 1
        message = f"the control character U+{code:04X} is not allowed in YAML; remove it"
        raise AnnotationError(Problem(file, line, "", message)) from None
    except yaml.YAMLError as error:
        raise AnnotationError(Problem(file, None, "", f"YAML error: {error}")) from None
    return builder.result, builder.lines


_STR_TAG = "tag:yaml.org,2002:str"


@cache
def _implicit() -> dict:
    import yaml

    return yaml.resolver.Resolver.yaml_implicit_resolvers


def _bad_value(tag: str, value: str, error: BaseException | None) -> str:
    """What is wrong with a scalar that PyYAML could not construct as `tag`."""
    if _resolve_plain(value) != tag:
        return f"{value!r} is not a valid !!{tag.rsplit(':', 1)[-1]}"
    if tag == "tag:yaml.org,2002:timestamp":
        return f"{value!r} is not a valid date ({error})"
    if tag == "tag:yaml.org,2002:int":  # only Python's limit on digits fails here
        return f"a number too large to read ({len(value):,} characters)"
    return f"bad value: {error}"


def _resolve_plain(value: str) -> str:
    """The tag YAML gives an unquoted scalar (what PyYAML's resolver does, without its cost)."""
    for tag, pattern in _implicit().get(value[:1] if value else "", ()):
        if pattern.match(value):
            return tag
    return _STR_TAG


class _EventBuilder:
    """Builds plain values straight from parser events, refusing anything unsafe as it goes.

    Working from events (never composing a node tree) means an alias is refused where it
    appears, before anything could expand, and deep nesting is refused at MAX_DEPTH from a
    loop: libyaml's recursive composer would crash the process on a few thousand levels.
    """

    def __init__(self, file: str) -> None:
        import yaml

        self.yaml = yaml
        self.file = file
        self.lines = LineMap()
        self.result: Any = None
        self.anchors: dict[str, tuple[Path, int]] = {}
        self.constructor = yaml.constructor.SafeConstructor()
        # Open collections: (container, path, pending key or None, key line) for mappings.
        self.stack: list[list] = []
        self.documents = 0
        self.values = 0

    def fail(self, line: int, path: Path, message: str) -> AnnotationError:
        return AnnotationError(Problem(self.file, line, format_path(path), message))

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        yaml = self.yaml
        if kind is yaml.ScalarEvent:
            self.scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self.open(event, {} if kind is yaml.MappingStartEvent else [])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            container, path, _, _ = self.stack.pop()
            self.place(container, path)
        elif kind is yaml.AliasEvent:
            path = self.next_path()
            if event.anchor not in self.anchors:
                mark = event.start_mark
                message = "YAML syntax error: found undefined alias"
                raise AnnotationError(
                    Problem(self.file, mark.line + 1, "", message, column=mark.column + 1)
                )
            where, line = self.anchors[event.anchor]
            # Name where the anchored value was defined, and where it would be repeated.
            raise self.fail(
                line,
                where,
                "anchors and aliases (&name, *name) are not allowed;"
                f" this value is repeated at {format_path(path)}",
            )
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                mark = event.start_mark
                raise AnnotationError(
                    Problem(
                        self.file,
                        mark.line + 1,
                        "",
                        "YAML syntax error: expected a single document in the stream,"
                        " but found another document",
                        column=mark.column + 1,
                    )
                )

    # Where values go ---------------------------------------------------------------------------

    def next_path(self) -> Path:
        """The path of the value about to be read."""
        if not self.stack:
            return ()
        container, path, key, _ = self.stack[-1]
        if isinstance(container, list):
            return (*path, len(container))
        return (*path, key) if key is not None else path

    def check_anchor(self, event: yaml.NodeEvent, path: Path) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = (path, event.start_mark.line + 1)

    def open(self, event: yaml.CollectionStartEvent, container: list | dict) -> None:
        expected = _MAP_TAG if isinstance(container, dict) else _SEQ_TAG
        if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None:
            parent_path = self.stack[-1][1]
            raise self.fail(
                event.start_mark.line + 1, parent_path, "keys must be text, not a list or mapping"
            )
        path = self.next_path()
        line = event.start_mark.line + 1
        if event.tag not in (None, "!", expected):
            raise self.fail(line, path, f"the tag {event.tag!r} is not allowed")
        if len(self.stack) > MAX_DEPTH:
            raise self.fail(line, path, f"nested too deeply (more than {MAX_DEPTH} levels)")
        self.check_anchor(event, path)
        self.lines.set(path, line)
        self.stack.append([container, path, None, line])

    def scalar(self, event: yaml.ScalarEvent) -> None:
        line = event.start_mark.line + 1
        if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None:
            self.key(event, line)
            return
        path = self.next_path()
        self.check_anchor(event, path)
        self.lines.set(path, line)
        self.place(self.value(event, path, line), path)

    def key(self, event: yaml.ScalarEvent, line: int) -> None:
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        plain = event.implicit[0] and not event.style
        tag = _resolve_plain(event.value) if plain else (event.tag or _STR_TAG)
        if tag == "tag:yaml.org,2002:merge":
            raise self.fail(line, path, "merge keys (<<) are not allowed")
        if tag not in (_STR_TAG, "!"):
            shown = f"{event.value!r} (put it in quotes to make it text)"
            raise self.fail(line, path, f"keys must be text, not {shown}")
        key = event.value
        if len(container) >= MAX_KEYS:
            raise self.fail(line, path, f"too many keys in one mapping (more than {MAX_KEYS:,})")
        if key in container:
            raise self.fail(line, (*path, key), "duplicate key (each key may appear once)")
        frame[2] = key

    def value(self, event: yaml.ScalarEvent, path: Path, line: int) -> Any:
        value = event.value
        explicit = event.tag not in (None, "!")
        if explicit:
            if event.tag not in _SCALAR_TAGS:
                raise self.fail(line, path, f"the tag {event.tag!r} is not allowed")
            tag = event.tag
        elif event.implicit[0] and not event.style:
            tag = _resolve_plain(value)
        else:
            return value
        if tag == _STR_TAG:
            if not explicit and not event.style and _YAML12_NUMBER.fullmatch(value):
                return NumberLikeText(value)
            return value
        yaml = self.yaml
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            constructed = self.constructor.construct_object(node, deep=False)
        except (
            yaml.YAMLError,
            ValueError,
            OverflowError,
            IndexError,
            KeyError,
            AttributeError,
        ) as error:
            # PyYAML's constructors trust the resolver, which an explicit tag (!!int x) bypasses.
            raise self.fail(line, path, _bad_value(tag, value, error)) from None
        finally:
            # The constructor keeps every node it has built: a file of numbers would fill memory.
            self.constructor.constructed_objects.clear()
        if type(constructed) is int and constructed.bit_length() > 64:
            # 0x, 0o, 0b and 1:30:00 numbers escape Python's digit limit, and then can't be shown.
            raise self.fail(line, path, f"a number too large to read ({len(value):,} characters)")
        return constructed

    def place(self, value: Any, path: Path) -> None:
        """Put a finished value into its parent (or make it the document)."""
        self.values += 1
        if self.values > MAX_VALUES:
            message = f"too many values in one file (more than {MAX_VALUES:,})"
            raise self.fail(self.lines.line(path) or 1, path, message)
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        else:
            container[frame[2]] = value
            frame[2] = None
