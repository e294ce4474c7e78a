"""Provides loading cards files: parsing and checking each, answered from the cache when it can.

The schema and the YAML loader are imported when a file is parsed: a cards file read from the
cache (every start after the first) needs neither, and importing them costs start-up time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from annotations import files
from annotations.cards import cache as cards_cache
from annotations.cards.model import ArticleInfo, Card, CardSet, LaterEntry, QuoteSelector, Source
from annotations.errors import AnnotationError, Problem
from annotations.text.sanitize import clean_card_text

if TYPE_CHECKING:
    from annotations.yaml.loader import LineMap


def parse_cards(text: str, file: str) -> tuple[ArticleInfo, list[Card]]:
    """Parse one cards file's text; raise AnnotationError listing every problem in it."""
    info, cards, known_ids, problems = _parse(text, file)
    problems.extend(cross_check(cards, known_ids))
    if problems:
        raise AnnotationError(problems)
    return info, cards


def _parse(text: str, file: str) -> tuple[ArticleInfo, list[Card], set[str], list[Problem]]:
    """The article info, the cards that are valid, every id named, and the problems found.

    Cards that fail validation are left out but their ids still count as known, so one bad
    card does not hide the problems of the others, nor make links to it look broken.
    """
    from annotations.cards.schema import CARDS_FILE, Validator
    from annotations.yaml.loader import load_yaml

    data, lines = load_yaml(text, file)
    if data is None:
        raise AnnotationError.single(file, "the file is empty; expected 'version: 1' and 'cards:'")
    validator = Validator(file, lines)
    version = data.get("version", 1) if isinstance(data, dict) else 1
    # Only a whole number can be an unsupported version; "1" or 1.0 get the validator's message.
    if isinstance(version, int) and not isinstance(version, bool) and version != 1:
        validator.problem(("version",), f"unsupported version {version!r} (this reader reads 1)")
        raise AnnotationError(validator.problems)
    validator.check(CARDS_FILE, data, ())
    raw_cards = data.get("cards") if isinstance(data, dict) else None
    if not isinstance(raw_cards, list):
        raise AnnotationError(validator.problems)
    failed = {_card_index(problem.field) for problem in validator.problems} - {None}
    cards = [
        _make_card(raw, file, lines, index)
        for index, raw in enumerate(raw_cards)
        if index not in failed and isinstance(raw, dict)
    ]
    known = {
        raw["id"] for raw in raw_cards if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    }
    info = ArticleInfo()
    if not any(p.field.startswith("article") for p in validator.problems):
        info = _make_info(data.get("article") or {})
    return info, cards, known, validator.problems


def _parse_cached(text: str, file: str) -> tuple[ArticleInfo, list[Card], set[str], list[Problem]]:
    """`_parse`, answered from the cache when this exact text parsed cleanly before."""
    cached = cards_cache.load(text, file)
    if cached is not None:
        return (*cached, [])
    info, cards, known, problems = _parse(text, file)
    if not problems:
        cards_cache.store(text, (info, cards, known))
    return info, cards, known, problems


def _card_index(field: str) -> int | None:
    """The card a problem's field belongs to: 3 for "cards[3].aliases", else None."""
    if not field.startswith("cards["):
        return None
    return int(field[6 : field.index("]")])


def load_cards(paths: list[Path]) -> CardSet:
    """Load cards files, reporting all problems in all files together; ids must be unique."""
    problems: list[Problem] = []
    cards: list[Card] = []
    known: set[str] = set()
    info = ArticleInfo()
    for path in paths:
        try:
            text = files.read_text(path, limit=files.MAX_YAML_BYTES, what="cards")
            file_info, file_cards, file_known, file_problems = _parse_cached(text, str(path))
        except AnnotationError as error:
            problems.extend(error.problems)
            continue
        problems.extend(file_problems)
        known |= file_known
        if not info.title and file_info.title:
            info = file_info
        cards.extend(file_cards)
    problems.extend(cross_check(cards, known))
    if problems:
        raise AnnotationError(problems)
    return CardSet(cards=cards, info=info, files=[str(path) for path in paths])


