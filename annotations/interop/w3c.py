"""Provides the W3C Web Annotation export: an AnnotationCollection in JSON-LD.

Each note is an Annotation (https://www.w3.org/TR/annotation-model/): its note a TextualBody
(purpose commenting), each tag a TextualBody with purpose tagging, its motivation highlighting,
commenting or tagging, and a target on the article (its URL, else `urn:sha256:` of its text)
with a TextQuoteSelector and a TextPositionSelector. The colour goes where the model puts
styling: a CSS class on the target (`styleClass`) defined in the annotation's `stylesheet`, so
it comes back on import. Every annotation carries the `@context`, so each one stands alone too.
"""

from __future__ import annotations

import json
from typing import Any

from annotations.interop import ids
from annotations.interop.export import Export
from annotations.notes.model import COLORS, Note, format_time

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The Web Annotation JSON-LD context every export names."""

HIGHLIGHT_CSS = {
    "yellow": "#fff176",
    "green": "#aed581",
    "blue": "#81d4fa",
    "pink": "#f48fb1",
    "purple": "#ce93d8",
}
"""The background of a highlight of each colour, in CSS (the HTML export uses them too)."""
assert set(HIGHLIGHT_CSS) == set(COLORS)


def motivation(note: Note) -> str:
    """Why the note was made, in the model's words: a note comments, bare tags tag, else a
    highlight."""
    if note.note:
        return "commenting"
    return "tagging" if note.tags else "highlighting"


def annotation(note: Note, source: str, placed: bool = True) -> dict[str, Any]:
    """One note as a Web Annotation on `source`; an orphan (not `placed`) has no
    TextPositionSelector, as it has no place in the text the source names."""
    bodies: list[dict[str, Any]] = []
    if note.note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": note.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags]
    quote = note.quote
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": ids.note_iri(note.id),
        "type": "Annotation",
        "motivation": motivation(note),
        "created": format_time(note.created),
        "modified": format_time(note.updated),
    }
    if bodies:
        out["body"] = bodies
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": quote.exact,
            "prefix": quote.prefix,
            "suffix": quote.suffix,
        }
    ]
    if placed:
        selectors.append({"type": "TextPositionSelector", "start": note.start, "end": note.end})
    out["target"] = {"source": source, "selector": selectors, "styleClass": note.color}
    out["stylesheet"] = {
        "type": "CssStylesheet",
        "value": f".{note.color} {{ background-color: {HIGHLIGHT_CSS[note.color]}; }}",
    }
    if note.imported_from and ids.is_iri(note.imported_from):
        out["via"] = note.imported_from
    return out


def collection(export: Export) -> dict[str, Any]:
    """Every note of the export as an AnnotationCollection with one embedded page."""
    source = ids.source_iri(export.article)
    placements = export.placements
    items = [annotation(note, source, placements[note.id].placed) for note in export.notes]
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": ids.collection_iri(export.article),
        "type": "AnnotationCollection",
        "label": export.title or export.article.name,
        "total": len(items),
        "generator": {"type": "Software", "name": "annotated-reader"},
        "generated": format_time(export.now),
    }
    if items:
        page_id = ids.collection_iri(export.article, "/page/1")
        out["first"] = {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": out["id"],
            "startIndex": 0,
            "items": items,
        }
        out["last"] = page_id
    return out


def dumps(document: dict[str, Any]) -> str:
    """JSON-LD text: the collection indented, each annotation on one line of its own (a diff
    shows which notes changed, and the fast C encoder writes them); letters as they are."""
    first = document.get("first")
    if not isinstance(first, dict) or not first.get("items"):
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    placeholder = "\u0000items\u0000"
    shell = {**document, "first": {**first, "items": placeholder}}
    text = json.dumps(shell, ensure_ascii=False, indent=2)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    items = ",\n".join("      " + encode(item) for item in first["items"])
    return text.replace(json.dumps(placeholder), "[\n" + items + "\n    ]", 1) + "\n"
