"""Provides what an imported annotation becomes before it is placed: a `Candidate`, and the
checks W3C and Hypothesis readers share (selectors, dates, tags), each refusal with its field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from annotations.notes.model import COLORS, DEFAULT_COLOR, Quote

_SPACES = re.compile(r"\s+")


class Rejected(Exception):
    """An entry that can't be imported: which field, and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Candidate:
    """One annotation read from a file, ready to be anchored."""

    where: str
    """Where it is in the file, as `rows[3]` or `first.items[0]`."""
    ids: tuple[str, ...]
    """Its ids (its own, canonical, via): any one already in the notes makes it a duplicate.
    The first is kept on the note as `imported_from`."""
    quote: Quote
    position: tuple[int, int] | None
    """Its TextPositionSelector, a hint for where to look; None when it had none."""
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str = DEFAULT_COLOR
    created: dt.datetime | None = None
    updated: dt.datetime | None = None


def kind(value: Any) -> str:
    """A JSON value's kind, for a message."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def types_of(value: dict) -> list[str]:
    """The `type` of a JSON-LD object as a list (it may be one string or several)."""
    found = value.get("type", value.get("@type", []))
    found = [found] if isinstance(found, str) else found
    return [item for item in found if isinstance(item, str)] if isinstance(found, list) else []


def as_list(value: Any) -> list:
    """A JSON-LD value that may be one item or a list of them, as a list."""
    return value if isinstance(value, list) else [value]


def find_selectors(target: Any, field: str) -> tuple[Quote | None, tuple[int, int] | None]:
    """The TextQuoteSelector and TextPositionSelector of one target (its `selector`, and any
    selector they are refined by); (None, None) for a target without them."""
    if not isinstance(target, dict):
        return None, None
    quote: Quote | None = None
    position: tuple[int, int] | None = None
    listed = isinstance(target.get("selector"), list)
    pending = [
        (item, f"{field}.selector" + (f"[{number}]" if listed else ""))
        for number, item in enumerate(as_list(target.get("selector", [])))
    ]
    seen = 0
    while pending and seen < 50:  # refinedBy chains are short; a hostile one must not loop on
        selector, path = pending.pop(0)
        seen += 1
        if not isinstance(selector, dict):
            continue
        names = types_of(selector)
        if "TextQuoteSelector" in names and quote is None:
            quote = read_quote(selector, path)
        elif "TextPositionSelector" in names and position is None:
            position = read_position(selector, path)
        if "refinedBy" in selector:
            pending += [(item, f"{path}.refinedBy") for item in as_list(selector["refinedBy"])]
    return quote, position


def read_quote(selector: dict, path: str) -> Quote:
    exact = selector.get("exact")
    if not isinstance(exact, str) or not exact:
        got = "an empty string" if exact == "" else kind(exact)
        raise Rejected(f"{path}.exact", f"expected the quoted text, got {got}")
    parts = []
    for key in ("prefix", "suffix"):
        value = selector.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise Rejected(f"{path}.{key}", f"expected text, got {kind(value)}")
        parts.append(value)
    return Quote(exact, parts[0], parts[1])


def read_position(selector: dict, path: str) -> tuple[int, int]:
    values = []
    for key in ("start", "end"):
        value = selector.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            got = kind(value)
            raise Rejected(f"{path}.{key}", f"expected a whole number (0 or more), got {got}")
        values.append(value)
    if values[1] <= values[0]:
        raise Rejected(f"{path}.end", f"must be greater than start ({values[0]}), not {values[1]}")
    return values[0], values[1]


def read_time(value: Any, field: str) -> dt.datetime | None:
    """An xsd:dateTime (ISO 8601) as UTC to the second; one with no zone is taken as UTC.
    None when absent."""
    if value is None:
        return None
    moment = None
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            moment = None
    if moment is None:
        shown = repr(value) if isinstance(value, str) else kind(value)
        raise Rejected(field, f"expected a date and time like 2026-11-28T05:00:00Z, got {shown}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def read_tag(value: Any, field: str) -> str:
    """A tag as the notes keep it: one word. Spaces inside become hyphens ("foreign policy"
    is `foreign-policy`), a leading # is dropped."""
    if not isinstance(value, str):
        raise Rejected(field, f"expected a tag (text), got {kind(value)}")
    tag = _SPACES.sub("-", value.strip()).lstrip("#")
    if not tag or not tag.isprintable():
        raise Rejected(field, "a tag must be printable text, not empty")
    return tag


def unique(tags: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tags))


def read_color(value: Any) -> str:
    """A note colour from a styleClass naming one (several classes: the first that does)."""
    for name in as_list(value):
        if isinstance(name, str) and name in COLORS:
            return name
    return DEFAULT_COLOR
