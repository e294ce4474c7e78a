"""Provides the notes file, version 1: strict parsing with every problem located, and writing.

The format (see the README) is one YAML document::

    version: 1
    article:
      title: Sochi 2021
      sha256: 3f...            # of the article text the positions refer to
    notes:
      - id: 01JD3Q5V8K2M4N6P7R9S0T1U2V
        quote:
          exact: marriage of convenience
          prefix: "a continuation of a "
          suffix: " between Russia and"
        position: {start: 2511, end: 2534}
        note: |
          Ellehuus's framing; compare the Kremlin readout.
        tags: [analysis]
        color: yellow
        created: 2026-11-28T05:00:00Z
        updated: 2026-11-28T05:00:00Z

Two optional keys per note: `made_on:`, the sha256 of the article text the note was made (or
re-attached) on, so that a later version can say what changed under it; and `conflict:`, the
other version of a note that two copies of the reader changed at the same time (keys quote,
position, note, tags, color, updated); the note itself holds this copy's version until the user
chooses.

One optional top-level key, `marks:`, holds the marks set with `m` (a letter, the offset and the
text there, to find it again after an edit)::

    marks:
      a: {offset: 2511, quote: "marriage of convenience between", prefix: "a continuation of a "}

A file without it (written before marks) reads as a file with no marks, and is written without
it while there are none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from annotations import files
from annotations.notes.marks import Mark
from annotations.notes.model import Note, Quote, format_time
from annotations.yaml.emit import flow_list, scalar, text_value

VERSION = 1
"""The notes file format this reader reads and writes."""


@dataclass
class NotesDocument:
    """A whole notes file: which article text the positions refer to, and the notes."""

    title: str = ""
    """The article's name, for a person reading the file."""
    sha256: str = ""
    """The sha256 of the article text the position hints were taken from."""
    notes: list[Note] = field(default_factory=list)
    """The notes, in any order (they are written sorted by position)."""
    marks: dict[str, Mark] = field(default_factory=dict)
    """The marks set with `m`, by letter."""


def parse_notes(text: str, file: str) -> NotesDocument:
    """Parse a notes file strictly; raise AnnotationError listing every problem."""
    # Imported when a file is parsed: a reader with no notes yet never needs them.
    from annotations.notes.schema import Checker
    from annotations.yaml.loader import load_yaml

    data, lines = load_yaml(text, file)
    checker = Checker(file, lines)
    title, sha256, notes, marks = checker.document(data)
    checker.raise_problems()
    return NotesDocument(title, sha256, notes, marks)


def read_notes_text(path: Path) -> str | None:
    """The notes file's text, or None when there is no file yet (AnnotationError if unreadable)."""
    try:
        path.stat()
    except FileNotFoundError:
        return None
    except OSError:
        pass  # read_text reports it in the user's words.
    return files.read_text(path, limit=files.MAX_YAML_BYTES, what="notes")


def load_notes(path: Path) -> NotesDocument | None:
    """Read and parse a notes file; None when it does not exist."""
    text = read_notes_text(path)
    return None if text is None else parse_notes(text, str(path))


def sort_key(note: Note) -> tuple[int, int, str]:
    return (note.start, note.end, note.id)


def dump_notes(document: NotesDocument) -> str:
    """The file's text: stable key order, notes by position, so a diff shows only what changed."""
    out = [
        f"version: {VERSION}",
        "article:",
        f"  title: {scalar(document.title)}",
        f"  sha256: {scalar(document.sha256)}",
    ]
    if not document.notes:
        out.append("notes: []")
    else:
        out.append("notes:")
    out += [_note_block(note) for note in sorted(document.notes, key=sort_key)]
    if document.marks:
        out.append("marks:")
        out += [_mark_line(letter, document.marks[letter]) for letter in sorted(document.marks)]
    return "\n".join(out) + "\n"


def _mark_line(letter: str, mark: Mark) -> str:
    prefix = f", prefix: {scalar(mark.prefix, flow=True)}" if mark.prefix else ""
    return (
        f"  {scalar(letter)}: {{offset: {mark.offset}, quote: {scalar(mark.quote, flow=True)}"
        f"{prefix}}}"
    )


@lru_cache(maxsize=65_536)
def _note_block(note: Note) -> str:
    """One note's lines. Notes are immutable values, so each is written once and remembered:
    saving 2,000 notes after one change formats one note, not 2,000."""
    out = [f"  - id: {scalar(note.id)}"]
    out += _body(note.quote, note.start, note.end, note.note, note.tags, note.color, 4)
    out.append(f"    created: {format_time(note.created)}")
    out.append(f"    updated: {format_time(note.updated)}")
    if note.made_on:
        out.append(f"    made_on: {note.made_on}")
    if note.conflict is not None:
        other = note.conflict
        out.append("    conflict:")
        out += _body(other.quote, other.start, other.end, other.note, other.tags, other.color, 6)
        out.append(f"      updated: {format_time(other.updated)}")
    return "\n".join(out)


def _body(
    quote: Quote, start: int, end: int, note: str, tags: tuple[str, ...], color: str, indent: int
) -> list[str]:
    """The lines a note and a conflict share, at `indent` spaces."""
    pad = " " * indent
    return [
        f"{pad}quote:",
        f"{pad}  exact: {text_value(quote.exact, indent + 4)}",
        f"{pad}  prefix: {text_value(quote.prefix, indent + 4)}",
        f"{pad}  suffix: {text_value(quote.suffix, indent + 4)}",
        f"{pad}position: {{start: {start}, end: {end}}}",
        f"{pad}note: {text_value(note, indent + 2)}",
        f"{pad}tags: {flow_list(tags)}",
        f"{pad}color: {scalar(color)}",
    ]
