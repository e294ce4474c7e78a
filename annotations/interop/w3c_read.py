"""Provides reading one W3C Web Annotation (ours or another tool's) as a `Candidate`.

Lenient where the model allows variety (a body as a string, an object or a list; bodyValue; a
target as one object or several; selectors refined by others), strict where a note needs
something: a TextQuoteSelector to anchor by, text where text is expected, real dates.
"""

from __future__ import annotations

import re
from typing import Any

from annotations.interop import ids
from annotations.interop.candidates import (
    Candidate,
    Rejected,
    as_list,
    find_selectors,
    kind,
    read_color,
    read_tag,
    read_time,
    types_of,
    unique,
)

_TAGS = re.compile(r"<[^>]*>")


def is_annotation(entry: Any) -> bool:
    """True for an object that says it is a W3C Annotation (or carries the W3C context)."""
    return isinstance(entry, dict) and (
        "Annotation" in types_of(entry) or "oa:Annotation" in types_of(entry) or "@context" in entry
    )


def read_annotation(entry: Any, where: str) -> Candidate:
    """The candidate note of one annotation; Rejected (field relative to `where`) if unusable."""
    if not isinstance(entry, dict):
        raise Rejected("", f"expected an annotation (a JSON object), got {kind(entry)}")
    names = types_of(entry)
    if names and "Annotation" not in names and "oa:Annotation" not in names:
        raise Rejected("type", f"{', '.join(names)} is not an Annotation")
    # The canonical IRI first: the one "always to be used" for it, so the one the note keeps.
    found = [_text_id(entry, key) for key in ("canonical", "id", "via")]
    if "target" not in entry:
        raise Rejected("target", "missing: an annotation needs a target to anchor it to")
    quote = position = None
    targets = as_list(entry["target"])
    for number, target in enumerate(targets):
        field = "target" + (f"[{number}]" if isinstance(entry["target"], list) else "")
        quote, position = find_selectors(target, field)
        if quote is not None:
            color = read_color(target.get("styleClass"))
            break
    if quote is None:
        raise Rejected(
            "target", "no TextQuoteSelector: the quoted text is needed to find its place"
        )
    note, tags = read_bodies(entry)
    created = read_time(entry.get("created"), "created")
    modified = read_time(entry.get("modified"), "modified")
    return Candidate(
        where,
        tuple(dict.fromkeys(item for item in found if item)),
        quote,
        position,
        note,
        unique(tags),
        color,
        created,
        modified or created,
    )


def _text_id(entry: dict, key: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, list):  # via may list several: the first names it
        value = value[0] if value else ""
    if not isinstance(value, str) or not value.isprintable() or len(value) > 2_000:
        raise Rejected(key, f"expected an IRI (one line of text), got {kind(value)}")
    return value


def read_bodies(entry: dict) -> tuple[str, list[str]]:
    """The note's text (text bodies joined by blank lines) and its tags (tagging bodies)."""
    texts: list[str] = []
    tags: list[str] = []
    if "bodyValue" in entry:
        value = entry["bodyValue"]
        if not isinstance(value, str):
            raise Rejected("bodyValue", f"expected text, got {kind(value)}")
        texts.append(value)
    if "body" in entry:
        bodies = entry["body"]
        many = isinstance(bodies, list)
        for number, body in enumerate(as_list(bodies)):
            field = "body" + (f"[{number}]" if many else "")
            _read_body(body, field, texts, tags)
    return "\n\n".join(text for text in texts if text), tags


def _read_body(body: Any, field: str, texts: list[str], tags: list[str]) -> None:
    if isinstance(body, str):
        # By the model a string body is the IRI of a resource; some tools put the text there.
        texts.append(body)
        return
    if not isinstance(body, dict):
        raise Rejected(field, f"expected a body (an object or a string), got {kind(body)}")
    names = types_of(body)
    purposes = [item for item in as_list(body.get("purpose")) if isinstance(item, str)]
    if "Choice" in names:
        items = as_list(body.get("items", []))
        if items:  # a choice of bodies: the first is the default one
            _read_body(items[0], f"{field}.items[0]", texts, tags)
        return
    if "value" in body:
        value = body["value"]
        if not isinstance(value, str):
            raise Rejected(f"{field}.value", f"expected text, got {kind(value)}")
        if "tagging" in purposes:
            tags.append(read_tag(value, f"{field}.value"))
            return
        if body.get("format") == "text/html":
            import html

            value = html.unescape(_TAGS.sub("", value))
        texts.append(value)
        return
    # An external resource or a specific resource: the note keeps where it points.
    pointer = body.get("source", body.get("id"))
    if isinstance(pointer, str) and ids.is_iri(pointer):
        texts.append(pointer)
        return
    raise Rejected(field, "a body with neither a value nor an IRI")
