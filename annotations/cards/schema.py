"""Provides the cards file format (version 1) as one spec: strict validation and its JSON Schema.

The spec below is the single source of truth: `validate` walks loaded YAML with it and reports
every problem with its line and field, and `json_schema` renders the same spec for editors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from annotations.cards.model import CARD_KINDS
from annotations.yaml.loader import Path, describe
from annotations.yaml.validate import ProblemCollector

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SUMMARY = 160
MAX_TEXT = 100_000
"""No single text field may exceed this many characters (a body is a few short paragraphs)."""
MAX_ITEMS = 10_000


@dataclass(frozen=True)
class Field:
    """One key of a mapping in the format."""

    name: str
    type: str
    """text | line | id | date | int | bool | url | kind | list | object"""
    required: bool = False
    doc: str = ""
    items: Field | None = None
    """For lists: the spec of each item."""
    fields: tuple[Field, ...] = ()
    """For objects: their keys."""
    max_length: int | None = None
    allow_empty: bool = False
    """For text: whether blank text is allowed; for lists: whether an empty list is."""


SOURCE = Field(
    "source",
    "object",
    doc="Where a card's facts come from.",
    fields=(
        Field("title", "line", required=True, doc="The source's title."),
        Field("url", "url", required=True, doc="Its address (http or https)."),
        Field("publisher", "line", doc="Who published it (organisation, paper, agency)."),
        Field("published", "date", doc="The source's own date."),
        Field("accessed", "date", doc="When it was consulted, for a page with no date."),
        Field("archived", "url", doc="The address of an archived copy."),
    ),
)
LATER = Field(
    "later entry",
    "object",
    doc="Something that happened after the article's date, with its own sources.",
    fields=(
        Field("date", "date", required=True, doc="When it happened."),
        Field("text", "text", required=True, doc="What happened, in a sentence or two."),
        Field("sources", "list", required=True, items=SOURCE, doc="Where that comes from."),
    ),
)
QUOTE = Field(
    "quote",
    "object",
    doc="A W3C TextQuoteSelector: an exact span of the article, with optional context.",
    fields=(
        Field("exact", "text", required=True, doc="The exact text of the mention."),
        Field("prefix", "text", allow_empty=True, doc="Text just before it, to pick occurrences."),
        Field("suffix", "text", allow_empty=True, doc="Text just after it."),
    ),
)
CARD = Field(
    "card",
    "object",
    doc="One context card.",
    fields=(
        Field("id", "id", required=True, doc="Unique: lowercase letters, digits, hyphens."),
        Field("title", "line", required=True, doc="The card's heading."),
        Field("kind", "kind", required=True, doc="What the card is about."),
        Field(
            "summary", "line", required=True, max_length=MAX_SUMMARY, doc="One line, shown first."
        ),
        Field("body", "text", doc="A few short paragraphs of Markdown.", allow_empty=True),
        Field("aliases", "list", items=Field("alias", "line"), doc="Article text linking here."),
        Field("quotes", "list", items=QUOTE, doc="Exact spans for mentions an alias can't catch."),
        Field(
            "see_also",
            "list",
            items=Field("card id", "id"),
            allow_empty=True,
            doc="Ids of related cards.",
        ),
        Field("as_of", "date", required=True, doc="The date the facts hold for."),
        Field("sources", "list", items=SOURCE, allow_empty=True, doc="Where the facts come from."),
        Field("erratum", "text", doc="Where the article itself is wrong or ambiguous."),
        Field("case_sensitive", "bool", doc="Whether aliases match case exactly (default true)."),
        Field(
            "later",
            "list",
            items=LATER,
            doc="What happened after the article, shown apart and hideable.",
        ),
    ),
)
ARTICLE_INFO = Field(
    "article",
    "object",
    doc="What the cards were written for.",
    fields=(
        Field("title", "line", doc="The article's title."),
        Field("published", "date", doc="When it was published."),
        Field("source", "line", doc="Who published or reported it."),
    ),
)
CARDS_FILE = Field(
    "cards file",
    "object",
    fields=(
        Field("version", "int", required=True, doc="Always 1 for this format."),
        ARTICLE_INFO,
        Field("cards", "list", required=True, items=CARD, doc="The cards."),
    ),
)


class Validator(ProblemCollector):
    """Checks loaded YAML against a spec, collecting every problem instead of stopping at one."""

    def check(self, spec: Field, value: Any, path: Path) -> bool:
        """Validate `value` against `spec`; True when it is usable."""
        checker = getattr(self, f"check_{spec.type}")
        return checker(spec, value, path)

    def check_object(self, spec: Field, value: Any, path: Path) -> bool:
        if not self.is_mapping(value, path):
            return False
        ok = self.known_keys(value, [field.name for field in spec.fields], path)
        for field in spec.fields:
            if field.name not in value:
                if field.required:
                    self.problem(path, f"missing required key {field.name!r}")
                    ok = False
                continue
            ok = self.check(field, value[field.name], (*path, field.name)) and ok
        return ok

    def check_list(self, spec: Field, value: Any, path: Path) -> bool:
        if not isinstance(value, list):
            self.problem(path, f"expected a list, got {describe(value)}")
            return False
        if len(value) > MAX_ITEMS:
            self.problem(path, f"too many items ({len(value):,}; at most {MAX_ITEMS:,})")
            return False
        if not value and not spec.allow_empty:
            self.problem(path, "must not be an empty list (leave the key out instead)")
            return False
        ok = True
        for index, item in enumerate(value):
            ok = self.check(spec.items, item, (*path, index)) and ok
        return ok

    def _text(self, spec: Field, value: Any, path: Path) -> bool:
        if not self.is_text(value, path, empty=spec.allow_empty):
            return False
        limit = spec.max_length or MAX_TEXT
        if len(value) > limit:
            self.problem(path, f"is {len(value):,} characters long; at most {limit:,}")
            return False
        return True

    def check_text(self, spec: Field, value: Any, path: Path) -> bool:
        return self._text(spec, value, path)

    def check_line(self, spec: Field, value: Any, path: Path) -> bool:
        if not self._text(spec, value, path):
            return False
        if "\n" in value.strip() or "\r" in value.strip():  # a lone CR breaks the line when shown
            self.problem(path, "must be a single line")
            return False
        return True

    def check_id(self, spec: Field, value: Any, path: Path) -> bool:
        if not self._text(spec, value, path):
            return False
        if not ID_PATTERN.fullmatch(value):
            self.problem(path, f"{value!r} is not a valid id (lowercase letters, digits, hyphens)")
            return False
        return True

    def check_url(self, spec: Field, value: Any, path: Path) -> bool:
        if not self.check_line(spec, value, path):
            return False
        if not re.fullmatch(r"https?://[^\s]+", value):
            self.problem(path, f"{value!r} is not an http(s) address")
            return False
        return True

    def check_kind(self, spec: Field, value: Any, path: Path) -> bool:
        if not self._text(spec, value, path):
            return False
        if value not in CARD_KINDS:
            self.problem(path, f"{value!r} is not a kind (one of: {', '.join(CARD_KINDS)})")
            return False
        return True

    def check_date(self, spec: Field, value: Any, path: Path) -> bool:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return True
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
                return True
            except ValueError:
                pass
        self.problem(path, f"expected a date like 2021-09-29, got {describe(value)}")
        return False

    def check_int(self, spec: Field, value: Any, path: Path) -> bool:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"expected a whole number, got {describe(value)}")
            return False
        return True

    def check_bool(self, spec: Field, value: Any, path: Path) -> bool:
        if not isinstance(value, bool):
            self.problem(path, f"expected true or false, got {describe(value)}")
            return False
        return True


def as_date(value: Any) -> dt.date:
    """A validated date value as a `date`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def json_schema() -> dict[str, Any]:
    """The cards file format as a JSON Schema (draft 2020-12), from the same spec."""
    schema = _field_schema(CARDS_FILE)
    schema["properties"]["version"] = {"const": 1, "description": "Always 1 for this format."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://annotated-reader.invalid/schema/cards-v1.json",
        "title": "annotated-reader cards file, version 1",
        **schema,
    }


def _field_schema(spec: Field) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if spec.doc:
        out["description"] = spec.doc
    if spec.type == "object":
        out.update(
            type="object",
            additionalProperties=False,
            properties={field.name: _field_schema(field) for field in spec.fields},
        )
        required = [field.name for field in spec.fields if field.required]
        if required:
            out["required"] = required
    elif spec.type == "list":
        out.update(type="array", items=_field_schema(spec.items), maxItems=MAX_ITEMS)
        if not spec.allow_empty:
            out["minItems"] = 1
    elif spec.type in ("text", "line"):
        out.update(type="string", maxLength=spec.max_length or MAX_TEXT)
        if not spec.allow_empty:
            out["pattern"] = r"\S"
    elif spec.type == "id":
        out.update(type="string", pattern=f"^{ID_PATTERN.pattern}$")
    elif spec.type == "url":
        out.update(type="string", pattern=r"^https?://\S+$")
    elif spec.type == "kind":
        out.update(type="string", enum=list(CARD_KINDS))
    elif spec.type == "date":
        out.update(type="string", format="date")
    elif spec.type == "int":
        out.update(type="integer")
    elif spec.type == "bool":
        out.update(type="boolean")
    return out
