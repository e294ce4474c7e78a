"""Provides the JSON export: the notes exactly as the notes file stores them, for scripts.

The same keys, nesting and order as the YAML file (see annotations/notes/file.py), in JSON.
"""

from __future__ import annotations

import json
from typing import Any

from annotations.interop.export import Export
from annotations.notes.file import VERSION, sort_key
from annotations.notes.model import Conflict, Note, format_time


def document(export: Export) -> dict[str, Any]:
    """The notes file's content as plain data."""
    article = export.article
    return {
        "version": VERSION,
        "article": {"title": article.name, "sha256": article.sha256},
        "notes": [note_data(note) for note in sorted(export.notes, key=sort_key)],
    }


def note_data(note: Note) -> dict[str, Any]:
    out = {"id": note.id, **_body(note), "created": format_time(note.created)}
    out["updated"] = format_time(note.updated)
    if note.made_on:
        out["made_on"] = note.made_on
    if note.imported_from:
        out["imported_from"] = note.imported_from
    if note.conflict is not None:
        out["conflict"] = {**_body(note.conflict), "updated": format_time(note.conflict.updated)}
    return out


def _body(note: Note | Conflict) -> dict[str, Any]:
    quote = note.quote
    return {
        "quote": {"exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix},
        "position": {"start": note.start, "end": note.end},
        "note": note.note,
        "tags": list(note.tags),
        "color": note.color,
    }


def dumps(export: Export) -> str:
    return json.dumps(document(export), ensure_ascii=False, indent=2) + "\n"