def cross_check(cards: list[Card], known_ids: set[str] | None = None) -> list[Problem]:
    """Problems that span cards: duplicate ids, see_also to unknown ids, no way to link.

    `known_ids` adds ids of cards that failed validation, so links to them are not reported.
    """
    problems: list[Problem] = []
    seen: dict[str, Card] = {}
    known_ids = known_ids or set()
    for card in cards:
        if card.id in seen:
            first = seen[card.id]
            problems.append(
                Problem(
                    card.file,
                    card.line_of("id"),
                    f"cards[{card.index}].id",
                    f"duplicate id {card.id!r} (first used at {first.file}:{first.line_of('id')})",
                )
            )
        else:
            seen[card.id] = card
    for card in cards:
        position = card.index
        for item, see in enumerate(card.see_also):
            if see not in seen and see not in known_ids:
                problems.append(
                    Problem(
                        card.file,
                        card.line_of(f"see_also[{item}]"),
                        f"cards[{position}].see_also[{item}]",
                        f"{see!r} is not the id of any card",
                    )
                )
        if not card.aliases and not card.quotes:
            problems.append(
                Problem(
                    card.file,
                    card.line,
                    f"cards[{position}].aliases",
                    "the card has no aliases and no quotes, so nothing can link to it",
                )
            )
    return problems


def _make_info(raw: dict) -> ArticleInfo:
    from annotations.cards.schema import as_date  # with the schema: only when a file is parsed

    published = raw.get("published")
    return ArticleInfo(
        title=clean_card_text(raw.get("title", "")).strip(),
        published=as_date(published) if published is not None else None,
        source=clean_card_text(raw.get("source", "")).strip(),
    )


def _make_card(raw: dict, file: str, lines: LineMap, index: int) -> Card:
    from annotations.cards.schema import as_date  # with the schema: only when a file is parsed

    path = ("cards", index)
    aliases = tuple(raw.get("aliases", ()))
    return Card(
        id=raw["id"],
        title=clean_card_text(raw["title"]).strip(),
        kind=raw["kind"],
        summary=clean_card_text(raw["summary"]).strip(),
        as_of=as_date(raw["as_of"]),
        body=clean_card_text(raw.get("body", "")).strip(),
        aliases=aliases,
        quotes=tuple(
            QuoteSelector(q["exact"], q.get("prefix", ""), q.get("suffix", ""))
            for q in raw.get("quotes", ())
        ),
        see_also=tuple(raw.get("see_also", ())),
        sources=tuple(_make_source(s) for s in raw.get("sources", ())),
        erratum=clean_card_text(raw.get("erratum", "")).strip(),
        case_sensitive=raw.get("case_sensitive", True),
        later=tuple(
            sorted(
                (
                    LaterEntry(
                        date=as_date(entry["date"]),
                        text=clean_card_text(entry["text"]).strip(),
                        sources=tuple(_make_source(s) for s in entry.get("sources", ())),
                    )
                    for entry in raw.get("later", ())
                ),
                key=lambda entry: entry.date,
            )
        ),
        file=file,
        line=lines.line(path),
        alias_lines=tuple(lines.line((*path, "aliases", i)) for i in range(len(aliases))),
        index=index,
        field_lines=_field_lines(raw, lines, path),
    )


def _make_source(raw: dict) -> Source:
    from annotations.cards.schema import as_date  # with the schema: only when a file is parsed

    def date(key: str) -> dt.date | None:
        return as_date(raw[key]) if raw.get(key) is not None else None

    return Source(
        title=clean_card_text(raw["title"]).strip(),
        url=clean_card_text(raw["url"]).strip(),
        publisher=clean_card_text(raw.get("publisher", "")).strip(),
        published=date("published"),
        accessed=date("accessed"),
        archived=clean_card_text(raw.get("archived", "")).strip(),
    )


def _field_lines(raw: dict, lines: LineMap, path: tuple) -> dict[str, int | None]:
    found: dict[str, int | None] = {}
    for key, value in raw.items():
        found[key] = lines.line((*path, key))
        if isinstance(value, list):
            for item in range(len(value)):
                found[f"{key}[{item}]"] = lines.line((*path, key, item))
    return found


def field_name(index: int, *parts: str | int) -> str:
    """The user-facing field name of part of card `index`, as in messages."""
    from annotations.yaml.loader import format_path

    return format_path(("cards", index, *parts))
