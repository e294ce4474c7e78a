"""Provides the `cards:` list of the notes file: personal cards, checked strictly and written back.

The list is optional (a file without it has no personal cards, and a file with none is written
without it, so older readers' files stay as they were)::

    cards:
      - id: 01JD3Q5V8K2M4N6P7R9S0T1U2V
        title: Dmitry Peskov
        kind: person
        summary: The Kremlin's spokesman.
        body: |
          Optional Markdown.
        aliases:
          - Peskov
        sources:                  # optional; each as in a cards file
          - title: Kremlin staff page
            url: https://example.org/peskov
        created: 2026-11-28T05:00:00Z
        updated: 2026-11-28T05:00:00Z

Each card is checked with the shipped cards' spec (annotations.cards.schema) for the fields they
share, so a personal card's summary, kind or source is held to the same rules as a shipped one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from annotations.cards.model import Source
from annotations.cards.schema import MAX_SUMMARY, SOURCE, Field, Validator, as_date
from annotations.notes.model import format_time
from annotations.notes.personal import PersonalCard, card_order
from annotations.yaml.emit import scalar, text_value
from annotations.yaml.loader import LineMap, describe
from annotations.yaml.validate import ProblemCollector

_ID = re.compile(r"[0-9A-Z]{26}")
_TIME_EXAMPLE = "2026-11-28T05:00:00Z"

PERSONAL_CARD = Field(
    "personal card",
    "object",
    doc="One of the reader's own cards.",
    fields=(
        Field("id", "ulid", required=True, doc="26 capital letters and digits, made at creation."),
        Field("title", "line", required=True, doc="The card's heading."),
        Field("kind", "kind", required=True, doc="What the card is about."),
        Field(
            "summary", "line", required=True, max_length=MAX_SUMMARY, doc="One line, shown first."
        ),
        Field("body", "text", doc="A few short paragraphs of Markdown.", allow_empty=True),
        Field(
            "aliases",
            "list",
            required=True,
            items=Field("alias", "line"),
            doc="Article text linking here.",
        ),
        Field("sources", "list", items=SOURCE, allow_empty=True, doc="Where the facts come from."),
        Field("created", "time", required=True, doc="When the card was made (UTC)."),
        Field("updated", "time", required=True, doc="When it was last changed (UTC)."),
    ),
)


class PersonalCardChecker(Validator):
    """The shipped cards' validator, with the notes file's ids and times."""

    def check_ulid(self, spec: Field, value: Any, path: tuple) -> bool:
        if not self._text(spec, value, path):
            return False
        if not _ID.fullmatch(value):
            self.problem(path, f"{value!r} is not a card id (26 capital letters and digits)")
            return False
        return True

    def check_list(self, spec: Field, value: Any, path: tuple) -> bool:
        if spec.name == "aliases" and value == []:  # the shipped message says to drop the key
            self.problem(path, "give at least one alias (the article text that links here)")
            return False
        return super().check_list(spec, value, path)

    def check_time(self, spec: Field, value: Any, path: tuple) -> bool:
        if as_time(value) is None:
            naive = isinstance(value, dt.datetime) and value.tzinfo is None
            what = "a time with no time zone" if naive else describe(value)
            self.problem(path, f"expected a UTC time like {_TIME_EXAMPLE}, got {what}")
            return False
        return True


def as_time(value: Any) -> dt.datetime | None:
    """A UTC time from a YAML timestamp or the same in quotes; None for anything else."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return None
    return value.astimezone(dt.UTC).replace(microsecond=0)


def read_cards(value: Any, collector: ProblemCollector) -> list[PersonalCard]:
    """The personal cards of a loaded `cards:` value; problems go to `collector` (file, line)."""
    checker = PersonalCardChecker(collector.file, collector.lines)
    cards: list[PersonalCard] = []
    if not isinstance(value, list):
        checker.problem(("cards",), f"expected a list of cards (or []), got {describe(value)}")
    else:
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            path = ("cards", index)
            if not checker.check(PERSONAL_CARD, item, path):
                continue
            if item["id"] in seen:
                checker.problem(
                    (*path, "id"), f"duplicate id; cards[{seen[item['id']]}] has it too"
                )
                continue
            seen[item["id"]] = index
            cards.append(_make(item, collector.lines, path))
    for problem in checker.problems:
        collector.problems.append(problem)
    return cards


def _make(raw: dict, lines: LineMap, path: tuple) -> PersonalCard:
    aliases = tuple(raw["aliases"])
    created, updated = as_time(raw["created"]), as_time(raw["updated"])
    assert created is not None and updated is not None
    return PersonalCard(
        id=raw["id"],
        title=raw["title"].strip(),
        kind=raw["kind"],
        summary=raw["summary"].strip(),
        body=raw.get("body", "").strip(),
        aliases=aliases,
        sources=tuple(_source(item) for item in raw.get("sources", ())),
        created=created,
        updated=updated,
        line=lines.line(path),
        alias_lines=tuple(lines.line((*path, "aliases", i)) for i in range(len(aliases))),
    )


def _source(raw: dict) -> Source:
    def date(key: str) -> dt.date | None:
        return as_date(raw[key]) if raw.get(key) is not None else None

    return Source(
        title=raw["title"].strip(),
        url=raw["url"].strip(),
        publisher=raw.get("publisher", "").strip(),
        published=date("published"),
        accessed=date("accessed"),
        archived=raw.get("archived", "").strip(),
    )


def dump_cards(cards: list[PersonalCard]) -> list[str]:
    """The `cards:` lines, oldest card first; none at all when there are no cards."""
    if not cards:
        return []
    out = ["cards:"]
    for card in sorted(cards, key=card_order):
        out += [
            f"  - id: {scalar(card.id)}",
            f"    title: {scalar(card.title)}",
            f"    kind: {scalar(card.kind)}",
            f"    summary: {scalar(card.summary)}",
        ]
        if card.body:
            out.append(f"    body: {text_value(card.body, 6)}")
        out.append("    aliases:")
        out += [f"      - {scalar(alias)}" for alias in card.aliases]
        if card.sources:
            out.append("    sources:")
            for source in card.sources:
                out += _source_lines(source)
        out.append(f"    created: {format_time(card.created)}")
        out.append(f"    updated: {format_time(card.updated)}")
    return out


def _source_lines(source: Source) -> list[str]:
    out = [f"      - title: {scalar(source.title)}", f"        url: {scalar(source.url)}"]
    if source.publisher:
        out.append(f"        publisher: {scalar(source.publisher)}")
    if source.published:
        out.append(f"        published: {source.published.isoformat()}")
    if source.accessed:
        out.append(f"        accessed: {source.accessed.isoformat()}")
    if source.archived:
        out.append(f"        archived: {scalar(source.archived)}")
    return out
