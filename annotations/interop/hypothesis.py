"""Provides reading one Hypothesis annotation (from its API or an export of it) as a Candidate.

A Hypothesis annotation (https://h.readthedocs.io/en/latest/api-reference/) has `id`, `text`
(Markdown), `tags`, `created`, `updated`, `links.html` (its page) and `target`, a list with
the W3C selectors, a TextQuoteSelector among them. A page note has no selector: there is no
passage to anchor it to, so it is rejected with that reason.
"""

from __future__ import annotations

from typing import Any

from annotations.interop import ids
from annotations.interop.candidates import (
    Candidate,
    Rejected,
    as_list,
    find_selectors,
    kind,
    read_tag,
    read_time,
    unique,
)

PAGE = "https://hypothes.is/a/"
"""Where Hypothesis shows an annotation: its public id, when the export has no link."""


def is_hypothesis(entry: Any) -> bool:
    """True for an object shaped as a Hypothesis annotation rather than a W3C one."""
    return (
        isinstance(entry, dict)
        and "type" not in entry
        and "@context" not in entry
        and ("uri" in entry or "user" in entry or "links" in entry or "text" in entry)
    )


def read_row(entry: Any, where: str) -> Candidate:
    """The candidate note of one Hypothesis annotation; Rejected if unusable."""
    if not isinstance(entry, dict):
        raise Rejected("", f"expected an annotation (a JSON object), got {kind(entry)}")
    ident = entry.get("id")
    if not isinstance(ident, str) or not ident or not ident.isprintable() or len(ident) > 200:
        raise Rejected("id", f"expected the annotation's id (text), got {kind(ident)}")
    found = [PAGE + ident]
    links = entry.get("links")
    if isinstance(links, dict) and isinstance(links.get("html"), str):
        link = links["html"]
        if ids.is_iri(link) and link.isprintable() and len(link) <= 2_000:
            found.insert(0, link)
    quote = position = None
    targets = entry.get("target", [])
    for number, target in enumerate(as_list(targets)):
        field = "target" + (f"[{number}]" if isinstance(targets, list) else "")
        quote, position = find_selectors(target, field)
        if quote is not None:
            break
    if quote is None:
        raise Rejected(
            "target",
            "no TextQuoteSelector: a page note or a reply, with no passage to anchor it to",
        )
    text = entry.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise Rejected("text", f"expected the note's text, got {kind(text)}")
    raw_tags = entry.get("tags", [])
    if raw_tags is None:
        raw_tags = []
    if not isinstance(raw_tags, list):
        raise Rejected("tags", f"expected a list of tags, got {kind(raw_tags)}")
    tags = [read_tag(tag, f"tags[{number}]") for number, tag in enumerate(raw_tags)]
    created = read_time(entry.get("created"), "created")
    updated = read_time(entry.get("updated"), "updated")
    return Candidate(
        where,
        tuple(dict.fromkeys(found)),
        quote,
        position,
        text.strip(),
        unique(tags),
        created=created,
        updated=updated or created,
    )
