"""Provides the Markdown exports: a digest of the notes, and the whole article with them.

The digest is what a person pastes into a notes app: title, source and date, then each note in
text order as its passage (a block quote), the note, its tags and colour, then the cards the
notes touch. `with_text` is the whole article, each noted passage in bold with a footnote
(`**passage**[^1]`) and each card's first mention footnoted with the card: bold and footnotes
(GitHub-flavoured) paste into most notes apps, print, and read aloud as plain text.
Text from the article and cards is escaped, so it shows as written and never as markup; notes
are the reader's own words and are kept as written (Markdown in a note stays Markdown).
"""

from __future__ import annotations

import re

from annotations.cards.model import Card
from annotations.interop.export import Export
from annotations.interop.layout import pieces
from annotations.notes.model import Note, Placement
from annotations.text.sanitize import display_text

_SPECIAL = re.compile(r"[\\`*_\[\]<>~|]")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_NOT_FOUND = "Not found in the current text"


def escape(text: str) -> str:
    """Article or card text as Markdown that shows it as it is (inline, one line)."""
    return _SPECIAL.sub(_backslashed, display_text(text))


def _backslashed(match: re.Match) -> str:
    return "\\" + match.group()


def escape_line(text: str) -> str:
    """`escape`, and a line start that would begin a heading, quote or list is escaped too."""
    return _BLOCK_START.sub(r"\1\\\2", escape(text))


def _own_words(text: str) -> str:
    """A note's text: kept as written, control characters shown as symbols."""
    return display_text(text.replace("\r\n", "\n"), keep_newlines=True).strip()


def _header(export: Export) -> list[str]:
    lines = [f"# {escape(export.title)}", ""]
    facts = []
    if export.source:
        facts.append(f"Source: {escape(export.source)}")
    if export.published:
        facts.append(f"Published: {export.published.isoformat()}")
    count = len(export.notes)
    facts.append(
        f"Exported: {export.now.date().isoformat()} · {count} note{'' if count == 1 else 's'}"
    )
    # Two trailing spaces: a line break, so the facts stay on their own lines when rendered.
    lines += [fact + "  " for fact in facts[:-1]] + [facts[-1], ""]
    return lines


def _quote_block(note: Note) -> list[str]:
    lines = note.quote.exact.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [f"> {escape_line(line)}".rstrip() for line in lines]


def _facts(note: Note, cards: list[Card], where: Placement) -> str:
    facts = []
    if note.tags:
        facts.append("Tags: " + " ".join(f"#{escape(tag)}" for tag in note.tags))
    facts.append(f"Colour: {note.color}")
    if cards:
        facts.append("Cards: " + ", ".join(escape(card.title) for card in cards))
    if where.state == "approximate":
        facts.append("placed approximately (the text changed)")
    if note.conflict is not None:
        facts.append("changed in two places: this version shown")
    return " · ".join(facts)


def _note(export: Export, note: Note) -> list[str]:
    where = export.placements[note.id]
    cards = export.cards_at(where.start, where.end) if where.placed else []
    lines = [*_quote_block(note), ""]
    if note.note:
        lines += [_own_words(note.note), ""]
    lines += [f"*{_facts(note, cards, where)}*", ""]
    return lines


def _card(card: Card) -> list[str]:
    lines = [f"### {escape(card.title)}", "", f"*{card.kind}*, as of {card.as_of.isoformat()}", ""]
    lines += [escape_line(card.summary), ""]
    if card.erratum:
        lines += [f"Erratum: {escape(card.erratum)}", ""]
    if card.sources:
        lines += ["Sources:", ""]
        for source in card.sources:
            credit = f" ({escape(source.credit())})" if source.credit() else ""
            lines.append(f"- [{escape(source.title)}](<{source.url}>){credit}")
        lines.append("")
    return lines


