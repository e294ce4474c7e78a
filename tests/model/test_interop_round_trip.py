"""Export to W3C, import into an empty store: the same notes (quote, note, tags, colour,
positions, dates); importing again, or into the store they came from, adds nothing."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.interop import w3c
from annotations.interop.importing import import_into
from annotations.notes.model import COLORS
from annotations.notes.store import NotesStore
from tests.model.interop_helpers import TEXT, article, export_of, store_with_notes


def _same(note) -> tuple:
    quote = note.quote
    return (quote.exact, quote.prefix, quote.suffix, note.note, note.tags, note.color,
            note.start, note.end, note.created, note.updated)  # fmt: skip


def _through_json(store: NotesStore) -> object:
    return json.loads(w3c.dumps(w3c.collection(export_of(store))))


def test_round_trip_into_an_empty_store(tmp_path):
    original = store_with_notes(tmp_path)
    data = _through_json(original)
    empty = NotesStore.open(original.article, tmp_path / "empty.notes.yaml")
    report = import_into(empty, data, "export.jsonld")
    assert (report.exact, report.approximate, report.orphans, report.rejected) == (4, 0, [], [])
    assert sorted(map(_same, empty.notes)) == sorted(map(_same, original.notes))
    assert empty.save().ok
    reread = NotesStore.open(original.article, tmp_path / "empty.notes.yaml")
    assert sorted(map(_same, reread.notes)) == sorted(map(_same, original.notes))


def test_importing_twice_adds_nothing_the_second_time(tmp_path):
    original = store_with_notes(tmp_path)
    data = _through_json(original)
    other = NotesStore.open(original.article, tmp_path / "other.notes.yaml")
    import_into(other, data, "export.jsonld")
    assert other.save().ok
    again = NotesStore.open(original.article, tmp_path / "other.notes.yaml")
    report = import_into(again, data, "export.jsonld")
    assert report.added == [] and report.duplicates == 4
    # Nor into the store the notes came from: each annotation's id is its note's.
    back = import_into(original, data, "export.jsonld")
    assert back.added == [] and back.duplicates == 4


def test_an_export_of_imported_notes_is_known_by_its_origin(tmp_path):
    """A → B → A: B's export names A's notes as `via`, so A recognises them."""
    first = store_with_notes(tmp_path)
    second = NotesStore.open(first.article, tmp_path / "second.notes.yaml")
    import_into(second, _through_json(first), "a.jsonld")
    report = import_into(first, _through_json(second), "b.jsonld")
    assert report.added == [] and report.duplicates == 4


words = st.sampled_from([w for w in set(TEXT.split()) if w.isalpha()])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    picks=st.lists(
        st.tuples(
            words,
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
            st.lists(st.from_regex(r"[a-z0-9\-]{1,8}", fullmatch=True), max_size=3, unique=True),
            st.sampled_from(COLORS),
        ),
        max_size=6,
    )
)
def test_any_notes_survive_the_round_trip(tmp_path_factory, picks):
    folder = tmp_path_factory.mktemp("trip")
    store = NotesStore.open(article(folder), folder / "a.yaml")
    for word, note, tags, color in picks:
        start = TEXT.index(word)
        store.add(start, start + len(word), note, tags, color)
    empty = NotesStore.open(store.article, folder / "b.yaml")
    report = import_into(empty, _through_json(store), "x.jsonld")
    # Two notes on the same word with the same text are one note to the importer.
    distinct = {(n.quote.exact, n.start, n.end, n.note) for n in store.notes}
    assert len(report.added) == len(distinct) and report.rejected == []
    assert {_same(n) for n in empty.notes} <= {_same(n) for n in store.notes}
