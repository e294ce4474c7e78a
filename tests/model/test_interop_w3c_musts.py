"""The W3C export meets every MUST of the Web Annotation Data Model that its content touches.

The schema below restates, one rule per line, the MUST assertions of the web-platform-tests
annotation-model suite (annotation-model/annotations/annotationMusts.test, bodiesTargets/
bodyMusts.test and targetMusts.test, specificResource/specificResourceMusts.test,
collections/collectionMusts.test and collections/pages/pageMusts.test), for the features the
export uses: @context, id, type, target, body or bodyValue (never both), TextualBody,
SpecificResource with TextQuoteSelector and TextPositionSelector, styleClass and stylesheet,
motivation and purpose from the model's list, created/modified/generated as xsd:dateTime, and the
collection and page. A control test shows the schema refuses what breaks each rule.
"""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from annotations.interop import w3c
from annotations.interop.ids import note_iri
from annotations.notes.store import NotesStore
from tests.model.interop_helpers import article, export_of, store_with_notes

IRI = {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"}
DATE_TIME = {
    "type": "string",
    # xsd:dateTime with a time zone (the model: SHOULD have one; we always give it).
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
    "format": "date-time",
}
MOTIVATIONS = [
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
]  # fmt: skip
CONTEXT = {
    "oneOf": [
        {"const": "http://www.w3.org/ns/anno.jsonld"},
        {"type": "array", "contains": {"const": "http://www.w3.org/ns/anno.jsonld"}},
    ]
}


def _type(name: str) -> dict:
    return {"oneOf": [{"const": name}, {"type": "array", "contains": {"const": name}}]}


def _list_of(schema: dict) -> dict:
    return {"type": "array", "items": schema}


NON_NEGATIVE = {"type": "integer", "minimum": 0}
TEXT_QUOTE = {
    "type": "object",
    "required": ["type", "exact"],
    "properties": {
        "type": {"const": "TextQuoteSelector"},
        "exact": {"type": "string"},
        "prefix": {"type": "string"},
        "suffix": {"type": "string"},
    },
}
TEXT_POSITION = {
    "type": "object",
    "required": ["type", "start", "end"],
    "properties": {
        "type": {"const": "TextPositionSelector"},
        "start": NON_NEGATIVE,
        "end": NON_NEGATIVE,
    },
}
SELECTOR = {"oneOf": [TEXT_QUOTE, TEXT_POSITION]}
SPECIFIC_RESOURCE = {
    "type": "object",
    "required": ["source"],  # 4: a SpecificResource MUST have exactly one source
    "not": {"required": ["value"]},
    "properties": {
        "source": IRI,
        "selector": {"oneOf": [SELECTOR, {"type": "array", "minItems": 1, "items": SELECTOR}]},
        "styleClass": {
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        },
        "purpose": {"enum": MOTIVATIONS},
    },
}
TEXTUAL_BODY = {
    "type": "object",
    "required": ["value"],  # 3.2.4: an embedded textual body MUST have exactly one value
    "not": {"anyOf": [{"required": ["source"]}, {"required": ["items"]}]},
    "properties": {
        "type": {"const": "TextualBody"},
        "value": {"type": "string"},
        "format": {"type": "string", "pattern": "^(application|text)/"},
        "purpose": {"enum": MOTIVATIONS},
    },
}
AGENT = {"oneOf": [IRI, {"type": "object"}]}
ANNOTATION = {
    "type": "object",
    "required": ["@context", "id", "type", "target"],  # 3.1
    "not": {"required": ["body", "bodyValue"]},  # 3.2.5
    "properties": {
        "@context": CONTEXT,
        "id": IRI,
        "type": _type("Annotation"),
        "body": {"oneOf": [TEXTUAL_BODY, IRI, {"type": "array", "items": TEXTUAL_BODY}]},
        "bodyValue": {"type": "string"},
        "target": {"oneOf": [IRI, SPECIFIC_RESOURCE, _list_of(SPECIFIC_RESOURCE)]},
        "motivation": {"oneOf": [{"enum": MOTIVATIONS}, _list_of({"enum": MOTIVATIONS})]},
        "created": DATE_TIME,  # 3.3.1: exactly one xsd:dateTime
        "modified": DATE_TIME,
        "generated": DATE_TIME,
        "creator": AGENT,
        "generator": AGENT,
        "canonical": IRI,  # 3.3.7
        "via": {"oneOf": [IRI, {"type": "array", "items": IRI}]},
        "stylesheet": {  # 4.4: an embedded CssStylesheet has a value, or else an id
            "type": "object",
            "required": ["type", "value"],
            "properties": {"type": {"const": "CssStylesheet"}, "value": {"type": "string"}},
        },
    },
}
PAGE = {
    "type": "object",
    "required": ["id", "type", "items"],  # 5.2
    "properties": {
        "id": IRI,
        "type": _type("AnnotationPage"),
        "items": {"type": "array", "items": ANNOTATION},
        "startIndex": NON_NEGATIVE,
        "partOf": IRI,
        "next": {"oneOf": [IRI, {"type": "object"}]},
    },
}
COLLECTION = {
    "type": "object",
    "required": ["@context", "id", "type"],  # 5.1
    "properties": {
        "@context": CONTEXT,
        "id": IRI,
        "type": _type("AnnotationCollection"),
        "label": {"type": "string"},
        "total": NON_NEGATIVE,
        "first": {"oneOf": [IRI, PAGE]},
        "last": {"oneOf": [IRI, PAGE]},
        "generated": DATE_TIME,
        "generator": AGENT,
    },
    # 5.1: a collection with annotations MUST give its first page
    "if": {"properties": {"total": {"minimum": 1}}, "required": ["total"]},
    "then": {"required": ["first"]},
}


def validate(document: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        COLLECTION, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)
    ]


