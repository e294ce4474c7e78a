"""Notes across versions: the version a note was made on, "was: …" for an edited quote, and
"removed in the version of DATE" for a passage that went."""

from __future__ import annotations

import datetime as dt

from annotations.notes.file import parse_notes
from annotations.notes.store import NotesStore
from annotations.text.article import load_article
from annotations.versions.notes_history import note_histories
from annotations.versions.store import VersionStore

V1 = "The talks lasted three hours in Sochi.\n\nSyria was on the agenda.\n\nNATO allies watched.\n"
V2 = V1.replace("three hours", "three long hours")
V3 = "The talks lasted three long hours in Sochi.\n\nNATO allies watched.\n"
DAYS = [dt.datetime(2021, 9, d, 9, tzinfo=dt.UTC) for d in (29, 30)] + [
    dt.datetime(2021, 10, 2, 9, tzinfo=dt.UTC)
]


def versions_of(tmp_path, *texts):
    """Write each text in turn to one article file, keeping each as a version; the last article."""
    path = tmp_path / "story.txt"
    for text, day in zip(texts, DAYS, strict=False):
        path.write_text(text, encoding="utf-8")
        article = load_article(path)
        VersionStore.for_article(article).record(article, now=day)
    return article


def test_a_note_keeps_the_version_it_was_made_on(tmp_path):
    article = versions_of(tmp_path, V1)
    store = NotesStore.open(article, tmp_path / "n.yaml")
    start = V1.index("Syria")
    store.add(start, start + 5, note="x")
    assert store.save().ok
    saved = parse_notes((tmp_path / "n.yaml").read_text(encoding="utf-8"), "n.yaml")
    assert saved.notes[0].made_on == article.sha256
    assert f"made_on: {article.sha256}" in (tmp_path / "n.yaml").read_text(encoding="utf-8")


def test_an_edited_quote_says_what_it_was_and_a_removed_one_when_it_went(tmp_path):
    first = versions_of(tmp_path, V1)
    store = NotesStore.open(first, tmp_path / "n.yaml")
    for quote in ("lasted three hours in Sochi", "Syria was on the agenda", "NATO allies"):
        start = V1.index(quote)
        store.add(start, start + len(quote))
    assert store.save().ok
    last = versions_of(tmp_path, V1, V2, V3)
    later = NotesStore.open(last, tmp_path / "n.yaml")
    versions = VersionStore.for_article(last)
    histories = note_histories(later.notes, later.placements, last.text, versions)
    by_quote = {later.get(i).quote.exact: h for i, h in histories.items()}
    assert set(by_quote) == {"lasted three hours in Sochi", "Syria was on the agenda"}
    edited = by_quote["lasted three hours in Sochi"]
    assert edited.was == "lasted three hours in Sochi"
    assert edited.describe() == "was: “lasted three hours in Sochi”"
    removed = by_quote["Syria was on the agenda"]
    assert removed.removed_in is not None and removed.removed_in.day == "2021-10-02"
    assert removed.describe() == "removed in the version of 2021-10-02"


def test_with_no_versions_kept_an_orphan_is_still_said_to_have_changed(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(V1, encoding="utf-8")
    store = NotesStore.open(load_article(path), tmp_path / "n.yaml")
    start = V1.index("Syria")
    store.add(start, start + len("Syria was on the agenda"))
    assert store.save().ok
    path.write_text(V3, encoding="utf-8")
    later = NotesStore.open(load_article(path), tmp_path / "n.yaml")
    histories = note_histories(later.notes, later.placements, V3, None)
    assert [h.describe() for h in histories.values()] == ["its text changed since your note"]