def digest(export: Export) -> str:
    """Title, source and date; each note in text order; the cards the notes touch."""
    lines = _header(export)
    placed = export.placed()
    if not export.notes:
        lines += ["No notes yet.", ""]
    if placed:
        lines += ["## Notes", ""]
        for note, _ in placed:
            lines += _note(export, note)
    orphans = export.orphans()
    if orphans:
        lines += [f"## {_NOT_FOUND}", ""]
        for note in orphans:
            lines += _note(export, note)
    cards = export.touched_cards()
    if cards:
        lines += ["## Cards", ""]
        for card in cards:
            lines += _card(card)
    return "\n".join(lines).rstrip("\n") + "\n"


def _footnote_text(note: Note, export: Export) -> str:
    where = export.placements[note.id]
    words = _own_words(note.note).replace("\n", " ") if note.note else "(highlight)"
    return f"{words} — *{_facts(note, [], where)}*"


def _card_footnote(card: Card) -> str:
    text = f"**{escape(card.title)}** ({card.kind}, as of {card.as_of.isoformat()}): "
    text += escape(card.summary)
    if card.sources:
        text += " Sources: " + "; ".join(
            f"[{escape(source.title)}](<{source.url}>)" for source in card.sources
        )
    return text


def _first_mentions(export: Export) -> dict[int, list[str]]:
    """The end of each card's first mention, with the card's footnote label."""
    markers: dict[int, list[str]] = {}
    if export.links is None:
        return markers
    known = {card.id for card in export.cards}
    seen: set[str] = set()
    for mention in export.links.mentions:
        if mention.card_id in known and mention.card_id not in seen:
            seen.add(mention.card_id)
            markers.setdefault(mention.end, []).append(mention.card_id)
    return markers


def _inline(text: str) -> str:
    """A piece of a paragraph as inline Markdown: line ends inside a paragraph become spaces."""
    return escape(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def _paragraph(text: str, row, refs) -> str:
    """One paragraph: each run of noted pieces in bold, its white space kept outside the
    asterisks (CommonMark needs `**` against the words), footnote refs after the words."""
    out: list[str] = []
    run: list[str] = []
    for index, piece in enumerate(row):
        words = _inline(text[piece.start : piece.end])
        after = "".join(refs(piece))
        if not piece.covering:
            out.append(words + after)
            continue
        last = index + 1 == len(row) or not row[index + 1].covering
        core = words.rstrip()
        trail = words[len(core) :]
        if not last:
            run.append(core + after + trail if after else words)
            continue
        run.append(core)
        joined = "".join(run)
        body = joined.lstrip()
        lead = joined[: len(joined) - len(body)]
        out.append(f"{lead}**{body}**{after}{trail}" if body else joined + after + trail)
        run.clear()
    return _BLOCK_START.sub(r"\1\\\2", "".join(out).strip())


def with_text(export: Export) -> str:
    """The whole article, noted passages in bold with footnotes, cards footnoted once."""
    text = export.article.text
    placed = export.placed()
    numbers = {note.id: index for index, (note, _) in enumerate(placed, start=1)}
    spans = [(where.start, where.end, numbers[note.id]) for note, where in placed]
    markers = _first_mentions(export)
    by_id = {card.id: card for card in export.cards}

    def refs(piece) -> list[str]:
        return [f"[^{n}]" for n in piece.ending] + [f"[^{m}]" for m in piece.markers]

    lines = _header(export)
    for row in pieces(export.article.paragraphs, spans, markers):
        paragraph = _paragraph(text, row, refs)
        if paragraph:
            lines += [paragraph, ""]
    orphans = export.orphans()
    if orphans:
        lines += [f"## {_NOT_FOUND}", ""]
        for note in orphans:
            lines += _note(export, note)
    for note, _ in placed:
        lines.append(f"[^{numbers[note.id]}]: {_footnote_text(note, export)}")
    for card_id in dict.fromkeys(label for labels in markers.values() for label in labels):
        lines.append(f"[^{card_id}]: {_card_footnote(by_id[card_id])}")
    return "\n".join(lines).rstrip("\n") + "\n"
