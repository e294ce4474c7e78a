"""Provides a cache of parsed cards files, so a reader opening known cards skips YAML entirely.

A cards file that loaded without a problem is stored as JSON under the user's cache folder, keyed
by the sha256 of its text. Opening the same text again reads the JSON (a millisecond) instead of
importing PyYAML and validating (tens of milliseconds). Any doubt about an entry (unreadable,
damaged, another format version, not what this reader wrote) means the file is simply parsed
again and the entry written afresh: the cache can only save time, never change what is loaded.

An entry is one header line, `{"format": 3, "sha256": ...}`, then the cards as JSON; the header's
hash is of that JSON text, so an entry truncated, emptied or edited by hand (`null`, `[]`) is
never trusted, whatever shape it has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from pathlib import Path

from annotations import files
from annotations.cards.model import ArticleInfo, Card, LaterEntry, QuoteSelector, Source

log = logging.getLogger(__name__)

CACHE_DIR_VARIABLE = "ANNOTATED_READER_CACHE_DIR"
"""Set this to keep the cache somewhere else (the tests do); set it to "off" to disable it."""
FORMAT = 3
"""Bump when Card or the loader changes, so no entry written before is used."""

Entry = tuple[ArticleInfo, list[Card], set[str]]


def cache_dir() -> Path | None:
    chosen = os.environ.get(CACHE_DIR_VARIABLE, "").strip()
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    import platformdirs  # its platform probing costs start-up time: only without the variable

    return Path(platformdirs.user_cache_dir("annotated-reader", appauthor=False))


def _entry_path(text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"cards-v{FORMAT}\0{text}".encode("utf-8", "surrogatepass"))
    return folder / "cards" / f"{digest.hexdigest()}.json"


def load(text: str, file: str) -> Entry | None:
    """The cached result of parsing `text` (as read from `file`), or None."""
    path = _entry_path(text)
    if path is None:
        return None
    try:
        header, _, body = path.read_text(encoding="utf-8").partition("\n")
        check = json.loads(header)
        if not isinstance(check, dict) or check.get("format") != FORMAT:
            return None
        if check.get("sha256") != _digest(body):
            log.debug("cards cache entry %s not used: it is not what was written", path)
            return None
        data = json.loads(body)
        info = ArticleInfo(
            title=data["info"]["title"],
            published=_date(data["info"]["published"]),
            source=data["info"]["source"],
        )
        cards = [_card(raw, file) for raw in data["cards"]]
        return info, cards, set(data["known"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        # The hash makes these all but impossible; a disposable cache still never stops a load.
        log.debug("cards cache entry %s not used: %s", path, error)
        return None


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def store(text: str, entry: Entry) -> None:
    """Remember a cleanly parsed file; a failure to write is only logged."""
    path = _entry_path(text)
    if path is None:
        return
    info, cards, known = entry
    data = {
        "info": {
            "title": info.title,
            "published": info.published.isoformat() if info.published else None,
            "source": info.source,
        },
        "cards": [_raw(card) for card in cards],
        "known": sorted(known),
    }
    try:
        body = json.dumps(data, ensure_ascii=False)
        header = json.dumps({"format": FORMAT, "sha256": _digest(body)})
        files.write_atomically(path, f"{header}\n{body}")
    except OSError as error:
        log.debug("cards cache entry %s not written: %s", path, error)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _raw(card: Card) -> dict:
    return {
        "id": card.id,
        "title": card.title,
        "kind": card.kind,
        "summary": card.summary,
        "as_of": card.as_of.isoformat(),
        "body": card.body,
        "aliases": list(card.aliases),
        "quotes": [[q.exact, q.prefix, q.suffix] for q in card.quotes],
        "see_also": list(card.see_also),
        "sources": [_raw_source(s) for s in card.sources],
        "later": [
            [entry.date.isoformat(), entry.text, [_raw_source(s) for s in entry.sources]]
            for entry in card.later
        ],
        "erratum": card.erratum,
        "case_sensitive": card.case_sensitive,
        "line": card.line,
        "alias_lines": list(card.alias_lines),
        "index": card.index,
        "field_lines": card.field_lines,
    }


def _card(raw: dict, file: str) -> Card:
    return Card(
        id=raw["id"],
        title=raw["title"],
        kind=raw["kind"],
        summary=raw["summary"],
        as_of=dt.date.fromisoformat(raw["as_of"]),
        body=raw["body"],
        aliases=tuple(raw["aliases"]),
        quotes=tuple(QuoteSelector(*quote) for quote in raw["quotes"]),
        see_also=tuple(raw["see_also"]),
        sources=tuple(_source(source) for source in raw["sources"]),
        later=tuple(
            LaterEntry(dt.date.fromisoformat(date), text, tuple(_source(s) for s in sources))
            for date, text, sources in raw["later"]
        ),
        erratum=raw["erratum"],
        case_sensitive=raw["case_sensitive"],
        file=file,
        line=raw["line"],
        alias_lines=tuple(raw["alias_lines"]),
        index=raw["index"],
        field_lines=raw["field_lines"],
    )


def _raw_source(source: Source) -> list:
    return [
        source.title,
        source.url,
        source.publisher,
        source.published.isoformat() if source.published else None,
        source.accessed.isoformat() if source.accessed else None,
        source.archived,
    ]


def _source(raw: list) -> Source:
    title, url, publisher, published, accessed, archived = raw
    return Source(title, url, publisher, _date(published), _date(accessed), archived)
