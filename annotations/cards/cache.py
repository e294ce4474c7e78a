"""Provides a cache of parsed cards files, so a reader opening known cards skips YAML entirely.

A cards file that loaded without a problem is stored as JSON under the user's cache folder, keyed
by the sha256 of its text. Opening the same text again reads the JSON (a millisecond) instead of
importing PyYAML and validating (tens of milliseconds). Any doubt about an entry (unreadable,
damaged, another format version, not what this reader wrote) means the file is simply parsed
again and the entry written afresh: the cache can only save time, never change what is loaded.

An entry is one header line, `{"format": 4, "sha256": ...}`, then the cards as JSON; the header's
hash is of that JSON text, so an entry truncated, emptied or edited by hand (`null`, `[]`) is
never trusted, whatever shape it has. The second line holds what loading, linking and checking
ids need of every card (id, kind, aliases, quotes, see_also, lines); each card's text, dates and
sources follow on a line of their own, decoded the first time the card is shown
(`CachedCard`): a library of 10,000 cards opens without building 10,000 cards' text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from pathlib import Path

from annotations import files
from annotations.cards.linking import card_link_keys
from annotations.cards.model import ArticleInfo, Card, LaterEntry, QuoteSelector, Source

log = logging.getLogger(__name__)

CACHE_DIR_VARIABLE = "ANNOTATED_READER_CACHE_DIR"
"""Set this to keep the cache somewhere else (the tests do); set it to "off" to disable it."""
FORMAT = 4
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
        index, *rest = body.split("\n")
        data = json.loads(index)
        info = ArticleInfo(
            title=data["info"]["title"],
            published=_date(data["info"]["published"]),
            source=data["info"]["source"],
        )
        if len(rest) != len(data["cards"]):
            return None
        cards = [_card(raw, line, file) for raw, line in zip(data["cards"], rest, strict=True)]
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
        "cards": [_index_row(card) for card in cards],
        "known": sorted(known),
    }
    try:
        lines = [json.dumps(data, ensure_ascii=False)]
        lines += [json.dumps(_rest_row(card), ensure_ascii=False) for card in cards]
        body = "\n".join(lines)  # JSON never holds a raw newline: one line per card holds
        header = json.dumps({"format": FORMAT, "sha256": _digest(body)})
        files.write_atomically(path, f"{header}\n{body}")
    except OSError as error:
        log.debug("cards cache entry %s not written: %s", path, error)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_INDEX_FIELDS = (  # and, after them, the aliases as linking sees them (linking.link_keys)
    "id",
    "kind",
    "aliases",
    "quotes",
    "see_also",
    "case_sensitive",
    "line",
    "alias_lines",
    "index",
)
"""What every card needs at once: to be loaded, linked, and checked against the others."""
_REST_FIELDS = ("title", "summary", "as_of", "body", "sources", "later", "erratum", "field_lines")
"""What only a card on show needs (and `check`): decoded on first use."""


def _index_row(card: Card) -> list:
    return [
        card.id,
        card.kind,
        list(card.aliases),
        [[q.exact, q.prefix, q.suffix] for q in card.quotes],
        list(card.see_also),
        card.case_sensitive,
        card.line,
        list(card.alias_lines),
        card.index,
        [list(part) if isinstance(part, tuple) else part for part in card_link_keys(card)],
    ]


def _rest_row(card: Card) -> list:
    return [
        card.title,
        card.summary,
        card.as_of.isoformat(),
        card.body,
        [_raw_source(s) for s in card.sources],
        [
            [entry.date.isoformat(), entry.text, [_raw_source(s) for s in entry.sources]]
            for entry in card.later
        ],
        card.erratum,
        card.field_lines,
    ]


class _Decoded:
    """A field of a CachedCard decoded on first use. Not a data descriptor: once decoded, the
    value in the card's own __dict__ is found first, and the class default (`sources = ()`)
    is never mistaken for it."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, card: CachedCard | None, owner: type | None = None):
        if card is None:
            return self
        card.decode()
        return card.__dict__[self.name]


class CachedCard(Card):
    """A card read from the cache: its index fields at once, the rest on first use.

    Two threads decoding at once both set the same values.
    """

    title = _Decoded()
    summary = _Decoded()
    as_of = _Decoded()
    body = _Decoded()
    sources = _Decoded()
    later = _Decoded()
    erratum = _Decoded()
    field_lines = _Decoded()

    def decode(self) -> None:
        """Decode the card's text, dates and sources, if not done yet."""
        rest = self.__dict__.get("_rest")
        if rest is None:
            return
        title, summary, as_of, body, sources, later, erratum, field_lines = json.loads(rest)
        self.__dict__.update(
            title=title,
            summary=summary,
            as_of=dt.date.fromisoformat(as_of),
            body=body,
            sources=tuple(_source(source) for source in sources),
            later=tuple(
                LaterEntry(dt.date.fromisoformat(date), text, tuple(_source(s) for s in sources))
                for date, text, sources in later
            ),
            erratum=erratum,
            field_lines=field_lines,
        )
        self.__dict__.pop("_rest", None)


def _card(raw: list, rest: str, file: str) -> Card:
    card_id, kind, aliases, quotes, see_also, case_sensitive, line, alias_lines, index = raw[:9]
    keys, heads, marked = raw[9]
    if not isinstance(rest, str) or not rest.startswith("["):
        raise ValueError("a card's text is not what this reader wrote")
    aliases = tuple(aliases)
    quotes = tuple(QuoteSelector(*quote) for quote in quotes) if quotes else ()
    if len(keys) != len(aliases) or len(heads) != len(aliases):
        raise ValueError("a card's aliases and their keys do not match")
    card = object.__new__(CachedCard)  # not __init__: the text fields come on first use
    card.__dict__.update(
        id=card_id,
        kind=kind,
        aliases=aliases,
        quotes=quotes,
        _link_keys=(aliases, quotes, (tuple(keys), tuple(heads), bool(marked))),
        see_also=tuple(see_also),
        case_sensitive=case_sensitive,
        file=file,
        line=line,
        alias_lines=tuple(alias_lines),
        index=index,
        _rest=rest,
    )
    return card


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
