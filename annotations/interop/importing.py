"""Provides importing annotations into a notes store: W3C (collection, page, list or one) and
Hypothesis (an API search's `rows`, the client's export's `annotations`, or a list of them).

Each annotation is anchored by its quote like any note: exact, approximate (left marked for the
user to confirm) or orphan (kept and listed). An annotation already in the notes, by one of its
ids or as the same quote, place and text, is skipped, so importing a file twice adds nothing the
second time. The whole file is read and checked before the store is touched: a file that is not
JSON or not of a known shape changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations import files
from annotations.errors import AnnotationError, Problem
from annotations.interop import ids
from annotations.interop.candidates import Candidate, Rejected, kind, types_of
from annotations.interop.hypothesis import is_hypothesis, read_row
from annotations.interop.w3c_read import read_annotation
from annotations.notes.anchoring import anchor, make_quote
from annotations.notes.model import Note, Placement, new_id, utc_now
from annotations.notes.store import NotesStore

MAX_PAGES = 10_000
"""Embedded pages followed through `next` (a hostile file could chain them without end)."""


@dataclass
class ImportReport:
    """What an import did, for its summary."""

    exact: int = 0
    approximate: int = 0
    orphans: list[Candidate] = field(default_factory=list)
    duplicates: int = 0
    rejected: list[Problem] = field(default_factory=list)
    added: list[Note] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.added) + self.duplicates + len(self.rejected)


def load_json(path: Path) -> Any:
    """The file's JSON; AnnotationError with line and column when it is not JSON."""
    text = files.read_text(path, limit=files.MAX_ARTICLE_BYTES, what="annotations")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise AnnotationError(
            Problem(str(path), error.lineno, "", f"not JSON: {error.msg}", column=error.colno)
        ) from None
    except ValueError as error:  # NaN or Infinity, which JSON does not have
        raise AnnotationError.single(str(path), f"not JSON: {error}") from None
    except RecursionError:
        raise AnnotationError.single(str(path), "not usable: nested too deeply") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def entries(data: Any, file: str) -> list[tuple[str, Any]]:
    """Each annotation in the file with where it is; AnnotationError for an unknown shape."""
    if isinstance(data, list):
        return [(f"[{number}]", item) for number, item in enumerate(data)]
    if not isinstance(data, dict):
        raise _shape(file, "", f"expected a JSON object or list, got {kind(data)}")
    names = types_of(data)
    for key in ("rows", "annotations"):  # the API's search result; the client's own export
        if key in data:
            rows = data[key]
            if not isinstance(rows, list):
                raise _shape(file, key, f"expected a list of annotations, got {kind(rows)}")
            return [(f"{key}[{number}]", item) for number, item in enumerate(rows)]
    if "AnnotationCollection" in names or "first" in data:
        return _collection(data, file)
    if "AnnotationPage" in names or "items" in data:
        return _page(data, "", file)
    if "Annotation" in names or is_hypothesis(data) or "target" in data:
        return [("", data)]
    raise _shape(
        file,
        "",
        "not annotations: expected a W3C AnnotationCollection, AnnotationPage or Annotation,"
        " a Hypothesis export (with rows or annotations), or a list of annotations",
    )


def _collection(data: dict, file: str) -> list[tuple[str, Any]]:
    page, path = data.get("first"), "first"
    if page is None:
        return []  # an empty collection has no first page
    found: list[tuple[str, Any]] = []
    for _ in range(MAX_PAGES):
        if isinstance(page, str):
            raise _shape(
                file, path, "a link to a page elsewhere: only pages inside the file can be read"
            )
        found += _page(page, path, file)
        page = page.get("next")
        if page is None:
            return found
        path += ".next"
    raise _shape(file, path, f"more than {MAX_PAGES:,} pages")


def _page(page: Any, path: str, file: str) -> list[tuple[str, Any]]:
    if not isinstance(page, dict):
        raise _shape(file, path, f"expected an AnnotationPage (an object), got {kind(page)}")
    items = page.get("items")
    prefix = f"{path}.items" if path else "items"
    if not isinstance(items, list):
        raise _shape(file, prefix, f"expected a list of annotations, got {kind(items)}")
    return [(f"{prefix}[{number}]", item) for number, item in enumerate(items)]


def _shape(file: str, field: str, message: str) -> AnnotationError:
    return AnnotationError(Problem(file, None, field, message))


def read_candidates(data: Any, file: str) -> tuple[list[Candidate], list[Problem]]:
    """Every usable annotation in `data`, and a problem for each one that is not."""
    candidates: list[Candidate] = []
    rejected: list[Problem] = []
    for where, entry in entries(data, file):
        reader = read_row if is_hypothesis(entry) else read_annotation
        try:
            candidate = reader(entry, where)
            if not _is_text(candidate):
                raise Rejected("", "holds an unpaired surrogate (as \\ud800), which is not text")
            candidates.append(candidate)
        except Rejected as refusal:
            path = ".".join(part for part in (where, refusal.field) if part).replace(".[", "[")
            rejected.append(Problem(file, None, path, refusal.message))
    return candidates, rejected


def _is_text(candidate: Candidate) -> bool:
    """True when every string can be written as UTF-8 (JSON can spell lone surrogates)."""
    quote = candidate.quote
    strings = (quote.exact, quote.prefix, quote.suffix, candidate.note, *candidate.tags)
    try:
        for value in strings:
            value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def import_into(store: NotesStore, data: Any, file: str) -> ImportReport:
    """Add every new annotation in `data` to `store` (not saved: the caller saves)."""
    candidates, rejected = read_candidates(data, file)
    report = ImportReport(rejected=rejected)
    text = store.article.text
    known_ids: set[str] = set()
    known_content: set[tuple] = set()
    for note in store.notes:
        known_ids.add(ids.note_iri(note.id))
        if note.imported_from:
            known_ids.add(note.imported_from)
        known_content.add(_content(note))
    now = utc_now()
    for candidate in candidates:
        if known_ids.intersection(candidate.ids):
            report.duplicates += 1
            continue
        note, where = _note(candidate, text, store.article.sha256, now)
        if _content(note) in known_content:
            report.duplicates += 1
            continue
        store.restore(note, where)
        state = where.state
        if state == "exact":
            report.exact += 1
        elif state == "approximate":
            report.approximate += 1
        else:
            report.orphans.append(candidate)
        report.added.append(note)
        known_ids.update(candidate.ids)  # (a new note's own id is new: nothing can name it)
        known_content.add(_content(note))
    return report


def _content(note: Note) -> tuple:
    return (note.quote.exact, note.start, note.end, note.note)


def _note(candidate: Candidate, text: str, article_sha256: str, now) -> tuple[Note, Placement]:
    """The note a candidate becomes, placed where its quote stands in `text` (if anywhere), and
    that placement."""
    quote = candidate.quote
    hint = candidate.position[0] if candidate.position else 0
    where = anchor(text, quote, hint)
    if where.placed:
        assert where.start is not None and where.end is not None
        start, end = where.start, where.end
        if where.state == "exact":
            quote = make_quote(text, start, end)  # full context, for the next re-anchoring
    else:
        start = hint
        end = candidate.position[1] if candidate.position else hint + len(quote.exact)
    created = candidate.created or now
    note = Note(
        new_id(),
        quote,
        start,
        end,
        candidate.note,
        candidate.tags,
        candidate.color,
        created,
        candidate.updated or created,
        # Found exactly, its passage is in this version of the text, as if attached here.
        made_on=article_sha256 if where.state == "exact" else "",
        imported_from=candidate.ids[0] if candidate.ids else "",
    )
    return note, where
