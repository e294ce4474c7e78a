"""Importing W3C annotations of several shapes and a Hypothesis export: what is placed, how,
what is kept, what is refused and why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from annotations import builtin
from annotations.errors import AnnotationError
from annotations.interop.importing import entries, import_into, load_json
from annotations.notes.store import NotesStore
from annotations.text.article import load_article
from tests.model.interop_helpers import article

DATA = Path(__file__).resolve().parent.parent / "data" / "interop"


@pytest.fixture
def store(tmp_path):
    return NotesStore.open(load_article(builtin.article_path()), tmp_path / "notes.yaml")


def _on(exact: str, **fields) -> dict:
    """A minimal W3C annotation on `exact`."""
    selector = {"type": "TextQuoteSelector", "exact": exact}
    return {"type": "Annotation", "target": {"selector": selector}, **fields}


def _by_quote(store):
    return {note.quote.exact: note for note in store.notes}


def test_w3c_shapes_are_read_and_malformed_entries_refused_with_why(store):
    data = load_json(DATA / "w3c_shapes.jsonld")
    report = import_into(store, data, "shapes.jsonld")
    notes = _by_quote(store)
    # A single selector object, and a body that is a plain string.
    assert notes["Black Sea resort of Sochi"].note == "A resort town on the coast."
    # Position before quote; a body object with no type; a tagging body; a zone offset.
    timing = notes["three hours of talks"]
    assert (timing.note, timing.tags, timing.color) == ("How long, exactly?", ("timing",), "blue")
    assert timing.created == dt.datetime(2021, 9, 30, 6, 0, tzinfo=dt.UTC)
    assert timing.updated == dt.datetime(2021, 9, 30, 7, 30, tzinfo=dt.UTC)
    # A quote refining a RangeSelector; bodyValue.
    assert notes["cease-fire deal"].note == "Signed in March 2020."
    # Several targets, the quote in the second; a Choice (its first item); several classes.
    nato = notes["NATO member Turkey"]
    assert (nato.note, nato.color) == ("Since 1952.", "pink")
    # An HTML body keeps its text, not its markup.
    assert notes["Bashar al-Assad"].note == "President since 2000 & still."
    assert (report.exact, report.approximate, len(report.orphans)) == (5, 0, 0)
    assert [(p.field, p.message) for p in report.rejected] == [
        ("items[5].target", "missing: an annotation needs a target to anchor it to"),
        ("items[6].target.selector.exact", "expected the quoted text, got a number (42)"),
        (
            "items[7].created",
            "expected a date and time like 2026-11-28T05:00:00Z, got 'yesterday'",
        ),
        ("items[8]", "expected an annotation (a JSON object), got a string"),
        ("items[9].type", "AnnotationPage is not an Annotation"),
        ("items[10].target.selector[1].end", "must be greater than start (90), not 10"),
        (
            "items[11].target",
            "no TextQuoteSelector: the quoted text is needed to find its place",
        ),
    ]
    assert all(p.file == "shapes.jsonld" for p in report.rejected)


def test_missing_optional_fields_get_defaults(store):
    note_data = _on("Black Sea")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    report = import_into(store, note_data, "one.json")
    (note,) = report.added
    assert (note.note, note.tags, note.color, note.imported_from) == ("", (), "yellow", "")
    assert note.created >= before and note.updated == note.created
    assert store.placement(note.id).state == "exact"


def test_a_hypothesis_export(store):
    report = import_into(store, load_json(DATA / "hypothesis_search.json"), "h.json")
    notes = _by_quote(store)
    marriage = notes["marriage of convenience"]
    assert marriage.note == "Ellehaus's phrase; the **Kremlin** readout says otherwise."
    assert marriage.tags == ("analysis", "Russia-Turkey")  # a tag with a space: one word
    assert marriage.created == dt.datetime(2021, 10, 1, 9, 15, 22, tzinfo=dt.UTC)
    assert marriage.updated == dt.datetime(2021, 10, 1, 10, 0, tzinfo=dt.UTC)
    assert marriage.imported_from == "https://hypothes.is/a/Hx1aBcDeFgHiJkLmN"
    assert store.placement(marriage.id).state == "exact"
    # The web page's wording differed a little: placed, marked approximate, its quote kept.
    changed = notes["three-month Syrian army offensive that killed hundreds"]
    assert store.placement(changed.id).state == "approximate"
    # Not in this text at all: kept, as an orphan, and listed.
    assert [c.where for c in report.orphans] == ["rows[3]"]
    assert (report.exact, report.approximate, report.duplicates) == (2, 1, 0)
    assert [p.field for p in report.rejected] == ["rows[4].target", "rows[5].target"]
    assert "page note or a reply" in report.rejected[0].message


def test_the_hypothesis_clients_own_export(store):
    rows = load_json(DATA / "hypothesis_search.json")["rows"]
    data = {"export_date": "2026-11-30T10:00:00.000Z", "export_userid": "acct:reader@hypothes.is",
            "client_version": "1.1500.0", "annotations": rows}  # fmt: skip
    report = import_into(store, data, "client.json")
    assert len(report.added) == 4 and report.rejected[0].field == "annotations[4].target"


def test_a_list_of_hypothesis_annotations(store):
    rows = load_json(DATA / "hypothesis_search.json")["rows"]
    report = import_into(store, rows, "list.json")
    assert len(report.added) == 4
    assert report.rejected[0].field == "[4].target"


def test_importing_the_same_file_twice_adds_nothing(store, tmp_path):
    data = load_json(DATA / "hypothesis_search.json")
    import_into(store, data, "h.json")
    assert store.save().ok
    again = NotesStore.open(store.article, store.path)
    report = import_into(again, data, "h.json")
    assert report.added == [] and report.duplicates == 4
    assert len(again.notes) == 4


def test_without_ids_a_duplicate_is_the_same_quote_place_and_text(store):
    entry = _on("Black Sea", bodyValue="Same words.")
    assert len(import_into(store, [entry, entry], "a.json").added) == 1
    other = dict(entry, bodyValue="Other words.")
    assert len(import_into(store, [other], "b.json").added) == 1


def test_an_annotation_on_a_note_made_here_is_a_duplicate(store):
    black_sea = store.article.text.index("Black Sea")
    made = store.add(black_sea, black_sea + len("Black Sea"), "Mine.")
    entry = _on("Black Sea", bodyValue="Mine.")
    report = import_into(store, entry, "a.json")
    assert report.added == [] and report.duplicates == 1
    assert [n.id for n in store.notes] == [made.id]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"items": [1, 2,]}', "tests.json:1:17: not JSON: Expecting value"),
        ('[\n  {\n    "a": 1\n  }\n  {}\n]', "tests.json:5:3: not JSON: Expecting ',' delimiter"),
        ("", "tests.json:1:1: not JSON: Expecting value"),
        ('{"a": NaN}', "tests.json: not JSON: NaN is not a JSON value"),
    ],
)
def test_a_file_that_is_not_json_says_where(tmp_path, text, message):
    path = tmp_path / "tests.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_json(path)
    assert str(caught.value).endswith(message)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (42, "", "expected a JSON object or list, got a number (42)"),
        ({"rows": {}}, "rows", "expected a list of annotations, got an object"),
        ({"type": "AnnotationCollection", "first": "https://example.org/page/1"}, "first",
         "a link to a page elsewhere: only pages inside the file can be read"),
        ({"type": "AnnotationPage", "items": "none"}, "items",
         "expected a list of annotations, got a string"),
        ({"title": "my notes"}, "", "not annotations: expected a W3C AnnotationCollection,"
         " AnnotationPage or Annotation, a Hypothesis export (with rows or annotations), or a"
         " list of annotations"),
    ],
)  # fmt: skip
def test_a_file_of_the_wrong_shape_changes_nothing(store, data, field, message):
    with pytest.raises(AnnotationError) as caught:
        import_into(store, data, "f.json")
    (problem,) = caught.value.problems
    assert (problem.field, problem.message) == (field, message)
    assert store.notes == [] and not store.unsaved_changes


def test_pages_chained_by_next_are_all_read(tmp_path):
    item = _on("Sochi")
    data = {"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [item],
            "next": {"type": "AnnotationPage", "items": [item, item]}}}  # fmt: skip
    assert [where for where, _ in entries(data, "f")] == [
        "first.items[0]",
        "first.next.items[0]",
        "first.next.items[1]",
    ]


def test_lone_surrogates_are_refused_not_written(tmp_path):
    store = NotesStore.open(article(tmp_path), tmp_path / "n.yaml")
    data = _on("Sochi", bodyValue=json.loads('"\\ud800"'))
    report = import_into(store, data, "s.json")
    assert report.added == [] and "surrogate" in report.rejected[0].message
