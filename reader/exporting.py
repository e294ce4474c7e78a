"""Provides the command palette's "Export notes" commands: one per format, each writing a file
to the current folder (never over an existing one) and saying where."""

from __future__ import annotations

from pathlib import Path

from annotations import files
from annotations.interop.export import Export, free_path, source_line
from annotations.interop.formats import render
from annotations.interop.ids import article_url
from annotations.notes.store import NotesStore
from annotations.reading import Reading

EXPORTS: tuple[tuple[str, bool, str, str], ...] = (
    ("markdown", False, "Markdown", "a digest: each passage, note, tags and colour; the cards"),
    ("markdown", True, "Markdown with the article", "the whole text, notes as footnotes"),
    ("w3c", False, "W3C Web Annotations", "an AnnotationCollection (JSON-LD) for other tools"),
    ("json", False, "JSON", "the notes as stored, for scripts"),
    ("html", False, "HTML", "one page: the article, highlights, notes in the margin"),
)
"""(format, with text, name, what it is) of each export the palette offers."""


def make_export(reading: Reading, store: NotesStore) -> Export:
    """The export of what the reader shows now."""
    article = reading.article
    where = "builtin" if reading.is_builtin else str(article.path or article.name)
    return Export(
        article,
        reading.title,
        store.notes,
        store.placements,
        reading.cards.cards,
        reading.links,
        reading.cards.info.published,
        source=source_line(article_url(article) or where, reading.cards.info.source),
    )


def export_file_name(reading: Reading, fmt: str, with_text: bool) -> str:
    """NAME.notes.md (NAME.text.md for Markdown with the article): what a browser saves."""
    from annotations.interop.export import SUFFIXES

    stem = reading.article.path.stem if reading.article.path is not None else "notes"
    return f"{stem}.{'text' if with_text else 'notes'}{SUFFIXES[fmt]}"


def export_text(reading: Reading, store: NotesStore, fmt: str, with_text: bool) -> str:
    return render(make_export(reading, store), fmt, with_text=with_text)


def export_to_folder(
    reading: Reading, store: NotesStore, fmt: str, with_text: bool, folder: Path
) -> Path:
    """Write the export to a new file in `folder`; returns its path (OSError if it can't)."""
    text = render(make_export(reading, store), fmt, with_text=with_text)
    article = reading.article
    stem = article.path.stem if article.path is not None else "notes"
    path = free_path(folder, stem, fmt, with_text=with_text)
    files.write_atomically(path, text, shared=True)
    return path
