"""Provides the strict check of a loaded notes file: every problem with its line and field.

Nothing is guessed: unknown keys are refused (with the nearest known key suggested), missing keys
are named, and a date or a number where text belongs is an error, not silently converted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from annotations.notes.marks import Mark, is_mark_letter
from annotations.notes.model import COLORS, Conflict, Note, Quote
from annotations.yaml.loader import describe
from annotations.yaml.validate import ProblemCollector

Path = tuple[str | int, ...]

TOP_KEYS = ("version", "article", "notes")
OPTIONAL_TOP_KEYS = ("marks",)
ARTICLE_KEYS = ("title", "sha256")
NOTE_KEYS = ("id", "quote", "position", "note", "tags", "color", "created", "updated")
OPTIONAL_NOTE_KEYS = ("conflict", "made_on")
QUOTE_KEYS = ("exact", "prefix", "suffix")
POSITION_KEYS = ("start", "end")
CONFLICT_KEYS = ("quote", "position", "note", "tags", "color", "updated")
MARK_KEYS = ("offset", "quote")
OPTIONAL_MARK_KEYS = ("prefix",)

_ID = re.compile(r"[0-9A-Z]{26}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TIME_EXAMPLE = "2026-11-28T05:00:00Z"


class Checker(ProblemCollector):
    """Collects problems while turning loaded YAML values into notes."""

    def mapping(
        self, value: Any, path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """`value` if it is a mapping with all `required` keys and no others; else None."""
        if not self.is_mapping(value, path):
            return None
        ok = self.known_keys(value, required + optional, path)
        for key in required:
            if key not in value:
                self.problem(path, f"missing required key {key!r}")
                ok = False
        return value if ok else None

    def text(self, value: Any, path: Path, *, empty: bool = True) -> str | None:
        if not self.is_text(value, path):
            return None
        if not empty and not value:  # a quote of white space alone is still a quote
            self.problem(path, "must not be empty")
            return None
        return value

    def integer(self, value: Any, path: Path) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(path, f"expected a whole number (0 or more), got {describe(value)}")
            return None
        return value

    def time(self, value: Any, path: Path) -> dt.datetime | None:
        """A UTC time: a YAML timestamp or the same in quotes; a bare date or local time refused."""
        moment = value
        if isinstance(value, str):
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                moment = None
        if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
            naive = isinstance(moment, dt.datetime)
            what = "a time with no time zone" if naive else describe(value)
            self.problem(path, f"expected a UTC time like {_TIME_EXAMPLE}, got {what}")
            return None
        return moment.astimezone(dt.UTC).replace(microsecond=0)

    def document(self, data: Any) -> tuple[str, str, list[Note], dict[str, Mark]]:
        if data is None:
            self.problem((), "the file is empty (a notes file starts with 'version: 1')")
            return "", "", [], {}
        top = self.mapping(data, (), TOP_KEYS, OPTIONAL_TOP_KEYS)
        if top is None:
            return "", "", [], {}
        version = top["version"]
        if isinstance(version, bool) or version != 1:
            message = (
                f"expected 1 (the notes file version this reader knows), got {describe(version)}"
            )
            self.problem(("version",), message)
            return "", "", [], {}
        title, sha256 = self.article(top["article"])
        marks = self.marks(top["marks"]) if "marks" in top else {}
        return title, sha256, self.notes(top["notes"]), marks

    def marks(self, value: Any) -> dict[str, Mark]:
        """`marks:` maps a letter to {offset, quote, prefix?} (the file of an older reader has
        none)."""
        if not self.is_mapping(value, ("marks",)):
            return {}
        marks: dict[str, Mark] = {}
        for letter, item in value.items():
            path: Path = ("marks", letter)
            if not isinstance(letter, str) or not is_mark_letter(letter):
                self.problem(path, f"{letter!r} is not a mark: one letter, a to z or A to Z")
                continue
            fields = self.mapping(item, path, MARK_KEYS, OPTIONAL_MARK_KEYS)
            if fields is None:
                continue
            offset = self.integer(fields["offset"], (*path, "offset"))
            quote = self.text(fields["quote"], (*path, "quote"), empty=False)
            prefix = self.text(fields.get("prefix", ""), (*path, "prefix"))
            if offset is not None and quote is not None and prefix is not None:
                marks[letter] = Mark(offset, quote, prefix)
        return marks

    def article(self, value: Any) -> tuple[str, str]:
        article = self.mapping(value, ("article",), ARTICLE_KEYS)
        if article is None:
            return "", ""
        title = self.text(article["title"], ("article", "title"))
        sha256 = self.text(article["sha256"], ("article", "sha256"))
        if sha256 is not None and not _SHA256.fullmatch(sha256):
            self.problem(("article", "sha256"), "expected 64 lowercase hexadecimal digits")
        return title or "", sha256 or ""

    def notes(self, value: Any) -> list[Note]:
        if not isinstance(value, list):
            self.problem(("notes",), f"expected a list of notes (or []), got {describe(value)}")
            return []
        notes: list[Note] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            note = self.note(item, ("notes", index))
            if note is None:
                continue
            if note.id in seen:
                self.problem(
                    ("notes", index, "id"), f"duplicate id; notes[{seen[note.id]}] has it too"
                )
                continue
            seen[note.id] = index
            notes.append(note)
        return notes

    def note(self, value: Any, path: Path) -> Note | None:
        item = self.mapping(value, path, NOTE_KEYS, OPTIONAL_NOTE_KEYS)
        if item is None:
            return None
        before = len(self.problems)
        ident = self.text(item["id"], (*path, "id"))
        if ident is not None and not _ID.fullmatch(ident):
            self.problem(
                (*path, "id"), f"{ident!r} is not a note id (26 capital letters and digits)"
            )
        body = self.body(item, path)
        created = self.time(item["created"], (*path, "created"))
        updated = self.time(item["updated"], (*path, "updated"))
        conflict = None
        if "conflict" in item:
            conflict = self.conflict(item["conflict"], (*path, "conflict"))
        made_on = ""
        if "made_on" in item:
            made_on = self.text(item["made_on"], (*path, "made_on")) or ""
            if made_on and not _SHA256.fullmatch(made_on):
                self.problem((*path, "made_on"), "expected 64 lowercase hexadecimal digits")
        if len(self.problems) > before or body is None or ident is None:
            return None
        assert created is not None and updated is not None
        quote, start, end, text, tags, color = body
        return Note(
            ident, quote, start, end, text, tags, color, created, updated, conflict, made_on
        )

    def conflict(self, value: Any, path: Path) -> Conflict | None:
        item = self.mapping(value, path, CONFLICT_KEYS)
        if item is None:
            return None
        body = self.body(item, path)
        updated = self.time(item["updated"], (*path, "updated"))
        if body is None or updated is None:
            return None
        return Conflict(*body, updated)

    def body(self, item: dict[str, Any], path: Path) -> tuple | None:
        """The fields a note and its conflict share: quote, position, note, tags, color."""
        before = len(self.problems)
        quote = self.quote(item["quote"], (*path, "quote"))
        position = self.position(item["position"], (*path, "position"))
        text = self.text(item["note"], (*path, "note"))
        tags = self.tags(item["tags"], (*path, "tags"))
        color = item["color"]
        if color not in COLORS:
            shown = repr(color) if isinstance(color, str) else describe(color)
            self.problem((*path, "color"), f"{shown} is not a colour (one of: {', '.join(COLORS)})")
        if len(self.problems) > before or quote is None or position is None:
            return None
        return (quote, *position, text, tags, color)

    def quote(self, value: Any, path: Path) -> Quote | None:
        quote = self.mapping(value, path, QUOTE_KEYS)
        if quote is None:
            return None
        exact = self.text(quote["exact"], (*path, "exact"), empty=False)
        prefix = self.text(quote["prefix"], (*path, "prefix"))
        suffix = self.text(quote["suffix"], (*path, "suffix"))
        if exact is None or prefix is None or suffix is None:
            return None
        return Quote(exact, prefix, suffix)

    def position(self, value: Any, path: Path) -> tuple[int, int] | None:
        position = self.mapping(value, path, POSITION_KEYS)
        if position is None:
            return None
        start = self.integer(position["start"], (*path, "start"))
        end = self.integer(position["end"], (*path, "end"))
        if start is None or end is None:
            return None
        if end <= start:
            self.problem((*path, "end"), f"must be greater than start ({start}), not {end}")
            return None
        return start, end

    def tags(self, value: Any, path: Path) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.problem(path, f"expected a list of tags (or []), got {describe(value)}")
            return ()
        tags: list[str] = []
        for index, tag in enumerate(value):
            text = self.text(tag, (*path, index), empty=False)
            if text is None:
                continue
            if not is_tag(text):
                self.problem((*path, index), "a tag is one word: no spaces or control characters")
                continue
            tags.append(text)
        return tuple(tags)


def is_tag(text: str) -> bool:
    """True for a usable tag: non-empty, printable, no whitespace."""
    return bool(text) and text.isprintable() and not any(char.isspace() for char in text)


def check_color(color: str) -> str:
    """`color` if it is one of COLORS; ValueError otherwise."""
    if color not in COLORS:
        raise ValueError(f"{color!r} is not a colour; use {', '.join(COLORS)}")
    return color


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as given, trimmed and without repeats; ValueError for one with spaces inside.

    A leading `#` is dropped: tags are shown as `#tag`, so `#tag` is how people type them too.
    """
    cleaned: list[str] = []
    for tag in tags:
        tag = tag.strip().lstrip("#")
        if not tag:
            continue
        if not is_tag(tag):
            raise ValueError(f"{tag!r} is not a tag: a tag is one word, with no spaces")
        if tag not in cleaned:
            cleaned.append(tag)
    return tuple(cleaned)