@pytest.fixture
def exported(tmp_path):
    store = store_with_notes(tmp_path)
    return store, w3c.collection(export_of(store))


def test_the_export_meets_every_must(exported):
    _, document = exported
    assert validate(document) == []
    # And each annotation stands alone (it carries its own @context).
    for item in document["first"]["items"]:
        assert jsonschema.Draft202012Validator(ANNOTATION).is_valid(item)


def test_an_empty_collection_meets_them_too(tmp_path):
    store = NotesStore.open(article(tmp_path), tmp_path / "none.yaml")
    document = w3c.collection(export_of(store))
    assert validate(document) == []
    assert document["total"] == 0 and "first" not in document


def test_the_json_text_is_the_same_document(exported):
    _, document = exported
    assert json.loads(w3c.dumps(document)) == document


@pytest.mark.parametrize(
    "breaks",
    [
        lambda d: d.pop("@context"),
        lambda d: d.update({"@context": "http://example.org/other.jsonld"}),
        lambda d: d["first"]["items"][0].pop("id"),
        lambda d: d["first"]["items"][0].update(id="not an iri"),
        lambda d: d["first"]["items"][0].update(type="Note"),
        lambda d: d["first"]["items"][0].pop("target"),
        lambda d: d["first"]["items"][1].update(bodyValue="both"),
        lambda d: d["first"]["items"][0].update(created="2026-11-28T05:00:00"),
        lambda d: d["first"]["items"][0].update(modified="yesterday"),
        lambda d: d["first"]["items"][0].update(motivation="liking"),
        lambda d: d["first"]["items"][1]["body"][0].pop("value"),
        lambda d: d["first"]["items"][0]["target"].pop("source"),
        lambda d: d["first"]["items"][0]["target"]["selector"][0].pop("exact"),
        lambda d: d["first"]["items"][0]["target"]["selector"][1].update(start=-1),
        lambda d: d["first"].pop("items"),
        lambda d: d.pop("first"),
    ],
)
def test_the_schema_refuses_what_breaks_a_must(exported, breaks):
    """Each rule is live: the same document with one MUST broken is refused."""
    _, document = exported
    broken = copy.deepcopy(document)
    breaks(broken)
    assert validate(broken) != []


def test_each_note_is_its_annotation(exported):
    store, document = exported
    items = {item["id"]: item for item in document["first"]["items"]}
    assert len(items) == len(store.notes) == document["total"]
    for note in store.notes:
        item = items[note_iri(note.id)]
        quote, position = item["target"]["selector"]
        assert quote == {
            "type": "TextQuoteSelector",
            "exact": note.quote.exact,
            "prefix": note.quote.prefix,
            "suffix": note.quote.suffix,
        }
        assert (position["start"], position["end"]) == (note.start, note.end)
        assert store.article.text[position["start"] : position["end"]] == note.quote.exact
        assert item["target"]["source"] == f"urn:sha256:{store.article.sha256}"
        assert item["target"]["styleClass"] == note.color
        tags = [b["value"] for b in item.get("body", []) if b.get("purpose") == "tagging"]
        assert tags == list(note.tags)
        texts = [b["value"] for b in item.get("body", []) if b.get("purpose") == "commenting"]
        assert texts == ([note.note] if note.note else [])
        expected = "commenting" if note.note else "tagging" if note.tags else "highlighting"
        assert item["motivation"] == expected


def test_note_iris_are_stable_and_distinct():
    assert note_iri("01JD3Q5V8K2M4N6P7R9S0T1U2V") == note_iri("01JD3Q5V8K2M4N6P7R9S0T1U2V")
    assert note_iri("01JD3Q5V8K2M4N6P7R9S0T1U2V") != note_iri("01JD3Q5V8K2M4N6P7R9S0T1U2W")
    # Not Crockford base 32 (I, L, O and U are not digits of it), as a hand-written id may be.
    assert note_iri("ILOUILOUILOUILOUILOUILOUIL").startswith("urn:uuid:")


def test_an_orphan_has_its_quote_but_no_position(tmp_path):
    store = store_with_notes(tmp_path)
    assert store.save().ok
    changed = NotesStore.open(article(tmp_path, "Putin met Erdogan.\n", "other.txt"), store.path)
    document = w3c.collection(export_of(changed))
    assert validate(document) == []
    selectors = [item["target"]["selector"] for item in document["first"]["items"]]
    assert len(selectors) == 4
    assert all([s["type"] for s in chosen] == ["TextQuoteSelector"] for chosen in selectors)


def test_the_source_is_the_articles_url_when_it_has_one(tmp_path):
    store = store_with_notes(tmp_path)
    store.article.source = "https://www.example.org/sochi"  # as the URL loader sets it
    document = w3c.collection(export_of(store))
    assert {i["target"]["source"] for i in document["first"]["items"]} == {
        "https://www.example.org/sochi"
    }
    assert validate(document) == []
