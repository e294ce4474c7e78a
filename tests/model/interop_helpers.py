"""Shared builders for the export and import tests: a store on an article, with notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from annotations.interop.export import Export
from annotations.notes.store import NotesStore
from annotations.text.article import Article

TEXT = (
    "Russian President Vladimir Putin met Recep Tayyip Erdogan in Sochi on Wednesday.\n"
    "Analysts called it a marriage of convenience between Russia and Turkey.\n"
    "NATO member Turkey bought Russian S-400 missile defence batteries in 2019.\n"
)
NOW = dt.datetime(2026, 12, 2, 5, 0, tzinfo=dt.UTC)


def article(tmp_path: Path, text: str = TEXT, name: str = "sochi.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Article(text=text, name=name, path=path)


def store_with_notes(tmp_path: Path, text: str = TEXT) -> NotesStore:
    """A store with a highlight, a note with tags, a tag-only note, and overlapping notes."""
    store = NotesStore.open(article(tmp_path, text), tmp_path / "notes.yaml")
    body = store.article.text

    def span(words: str) -> tuple[int, int]:
        start = body.index(words)
        return start, start + len(words)

    store.add(*span("Vladimir Putin"), color="green")
    store.add(*span("marriage of convenience"), "Ellehuus's framing.\nCompare the readout.",
              ["analysis", "framing"], "pink")  # fmt: skip
    store.add(*span("S-400"), tags=["weapons"], color="blue")
    store.add(*span("convenience between Russia"), "Overlaps the note before.", color="purple")
    return store


def export_of(store: NotesStore, **extra) -> Export:
    return Export(
        store.article,
        "Putin and Erdogan meet in Sochi",
        store.notes,
        store.placements,
        now=NOW,
        **extra,
    )
